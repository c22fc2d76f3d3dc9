/**
 * Pins the query language as MongoDB 7.0 evaluates it: null vs missing, nested and array paths
 * (multikey), $elemMatch vs independent conditions, $in/$nin, $exists, $type, $regex with
 * options, $expr, type bracketing of comparisons across mixed types, and the BSON sort order of
 * mixed types (including arrays, which sort by their smallest/largest element).
 */
import { expect } from 'chai';
import { Decimal128, Long, MaxKey, MinKey, ObjectId, type Collection, type Db, type Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';

describe('conformance: query semantics', function () {
  let target: MongoTarget;
  let db: Db;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('query'));
  });

  after(async function () {
    await target?.stop();
  });

  /** Ids of the documents of `coll` matching `filter`, ascending. */
  async function matching(coll: Collection<AnyDoc>, filter: Document): Promise<unknown[]> {
    return (await coll.find(filter, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray()).map(
      (d) => d._id,
    );
  }

  describe('null and missing fields', function () {
    let coll: Collection<AnyDoc>;

    before(async function () {
      coll = db.collection<AnyDoc>('nulls');
      await coll.insertMany([
        { _id: 1, a: null },
        { _id: 2 },
        { _id: 3, a: 0 },
        { _id: 4, a: [1, null] },
        { _id: 5, a: '' },
      ]);
    });

    it('matches null and missing fields (and arrays holding null) with { a: null }', async function () {
      expect(await matching(coll, { a: null })).to.deep.equal([1, 2, 4]);
    });

    it('excludes null and missing fields with { a: { $ne: null } }', async function () {
      expect(await matching(coll, { a: { $ne: null } })).to.deep.equal([3, 5]);
    });

    it('tells missing from null with $exists and $type', async function () {
      expect(await matching(coll, { a: { $exists: false } })).to.deep.equal([2]);
      expect(await matching(coll, { a: { $exists: true } })).to.deep.equal([1, 3, 4, 5]);
      expect(await matching(coll, { a: { $type: 'null' } })).to.deep.equal([1, 4]);
    });
  });

  describe('nested paths and arrays', function () {
    let coll: Collection<AnyDoc>;

    before(async function () {
      coll = db.collection<AnyDoc>('paths');
      await coll.insertMany([
        { _id: 1, a: { b: 1 } },
        { _id: 2, a: [{ b: 2 }, { b: 1 }] },
        { _id: 3, a: { b: [3, 1] } },
        { _id: 4, a: { c: 1 } },
        { _id: 5, tags: ['x', 'y'], nums: [5, 15] },
        { _id: 6, tags: ['y'], nums: [10] },
        { _id: 7, tags: [['x', 'y']] },
      ]);
    });

    it('matches a dotted path through embedded documents and arrays of documents', async function () {
      expect(await matching(coll, { 'a.b': 1 })).to.deep.equal([1, 2, 3]);
    });

    it('matches an array index in a dotted path', async function () {
      expect(await matching(coll, { 'a.0.b': 2 })).to.deep.equal([2]);
      expect(await matching(coll, { 'nums.1': 15 })).to.deep.equal([5]);
    });

    it('matches a scalar against any element of an array field', async function () {
      expect(await matching(coll, { tags: 'x' })).to.deep.equal([5]);
    });

    it('matches an array value exactly, in order, against the whole array or a nested one', async function () {
      expect(await matching(coll, { tags: ['x', 'y'] })).to.deep.equal([5, 7]);
      expect(await matching(coll, { tags: ['y', 'x'] })).to.deep.equal([]);
    });

    it('lets different elements satisfy different range conditions without $elemMatch', async function () {
      expect(await matching(coll, { nums: { $gt: 8, $lt: 12 } })).to.deep.equal([5, 6]);
    });

    it('requires one element to satisfy all conditions with $elemMatch', async function () {
      expect(await matching(coll, { nums: { $elemMatch: { $gt: 8, $lt: 12 } } })).to.deep.equal([6]);
      expect(await matching(coll, { a: { $elemMatch: { b: 2 } } })).to.deep.equal([2]);
    });

    it('matches arrays by length with $size and by content with $all', async function () {
      expect(await matching(coll, { tags: { $size: 2 } })).to.deep.equal([5]);
      expect(await matching(coll, { tags: { $all: ['y', 'x'] } })).to.deep.equal([5]);
    });
  });

  describe('$in / $nin / $exists / $type', function () {
    let coll: Collection<AnyDoc>;

    before(async function () {
      coll = db.collection<AnyDoc>('sets');
      await coll.insertMany([
        { _id: 1, v: 1 },
        { _id: 2, v: 'one' },
        { _id: 3, v: [1, 2] },
        { _id: 4 },
        { _id: 5, v: 2.5 },
        { _id: 6, v: Long.fromNumber(7) },
        { _id: 7, v: { x: 1 } },
        { _id: 8, v: 'Two' },
      ]);
    });

    it('matches any listed value with $in, including array elements and regexes', async function () {
      expect(await matching(coll, { v: { $in: [1, 'one'] } })).to.deep.equal([1, 2, 3]);
      expect(await matching(coll, { v: { $in: [/^t/i] } })).to.deep.equal([8]);
    });

    it('matches documents lacking the field with $nin', async function () {
      expect(await matching(coll, { v: { $nin: [1, 'one'] } })).to.deep.equal([4, 5, 6, 7, 8]);
    });

    it('selects by BSON type with $type names, numbers and the number alias', async function () {
      expect(await matching(coll, { v: { $type: 'string' } })).to.deep.equal([2, 8]);
      expect(await matching(coll, { v: { $type: 'number' } })).to.deep.equal([1, 3, 5, 6]);
      expect(await matching(coll, { v: { $type: 'double' } })).to.deep.equal([5]);
      expect(await matching(coll, { v: { $type: 'long' } })).to.deep.equal([6]);
      expect(await matching(coll, { v: { $type: 16 } })).to.deep.equal([1, 3]);
      expect(await matching(coll, { v: { $type: 'array' } })).to.deep.equal([3]);
      expect(await matching(coll, { v: { $type: 'object' } })).to.deep.equal([7]);
    });
  });

  describe('$regex', function () {
    let coll: Collection<AnyDoc>;

    before(async function () {
      coll = db.collection<AnyDoc>('regex');
      await coll.insertMany([
        { _id: 1, s: 'Alice' },
        { _id: 2, s: 'alice\nbob' },
        { _id: 3, s: 'Bob' },
        { _id: 4, s: ['xa', 'ALBERT'] },
      ]);
    });

    it('is case-sensitive unless the i option is given', async function () {
      expect(await matching(coll, { s: { $regex: '^al' } })).to.deep.equal([2]);
      expect(await matching(coll, { s: { $regex: '^al', $options: 'i' } })).to.deep.equal([1, 2, 4]);
      expect(await matching(coll, { s: /^AL/i })).to.deep.equal([1, 2, 4]);
    });

    it('anchors ^ and $ at line breaks with the m option', async function () {
      expect(await matching(coll, { s: { $regex: '^bob$' } })).to.deep.equal([]);
      expect(await matching(coll, { s: { $regex: '^bob$', $options: 'm' } })).to.deep.equal([2]);
    });
  });

  describe('$expr', function () {
    it('compares two fields of the same document', async function () {
      const coll = db.collection<AnyDoc>('expr');
      await coll.insertMany([
        { _id: 1, spent: 120, budget: 100 },
        { _id: 2, spent: 80, budget: 100 },
        { _id: 3, spent: 100, budget: 100 },
      ]);

      expect(await matching(coll, { $expr: { $gt: ['$spent', '$budget'] } })).to.deep.equal([1]);
      expect(
        await matching(coll, { $expr: { $eq: [{ $subtract: ['$budget', '$spent'] }, 20] } }),
      ).to.deep.equal([2]);
    });
  });

  describe('comparisons across types (type bracketing)', function () {
    let coll: Collection<AnyDoc>;

    before(async function () {
      coll = db.collection<AnyDoc>('brackets');
      await coll.insertMany([
        { _id: 1, v: 5 },
        { _id: 2, v: '10' },
        { _id: 3, v: 20 },
        { _id: 4, v: Long.fromNumber(30) },
        { _id: 5, v: Decimal128.fromString('7.5') },
        { _id: 6, v: new Date('2024-01-01T00:00:00Z') },
        { _id: 7, v: true },
        { _id: 8, v: null },
        { _id: 9 },
        { _id: 10, v: 'abc' },
      ]);
    });

    it('compares numbers of every numeric type by value and ignores other types', async function () {
      expect(await matching(coll, { v: { $gt: 6 } })).to.deep.equal([3, 4, 5]);
      expect(await matching(coll, { v: { $lte: 7.5 } })).to.deep.equal([1, 5]);
    });

    it('compares strings only with strings', async function () {
      expect(await matching(coll, { v: { $gte: '' } })).to.deep.equal([2, 10]);
      expect(await matching(coll, { v: { $lt: 'b' } })).to.deep.equal([2, 10]);
    });

    it('compares dates only with dates', async function () {
      expect(await matching(coll, { v: { $gt: new Date(0) } })).to.deep.equal([6]);
    });

    it('matches null and missing fields with $gte null and $lte null', async function () {
      expect(await matching(coll, { v: { $gte: null } })).to.deep.equal([8, 9]);
      expect(await matching(coll, { v: { $lte: null } })).to.deep.equal([8, 9]);
    });

    it('treats 5, 5.0, Long 5 and Decimal 5 as equal', async function () {
      expect(await matching(coll, { v: 5.0 })).to.deep.equal([1]);
      expect(await matching(coll, { v: Long.fromNumber(5) })).to.deep.equal([1]);
      expect(await matching(coll, { v: Decimal128.fromString('5') })).to.deep.equal([1]);
      expect(await matching(coll, { v: { $in: [Decimal128.fromString('20.0')] } })).to.deep.equal([3]);
    });
  });

  describe('sort order of mixed BSON types', function () {
    it('orders MinKey < null/missing < numbers < strings < objects < arrays < ObjectId < booleans < dates < MaxKey', async function () {
      const coll = db.collection<AnyDoc>('order');
      await coll.insertMany([
        { _id: 1, v: new MaxKey() },
        { _id: 2, v: new Date('2020-01-01T00:00:00Z') },
        { _id: 3, v: true },
        { _id: 4, v: new ObjectId('650000000000000000000000') },
        { _id: 5, v: { a: 1 } },
        { _id: 6, v: 'b' },
        { _id: 7, v: 'a' },
        { _id: 8, v: 10 },
        { _id: 9, v: Long.fromNumber(2) },
        { _id: 10, v: 2.5 },
        { _id: 11, v: null },
        { _id: 12 },
        { _id: 13, v: new MinKey() },
        { _id: 14, v: false },
        { _id: 15, v: Decimal128.fromString('-1') },
        { _id: 16, v: { a: 0, b: 5 } },
      ]);

      const asc = await coll.find({}, { sort: { v: 1, _id: 1 }, projection: { _id: 1 } }).toArray();
      const desc = await coll.find({}, { sort: { v: -1, _id: 1 }, projection: { _id: 1 } }).toArray();

      expect(asc.map((d) => d._id)).to.deep.equal([13, 11, 12, 15, 9, 10, 8, 7, 6, 16, 5, 4, 14, 3, 2, 1]);
      expect(desc.map((d) => d._id)).to.deep.equal([1, 2, 3, 14, 4, 5, 16, 6, 7, 8, 10, 9, 15, 11, 12, 13]);
    });

    it('sorts an array by its smallest element ascending and its largest descending', async function () {
      const coll = db.collection<AnyDoc>('arraysort');
      await coll.insertMany([
        { _id: 'a', v: [5, 1] },
        { _id: 'b', v: 3 },
        { _id: 'c', v: [2, 9] },
        { _id: 'd', v: 4 },
      ]);

      const asc = await coll.find({}, { sort: { v: 1 } }).toArray();
      const desc = await coll.find({}, { sort: { v: -1 } }).toArray();

      expect(asc.map((d) => d._id)).to.deep.equal(['a', 'c', 'b', 'd']);
      expect(desc.map((d) => d._id)).to.deep.equal(['c', 'a', 'd', 'b']);
    });

    it('compares strings by code point (simple collation), not by locale', async function () {
      const coll = db.collection<AnyDoc>('strings');
      await coll.insertMany([
        { _id: 1, s: 'b' },
        { _id: 2, s: 'B' },
        { _id: 3, s: 'a' },
        { _id: 4, s: 'é' },
        { _id: 5, s: 'Z' },
      ]);

      const docs = await coll.find({}, { sort: { s: 1 } }).toArray();

      expect(docs.map((d) => d.s)).to.deep.equal(['B', 'Z', 'a', 'b', 'é']);
    });
  });
});
