import { expect } from 'chai';
import { Collection } from '../../../src/embedded-mongo/engine/collection.js';
import { planQuery } from '../../../src/embedded-mongo/engine/planner.js';
import { parseSort } from '../../../src/embedded-mongo/engine/query.js';
import { keyOf, type Doc } from '../../../src/embedded-mongo/engine/values.js';

function people(n: number): Collection {
  const c = new Collection('db', 'people');
  c.addIndex({ v: 2, key: { email: 1 }, name: 'email_1', unique: true });
  c.addIndex({ v: 2, key: { team: 1, createdAt: -1 }, name: 'team_1_createdAt_-1' });
  for (let i = 0; i < n; i++) {
    const doc: Doc = {
      _id: i,
      email: `u${i}@x`,
      team: `t${i % 10}`,
      createdAt: new Date(i * 1000),
      n: i % 7,
    };
    c.assertUnique(keyOf(doc._id), doc, true);
    c.put(keyOf(doc._id), doc);
  }
  return c;
}

const run = (c: Collection, filter: Doc, sort?: Doc): { describe: string; docs: Doc[]; ordered: boolean } => {
  const plan = planQuery(c, filter, parseSort(sort));
  return { describe: plan.describe, docs: [...plan.candidates()], ordered: plan.ordered };
};

