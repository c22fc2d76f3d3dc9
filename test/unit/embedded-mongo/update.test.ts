import { expect } from 'chai';
import { applyUpdate, buildUpsertDocument, upsertSeed } from '../../../src/embedded-mongo/engine/update.js';
import { MongoServerError } from '../../../src/embedded-mongo/engine/errors.js';

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as MongoServerError).code;
  }
  return undefined;
};

describe('applyUpdate', () => {
  it('returns a new document and leaves the stored one untouched', () => {
    const stored = { _id: 1, a: { b: 1 }, tags: ['x'] };
    const next = applyUpdate(stored, { $set: { 'a.b': 2 }, $push: { tags: 'y' } });
    expect(next).to.deep.equal({ _id: 1, a: { b: 2 }, tags: ['x', 'y'] });
    expect(stored).to.deep.equal({ _id: 1, a: { b: 1 }, tags: ['x'] });
  });

  it('returns the same object when nothing changes (a no-op update modifies nothing)', () => {
    const stored = { _id: 1, a: 1 };
    expect(applyUpdate(stored, { $set: { a: 1 } })).to.equal(stored);
  });

  it('keeps _id when replacing the whole document', () => {
    expect(applyUpdate({ _id: 1, a: 1 }, { b: 2 })).to.deep.equal({ _id: 1, b: 2 });
  });

  it('refuses to change _id (code 66)', () => {
    expect(codeOf(() => applyUpdate({ _id: 1 }, { $set: { _id: 2 } }))).to.equal(66);
    expect(codeOf(() => applyUpdate({ _id: 1 }, { _id: 2, a: 1 }))).to.equal(66);
  });

  it('rejects an unknown modifier (code 9)', () => {
    expect(codeOf(() => applyUpdate({ _id: 1 }, { $frobnicate: { a: 1 } }))).to.equal(9);
  });

  it('rejects two operators on the same path (code 40)', () => {
    expect(codeOf(() => applyUpdate({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }))).to.equal(40);
    expect(codeOf(() => applyUpdate({ _id: 1 }, { $set: { a: 1, 'a.b': 2 } }))).to.equal(40);
  });

  it('applies $setOnInsert only when inserting', () => {
    expect(applyUpdate({ _id: 1, a: 1 }, { $setOnInsert: { b: 1 } })).to.deep.equal({ _id: 1, a: 1 });
    expect(applyUpdate({ _id: 1 }, { $setOnInsert: { b: 1 } }, { inserting: true })).to.deep.equal({
      _id: 1,
      b: 1,
    });
  });

  it('updates the array elements selected by arrayFilters', () => {
    const next = applyUpdate(
      {
        _id: 1,
        items: [
          { k: 1, v: 0 },
          { k: 2, v: 0 },
        ],
      },
      { $set: { 'items.$[it].v': 9 } },
      { arrayFilters: [{ 'it.k': 2 }] },
    );
    expect(next.items).to.deep.equal([
      { k: 1, v: 0 },
      { k: 2, v: 9 },
    ]);
  });

  it('supports pipeline-style updates', () => {
    expect(applyUpdate({ _id: 1, a: 2 }, [{ $set: { b: { $multiply: ['$a', 3] } } }])).to.deep.equal({
      _id: 1,
      a: 2,
      b: 6,
    });
  });
});

describe('upsert documents', () => {
  it('seeds from equality predicates, nesting dotted paths', () => {
    expect(upsertSeed({ a: 1, 'b.c': 2, d: { $gt: 3 }, $and: [{ e: { $eq: 4 } }] })).to.deep.equal({
      a: 1,
      b: { c: 2 },
      e: 4,
    });
  });

  it('puts the filter _id first and applies $setOnInsert', () => {
    const doc = buildUpsertDocument(
      { _id: 'x', name: 'n' },
      { $set: { a: 1 }, $setOnInsert: { created: true } },
    );
    expect(doc).to.deep.equal({ _id: 'x', name: 'n', a: 1, created: true });
    expect(Object.keys(doc)[0]).to.equal('_id');
  });
});
