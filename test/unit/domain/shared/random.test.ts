import { expect } from 'chai';
import { seededRandom, shuffle } from '../../../../src/domain/shared/random.js';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const c = seededRandom(124);
    const take = (r: () => number) => Array.from({ length: 5 }, r);
    const first = take(a);
    expect(first).to.deep.equal(take(b));
    expect(first).to.not.deep.equal(take(c));
  });

  it('stays within [0, 1) and spreads over it', () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 10_000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).to.equal(true);
    const buckets = [0, 0, 0, 0];
    for (const v of values) buckets[Math.floor(v * 4)]! += 1;
    for (const count of buckets) expect(count).to.be.within(2300, 2700);
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const shuffled = shuffle(items, seededRandom(5));
    expect([...shuffled].sort()).to.deep.equal(items);
    expect(items).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });
});
