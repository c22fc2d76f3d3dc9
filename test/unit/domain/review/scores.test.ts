import { expect } from 'chai';
import {
  aggregations,
  effectiveScore,
  helpfulnessScore,
  overrideScore,
  reviewAgreement,
  reviewQuality,
  scoreSubmission,
} from '../../../../src/domain/review/scores.js';
import { InvalidInputError, NotPermittedError } from '../../../../src/domain/shared/errors.js';
import { seededRandom } from '../../../../src/domain/shared/random.js';
import {
  at,
  facilitator,
  learner,
  makeCriterion,
  makeReview,
  makeStandard,
} from '../../../fixtures/domain/review-fixtures.js';

// The default standard: clarity (4 levels, weight 2), evidence (4 levels, weight 1), impact (3 levels, weight 1).
const standard = makeStandard();
const r1 = makeReview({}, [3, 1, 2]);
const r2 = makeReview({}, [2, 2, 1]);
const r3 = makeReview({}, [2, 3, 2]);

describe('scores', () => {
  describe('scoreSubmission (worked examples)', () => {
    it('median: clarity 2/3, evidence 2/3, impact 2/2 → 100·(2·⅔ + ⅔ + 1)/4 = 75', () => {
      const result = scoreSubmission(standard, [r1, r2, r3], 'median');
      expect(result?.criteria.map((c) => c.aggregate)).to.deep.equal([2, 2, 2]);
      expect(result?.score).to.be.closeTo(75, 1e-9);
    });

    it('mean: clarity 7/3, evidence 2, impact 5/3 → 100·(2·7/9 + 2/3 + 5/6)/4 ≈ 76.39', () => {
      const result = scoreSubmission(standard, [r1, r2, r3], 'mean');
      expect(result?.score).to.be.closeTo((100 * ((2 * 7) / 9 + 2 / 3 + 5 / 6)) / 4, 1e-9);
      expect(result?.score).to.be.closeTo(76.39, 0.01);
    });

    it('even count: the median is the mean of the two middle levels', () => {
      const result = scoreSubmission(standard, [r1, r2], 'median');
      expect(result?.criteria.map((c) => c.aggregate)).to.deep.equal([2.5, 1.5, 1.5]);
      // 100·(2·2.5/3 + 1.5/3 + 1.5/2)/4 = 100·(5/3 + 1/2 + 3/4)/4
      expect(result?.score).to.be.closeTo((100 * (5 / 3 + 0.5 + 0.75)) / 4, 1e-9);
    });

    it('top level everywhere scores 100 and bottom everywhere 0, whatever the number of levels', () => {
      expect(scoreSubmission(standard, [makeReview({}, [3, 3, 2])])?.score).to.equal(100);
      expect(scoreSubmission(standard, [makeReview({}, [0, 0, 0])])?.score).to.equal(0);
    });

    it('ignores drafts and self-assessments; no submitted peer review gives no score', () => {
      const self = makeReview({ kind: 'self', source: 'self' }, [0, 0, 0]);
      expect(scoreSubmission(standard, [makeReview(), self])).to.equal(undefined);
      expect(scoreSubmission(standard, [r1, self])?.score).to.equal(scoreSubmission(standard, [r1])?.score);
    });

    it('weights shift the score toward heavy criteria', () => {
      const heavyImpact = makeStandard({
        criteria: [
          makeCriterion('clarity', 4, 1),
          makeCriterion('evidence', 4, 1),
          makeCriterion('impact', 3, 8),
        ],
      });
      const review = makeReview({}, [0, 0, 2], heavyImpact);
      expect(scoreSubmission(heavyImpact, [review])?.score).to.equal(80);
    });

    it('property: the score lies between the per-criterion lowest and highest choices (within 0..100); mean is linear', () => {
      const random = seededRandom(5);
      for (let c = 0; c < 200; c++) {
        const reviews = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
          makeReview({}, [Math.floor(random() * 4), Math.floor(random() * 4), Math.floor(random() * 3)]),
        );
        // Per criterion, the lowest and the highest level any review chose.
        const positions = (pick: (xs: number[]) => number) =>
          standard.criteria.map((c) =>
            pick(
              reviews.map((r) =>
                Number(r.ratings.find((x) => x.criterionId === c.id)?.levelId?.split('-')[1]),
              ),
            ),
          );
        const floor = scoreSubmission(standard, [
          makeReview(
            {},
            positions((xs) => Math.min(...xs)),
          ),
        ])?.score as number;
        const ceiling = scoreSubmission(standard, [
          makeReview(
            {},
            positions((xs) => Math.max(...xs)),
          ),
        ])?.score as number;
        for (const strategy of ['median', 'mean'] as const) {
          const score = scoreSubmission(standard, reviews, strategy)?.score as number;
          expect(score).to.be.within(floor - 1e-9, ceiling + 1e-9);
          const singles = reviews.map((r) => scoreSubmission(standard, [r], strategy)?.score as number);
          // The mean is linear: the score of the mean is the mean of the single scores.
          if (strategy === 'mean')
            expect(score).to.be.closeTo(singles.reduce((a, b) => a + b, 0) / singles.length, 1e-9);
        }
        expect(floor).to.be.at.least(0);
        expect(ceiling).to.be.at.most(100);
      }
    });
  });

  describe('aggregations', () => {
    it('median resists one outlier, mean does not', () => {
      expect(aggregations.median([3, 3, 0])).to.equal(3);
      expect(aggregations.mean([3, 3, 0])).to.equal(2);
    });
  });

  describe('review quality (worked examples)', () => {
    it('agreement: r1 is ⅓ off on clarity (w2) and evidence (w1) → 100·(1 − (2·⅓ + ⅓)/4) = 75', () => {
      expect(reviewAgreement(standard, r1, [r1, r2, r3])).to.be.closeTo(75, 1e-9);
    });

    it('agreement: r2 is ½ off on impact only (w1) → 100·(1 − ½/4) = 87.5', () => {
      expect(reviewAgreement(standard, r2, [r1, r2, r3])).to.be.closeTo(87.5, 1e-9);
    });

    it('helpfulness: stars 4 and 5 → 100·(4.5 − 1)/4 = 87.5; nobody rated → none', () => {
      expect(helpfulnessScore([4, 5])).to.equal(87.5);
      expect(helpfulnessScore([])).to.equal(undefined);
    });

    it('quality: half agreement, half helpfulness; agreement alone without ratings', () => {
      expect(reviewQuality(75, 87.5)).to.equal(81.25);
      expect(reviewQuality(75, undefined)).to.equal(75);
    });

    it('no agreement for drafts', () => {
      expect(reviewAgreement(standard, makeReview(), [r1])).to.equal(undefined);
    });
  });

  describe('overrideScore', () => {
    it('replaces the computed score and keeps the facilitator’s reason', () => {
      const override = overrideScore(
        { score: 90, reason: '  Reviewers missed the appendix ' },
        facilitator(),
        at(5),
      );
      expect(override).to.deep.equal({
        score: 90,
        reason: 'Reviewers missed the appendix',
        by: 'fac-1',
        at: at(5),
      });
      expect(effectiveScore(75, override)).to.equal(90);
      expect(effectiveScore(75, undefined)).to.equal(75);
    });

    it('requires a reason and a score in 0..100, from a facilitator', () => {
      try {
        overrideScore({ score: 101, reason: ' ' }, facilitator(), at(5));
        expect.fail('expected an error');
      } catch (error) {
        expect((error as InvalidInputError).issues).to.deep.equal([
          { field: 'score', code: 'out-of-range' },
          { field: 'reason', code: 'required' },
        ]);
      }
      expect(() => overrideScore({ score: 50, reason: 'x' }, learner('ann'), at(5))).to.throw(
        NotPermittedError,
      );
    });
  });
});
