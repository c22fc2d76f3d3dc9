/**
 * Pins CRUD results as MongoDB 7.0 returns them through driver 7: insert results and bulk write
 * errors (ordered vs unordered), find options and cursor batching (getMore, killCursors, cursor
 * not found), update semantics (replacement, every operator the app may use, upsert seeding,
 * $setOnInsert, arrayFilters, positional $, no-op counts, error codes 66/9/2), deletes,
 * findOneAndUpdate/Replace/Delete, countDocuments, estimatedDocumentCount and distinct.
 */
import { expect } from 'chai';
import { Long, MongoBulkWriteError, ObjectId, type Collection, type Db, type Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { captureError, expectServerError } from '../helpers/server-error.js';

describe('conformance: CRUD', function () {
  let target: MongoTarget;
  let db: Db;
  let counter = 0;
  /** A fresh, empty collection per test. */
  let coll: Collection<AnyDoc>;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('crud'));
  });

  beforeEach(function () {
    counter += 1;
    coll = db.collection<AnyDoc>(`c${counter}`);
  });

  after(async function () {
    await target?.stop();
  });

  describe('insert', function () {
    it('returns the driver-generated ObjectId when insertOne gets no _id', async function () {
      const result = await coll.insertOne({ name: 'a' });

      expect(result.acknowledged).to.equal(true);
      expect(result.insertedId).to.be.instanceOf(ObjectId);
      const stored = await coll.findOne({});
      expect(String(stored?._id)).to.equal(String(result.insertedId));
    });

    it('returns insertedCount and insertedIds by position for insertMany', async function () {
      const result = await coll.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);

      expect(result.insertedCount).to.equal(3);
      expect(result.insertedIds).to.deep.equal({ 0: 'a', 1: 'b', 2: 'c' });
    });

    it('stops at a duplicate in the middle of an ordered insertMany', async function () {
      const error = await captureError(coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]));

      expect(error).to.be.instanceOf(MongoBulkWriteError);
      const bulk = error as MongoBulkWriteError;
      expect(bulk.code).to.equal(11000);
      expect(bulk.insertedCount).to.equal(2);
      expect(bulk.writeErrors).to.have.lengthOf(1);
      const [first] = bulk.writeErrors as NonNullable<MongoBulkWriteError['writeErrors']>[];
      expect(first).to.include({ index: 2, code: 11000 });
      expect(await ids(coll)).to.deep.equal([1, 2]);
    });

    it('inserts everything else around a duplicate in an unordered insertMany', async function () {
      const error = await captureError(
        coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }], { ordered: false }),
      );

      const bulk = error as MongoBulkWriteError;
      expect(bulk.code).to.equal(11000);
      expect(bulk.insertedCount).to.equal(3);
      expect(bulk.writeErrors).to.have.lengthOf(1);
      const [first] = bulk.writeErrors as NonNullable<MongoBulkWriteError['writeErrors']>[];
      expect(first).to.include({ index: 2, code: 11000 });
      expect(await ids(coll)).to.deep.equal([1, 2, 3]);
    });

    it('reports E11000 with keyPattern and keyValue for a duplicate _id in insertOne', async function () {
      await coll.insertOne({ _id: 'dup' });

      const error = await expectServerError(coll.insertOne({ _id: 'dup' }), 11000);

      expect(error.keyPattern).to.deep.equal({ _id: 1 });
      expect(error.keyValue).to.deep.equal({ _id: 'dup' });
    });
  });

  describe('find', function () {
    beforeEach(async function () {
      await coll.insertMany(
        Array.from({ length: 10 }, (_, i) => ({ _id: i, n: i, group: i % 3, name: `user${i}`, extra: 'x' })),
      );
    });

    it('returns only the fields of an inclusion projection plus _id', async function () {
      const docs = await coll.find({ n: { $gte: 8 } }, { projection: { name: 1 } }).toArray();

      expect(docs).to.deep.equal([
        { _id: 8, name: 'user8' },
        { _id: 9, name: 'user9' },
      ]);
    });

    it('drops the fields of an exclusion projection, including _id when asked', async function () {
      const docs = await coll.find({ _id: 1 }, { projection: { extra: 0, _id: 0 } }).toArray();

      expect(docs).to.deep.equal([{ n: 1, group: 1, name: 'user1' }]);
    });

    it('applies sort, then skip, then limit', async function () {
      const docs = await coll
        .find({}, { sort: { n: -1 }, skip: 2, limit: 3, projection: { n: 1 } })
        .toArray();

      expect(docs).to.deep.equal([
        { _id: 7, n: 7 },
        { _id: 6, n: 6 },
        { _id: 5, n: 5 },
      ]);
    });

    it('sorts on several keys in order', async function () {
      const docs = await coll.find({}, { sort: { group: 1, n: -1 }, projection: { _id: 1 } }).toArray();

      expect(docs.map((d) => d._id)).to.deep.equal([9, 6, 3, 0, 7, 4, 1, 8, 5, 2]);
    });

    it('returns an empty array when nothing matches', async function () {
      expect(await coll.find({ n: 100 }).toArray()).to.deep.equal([]);
    });
  });

  describe('cursors (find, getMore, killCursors)', function () {
    const total = 1050;

    beforeEach(async function () {
      await coll.insertMany(Array.from({ length: total }, (_, i) => ({ _id: i, pad: 'p'.repeat(20) })));
    });

    it('returns every document across batches of 100 through the driver', async function () {
      const docs = await coll.find({}, { batchSize: 100, sort: { _id: 1 } }).toArray();

      expect(docs).to.have.lengthOf(total);
      expect(docs.map((d) => d._id)).to.deep.equal(Array.from({ length: total }, (_, i) => i));
    });

    it('hands out a first batch, then getMore batches, and cursor id 0 with the last one', async function () {
      const first = await db.command(
        { find: coll.collectionName, sort: { _id: 1 }, batchSize: 100 },
        { promoteLongs: false },
      );

      expect(first.ok).to.equal(1);
      expect(first.cursor.ns).to.equal(`${db.databaseName}.${coll.collectionName}`);
      expect(first.cursor.firstBatch).to.have.lengthOf(100);
      expect(first.cursor.id).to.be.instanceOf(Long);
      expect((first.cursor.id as Long).isZero()).to.equal(false);

      const sizes: number[] = [];
      const seen: unknown[] = (first.cursor.firstBatch as Document[]).map((d) => d._id);
      let id = first.cursor.id as Long;
      while (!id.isZero()) {
        const more = await db.command(
          { getMore: id, collection: coll.collectionName, batchSize: 100 },
          { promoteLongs: false },
        );
        expect(more.cursor.ns).to.equal(`${db.databaseName}.${coll.collectionName}`);
        sizes.push((more.cursor.nextBatch as Document[]).length);
        seen.push(...(more.cursor.nextBatch as Document[]).map((d) => d._id));
        id = more.cursor.id as Long;
      }

      expect(sizes).to.deep.equal([100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
      expect(seen).to.deep.equal(Array.from({ length: total }, (_, i) => i));
    });

    it('closes the cursor in the first reply when singleBatch is set', async function () {
      const reply = await db.command(
        { find: coll.collectionName, sort: { _id: 1 }, batchSize: 5, singleBatch: true },
        { promoteLongs: false },
      );

      expect(reply.cursor.firstBatch).to.have.lengthOf(5);
      expect((reply.cursor.id as Long).isZero()).to.equal(true);
    });

    it('closes the cursor once limit documents have been returned', async function () {
      const first = await db.command(
        { find: coll.collectionName, sort: { _id: 1 }, limit: 3, batchSize: 2 },
        { promoteLongs: false },
      );
      expect(first.cursor.firstBatch).to.have.lengthOf(2);

      const more = await db.command(
        { getMore: first.cursor.id as Long, collection: coll.collectionName },
        { promoteLongs: false },
      );

      expect((more.cursor.nextBatch as Document[]).map((d) => d._id)).to.deep.equal([2]);
      expect((more.cursor.id as Long).isZero()).to.equal(true);
    });

    it('returns a single batch for a negative limit through the driver', async function () {
      const docs = await coll.find({}, { sort: { _id: 1 }, limit: -3 }).toArray();

      expect(docs.map((d) => d._id)).to.deep.equal([0, 1, 2]);
    });

    it('kills a cursor with killCursors, after which getMore fails with CursorNotFound (43)', async function () {
      const first = await db.command({ find: coll.collectionName, batchSize: 2 }, { promoteLongs: false });
      const id = first.cursor.id as Long;

      const killed = await db.command(
        { killCursors: coll.collectionName, cursors: [id] },
        { promoteLongs: false },
      );

      expect(killed.ok).to.equal(1);
      expect((killed.cursorsKilled as Long[]).map(String)).to.deep.equal([String(id)]);
      expect(killed.cursorsNotFound).to.deep.equal([]);
      expect(killed.cursorsAlive).to.deep.equal([]);
      expect(killed.cursorsUnknown).to.deep.equal([]);
      await expectServerError(db.command({ getMore: id, collection: coll.collectionName }), 43);
    });

    it('reports an unknown cursor id in cursorsNotFound', async function () {
      const unknown = Long.fromString('1234567890123');

      const reply = await db.command(
        { killCursors: coll.collectionName, cursors: [unknown] },
        { promoteLongs: false },
      );

      expect(reply.cursorsKilled).to.deep.equal([]);
      expect((reply.cursorsNotFound as Long[]).map(String)).to.deep.equal(['1234567890123']);
    });

    it('fails getMore on a cursor id that never existed with CursorNotFound (43)', async function () {
      await expectServerError(
        db.command({ getMore: Long.fromString('987654321987'), collection: coll.collectionName }),
        43,
      );
    });
  });

  describe('update', function () {
    it('replaces the whole document except _id with replaceOne', async function () {
      await coll.insertOne({ _id: 1, a: 1, b: 2 });

      const result = await coll.replaceOne({ _id: 1 }, { c: 3 });

      expect(result).to.deep.include({
        matchedCount: 1,
        modifiedCount: 1,
        upsertedCount: 0,
        upsertedId: null,
      });
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, c: 3 });
    });

    it('applies $set (creating nested paths), $unset and $inc (creating missing fields)', async function () {
      await coll.insertOne({ _id: 1, keep: true, gone: 'x', count: 1 });

      await coll.updateOne(
        { _id: 1 },
        { $set: { 'a.b.c': 'deep' }, $unset: { gone: '' }, $inc: { count: 2, 'stats.views': 5 } },
      );

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({
        _id: 1,
        keep: true,
        count: 3,
        a: { b: { c: 'deep' } },
        stats: { views: 5 },
      });
    });

    it('appends with $push/$each, removes matches with $pull, and adds only new values with $addToSet', async function () {
      await coll.insertOne({ _id: 1, log: ['a'], scores: [1, 5, 7, 3], tags: ['x', 'y'] });

      await coll.updateOne({ _id: 1 }, {
        $push: { log: { $each: ['b', 'c'] } },
        $pull: { scores: { $gte: 5 } },
        $addToSet: { tags: { $each: ['y', 'z', 'z'] } },
      } as Document);

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({
        _id: 1,
        log: ['a', 'b', 'c'],
        scores: [1, 3],
        tags: ['x', 'y', 'z'],
      });
    });

    it('keeps the smaller value with $min and the larger with $max', async function () {
      await coll.insertOne({ _id: 1, low: 5, high: 7, lowKeep: 1, highKeep: 9 });

      await coll.updateOne({ _id: 1 }, { $min: { low: 2, lowKeep: 4 }, $max: { high: 10, highKeep: 3 } });

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({
        _id: 1,
        low: 2,
        high: 10,
        lowKeep: 1,
        highKeep: 9,
      });
    });

    it('moves a field with $rename and multiplies with $mul (a missing field becomes 0)', async function () {
      await coll.insertOne({ _id: 1, old: 'v', price: 2.5 });

      await coll.updateOne({ _id: 1 }, { $rename: { old: 'renamed' }, $mul: { price: 2, missing: 3 } });

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, renamed: 'v', price: 5, missing: 0 });
    });

    it('stores the server time as a Date with $currentDate', async function () {
      await coll.insertOne({ _id: 1 });
      const before = Date.now();

      await coll.updateOne({ _id: 1 }, { $currentDate: { touched: true } });

      const doc = await coll.findOne({ _id: 1 });
      expect(doc?.touched).to.be.instanceOf(Date);
      expect(Math.abs((doc?.touched as Date).getTime() - before)).to.be.below(60_000);
    });

    it('counts a matched document as unmodified when the update changes nothing', async function () {
      await coll.insertOne({ _id: 1, a: 1 });

      const result = await coll.updateOne({ _id: 1 }, { $set: { a: 1 } });

      expect(result).to.deep.include({
        acknowledged: true,
        matchedCount: 1,
        modifiedCount: 0,
        upsertedCount: 0,
      });
    });

    it('reports zero matches when no document matches and upsert is off', async function () {
      const result = await coll.updateOne({ _id: 'none' }, { $set: { a: 1 } });

      expect(result).to.deep.include({
        matchedCount: 0,
        modifiedCount: 0,
        upsertedCount: 0,
        upsertedId: null,
      });
      expect(await coll.countDocuments()).to.equal(0);
    });

    it('updates every match with updateMany', async function () {
      await coll.insertMany([
        { _id: 1, g: 'a', n: 1 },
        { _id: 2, g: 'a', n: 2 },
        { _id: 3, g: 'b', n: 3 },
      ]);

      const result = await coll.updateMany({ g: 'a' }, { $inc: { n: 10 } });

      expect(result).to.deep.include({ matchedCount: 2, modifiedCount: 2 });
      expect(await coll.find({}, { sort: { _id: 1 } }).toArray()).to.deep.equal([
        { _id: 1, g: 'a', n: 11 },
        { _id: 2, g: 'a', n: 12 },
        { _id: 3, g: 'b', n: 3 },
      ]);
    });

    it('updates only the first match with updateOne', async function () {
      await coll.insertMany([
        { _id: 1, g: 'a' },
        { _id: 2, g: 'a' },
      ]);

      const result = await coll.updateOne({ g: 'a' }, { $set: { hit: true } });

      expect(result).to.deep.include({ matchedCount: 1, modifiedCount: 1 });
      expect(await coll.countDocuments({ hit: true })).to.equal(1);
    });

    it('upserts a document seeded from the equality predicates of the filter', async function () {
      const result = await coll.updateOne(
        { email: 'new@example.org', age: { $gt: 5 }, 'profile.lang': 'en' },
        { $set: { name: 'New' }, $setOnInsert: { createdBy: 'signup' } },
        { upsert: true },
      );

      expect(result).to.deep.include({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
      expect(result.upsertedId).to.be.instanceOf(ObjectId);
      const doc = await coll.findOne({});
      expect(String(doc?._id)).to.equal(String(result.upsertedId));
      expect({ ...doc, _id: 'generated' }).to.deep.equal({
        _id: 'generated',
        email: 'new@example.org',
        profile: { lang: 'en' },
        name: 'New',
        createdBy: 'signup',
      });
    });

    it('applies $setOnInsert only when the upsert inserts', async function () {
      const filter = { _id: 'u1' };
      const first = await coll.updateOne(
        filter,
        { $set: { seen: 1 }, $setOnInsert: { createdBy: 'first' } },
        { upsert: true },
      );
      const second = await coll.updateOne(
        filter,
        { $set: { seen: 2 }, $setOnInsert: { createdBy: 'second' } },
        { upsert: true },
      );

      expect(first).to.deep.include({ upsertedCount: 1, upsertedId: 'u1', matchedCount: 0 });
      expect(second).to.deep.include({
        upsertedCount: 0,
        upsertedId: null,
        matchedCount: 1,
        modifiedCount: 1,
      });
      expect(await coll.findOne(filter)).to.deep.equal({ _id: 'u1', seen: 2, createdBy: 'first' });
    });

    it('upserts a replacement document with the _id taken from the filter', async function () {
      const result = await coll.replaceOne({ _id: 'r1' }, { v: 1 }, { upsert: true });

      expect(result).to.deep.include({ upsertedCount: 1, upsertedId: 'r1' });
      expect(await coll.findOne({ _id: 'r1' })).to.deep.equal({ _id: 'r1', v: 1 });
    });

    it('updates only the array elements selected by arrayFilters', async function () {
      await coll.insertOne({
        _id: 1,
        grades: [
          { score: 50, passed: false },
          { score: 70, passed: false },
          { score: 90, passed: false },
        ],
      });

      await coll.updateOne(
        { _id: 1 },
        { $set: { 'grades.$[g].passed': true } },
        { arrayFilters: [{ 'g.score': { $gte: 60 } }] },
      );

      expect((await coll.findOne({ _id: 1 }))?.grades).to.deep.equal([
        { score: 50, passed: false },
        { score: 70, passed: true },
        { score: 90, passed: true },
      ]);
    });

    it('updates the first matched array element with the positional $ operator', async function () {
      await coll.insertOne({
        _id: 1,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 1 },
        ],
      });

      await coll.updateOne({ _id: 1, 'items.sku': 'b' }, { $inc: { 'items.$.qty': 4 } });

      expect((await coll.findOne({ _id: 1 }))?.items).to.deep.equal([
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 5 },
      ]);
    });

    it('computes new values from the document with a pipeline update', async function () {
      await coll.insertOne({ _id: 1, a: 2, b: 3 });

      await coll.updateOne({ _id: 1 }, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, a: 2, total: 5 });
    });

    it('refuses to change _id with $set: ImmutableField (66)', async function () {
      await coll.insertOne({ _id: 1 });

      await expectServerError(coll.updateOne({ _id: 1 }, { $set: { _id: 2 } }), 66);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1 });
    });

    it('refuses a replacement with a different _id: ImmutableField (66)', async function () {
      await coll.insertOne({ _id: 1, a: 1 });

      await expectServerError(coll.replaceOne({ _id: 1 }, { _id: 2, a: 2 }), 66);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, a: 1 });
    });

    it('rejects an unknown update operator: FailedToParse (9)', async function () {
      await coll.insertOne({ _id: 1 });

      await expectServerError(coll.updateOne({ _id: 1 }, { $foo: { a: 1 } } as Document), 9);
    });

    it('rejects an unknown query operator in the filter: BadValue (2)', async function () {
      await coll.insertOne({ _id: 1, a: 1 });

      await expectServerError(coll.find({ a: { $foo: 1 } } as Document).toArray(), 2);
      await expectServerError(coll.updateOne({ a: { $foo: 1 } } as Document, { $set: { b: 1 } }), 2);
    });
  });

  describe('delete', function () {
    beforeEach(async function () {
      await coll.insertMany([
        { _id: 1, g: 'a' },
        { _id: 2, g: 'a' },
        { _id: 3, g: 'b' },
      ]);
    });

    it('removes exactly one matching document with deleteOne', async function () {
      const result = await coll.deleteOne({ g: 'a' });

      expect(result).to.deep.equal({ acknowledged: true, deletedCount: 1 });
      expect(await coll.countDocuments({ g: 'a' })).to.equal(1);
    });

    it('removes every match with deleteMany and reports 0 when nothing matches', async function () {
      expect(await coll.deleteMany({ g: 'a' })).to.deep.equal({ acknowledged: true, deletedCount: 2 });
      expect(await coll.deleteMany({ g: 'zzz' })).to.deep.equal({ acknowledged: true, deletedCount: 0 });
      expect(await ids(coll)).to.deep.equal([3]);
    });
  });

  describe('findOneAndUpdate / findOneAndReplace / findOneAndDelete', function () {
    beforeEach(async function () {
      await coll.insertMany([
        { _id: 1, n: 1, tag: 'x' },
        { _id: 2, n: 2, tag: 'x' },
        { _id: 3, n: 3, tag: 'y' },
      ]);
    });

    it('returns the document as it was before the update by default', async function () {
      const doc = await coll.findOneAndUpdate({ _id: 1 }, { $inc: { n: 10 } });

      expect(doc).to.deep.equal({ _id: 1, n: 1, tag: 'x' });
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, n: 11, tag: 'x' });
    });

    it('returns the updated document with returnDocument after, honouring sort and projection', async function () {
      const doc = await coll.findOneAndUpdate(
        { tag: 'x' },
        { $set: { picked: true } },
        { sort: { n: -1 }, returnDocument: 'after', projection: { _id: 1, picked: 1 } },
      );

      expect(doc).to.deep.equal({ _id: 2, picked: true });
    });

    it('returns the inserted document for an upsert with returnDocument after, and null with before', async function () {
      const after = await coll.findOneAndUpdate(
        { _id: 10 },
        { $set: { n: 10 } },
        { upsert: true, returnDocument: 'after' },
      );
      const before = await coll.findOneAndUpdate(
        { _id: 11 },
        { $set: { n: 11 } },
        { upsert: true, returnDocument: 'before' },
      );

      expect(after).to.deep.equal({ _id: 10, n: 10 });
      expect(before).to.equal(null);
      expect(await coll.findOne({ _id: 11 })).to.deep.equal({ _id: 11, n: 11 });
    });

    it('returns null and changes nothing when no document matches', async function () {
      expect(await coll.findOneAndUpdate({ _id: 99 }, { $set: { a: 1 } })).to.equal(null);
      expect(await coll.countDocuments()).to.equal(3);
    });

    it('exposes lastErrorObject and value with includeResultMetadata', async function () {
      const result = await coll.findOneAndUpdate(
        { _id: 3 },
        { $set: { n: 30 } },
        { returnDocument: 'after', includeResultMetadata: true },
      );

      expect(result.ok).to.equal(1);
      expect(result.value).to.deep.equal({ _id: 3, n: 30, tag: 'y' });
      expect(result.lastErrorObject).to.deep.include({ n: 1, updatedExisting: true });
    });

    it('replaces the first document in sort order with findOneAndReplace', async function () {
      const doc = await coll.findOneAndReplace(
        { tag: 'x' },
        { fresh: true },
        { sort: { n: 1 }, returnDocument: 'after' },
      );

      expect(doc).to.deep.equal({ _id: 1, fresh: true });
    });

    it('deletes and returns the first document in sort order with findOneAndDelete', async function () {
      const doc = await coll.findOneAndDelete({ tag: 'x' }, { sort: { n: -1 }, projection: { n: 1 } });

      expect(doc).to.deep.equal({ _id: 2, n: 2 });
      expect(await ids(coll)).to.deep.equal([1, 3]);
    });
  });

  describe('countDocuments / estimatedDocumentCount', function () {
    beforeEach(async function () {
      await coll.insertMany(Array.from({ length: 7 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    });

    it('counts the documents matching a filter, honouring skip and limit', async function () {
      expect(await coll.countDocuments({ even: true })).to.equal(4);
      expect(await coll.countDocuments({ even: true }, { skip: 1, limit: 2 })).to.equal(2);
      expect(await coll.countDocuments({ even: 'nope' })).to.equal(0);
    });

    it('estimates the collection size from metadata (exact here)', async function () {
      expect(await coll.estimatedDocumentCount()).to.equal(7);
      expect(await db.collection('never_created').estimatedDocumentCount()).to.equal(0);
    });
  });

  describe('distinct', function () {
    beforeEach(async function () {
      await coll.insertMany([
        { _id: 1, kind: 'a', tags: ['red', 'blue'], meta: { size: 'S' } },
        { _id: 2, kind: 'a', tags: ['blue'], meta: { size: 'M' } },
        { _id: 3, kind: 'b', tags: 'green', meta: { size: 'S' } },
        { _id: 4, kind: 'b' },
      ]);
    });

    it('flattens array values and leaves out documents without the field', async function () {
      const values = await coll.distinct('tags');

      expect([...values].sort()).to.deep.equal(['blue', 'green', 'red']);
    });

    it('takes distinct values of nested paths among filtered documents', async function () {
      expect([...(await coll.distinct('meta.size'))].sort()).to.deep.equal(['M', 'S']);
      expect([...(await coll.distinct('tags', { kind: 'a' }))].sort()).to.deep.equal(['blue', 'red']);
    });
  });
});

async function ids(coll: Collection<AnyDoc>): Promise<unknown[]> {
  return (await coll.find({}, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray()).map((d) => d._id);
}
