import { expect } from 'chai';
import { Binary, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { compareValues, keyOf, valuesAtPath } from '../../../src/embedded-mongo/engine/values.js';

describe('compareValues', () => {
  it('orders values across types as MongoDB does', () => {
    const ordered = [
      new MinKey(),
      null,
      1,
      'a',
      { a: 1 },
      [1],
      new Binary(Buffer.from('x')),
      new ObjectId('000000000000000000000001'),
      false,
      new Date(0),
      new Timestamp({ t: 1, i: 1 }),
      /re/,
      new MaxKey(),
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareValues)).to.deep.equal(ordered);
  });

  it('compares numbers by value whatever their BSON type', () => {
    expect(compareValues(1, 1.0)).to.equal(0);
    expect(compareValues(Long.fromNumber(5), 5)).to.equal(0);
    expect(compareValues(Long.fromString('9007199254740993'), Long.fromString('9007199254740992'))).to.equal(
      1,
    );
    expect(compareValues(2, 10)).to.be.below(0);
  });

  it('treats a missing value like null', () => {
    expect(compareValues(undefined, null)).to.equal(0);
  });

  it('compares objects field by field, then by size', () => {
    expect(compareValues({ a: 1 }, { a: 2 })).to.be.below(0);
    expect(compareValues({ a: 1 }, { a: 1, b: 0 })).to.be.below(0);
    expect(compareValues({ a: 1 }, { b: 1 })).to.be.below(0);
  });
});

describe('keyOf', () => {
  it('gives equal keys to equal numbers of different types', () => {
    expect(keyOf(1)).to.equal(keyOf(1.0));
    expect(keyOf(Long.fromNumber(1))).to.equal(keyOf(1));
    expect(keyOf(-0)).to.equal(keyOf(0));
  });

  it('distinguishes a number from the string that spells it', () => {
    expect(keyOf(1)).to.not.equal(keyOf('1'));
  });

  it('keeps field order significant for documents, as _id equality does', () => {
    expect(keyOf({ a: 1, b: 2 })).to.not.equal(keyOf({ b: 2, a: 1 }));
  });

  it('keys ObjectIds by their bytes', () => {
    const id = new ObjectId();
    expect(keyOf(new ObjectId(id.toHexString()))).to.equal(keyOf(id));
  });
});

describe('valuesAtPath', () => {
  it('expands arrays of sub-documents', () => {
    expect(valuesAtPath({ a: [{ b: 1 }, { b: 2 }, { c: 3 }] }, ['a', 'b']).values).to.deep.equal([1, 2]);
  });

  it('reports a path that exists nowhere', () => {
    expect(valuesAtPath({ a: 1 }, ['b'])).to.deep.equal({ values: [], found: false });
  });

  it('indexes into arrays with numeric segments', () => {
    expect(valuesAtPath({ a: [10, 20] }, ['a', '1']).values).to.deep.equal([20]);
  });
});
