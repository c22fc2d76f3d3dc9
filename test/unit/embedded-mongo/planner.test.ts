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
});
