/**
 * Pins durability of the embedded server with a data directory (embedded only; pending against
 * MONGODB_URI): documents, collections, indexes (unique and TTL specs) and committed transactions
 * survive stop() + restart while aborted transactions do not; a second server on a data directory
 * in use is refused; and every acknowledged write survives kill -9 of the server process, whose
 * stale lock the next server takes over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { itEmbeddedOnly, startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { captureError, expectServerError } from '../helpers/server-error.js';

const CHILD_SCRIPT = fileURLToPath(new URL('../fixtures/embedded-mongo-child.js', import.meta.url));

describe('conformance: persistence (embedded server with a dbpath)', function () {
  const dirs: string[] = [];

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'embedded-mongo-conformance-'));
    dirs.push(dir);
    return dir;
  }

  after(async function () {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  describe('stop() and restart', function () {
    let target: MongoTarget | undefined;

    afterEach(async function () {
      await target?.stop();
      target = undefined;
    });

    itEmbeddedOnly('keeps documents, collections, indexes and committed transactions', async function () {
      target = await startMongoTarget({ dbpath: await tempDir() });
      const before = await target.connect();
      const db = before.db('persist');
      const users = db.collection<AnyDoc>('users');
      await users.insertMany([
        { _id: 1, email: 'a@x', n: 1 },
        { _id: 2, email: 'b@x', n: 2 },
      ]);
      await users.updateOne({ _id: 2 }, { $inc: { n: 40 } });
      await users.createIndex({ email: 1 }, { unique: true });
      await db.collection<AnyDoc>('nonces').createIndex({ createdAt: 1 }, { expireAfterSeconds: 600 });
      await db.collection<AnyDoc>('gone').insertOne({ _id: 'x' });
      await db.collection('gone').drop();
      await db.collection<AnyDoc>('old_name').insertOne({ _id: 'r' });
      await db.collection('old_name').rename('new_name');
      const committed = before.startSession();
      await committed.withTransaction(async () => {
        await users.insertOne({ _id: 3, email: 'c@x', n: 3 }, { session: committed });
        await users.deleteOne({ _id: 1 }, { session: committed });
      });
      await committed.endSession();
      const aborted = before.startSession();
      aborted.startTransaction();
      await users.insertOne({ _id: 4, email: 'd@x' }, { session: aborted });
      await aborted.abortTransaction();
      await aborted.endSession();

      const restart = target.restart;
      if (restart === undefined) throw new Error('the embedded target has no restart()');
      await restart();
      const after = await target.connect();
      const db2 = after.db('persist');

      expect(
        await db2
          .collection<AnyDoc>('users')
          .find({}, { sort: { _id: 1 } })
          .toArray(),
      ).to.deep.equal([
        { _id: 2, email: 'b@x', n: 42 },
        { _id: 3, email: 'c@x', n: 3 },
      ]);
      const names = (await db2.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      expect(names).to.deep.equal(['new_name', 'nonces', 'users']);
      expect(await db2.collection<AnyDoc>('new_name').find().toArray()).to.deep.equal([{ _id: 'r' }]);
      const userIndexes = await db2.collection('users').listIndexes().toArray();
      expect(userIndexes.find((i) => i.name === 'email_1')).to.deep.equal({
        v: 2,
        key: { email: 1 },
        name: 'email_1',
        unique: true,
      });
      const nonceIndexes = await db2.collection('nonces').listIndexes().toArray();
      expect(nonceIndexes.find((i) => i.name === 'createdAt_1')).to.deep.equal({
        v: 2,
        key: { createdAt: 1 },
        name: 'createdAt_1',
        expireAfterSeconds: 600,
      });
      await expectServerError(db2.collection<AnyDoc>('users').insertOne({ _id: 9, email: 'b@x' }), 11000);
    });

    itEmbeddedOnly('refuses a second server on a data directory that is in use', async function () {
      const dbpath = await tempDir();
      target = await startMongoTarget({ dbpath });

      const error = await captureError(startEmbeddedMongo({ dbpath }));

      expect(error).to.be.instanceOf(Error);
      await target.stop();
      target = undefined;
      const next = await startEmbeddedMongo({ dbpath });
      await next.stop();
    });
  });

  describe('kill -9', function () {
    let child: ChildProcess | undefined;
    let target: MongoTarget | undefined;

    afterEach(async function () {
      if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = undefined;
      await target?.stop();
      target = undefined;
    });

    itEmbeddedOnly('keeps every acknowledged write and takes over the dead process lock', async function () {
      this.timeout(30_000);
      const dbpath = await tempDir();
      const started = await startChild(dbpath);
      child = started.child;
      const writer = new MongoClient(started.uri, { serverSelectionTimeoutMS: 5000 });
      const total = 200;
      try {
        await writer.connect();
        const coll = writer.db('crash').collection<AnyDoc>('acks');
        await coll.createIndex({ seq: 1 }, { unique: true });
        await Promise.all(
          Array.from({ length: 4 }, async (_, worker) => {
            for (let i = worker; i < total; i += 4) await coll.insertOne({ _id: i, seq: i });
          }),
        );
        await coll.updateOne({ _id: 0 }, { $set: { updated: true } });

        const exited = new Promise((resolve) => started.child.once('exit', resolve));
        process.kill(started.pid, 'SIGKILL');
        await exited;
      } finally {
        await writer.close(true);
      }

      target = await startMongoTarget({ dbpath });
      const reader = await target.connect();
      const coll = reader.db('crash').collection<AnyDoc>('acks');

      const ids = (await coll.find({}, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray()).map(
        (d) => d._id,
      );
      expect(ids).to.deep.equal(Array.from({ length: total }, (_, i) => i));
      expect(await coll.findOne({ _id: 0 })).to.deep.equal({ _id: 0, seq: 0, updated: true });
      await expectServerError(coll.insertOne({ _id: 'dup', seq: 5 }), 11000);
    });
  });
});

async function startChild(dbpath: string): Promise<{ child: ChildProcess; uri: string; pid: number }> {
  const child = spawn(process.execPath, [CHILD_SCRIPT, dbpath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = child.stdout;
  if (stdout === null) throw new Error('child has no stdout');
  const lines = createInterface({ input: stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child server did not report its uri in 10 s')), 10_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited early with code ${String(code)}`));
    });
  });
  lines.close();
  const info = JSON.parse(first) as { uri: string; pid: number };
  return { child, uri: info.uri, pid: info.pid };
}
