/**
 * Pins index DDL and enforcement as MongoDB 7.0 does it: createIndexes/listIndexes/dropIndexes
 * reply shapes and generated names, unique single and compound indexes (E11000 with keyPattern and
 * keyValue), a unique build failing on existing duplicates, option conflicts (85 / 86), refusing
 * to drop _id_ (72), unknown index (27), sparse and partial unique indexes, and TTL expiry.
 */
import { expect } from 'chai';
import type { Collection, Db, Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { expectServerError } from '../helpers/server-error.js';

describe('conformance: indexes', function () {
  let target: MongoTarget;
  let db: Db;
  let counter = 0;
  let coll: Collection<AnyDoc>;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('indexes'));
  });

  beforeEach(function () {
    counter += 1;
    coll = db.collection<AnyDoc>(`i${counter}`);
  });

  after(async function () {
    await target?.stop();
  });

  /** listIndexes sorted by name, each spec reduced to the fields MongoDB documents. */
  async function specs(): Promise<Document[]> {
    const list = await coll.listIndexes().toArray();
    return list.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }

  describe('createIndexes', function () {
    it('names indexes after their keys and reports the index counts', async function () {
      await coll.insertOne({ _id: 1 });

      const reply = await db.command({
        createIndexes: coll.collectionName,
        indexes: [{ key: { a: 1, b: -1 }, name: 'a_1_b_-1' }],
      });

      expect(reply.ok).to.equal(1);
      expect(reply.numIndexesBefore).to.equal(1);
      expect(reply.numIndexesAfter).to.equal(2);
      expect(reply.createdCollectionAutomatically).to.equal(false);
      expect(await coll.createIndex({ c: 1, 'd.e': -1 })).to.equal('c_1_d.e_-1');
      expect(await coll.createIndex({ t: 1 }, { unique: true })).to.equal('t_1');
    });

    it('creates the collection when it does not exist yet', async function () {
      const reply = await db.command({
        createIndexes: coll.collectionName,
        indexes: [{ key: { a: 1 }, name: 'a_1' }],
      });

      expect(reply.createdCollectionAutomatically).to.equal(true);
      expect(reply.numIndexesBefore).to.equal(1);
      expect(reply.numIndexesAfter).to.equal(2);
    });

    it('treats an identical index as already existing, without error', async function () {
      await coll.createIndex({ a: 1 }, { unique: true });

      const reply = await db.command({
        createIndexes: coll.collectionName,
        indexes: [{ key: { a: 1 }, name: 'a_1', unique: true }],
      });

      expect(reply.ok).to.equal(1);
      expect(reply.numIndexesBefore).to.equal(2);
      expect(reply.numIndexesAfter).to.equal(2);
    });

    it('rejects the same key under another name: IndexOptionsConflict (85)', async function () {
      await coll.createIndex({ a: 1 }, { name: 'first' });

      await expectServerError(coll.createIndex({ a: 1 }, { name: 'second' }), 85);
    });

    it('rejects another key under an existing name: IndexKeySpecsConflict (86)', async function () {
      await coll.createIndex({ a: 1 }, { name: 'shared' });

      await expectServerError(coll.createIndex({ b: 1 }, { name: 'shared' }), 86);
    });

    it('rejects the same name and key with a different TTL: IndexOptionsConflict (85)', async function () {
      await coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 });

      await expectServerError(coll.createIndex({ at: 1 }, { expireAfterSeconds: 120 }), 85);
    });
  });

  describe('listIndexes', function () {
    it('describes each index with v, key, name and its options', async function () {
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
      await coll.createIndex({ a: 1, b: -1 }, { sparse: true });
      await coll.createIndex({ s: 1 }, { name: 'partial_s', partialFilterExpression: { active: true } });

      expect(await specs()).to.deep.equal([
        { v: 2, key: { _id: 1 }, name: '_id_' },
        { v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1', sparse: true },
        { v: 2, key: { createdAt: 1 }, name: 'createdAt_1', expireAfterSeconds: 3600 },
        { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
        { v: 2, key: { s: 1 }, name: 'partial_s', partialFilterExpression: { active: true } },
      ]);
    });

    it('fails with NamespaceNotFound (26) for a collection that does not exist', async function () {
      await expectServerError(db.command({ listIndexes: 'does_not_exist' }), 26);
    });
  });

  describe('dropIndexes', function () {
    it('drops one index by name and reports how many there were', async function () {
      await coll.createIndex({ a: 1 });
      await coll.createIndex({ b: 1 });

      const reply = await db.command({ dropIndexes: coll.collectionName, index: 'a_1' });

      expect(reply.ok).to.equal(1);
      expect(reply.nIndexesWas).to.equal(3);
      expect((await specs()).map((s) => s.name)).to.deep.equal(['_id_', 'b_1']);
    });

    it('drops an index given by key pattern', async function () {
      await coll.createIndex({ a: 1, b: 1 });

      await db.command({ dropIndexes: coll.collectionName, index: { a: 1, b: 1 } });

      expect((await specs()).map((s) => s.name)).to.deep.equal(['_id_']);
    });

    it("drops every index but _id_ with '*'", async function () {
      await coll.createIndex({ a: 1 });
      await coll.createIndex({ b: 1 });

      await coll.dropIndexes();

      expect((await specs()).map((s) => s.name)).to.deep.equal(['_id_']);
    });

    it('refuses to drop the _id_ index: InvalidOptions (72)', async function () {
      await coll.insertOne({ _id: 1 });

      await expectServerError(coll.dropIndex('_id_'), 72);
    });

    it('fails for an unknown index name: IndexNotFound (27)', async function () {
      await coll.insertOne({ _id: 1 });

      await expectServerError(coll.dropIndex('nope_1'), 27);
    });
  });

  describe('unique indexes', function () {
    it('rejects a duplicate value with E11000, keyPattern and keyValue', async function () {
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, email: 'a@x' });

      const error = await expectServerError(coll.insertOne({ _id: 2, email: 'a@x' }), 11000);

      expect(error.keyPattern).to.deep.equal({ email: 1 });
      expect(error.keyValue).to.deep.equal({ email: 'a@x' });
      expect(await coll.countDocuments()).to.equal(1);
    });

    it('enforces a compound unique index on the combination only', async function () {
      await coll.createIndex({ org: 1, handle: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, org: 'o1', handle: 'h' },
        { _id: 2, org: 'o2', handle: 'h' },
      ]);

      const error = await expectServerError(coll.insertOne({ _id: 3, org: 'o1', handle: 'h' }), 11000);

      expect(error.keyPattern).to.deep.equal({ org: 1, handle: 1 });
      expect(error.keyValue).to.deep.equal({ org: 'o1', handle: 'h' });
    });

    it('rejects an update that would create a duplicate', async function () {
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertMany([
        { _id: 1, email: 'a' },
        { _id: 2, email: 'b' },
      ]);

      const error = await expectServerError(coll.updateOne({ _id: 2 }, { $set: { email: 'a' } }), 11000);

      expect(error.keyValue).to.deep.equal({ email: 'a' });
      expect(await coll.findOne({ _id: 2 })).to.deep.equal({ _id: 2, email: 'b' });
    });

    it('treats a missing field as null, so two documents without it collide', async function () {
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertOne({ _id: 1 });

      const error = await expectServerError(coll.insertOne({ _id: 2 }), 11000);

      expect(error.keyValue).to.deep.equal({ email: null });
    });

    it('indexes each array element, so a shared element collides (multikey unique)', async function () {
      await coll.createIndex({ tags: 1 }, { unique: true });
      await coll.insertOne({ _id: 1, tags: ['a', 'b'] });

      await expectServerError(coll.insertOne({ _id: 2, tags: ['c', 'b'] }), 11000);
      await coll.insertOne({ _id: 3, tags: ['c', 'd'] });
      expect(await coll.countDocuments()).to.equal(2);
    });

    it('fails to build over existing duplicates with E11000 and leaves no index behind', async function () {
      await coll.insertMany([
        { _id: 1, email: 'same' },
        { _id: 2, email: 'same' },
      ]);

      await expectServerError(coll.createIndex({ email: 1 }, { unique: true }), 11000);

      expect((await specs()).map((s) => s.name)).to.deep.equal(['_id_']);
    });

    it('lets a sparse unique index hold many documents without the field', async function () {
      await coll.createIndex({ code: 1 }, { unique: true, sparse: true });

      await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, code: 'x' }]);
      await expectServerError(coll.insertOne({ _id: 4, code: 'x' }), 11000);

      expect(await coll.countDocuments()).to.equal(3);
    });

    it('enforces a partial unique index only on documents matching its filter', async function () {
      await coll.createIndex(
        { email: 1 },
        { unique: true, partialFilterExpression: { status: { $eq: 'active' } } },
      );

      await coll.insertMany([
        { _id: 1, email: 'a', status: 'active' },
        { _id: 2, email: 'a', status: 'deleted' },
        { _id: 3, email: 'a', status: 'deleted' },
      ]);
      await expectServerError(coll.insertOne({ _id: 4, email: 'a', status: 'active' }), 11000);

      expect(await coll.countDocuments()).to.equal(3);
    });
  });

  describe('TTL indexes', function () {
    it('removes documents whose (earliest) date is older than expireAfterSeconds and keeps the rest', async function () {
      this.timeout(target.embedded === null ? 100_000 : 20_000);
      const now = Date.now();
      const hour = 3_600_000;
      await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
      await coll.insertMany([
        { _id: 'old', createdAt: new Date(now - 2 * hour) },
        { _id: 'old-in-array', createdAt: [new Date(now + hour), new Date(now - 2 * hour)] },
        { _id: 'fresh', createdAt: new Date(now) },
        { _id: 'future', createdAt: new Date(now + hour) },
        { _id: 'not-a-date', createdAt: 'yesterday' },
        { _id: 'missing' },
      ]);

      await target.sweepTtl(async () => (await coll.countDocuments()) === 4);

      const left = await coll.find({}, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray();
      expect(left.map((d) => d._id)).to.deep.equal(['fresh', 'future', 'missing', 'not-a-date']);
    });
  });
});
