/**
 * Pins the aggregation stages and accumulators the app may use, with exact outputs as MongoDB 7.0
 * computes them: $match $group ($sum $avg $push $addToSet $first $count) $sort $limit $skip $project
 * $unwind $lookup (localField/foreignField and let/pipeline) $facet $count $addFields, and cursor
 * batching of a large aggregate.
 */
import { expect } from 'chai';
import { Long, type Collection, type Db, type Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';

describe('conformance: aggregate', function () {
  let target: MongoTarget;
  let db: Db;
  let orders: Collection<AnyDoc>;
  let customers: Collection<AnyDoc>;

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('aggregate'));
    orders = db.collection<AnyDoc>('orders');
    customers = db.collection<AnyDoc>('customers');
    await customers.insertMany([
      { _id: 'c1', name: 'Ada', tier: 'gold' },
      { _id: 'c2', name: 'Bo', tier: 'silver' },
      { _id: 'c3', name: 'Cy', tier: 'gold' },
    ]);
    await orders.insertMany([
      { _id: 1, customer: 'c1', item: 'pen', qty: 2, price: 1.5, tags: ['office', 'cheap'] },
      { _id: 2, customer: 'c1', item: 'book', qty: 1, price: 12, tags: ['read'] },
      { _id: 3, customer: 'c2', item: 'pen', qty: 5, price: 1.5, tags: ['office'] },
      { _id: 4, customer: 'c2', item: 'lamp', qty: 1, price: 30, tags: [] },
      { _id: 5, customer: 'c9', item: 'pen', qty: 1, price: 2 },
    ]);
  });

  after(async function () {
    await target?.stop();
  });

  it('filters with $match, groups with accumulators and sorts the groups', async function () {
    const result = await orders
      .aggregate([
        { $match: { qty: { $gte: 1 } } },
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: '$customer',
            orders: { $sum: 1 },
            units: { $sum: '$qty' },
            avgPrice: { $avg: '$price' },
            items: { $push: '$item' },
            distinctItems: { $addToSet: '$item' },
            firstItem: { $first: '$item' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();

    expect(
      result.map((g) => ({ ...g, distinctItems: [...(g.distinctItems as string[])].sort() })),
    ).to.deep.equal([
      {
        _id: 'c1',
        orders: 2,
        units: 3,
        avgPrice: 6.75,
        items: ['pen', 'book'],
        distinctItems: ['book', 'pen'],
        firstItem: 'pen',
      },
      {
        _id: 'c2',
        orders: 2,
        units: 6,
        avgPrice: 15.75,
        items: ['pen', 'lamp'],
        distinctItems: ['lamp', 'pen'],
        firstItem: 'pen',
      },
      {
        _id: 'c9',
        orders: 1,
        units: 1,
        avgPrice: 2,
        items: ['pen'],
        distinctItems: ['pen'],
        firstItem: 'pen',
      },
    ]);
  });

  it('groups everything into one document with _id null', async function () {
    const result = await orders
      .aggregate([{ $group: { _id: null, total: { $sum: { $multiply: ['$qty', '$price'] } } } }])
      .toArray();

    expect(result).to.deep.equal([{ _id: null, total: 3 + 12 + 7.5 + 30 + 2 }]);
  });

  it('pages with $sort, $skip and $limit and reshapes with $project', async function () {
    const result = await orders
      .aggregate([
        { $sort: { price: -1, _id: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $project: { _id: 0, item: 1, total: { $multiply: ['$qty', '$price'] } } },
      ])
      .toArray();

    expect(result).to.deep.equal([
      { item: 'book', total: 12 },
      { item: 'pen', total: 2 },
    ]);
  });

  it('adds computed fields with $addFields and keeps the others', async function () {
    const result = await orders
      .aggregate([
        { $match: { _id: 2 } },
        { $addFields: { total: { $multiply: ['$qty', '$price'] }, qty: 10 } },
      ])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 2, customer: 'c1', item: 'book', qty: 10, price: 12, tags: ['read'], total: 12 },
    ]);
  });

  it('emits one document per array element with $unwind, dropping empty and missing arrays', async function () {
    const result = await orders
      .aggregate([{ $unwind: '$tags' }, { $project: { tags: 1 } }, { $sort: { _id: 1, tags: 1 } }])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 1, tags: 'cheap' },
      { _id: 1, tags: 'office' },
      { _id: 2, tags: 'read' },
      { _id: 3, tags: 'office' },
    ]);
  });

  it('keeps empty and missing arrays with preserveNullAndEmptyArrays and reports the index', async function () {
    const result = await orders
      .aggregate([
        { $match: { _id: { $in: [1, 4, 5] } } },
        { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
        { $project: { tags: 1, i: 1 } },
        { $sort: { _id: 1, i: 1 } },
      ])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 1, tags: 'office', i: 0 },
      { _id: 1, tags: 'cheap', i: 1 },
      { _id: 4, i: null },
      { _id: 5, i: null },
    ]);
  });

  it('joins another collection of the same database with $lookup localField/foreignField', async function () {
    const result = await orders
      .aggregate([
        { $match: { _id: { $in: [1, 5] } } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
        { $project: { who: 1 } },
        { $sort: { _id: 1 } },
      ])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 1, who: [{ _id: 'c1', name: 'Ada', tier: 'gold' }] },
      { _id: 5, who: [] },
    ]);
  });

  it('joins with $lookup let/pipeline, filtering and sorting the joined documents', async function () {
    const result = await customers
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [
              { $match: { $expr: { $eq: ['$customer', '$$cid'] } } },
              { $sort: { price: -1 } },
              { $project: { _id: 0, item: 1 } },
            ],
            as: 'bought',
          },
        },
        { $project: { _id: 1, bought: 1 } },
      ])
      .toArray();

    expect(result).to.deep.equal([
      { _id: 'c1', bought: [{ item: 'book' }, { item: 'pen' }] },
      { _id: 'c2', bought: [{ item: 'lamp' }, { item: 'pen' }] },
      { _id: 'c3', bought: [] },
    ]);
  });

  it('runs several sub-pipelines over the same input with $facet', async function () {
    const result = await orders
      .aggregate([
        {
          $facet: {
            byItem: [{ $group: { _id: '$item', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            expensive: [{ $match: { price: { $gt: 10 } } }, { $count: 'n' }],
            none: [{ $match: { price: { $gt: 1000 } } }, { $count: 'n' }],
          },
        },
      ])
      .toArray();

    expect(result).to.deep.equal([
      {
        byItem: [
          { _id: 'book', n: 1 },
          { _id: 'lamp', n: 1 },
          { _id: 'pen', n: 3 },
        ],
        expensive: [{ n: 2 }],
        none: [],
      },
    ]);
  });

  it('counts the documents reaching $count, and returns nothing when none do', async function () {
    expect(await orders.aggregate([{ $match: { item: 'pen' } }, { $count: 'pens' }]).toArray()).to.deep.equal(
      [{ pens: 3 }],
    );
    expect(
      await orders.aggregate([{ $match: { item: 'none' } }, { $count: 'pens' }]).toArray(),
    ).to.deep.equal([]);
  });

  it('returns an empty result for an empty or missing collection', async function () {
    expect(
      await db
        .collection('missing')
        .aggregate([{ $match: {} }])
        .toArray(),
    ).to.deep.equal([]);
  });

  it('returns a large result in cursor batches (firstBatch then getMore)', async function () {
    const big = db.collection<AnyDoc>('big');
    await big.insertMany(Array.from({ length: 1050 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));

    const all = await big.aggregate([{ $sort: { _id: 1 } }], { batchSize: 100 }).toArray();
    expect(all.map((d) => d._id)).to.deep.equal(Array.from({ length: 1050 }, (_, i) => i));

    const first = await db.command(
      { aggregate: 'big', pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 100 } },
      { promoteLongs: false },
    );
    expect(first.cursor.firstBatch).to.have.lengthOf(100);
    expect(first.cursor.ns).to.equal(`${db.databaseName}.big`);
    expect((first.cursor.id as Long).isZero()).to.equal(false);
    let id = first.cursor.id as Long;
    let count = (first.cursor.firstBatch as Document[]).length;
    while (!id.isZero()) {
      const more = await db.command(
        { getMore: id, collection: 'big', batchSize: 400 },
        { promoteLongs: false },
      );
      count += (more.cursor.nextBatch as Document[]).length;
      id = more.cursor.id as Long;
    }
    expect(count).to.equal(1050);
  });

  it('returns all results in the first batch when the cursor batchSize is not limited', async function () {
    const reply = await db.command(
      { aggregate: 'orders', pipeline: [{ $match: {} }], cursor: {} },
      { promoteLongs: false },
    );

    expect(reply.cursor.firstBatch).to.have.lengthOf(5);
    expect((reply.cursor.id as Long).isZero()).to.equal(true);
  });
});
