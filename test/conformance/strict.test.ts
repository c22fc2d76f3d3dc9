/**
 * Pins strictness: MongoDB 7.0 rejects what it does not know instead of ignoring it. Unknown
 * command → CommandNotFound (59); unknown field of a known command → IDLUnknownField (40415);
 * unknown aggregation stage → 40324; unknown expression operator → InvalidPipelineOperator (168);
 * unknown query operator (top level or on a field) → BadValue (2).
 */
import { expect } from 'chai';
import type { Db, Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';
import { expectServerError } from '../helpers/server-error.js';

describe('conformance: strict mode (unknown commands, options and operators)', function () {
  let target: MongoTarget;
  let db: Db;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('strict'));
    await db.collection<AnyDoc>('c').insertMany([
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
    ]);
  });

  after(async function () {
    await target?.stop();
  });

  describe('unknown command', function () {
    it('fails with CommandNotFound (59)', async function () {
      const error = await expectServerError(db.command({ notARealCommand: 1 }), 59);

      expect(error.codeName).to.equal('CommandNotFound');
    });
  });

  describe('unknown field on a known command', function () {
    it('fails find with IDLUnknownField (40415)', async function () {
      await expectServerError(db.command({ find: 'c', filter: {}, bogusOption: 1 }), 40415);
    });

    it('fails insert with IDLUnknownField (40415) and inserts nothing', async function () {
      await expectServerError(db.command({ insert: 'c', documents: [{ _id: 3 }], bogusOption: true }), 40415);

      expect(await db.collection<AnyDoc>('c').countDocuments()).to.equal(2);
    });

    it('fails create with IDLUnknownField (40415)', async function () {
      await expectServerError(db.command({ create: 'never', unknownOption: 1 }), 40415);
    });
  });

  describe('aggregation', function () {
    it('fails on an unknown stage with 40324', async function () {
      await expectServerError(
        db
          .collection('c')
          .aggregate([{ $bogusStage: {} }])
          .toArray(),
        40324,
      );
    });

    it('fails on an unknown expression operator with InvalidPipelineOperator (168)', async function () {
      await expectServerError(
        db
          .collection('c')
          .aggregate([{ $addFields: { x: { $bogusOp: 1 } } }])
          .toArray(),
        168,
      );
    });

    it('fails on an unknown expression operator inside $expr with InvalidPipelineOperator (168)', async function () {
      await expectServerError(
        db
          .collection('c')
          .find({ $expr: { $bogusOp: ['$a', 1] } })
          .toArray(),
        168,
      );
    });
  });

  describe('query operators', function () {
    it('fails on an unknown top-level operator with BadValue (2)', async function () {
      await expectServerError(
        db
          .collection('c')
          .find({ $bogus: 1 } as Document)
          .toArray(),
        2,
      );
    });

    it('fails on an unknown field operator with BadValue (2)', async function () {
      await expectServerError(
        db
          .collection('c')
          .find({ a: { $bogus: 1 } } as Document)
          .toArray(),
        2,
      );
    });
  });
});