describe('planQuery', () => {
  const c = people(200);

  it('answers an _id equality from the _id map', () => {
    const r = run(c, { _id: 42 });
    expect(r.describe).to.equal('IDHACK');
    expect(r.docs.map((d) => d.email)).to.deep.equal(['u42@x']);
  });

  it('uses a unique index for equality and touches only the matching document', () => {
    const r = run(c, { email: 'u7@x' });
    expect(r.describe).to.equal('IXSCAN email_1');
    expect(r.docs).to.have.length(1);
  });

  it('uses the equality prefix of a compound index and returns its sort order', () => {
    const r = run(c, { team: 't3' }, { createdAt: -1 });
    expect(r.describe).to.equal('IXSCAN team_1_createdAt_-1');
    expect(r.ordered).to.equal(true);
    const times = r.docs.map((d) => (d.createdAt as Date).getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(r.docs.every((d) => d.team === 't3')).to.equal(true);
    expect(r.docs).to.have.length(20);
  });

  it('scans only the requested range of an index', () => {
    const r = run(c, { email: { $gte: 'u10', $lt: 'u11' } });
    expect(r.describe).to.equal('IXSCAN email_1');
    expect(r.docs.map((d) => d.email)).to.deep.equal([
      'u100@x',
      'u101@x',
      'u102@x',
      'u103@x',
      'u104@x',
      'u105@x',
      'u106@x',
      'u107@x',
      'u108@x',
      'u109@x',
      'u10@x',
    ]);
  });

  it('keeps an open-ended range inside its type bracket', () => {
    const mixed = people(0);
    for (const [i, email] of [
      [1, 'u98'],
      [2, 'u99'],
      [3, true],
      [4, 7],
      [5, new Date(0)],
    ] as const) {
      mixed.put(keyOf(i), { _id: i, email });
    }
    expect(run(mixed, { email: { $gte: 'u99' } }).docs.map((d) => d._id)).to.deep.equal([2]);
    expect(run(mixed, { email: { $lt: 'u99' } }).docs.map((d) => d._id)).to.deep.equal([1, 2]);
  });

  it('walks an index in sort order when no predicate can use one', () => {
    const r = run(c, {}, { email: -1 });
    expect(r.describe).to.equal('IXSCAN email_1 (full)');
    expect(r.ordered).to.equal(true);
    expect(r.docs[0]!.email).to.equal('u9@x');
  });

  it('falls back to a collection scan for predicates no index serves', () => {
    const r = run(c, { n: 3 });
    expect(r.describe).to.equal('COLLSCAN');
    expect(r.docs).to.have.length(200);
  });

  it('answers an _id $in from the document map without building the _id tree, in _id order', () => {
    const fresh = people(50);
    const r = run(fresh, { _id: { $in: [30, 3, 30, 999] } }, { _id: -1 });
    expect(r.docs.map((d) => d._id)).to.deep.equal([30, 3]);
    expect(r.ordered).to.equal(true);
    expect(fresh.idIndex.built).to.equal(false);
  });

  it('looks up every point of an $in', () => {
    const r = run(c, { email: { $in: ['u1@x', 'u2@x', 'missing'] } });
    expect(r.docs.map((d) => d._id).sort()).to.deep.equal([1, 2]);
  });

  describe('tag search shapes ($in prefix, multikey tags, sort + limit)', () => {
    function stories(n: number): Collection {
      const coll = new Collection('db', 'stories');
      coll.addIndex({ v: 2, key: { tenant: 1, reach: 1, terms: 1, at: -1 }, name: 'search' });
      for (let i = 0; i < n; i++) {
        const doc: Doc = {
          _id: i,
          tenant: i % 2 === 0 ? 'A' : 'B',
          reach: ['platform', 'course:1', 'course:2'][i % 3],
          terms: i % 5 === 0 ? ['retro', 'checklist'] : ['checklist'],
          at: new Date(i * 1000),
        };
        coll.assertUnique(keyOf(doc._id), doc, true);
        coll.put(keyOf(doc._id), doc);
      }
      return coll;
    }
    const s = stories(300);
    const expected = (pred: (d: Doc) => boolean): unknown[] =>
      [...s.docs.values()]
        .filter(pred)
        .sort((x, y) => (y.at as Date).getTime() - (x.at as Date).getTime())
        .map((d) => d._id);

    it('merges the ranges of an $in in sort order, so a limit can stop early', () => {
      const r = run(s, { tenant: 'A', reach: { $in: ['platform', 'course:1'] }, terms: 'retro' }, { at: -1 });
      expect(r.describe).to.equal('SORT_MERGE IXSCAN search');
      expect(r.ordered).to.equal(true);
      expect(r.docs.map((d) => d._id)).to.deep.equal(
        expected(
          (d) => d.tenant === 'A' && d.reach !== 'course:2' && (d.terms as string[]).includes('retro'),
        ),
      );
    });

    it('merges backwards when the sort runs against the index direction', () => {
      const r = run(
        s,
        { tenant: 'B', reach: { $in: ['course:2', 'platform'] }, terms: 'checklist' },
        { at: 1 },
      );
      expect(r.describe).to.equal('SORT_MERGE IXSCAN search');
      const ids = expected((d) => d.tenant === 'B' && d.reach !== 'course:1').reverse();
      expect(r.docs.map((d) => d._id)).to.deep.equal(ids);
    });

    it('keeps sort order on a multikey index when the sort field never held an array', () => {
      expect(s.indexes.get('search')!.multikey).to.equal(true);
      const r = run(s, { tenant: 'B', reach: 'platform', terms: 'checklist' }, { at: -1 });
      expect(r.describe).to.equal('IXSCAN search');
      expect(r.ordered).to.equal(true);
    });

    it('scans $all by its first value', () => {
      const r = run(
        s,
        { tenant: 'A', reach: 'course:1', terms: { $all: ['retro', 'checklist'] } },
        { at: -1 },
      );
      expect(r.describe).to.equal('IXSCAN search');
      expect(r.ordered).to.equal(true);
      expect(r.docs.every((d) => (d.terms as string[]).includes('retro'))).to.equal(true);
    });

    it('does not merge when a sort field has several equality points (order would be lost)', () => {
      const r = run(
        s,
        { tenant: 'A', reach: { $in: ['platform', 'course:1'] }, terms: 'retro' },
        { reach: 1 },
      );
      expect(r.ordered).to.equal(false);
    });

    it('gives no order on a field that held an array', () => {
      const r = run(s, { tenant: 'A', reach: 'platform' }, { terms: 1 });
      expect(r.ordered).to.equal(false);
    });
  });
});
