/**
 * GridFS through the driver's `GridFSBucket` (what submission files use): chunked upload with
 * metadata, the bucket's indexes, full and ranged download, `find` on the files collection,
 * delete (file and chunks), abort (chunks removed), and a missing file reported as such.
 */
import { expect } from 'chai';
import { GridFSBucket, ObjectId, type Db, type MongoClient } from 'mongodb';
import { startMongoTarget, type MongoTarget } from '../helpers/mongo-target.js';

describe('conformance: GridFS (GridFSBucket)', function () {
  let target: MongoTarget;
  let client: MongoClient;
  let db: Db;
  let bucket: GridFSBucket;

  before(async function () {
    target = await startMongoTarget();
    client = await target.connect();
    db = client.db(target.dbName('gridfs'));
    bucket = new GridFSBucket(db, { bucketName: 'files', chunkSizeBytes: 1024 });
  });
  after(async function () {
    await target?.stop();
  });

  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

  async function upload(name: string, data: Buffer): Promise<ObjectId> {
    const stream = bucket.openUploadStream(name, { metadata: { owner: 'team-1' } });
    await new Promise<void>((resolve, reject) => {
      stream.once('finish', () => resolve());
      stream.once('error', reject);
      stream.end(data);
    });
    return stream.id;
  }

  async function read(stream: AsyncIterable<Buffer>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  it('stores a file in chunks with its metadata and creates the bucket indexes', async function () {
    const id = await upload('report.pdf', bytes);
    const chunks = await db.collection('files.chunks').find({ files_id: id }).sort({ n: 1 }).toArray();
    expect(chunks.map((c) => c['n'])).to.deep.equal([0, 1, 2, 3, 4]);
    const [file] = await bucket.find({ _id: id }).toArray();
    expect(file?.length).to.equal(5000);
    expect(file?.chunkSize).to.equal(1024);
    expect(file?.filename).to.equal('report.pdf');
    expect(file?.metadata).to.deep.equal({ owner: 'team-1' });
    const chunkIndexes = await db.collection('files.chunks').listIndexes().toArray();
    expect(chunkIndexes.find((i) => i['name'] === 'files_id_1_n_1')?.['unique']).to.equal(true);
    const fileIndexes = await db.collection('files.files').listIndexes().toArray();
    expect(fileIndexes.map((i) => i['name'])).to.include('filename_1_uploadDate_1');
  });

  it('downloads the whole file and a byte range of it', async function () {
    const id = await upload('data.bin', bytes);
    expect((await read(bucket.openDownloadStream(id))).equals(bytes)).to.equal(true);
    const range = await read(bucket.openDownloadStream(id, { start: 1000, end: 3100 }));
    expect(range.equals(bytes.subarray(1000, 3100))).to.equal(true);
  });

  it('deletes a file with its chunks', async function () {
    const id = await upload('gone.txt', bytes);
    await bucket.delete(id);
    expect(await bucket.find({ _id: id }).toArray()).to.deep.equal([]);
    expect(await db.collection('files.chunks').countDocuments({ files_id: id })).to.equal(0);
  });

  it('removes the chunks already written when an upload is aborted', async function () {
    const stream = bucket.openUploadStream('aborted.bin');
    await new Promise<void>((resolve) => stream.write(Buffer.alloc(3000, 1), () => resolve()));
    await stream.abort();
    expect(await db.collection('files.chunks').countDocuments({ files_id: stream.id })).to.equal(0);
    expect(await bucket.find({ _id: stream.id }).toArray()).to.deep.equal([]);
  });

  it('reports a missing file when downloading or deleting it', async function () {
    const missing = new ObjectId();
    let error: unknown;
    try {
      await read(bucket.openDownloadStream(missing));
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/FileNotFound|not found/i);
    let deleteError: unknown;
    try {
      await bucket.delete(missing);
    } catch (e) {
      deleteError = e;
    }
    expect(String(deleteError)).to.match(/not found/i);
  });
});
