/**
 * Pins multi-document transactions and retryable writes on a replica-set primary (MongoDB 7.0):
 * isolation until commit, abort discarding everything, reading one's own writes, a stable
 * snapshot, WriteConflict (112, TransientTransactionError) between concurrent transactions and the
 * driver's withTransaction retry, a duplicate key aborting the transaction (commit → 251), and the
 * same through mongoose 9 (`connection.transaction`, explicit sessions).
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Collection, Db, MongoClient } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { captureError, expectServerError } from '../helpers/server-error.js';

describe('conformance: transactions and retryable writes', function () {
  let target: MongoTarget;
  let client: MongoClient;
  let db: Db;
  let counter = 0;
  let coll: Collection<AnyDoc>;

  before(async function () {
    target = await startMongoTarget();
    client = await target.connect();
    db = client.db(target.dbName('txn'));
  });

  beforeEach(async function () {
    counter += 1;
    coll = db.collection<AnyDoc>(`t${counter}`);
    // Collections are created outside the transactions that use them.
    await coll.insertOne({ _id: 'seed', n: 0 });
  });

  after(async function () {
    await target?.stop();
  });

  describe('startTransaction / commitTransaction / abortTransaction', function () {
    it('hides writes from other sessions until commit and shows them after', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        await coll.insertOne({ _id: 'new' }, { session });
        await coll.updateOne({ _id: 'seed' }, { $set: { n: 1 } }, { session });

        expect(await coll.findOne({ _id: 'new' })).to.equal(null);
        expect(await coll.findOne({ _id: 'seed' })).to.deep.equal({ _id: 'seed', n: 0 });

        await session.commitTransaction();

        expect(await coll.findOne({ _id: 'new' })).to.deep.equal({ _id: 'new' });
        expect(await coll.findOne({ _id: 'seed' })).to.deep.equal({ _id: 'seed', n: 1 });
      } finally {
        await session.endSession();
      }
    });

    it('lets the transaction read its own uncommitted writes', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        await coll.insertOne({ _id: 'mine', v: 1 }, { session });
        await coll.deleteOne({ _id: 'seed' }, { session });

        expect(await coll.findOne({ _id: 'mine' }, { session })).to.deep.equal({ _id: 'mine', v: 1 });
        expect(await coll.countDocuments({}, { session })).to.equal(1);
        expect(await coll.countDocuments({})).to.equal(1);
        expect(await coll.findOne({ _id: 'seed' })).to.deep.equal({ _id: 'seed', n: 0 });

        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
    });

    it('discards every write of an aborted transaction', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        await coll.insertMany([{ _id: 'a' }, { _id: 'b' }], { session });
        await coll.updateOne({ _id: 'seed' }, { $inc: { n: 5 } }, { session });

        await session.abortTransaction();
      } finally {
        await session.endSession();
      }

      expect(await coll.find().toArray()).to.deep.equal([{ _id: 'seed', n: 0 }]);
    });

    it('keeps reading the snapshot taken at its first read while others commit', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        expect(await coll.findOne({ _id: 'seed' }, { session })).to.deep.equal({ _id: 'seed', n: 0 });

        await coll.updateOne({ _id: 'seed' }, { $set: { n: 42 } });
        await coll.insertOne({ _id: 'outside' });

        expect(await coll.findOne({ _id: 'seed' }, { session })).to.deep.equal({ _id: 'seed', n: 0 });
        expect(await coll.findOne({ _id: 'outside' }, { session })).to.equal(null);
        await session.commitTransaction();
      } finally {
        await session.endSession();
      }
    });

    it('fails the second of two transactions writing one document with WriteConflict (112)', async function () {
      const first = client.startSession();
      const second = client.startSession();
      try {
        first.startTransaction();
        second.startTransaction();
        await coll.updateOne({ _id: 'seed' }, { $inc: { n: 1 } }, { session: first });

        const error = await expectServerError(
          coll.updateOne({ _id: 'seed' }, { $inc: { n: 10 } }, { session: second }),
          112,
        );

        expect(error.hasErrorLabel?.('TransientTransactionError')).to.equal(true);
        await second.abortTransaction();
        await first.commitTransaction();
        expect(await coll.findOne({ _id: 'seed' })).to.deep.equal({ _id: 'seed', n: 1 });
      } finally {
        await first.endSession();
        await second.endSession();
      }
    });

    it('aborts the transaction on a duplicate key, so commit fails with NoSuchTransaction (251)', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        await coll.insertOne({ _id: 'before-dup' }, { session });

        await expectServerError(coll.insertOne({ _id: 'seed' }, { session }), 11000);

        await expectServerError(session.commitTransaction(), 251);
      } finally {
        await session.endSession();
      }

      expect(await coll.findOne({ _id: 'before-dup' })).to.equal(null);
    });

    it('leaves a document free for other writers after a transaction failed on its key and ended', async function () {
      const session = client.startSession();
      try {
        session.startTransaction();
        await expectServerError(coll.insertOne({ _id: 'seed' }, { session }), 11000);
        await session.abortTransaction().catch(() => undefined);
      } finally {
        await session.endSession();
      }

      const deleted = await coll.deleteOne({ _id: 'seed' });

      expect(deleted.deletedCount).to.equal(1);
      expect(await coll.countDocuments({ _id: 'seed' })).to.equal(0);
    });

    it('serialises concurrent transactions upserting the same new unique key: one inserts, the retries update', async function () {
      await coll.createIndex({ key: 1 }, { unique: true });
      const upsertIn = async (label: string): Promise<void> => {
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            await coll.updateOne(
              { key: 'k' },
              { $setOnInsert: { by: label }, $inc: { hits: 1 } },
              { session, upsert: true },
            );
          });
        } finally {
          await session.endSession();
        }
      };

      await Promise.all([upsertIn('a'), upsertIn('b'), upsertIn('c')]);

      const docs = await coll.find({ key: 'k' }).toArray();
      expect(docs).to.have.length(1);
      expect(docs[0]!.hits).to.equal(3);
    });
  });

  describe('withTransaction', function () {
    it('commits the callback writes and returns its value', async function () {
      const session = client.startSession();
      try {
        const value = await session.withTransaction(async () => {
          await coll.insertOne({ _id: 'wt' }, { session });
          await coll.updateOne({ _id: 'seed' }, { $inc: { n: 1 } }, { session });
          return 'done';
        });

        expect(value).to.equal('done');
      } finally {
        await session.endSession();
      }

      expect(await coll.find({}, { sort: { _id: 1 } }).toArray()).to.deep.equal([
        { _id: 'seed', n: 1 },
        { _id: 'wt' },
      ]);
    });

    it('retries after a WriteConflict and succeeds once the other transaction commits', async function () {
      const blocker = client.startSession();
      const session = client.startSession();
      let attempts = 0;
      try {
        blocker.startTransaction();
        await coll.updateOne({ _id: 'seed' }, { $inc: { n: 1 } }, { session: blocker });

        await session.withTransaction(async () => {
          attempts += 1;
          try {
            await coll.updateOne({ _id: 'seed' }, { $inc: { n: 10 } }, { session });
          } catch (error) {
            if (attempts === 1) await blocker.commitTransaction();
            throw error;
          }
        });
      } finally {
        await blocker.endSession();
        await session.endSession();
      }

      expect(attempts).to.equal(2);
      expect(await coll.findOne({ _id: 'seed' })).to.deep.equal({ _id: 'seed', n: 11 });
    });

    it('aborts and rethrows when the callback throws', async function () {
      const session = client.startSession();
      try {
        const error = await captureError(
          session.withTransaction(async () => {
            await coll.insertOne({ _id: 'never' }, { session });
            throw new Error('callback failed');
          }),
        );
        expect(error.message).to.equal('callback failed');
      } finally {
        await session.endSession();
      }

      expect(await coll.findOne({ _id: 'never' })).to.equal(null);
    });
  });

  describe('retryable writes', function () {
    it('performs writes with the driver default retryWrites: true', async function () {
      const retrying = await target.connect({ retryWrites: true });
      const c = retrying.db(db.databaseName).collection<AnyDoc>(coll.collectionName);

      expect((await c.insertOne({ _id: 'r1' })).insertedId).to.equal('r1');
      expect((await c.updateOne({ _id: 'r1' }, { $set: { v: 1 } })).modifiedCount).to.equal(1);
      expect(
        await c.findOneAndUpdate({ _id: 'r1' }, { $inc: { v: 1 } }, { returnDocument: 'after' }),
      ).to.deep.equal({
        _id: 'r1',
        v: 2,
      });
      expect((await c.insertMany([{ _id: 'r2' }, { _id: 'r3' }])).insertedCount).to.equal(2);
      expect((await c.deleteOne({ _id: 'r2' })).deletedCount).to.equal(1);
      expect(await c.countDocuments()).to.equal(3);
    });

    it('performs writes with retryWrites: false too', async function () {
      const plain = await target.connect({ retryWrites: false });
      const c = plain.db(db.databaseName).collection<AnyDoc>(coll.collectionName);

      expect((await c.insertOne({ _id: 'p1' })).insertedId).to.equal('p1');
      expect((await c.deleteMany({ _id: 'p1' })).deletedCount).to.equal(1);
    });
  });

  describe('mongoose 9', function () {
    let connection: mongoose.Connection;
    let Account: ReturnType<typeof accountModel>;

    before(async function () {
      connection = await mongoose.createConnection(target.uriFor(db.databaseName)).asPromise();
      Account = accountModel(connection);
      await Account.createCollection();
    });

    after(async function () {
      await connection?.close();
    });

    beforeEach(async function () {
      await Account.deleteMany({});
      await Account.create([
        { _id: 'alice', balance: 100 },
        { _id: 'bob', balance: 0 },
      ]);
    });

    it('commits the writes of connection.transaction()', async function () {
      await connection.transaction(async (session) => {
        await Account.updateOne({ _id: 'alice' }, { $inc: { balance: -30 } }, { session });
        await Account.updateOne({ _id: 'bob' }, { $inc: { balance: 30 } }, { session });
      });

      const balances = await Account.find().sort({ _id: 1 }).lean();
      expect(balances).to.deep.equal([
        { _id: 'alice', balance: 70 },
        { _id: 'bob', balance: 30 },
      ]);
    });

    it('rolls back connection.transaction() when the callback throws', async function () {
      const error = await captureError(
        connection.transaction(async (session) => {
          await Account.updateOne({ _id: 'alice' }, { $inc: { balance: -30 } }, { session });
          await Account.create([{ _id: 'carol', balance: 5 }], { session });
          throw new Error('insufficient funds');
        }),
      );

      expect(error.message).to.equal('insufficient funds');
      const balances = await Account.find().sort({ _id: 1 }).lean();
      expect(balances).to.deep.equal([
        { _id: 'alice', balance: 100 },
        { _id: 'bob', balance: 0 },
      ]);
    });

    it('supports an explicit session with startTransaction and commitTransaction', async function () {
      const session = await connection.startSession();
      try {
        session.startTransaction();
        await Account.create([{ _id: 'dave', balance: 1 }], { session });
        expect(await Account.countDocuments({}, { session })).to.equal(3);
        expect(await Account.countDocuments({})).to.equal(2);
        await session.commitTransaction();
      } finally {
        await session.endSession();
      }

      expect(await Account.countDocuments({})).to.equal(3);
    });
  });
});

const accountSchema = new mongoose.Schema({ _id: String, balance: Number }, { versionKey: false });

function accountModel(connection: mongoose.Connection) {
  return connection.model('Account', accountSchema);
}
