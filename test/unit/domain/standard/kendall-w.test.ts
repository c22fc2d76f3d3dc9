import { expect } from 'chai';
import { averageRanks, kendallW, tieCorrection } from '../../../../src/domain/standard/kendall-w.js';

describe('averageRanks', () => {
  it('ranks the highest score first', () => {
    expect(averageRanks([10, 40, 30, 20])).to.deep.equal([4, 1, 2, 3]);
  });

  it('gives tied scores the mean of the ranks they occupy', () => {
    expect(averageRanks([50, 25, 25])).to.deep.equal([1, 2.5, 2.5]);
    expect(averageRanks([20, 20, 20, 5])).to.deep.equal([2, 2, 2, 4]);
  });
});

describe('tieCorrection', () => {
  it('sums t³ − t over groups of ties and is 0 without ties', () => {
    expect(tieCorrection([50, 25, 25])).to.equal(6); // one pair: 2³ − 2
    expect(tieCorrection([20, 20, 20, 5, 5])).to.equal(24 + 6); // a triple and a pair
    expect(tieCorrection([1, 2, 3])).to.equal(0);
  });
});

describe('kendallW', () => {
  it('matches a worked example without ties', () => {
    // Three members, four criteria.
    //   A: 40 30 20 10 → ranks 1 2 3 4
    //   B: 35 30 25 10 → ranks 1 2 3 4
    //   C: 10 40 30 20 → ranks 4 1 2 3
    // Rank sums R = 6 5 8 11, mean R̄ = m(n+1)/2 = 7.5,
    // S = 1.5² + 2.5² + 0.5² + 3.5² = 2.25 + 6.25 + 0.25 + 12.25 = 21,
    // W = 12·S / (m²(n³ − n)) = 252 / (9 · 60) = 7/15.
    const w = kendallW([
      [40, 30, 20, 10],
      [35, 30, 25, 10],
      [10, 40, 30, 20],
    ]);
    expect(w).to.deep.include({ raters: 3, items: 4 });
    expect(w.value).to.be.closeTo(7 / 15, 1e-12);
  });

  it('matches a worked example with ties, applying the tie correction', () => {
    // Three members, three criteria.
    //   A: 50 25 25 → ranks 1 2.5 2.5, T_A = 2³ − 2 = 6
    //   B: 40 40 20 → ranks 1.5 1.5 3, T_B = 6
    //   C: 60 30 10 → ranks 1 2 3,     T_C = 0
    // R = 3.5 6 8.5, R̄ = 6, S = 2.5² + 0 + 2.5² = 12.5,
    // W = 12·12.5 / (9·24 − 3·12) = 150 / 180 = 5/6 (uncorrected it would be 150/216).
    const w = kendallW([
      [50, 25, 25],
      [40, 40, 20],
      [60, 30, 10],
    ]);
    expect(w.value).to.be.closeTo(5 / 6, 1e-12);
  });

  it('is 1 when every member orders the criteria the same way, whatever the points', () => {
    expect(
      kendallW([
        [70, 20, 10],
        [40, 35, 25],
        [36, 33, 31],
      ]).value,
    ).to.be.closeTo(1, 1e-12);
  });

  it('is 0 when two members order the criteria exactly opposite', () => {
    // R = 4 4 4 for ranks 1 2 3 and 3 2 1: S = 0.
    expect(
      kendallW([
        [50, 30, 20],
        [20, 30, 50],
      ]).value,
    ).to.equal(0);
  });

  it('is defined when one member ties everything and another does not', () => {
    // A: 50 50 → ranks 1.5 1.5, T = 6; B: 70 30 → ranks 1 2. R = 2.5 3.5, R̄ = 3, S = 0.5,
    // W = 12·0.5 / (4·6 − 2·6) = 6/12.
    expect(
      kendallW([
        [50, 50],
        [70, 30],
      ]).value,
    ).to.equal(0.5);
  });

  it('is undefined for a single member (agreement with oneself means nothing)', () => {
    expect(kendallW([[60, 40]])).to.deep.equal({
      value: null,
      reason: 'too-few-raters',
      raters: 1,
      items: 2,
    });
  });

  it('is undefined for a single criterion (there is no order to agree on)', () => {
    expect(kendallW([[100], [100], [100]])).to.deep.equal({
      value: null,
      reason: 'too-few-items',
      raters: 3,
      items: 1,
    });
  });

  it('is undefined when every member gives every criterion the same points (0/0)', () => {
    expect(
      kendallW([
        [25, 25, 25, 25],
        [25, 25, 25, 25],
      ]),
    ).to.deep.equal({ value: null, reason: 'no-variation', raters: 2, items: 4 });
  });

  it('is undefined with no members at all', () => {
    expect(kendallW([]).value).to.equal(null);
  });

  it('refuses rows of different lengths', () => {
    expect(() => kendallW([[50, 50], [100]])).to.throw(RangeError);
  });
});
