import { expect } from 'chai';
import { retryDelay } from '../../../../src/services/grades/publish-worker.js';

describe('grade publishing retry delay', () => {
  it('doubles from the base per failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 10_000, undefined))).to.deep.equal([
      10_000, 20_000, 40_000, 80_000,
    ]);
  });

  it('waits at least as long as the platform asked (Retry-After), at most a day', () => {
    expect(retryDelay(1, 10_000, 120_000)).to.equal(120_000);
    expect(retryDelay(2, 10_000, 1_000)).to.equal(20_000);
    expect(retryDelay(40, 10_000, undefined)).to.equal(24 * 60 * 60_000);
    expect(retryDelay(1, 10_000, 7 * 24 * 60 * 60_000)).to.equal(24 * 60 * 60_000);
  });
});
