/**
 * Pins collection and database DDL as MongoDB 7.0 answers it: create (idempotent with identical
 * options since 7.0, SERVER-60064), drop, listCollections (shape, name
 * filter, nameOnly), renameCollection (with and without dropTarget, missing source 26), and
 * dropDatabase as seen through listDatabases.
 */
import { expect } from 'chai';
import type { Db, Document, MongoClient } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { expectServerError } from '../helpers/server-error.js';

describe('conformance: collections and databases (DDL)', function () {
  let target: MongoTarget;
  let client: MongoClient;
  let db: Db;

  before(async function () {
    target = await startMongoTarget();
    client = await target.connect();
    db = client.db(target.dbName('ddl'));
  });

  after(async function () {
    await target?.stop();
  });

  async function collectionNames(of: Db = db): Promise<string[]> {
    return (await of.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  }

  describe('create', function () {
    it('creates an empty collection that listCollections then shows', async function () {
      const reply = await db.command({ create: 'created' });

      expect(reply.ok).to.equal(1);
      expect(await collectionNames()).to.include('created');
      expect(await db.collection('created').countDocuments()).to.equal(0);
    });

    it('succeeds again when the collection exists with identical options', async function () {
      await db.command({ create: 'twice' });

      const reply = await db.command({ create: 'twice' });

      expect(reply.ok).to.equal(1);
    });

    it('creates a collection implicitly on first insert', async function () {
      await db.collection<AnyDoc>('implicit').insertOne({ _id: 1 });

      expect(await collectionNames()).to.include('implicit');
    });
  });

  describe('listCollections', function () {
    it('describes a collection with name, type, options, info and idIndex', async function () {
      await db.command({ create: 'described' });

      const [entry] = await db.listCollections({ name: 'described' }).toArray();

      expect(entry?.name).to.equal('described');
      expect(entry?.type).to.equal('collection');
      expect((entry as Document | undefined)?.options).to.deep.equal({});
      expect((entry as Document | undefined)?.info?.readOnly).to.equal(false);
      expect((entry as Document | undefined)?.idIndex).to.deep.equal({ v: 2, key: { _id: 1 }, name: '_id_' });
    });

    it('returns only name and type with nameOnly', async function () {
      await db.command({ create: 'named' });

      const entries = await db.command({ listCollections: 1, nameOnly: true, filter: { name: 'named' } });

      expect(entries.cursor.firstBatch).to.deep.equal([{ name: 'named', type: 'collection' }]);
    });

    it('returns nothing for a filter that matches no collection', async function () {
      expect(await db.listCollections({ name: 'no_such_collection' }).toArray()).to.deep.equal([]);
    });
  });

  describe('drop', function () {
    it('removes the collection with its documents and indexes', async function () {
      const coll = db.collection<AnyDoc>('dropped');
      await coll.insertOne({ _id: 1, a: 1 });
      await coll.createIndex({ a: 1 });

      expect(await coll.drop()).to.equal(true);

      expect(await collectionNames()).to.not.include('dropped');
      expect(await coll.countDocuments()).to.equal(0);
      await coll.insertOne({ _id: 1 });
      expect((await coll.listIndexes().toArray()).map((i) => i.name)).to.deep.equal(['_id_']);
    });
  });

  describe('renameCollection', function () {
    it('moves documents and indexes to the new name', async function () {
      const source = db.collection<AnyDoc>('rename_src');
      await source.insertMany([
        { _id: 1, a: 'x' },
        { _id: 2, a: 'y' },
      ]);
      await source.createIndex({ a: 1 }, { unique: true });

      const renamed = await source.rename('rename_dst');

      expect(renamed.collectionName).to.equal('rename_dst');
      const names = await collectionNames();
      expect(names).to.include('rename_dst');
      expect(names).to.not.include('rename_src');
      expect(await db.collection('rename_dst').countDocuments()).to.equal(2);
      const indexes = await db.collection('rename_dst').listIndexes().toArray();
      expect(indexes.map((i) => i.name).sort()).to.deep.equal(['_id_', 'a_1']);
    });

    it('fails with NamespaceExists (48) when the target exists and dropTarget is not set', async function () {
      await db.collection<AnyDoc>('rn_a').insertOne({ _id: 'a' });
      await db.collection<AnyDoc>('rn_b').insertOne({ _id: 'b' });

      await expectServerError(
        client
          .db('admin')
          .command({ renameCollection: `${db.databaseName}.rn_a`, to: `${db.databaseName}.rn_b` }),
        48,
      );
      expect(await db.collection<AnyDoc>('rn_b').findOne({})).to.deep.equal({ _id: 'b' });
    });

    it('replaces an existing target with dropTarget: true', async function () {
      await db.collection<AnyDoc>('rn_c').insertOne({ _id: 'c' });
      await db.collection<AnyDoc>('rn_d').insertOne({ _id: 'd' });

      await client.db('admin').command({
        renameCollection: `${db.databaseName}.rn_c`,
        to: `${db.databaseName}.rn_d`,
        dropTarget: true,
      });

      expect(await db.collection<AnyDoc>('rn_d').find().toArray()).to.deep.equal([{ _id: 'c' }]);
      expect(await collectionNames()).to.not.include('rn_c');
    });

    it('fails with NamespaceNotFound (26) when the source does not exist', async function () {
      await expectServerError(
        client
          .db('admin')
          .command({ renameCollection: `${db.databaseName}.no_source`, to: `${db.databaseName}.whatever` }),
        26,
      );
    });
  });

  describe('dropDatabase', function () {
    it('removes every collection of the database and its listDatabases entry', async function () {
      const other = client.db(target.dbName('ddl_drop'));
      await other.collection<AnyDoc>('a').insertOne({ _id: 1 });
      await other.collection<AnyDoc>('b').insertOne({ _id: 1 });
      expect(await collectionNames(other)).to.deep.equal(['a', 'b']);

      expect(await other.dropDatabase()).to.equal(true);

      expect(await collectionNames(other)).to.deep.equal([]);
      const listed = await client
        .db('admin')
        .command({ listDatabases: 1, nameOnly: true, filter: { name: other.databaseName } });
      expect(listed.databases).to.deep.equal([]);
    });
  });
});
