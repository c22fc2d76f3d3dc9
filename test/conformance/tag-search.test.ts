/**
 * Pins the query shape of a tag search (what the library uses instead of a text index): a
 * compound index with a multikey tag array, an `$in` over an equality field, `$all` over tags,
 * a range and a sort with a limit. Results must be exactly MongoDB's, and the plan must use the
 * index (no collection scan, no in-memory sort of everything): MongoDB answers this shape with
 * one IXSCAN per `$in` point merged in sort order (SORT_MERGE).
 */
import { expect } from 'chai';
import type { Collection, Db, Document } from 'mongodb';
import { startMongoTarget, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';

/** Every stage name in a (possibly nested) explain plan, and the index names it scans. */
function stagesOf(plan: unknown, out: { stages: string[]; indexes: string[] } = { stages: [], indexes: [] }) {
  if (Array.isArray(plan)) for (const p of plan) stagesOf(p, out);
  else if (plan !== null && typeof plan === 'object') {
    const p = plan as Document;
    if (typeof p.stage === 'string') out.stages.push(p.stage);
    if (typeof p.indexName === 'string') out.indexes.push(p.indexName);
    for (const v of Object.values(p)) if (typeof v === 'object') stagesOf(v, out);
  }
  return out;
}

describe('conformance: tag search on a multikey compound index', function () {
  let target: MongoTarget;
  let db: Db;
  let coll: Collection<AnyDoc>;
  const docs: AnyDoc[] = [];

  before(async function () {
    target = await startMongoTarget();
    const client = await target.connect();
    db = client.db(target.dbName('tagsearch'));
    coll = db.collection<AnyDoc>('stories');
    await coll.createIndex({ tenant: 1, reach: 1, terms: 1, at: -1 }, { name: 'search' });
    for (let i = 0; i < 120; i++) {
      docs.push({
        _id: i,
        tenant: i % 2 === 0 ? 'A' : 'B',
        reach: ['platform', 'course:1', 'course:2'][i % 3],
        terms: i % 4 === 0 ? ['retro', 'checklist', 'retr'] : ['checklist'],
        kind: i % 3 === 0 ? 'success' : 'lesson',
        at: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      });
    }
    await coll.insertMany(docs);
  });

  after(async function () {
    await target?.stop();
  });

  const newestFirst = (pred: (d: AnyDoc) => boolean, limit: number): unknown[] =>
    docs
      .filter(pred)
      .sort((x, y) => (y.at as Date).getTime() - (x.at as Date).getTime())
      .slice(0, limit)
      .map((d) => d._id);

  it('returns the newest matches for $in + tag + sort + limit, through the index', async function () {
    const filter = { tenant: 'A', reach: { $in: ['platform', 'course:1'] }, terms: 'retro' };
    const found = await coll.find(filter).sort({ at: -1 }).limit(5).toArray();
    expect(found.map((d) => d._id)).to.deep.equal(
      newestFirst(
        (d) => d.tenant === 'A' && d.reach !== 'course:2' && (d.terms as string[]).includes('retro'),
        5,
      ),
    );
    const explained = await coll.find(filter).sort({ at: -1 }).limit(5).explain('queryPlanner');
    const { stages, indexes } = stagesOf(explained.queryPlanner);
    expect(indexes).to.include('search');
    expect(stages).to.not.include('COLLSCAN');
    expect(stages).to.not.include('SORT');
  });

  it('answers $all over tags, a date range and a filter on another field exactly', async function () {
    const since = new Date(Date.UTC(2025, 0, 3));
    const filter = {
      tenant: 'A',
      reach: { $in: ['platform', 'course:1', 'course:2'] },
      terms: { $all: ['retro', 'checklist'] },
      kind: 'success',
      at: { $gte: since },
    };
    const found = await coll.find(filter).sort({ at: -1 }).limit(50).toArray();
    expect(found.map((d) => d._id)).to.deep.equal(
      newestFirst(
        (d) =>
          d.tenant === 'A' &&
          (d.terms as string[]).includes('retro') &&
          d.kind === 'success' &&
          (d.at as Date) >= since,
        50,
      ),
    );
    const explained = await coll.find(filter).sort({ at: -1 }).limit(50).explain('queryPlanner');
    expect(stagesOf(explained.queryPlanner).indexes).to.include('search');
  });

  it('returns each document once when several of its tags match an $in', async function () {
    const found = await coll
      .find({ tenant: 'A', reach: 'platform', terms: { $in: ['retro', 'retr', 'checklist'] } })
      .sort({ at: -1 })
      .toArray();
    const ids = found.map((d) => d._id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.deep.equal(newestFirst((d) => d.tenant === 'A' && d.reach === 'platform', 1000));
  });
});
