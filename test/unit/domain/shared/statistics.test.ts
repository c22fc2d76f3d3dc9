import { expect } from 'chai';
import {
  interquartileRange,
  mean,
  populationStandardDeviation,
  quantile,
} from '../../../../src/domain/shared/statistics.js';

describe('mean', () => {
  it('averages the values and refuses none', () => {
    expect(mean([60, 50, 70])).to.equal(60);
    expect(() => mean([])).to.throw(RangeError);
  });
});

describe('populationStandardDeviation', () => {
  it('divides by n: 40 30 20 10 → √125', () => {
    // mean 25, squared deviations 225 25 25 225, sum 500, /4 = 125
    expect(populationStandardDeviation([40, 30, 20, 10])).to.be.closeTo(Math.sqrt(125), 1e-12);
  });

  it('is 0 for one value or equal values', () => {
    expect(populationStandardDeviation([42])).to.equal(0);
    expect(populationStandardDeviation([30, 30, 30])).to.equal(0);
  });
});

describe('quantile', () => {
  it('interpolates between closest ranks (type 7)', () => {
    // sorted 10 20 30 40; p = 0.25 → h = 0.75 → 10 + 0.75·10
    expect(quantile([40, 10, 30, 20], 0.25)).to.equal(17.5);
    expect(quantile([40, 10, 30, 20], 0.5)).to.equal(25);
    expect(quantile([40, 10, 30, 20], 1)).to.equal(40);
  });
});

describe('interquartileRange', () => {
  it('is Q3 − Q1: 32.5 − 17.5 for 10 20 30 40', () => {
    expect(interquartileRange([10, 20, 30, 40])).to.equal(15);
  });

  it('is 0 for a single value', () => {
    expect(interquartileRange([7])).to.equal(0);
  });
});
