/**
 * Pins BSON type fidelity through a store-and-read round trip (MongoDB 7.0 keeps the exact BSON
 * type): int32, int64 (Long / bigint), double (5.0 stays a Double), Decimal128 (value and
 * comparisons), Date, ObjectId, Binary/UUID, regex, null, MinKey/MaxKey, _id moved first, key order
 * of nested documents, and numeric type promotion by $inc.
 */
import { expect } from 'chai';
import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  UUID,
  type Collection,
  type Db,
} from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';

describe('conformance: BSON types', function () {
  let target: MongoTarget;
  let db: Db;
  let coll: Collection<AnyDoc>;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('types'));
    coll = db.collection<AnyDoc>('types');
  });

  after(async function () {
    await target?.stop();
  });

  async function raw(id: string): Promise<AnyDoc | null> {
    return await coll.findOne({ _id: id }, { promoteValues: false, promoteLongs: false });
  }

  it('keeps an int32 an Int32', async function () {
    await coll.insertOne({ _id: 'int32', v: new Int32(5), js: 7 });

    const doc = await raw('int32');

    expect(doc?.v).to.be.instanceOf(Int32);
    expect((doc?.v as Int32).value).to.equal(5);
    expect(doc?.js).to.be.instanceOf(Int32);
  });

  it('keeps an int64 a Long, also above 2^53 and below 2^31', async function () {
    const big = Long.fromString('9007199254740993');
    await coll.insertOne({ _id: 'int64', big, small: Long.fromNumber(42) });

    const doc = await raw('int64');

    expect(doc?.big).to.be.instanceOf(Long);
    expect((doc?.big as Long).toString()).to.equal('9007199254740993');
    expect(doc?.small).to.be.instanceOf(Long);
    expect((doc?.small as Long).toNumber()).to.equal(42);
  });

  it('returns an int64 as bigint with useBigInt64', async function () {
    await coll.insertOne({ _id: 'bigint', v: Long.fromString('-9223372036854775808') });

    const doc = await coll.findOne({ _id: 'bigint' }, { useBigInt64: true });

    expect(doc?.v).to.equal(-9223372036854775808n);
  });

  it('keeps a double a Double even when its value is integral (5.0)', async function () {
    await coll.insertOne({ _id: 'double', whole: new Double(5), frac: 2.5 });

    const doc = await raw('double');

    expect(doc?.whole).to.be.instanceOf(Double);
    expect((doc?.whole as Double).value).to.equal(5);
    expect(doc?.frac).to.be.instanceOf(Double);
    expect((doc?.frac as Double).value).to.equal(2.5);
  });

  it('keeps a Decimal128 exact and compares it numerically', async function () {
    await coll.insertMany([
      { _id: 'dec-a', group: 'dec', v: Decimal128.fromString('9.25') },
      { _id: 'dec-b', group: 'dec', v: Decimal128.fromString('10.10') },
      { _id: 'dec-c', group: 'dec', v: Decimal128.fromString('0.1') },
    ]);

    const doc = await coll.findOne({ _id: 'dec-b' });
    const above = await coll.find({ group: 'dec', v: { $gt: Decimal128.fromString('9.5') } }).toArray();
    const sorted = await coll.find({ group: 'dec' }, { sort: { v: 1 } }).toArray();

    expect(doc?.v).to.be.instanceOf(Decimal128);
    expect((doc?.v as Decimal128).toString()).to.equal('10.10');
    expect(above.map((d) => d._id)).to.deep.equal(['dec-b']);
    expect(sorted.map((d) => d._id)).to.deep.equal(['dec-c', 'dec-a', 'dec-b']);
  });

  it('keeps Date (millisecond precision), ObjectId, booleans, null, regex, MinKey and MaxKey', async function () {
    const at = new Date('2026-11-27T10:11:12.345Z');
    const oid = new ObjectId();
    await coll.insertOne({
      _id: 'misc',
      at,
      oid,
      yes: true,
      no: false,
      nothing: null,
      re: new BSONRegExp('^a.c$', 'i'),
      min: new MinKey(),
      max: new MaxKey(),
    });

    const doc = await coll.findOne({ _id: 'misc' }, { bsonRegExp: true });

    expect(doc?.at).to.be.instanceOf(Date);
    expect((doc?.at as Date).toISOString()).to.equal('2026-11-27T10:11:12.345Z');
    expect(doc?.oid).to.be.instanceOf(ObjectId);
    expect((doc?.oid as ObjectId).equals(oid)).to.equal(true);
    expect(doc?.yes).to.equal(true);
    expect(doc?.no).to.equal(false);
    expect(doc?.nothing).to.equal(null);
    expect(doc?.re).to.be.instanceOf(BSONRegExp);
    expect((doc?.re as BSONRegExp).pattern).to.equal('^a.c$');
    expect((doc?.re as BSONRegExp).options).to.equal('i');
    expect(doc?.min).to.be.instanceOf(MinKey);
    expect(doc?.max).to.be.instanceOf(MaxKey);
  });

  it('keeps binary data with its subtype, including UUIDs (subtype 4)', async function () {
    const uuid = new UUID('0f8fad5b-d9cb-469f-a165-70867728950e');
    await coll.insertOne({ _id: 'bin', data: new Binary(Buffer.from([0, 1, 2, 255])), uuid });

    const doc = await coll.findOne({ _id: 'bin' });
    const byUuid = await coll.findOne({ uuid: new UUID('0f8fad5b-d9cb-469f-a165-70867728950e') });

    expect(doc?.data).to.be.instanceOf(Binary);
    expect((doc?.data as Binary).sub_type).to.equal(0);
    expect(Buffer.from((doc?.data as Binary).buffer).toString('hex')).to.equal('000102ff');
    expect(doc?.uuid).to.be.instanceOf(Binary);
    expect((doc?.uuid as Binary).sub_type).to.equal(4);
    expect((doc?.uuid as Binary).toUUID().toHexString()).to.equal('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(byUuid?._id).to.equal('bin');
  });

  it('stores _id first and keeps the field order of nested documents and arrays', async function () {
    await coll.insertOne({
      z: 1,
      a: { y: 1, b: { d: 1, c: 2 } },
      m: [{ q: 1, c: 2 }],
      _id: 'order',
    });

    const doc = await coll.findOne({ _id: 'order' });

    expect(Object.keys(doc ?? {})).to.deep.equal(['_id', 'z', 'a', 'm']);
    expect(Object.keys((doc?.a as AnyDoc) ?? {})).to.deep.equal(['y', 'b']);
    expect(Object.keys(((doc?.a as AnyDoc).b as AnyDoc) ?? {})).to.deep.equal(['d', 'c']);
    expect(Object.keys((doc?.m as AnyDoc[])[0] ?? {})).to.deep.equal(['q', 'c']);
  });

  it('keeps existing field positions and appends new fields on $set', async function () {
    await coll.insertOne({ _id: 'set-order', b: 1, a: 1 });

    await coll.updateOne({ _id: 'set-order' }, { $set: { a: 2, c: 3 } });

    expect(Object.keys((await coll.findOne({ _id: 'set-order' })) ?? {})).to.deep.equal([
      '_id',
      'b',
      'a',
      'c',
    ]);
  });

  it('promotes an int32 that overflows under $inc to an int64, and int32 + double to a double', async function () {
    await coll.insertOne({ _id: 'inc', i: new Int32(2147483647), d: new Int32(1) });

    await coll.updateOne({ _id: 'inc' }, { $inc: { i: 1, d: 0.5 } });

    const doc = await raw('inc');
    expect(doc?.i).to.be.instanceOf(Long);
    expect((doc?.i as Long).toString()).to.equal('2147483648');
    expect(doc?.d).to.be.instanceOf(Double);
    expect((doc?.d as Double).value).to.equal(1.5);
  });

  it('round-trips a 1 MB string and non-ASCII text unchanged', async function () {
    const big = 'x'.repeat(1024 * 1024);
    const text = 'Grüße, 世界 🌍';
    await coll.insertOne({ _id: 'strings', big, text });

    const doc = await coll.findOne({ _id: 'strings' });

    expect((doc?.big as string).length).to.equal(big.length);
    expect(doc?.big === big).to.equal(true);
    expect(doc?.text).to.equal(text);
  });
});
