/**
 * Properties of the scoring formulas, over seeded random cases (500 per property; the seed is in
 * the failure message): submission score bounds, extremes and invariances; WebPA factors sum to
 * the team size and are 1 for equal splits; the final grade stays in 0–100, moves with the
 * submission score, ignores the factor when p = 0; unfinished reviews count 0.
 */
import { expect } from 'chai';
import {
  CONTRIBUTION_BUDGET,
  submitContributionSplit,
  webpaFactors,
} from '../../../../src/domain/grade/contribution.js';
import {
  adjustedSubmissionScore,
  finalGrade,
  reviewScoreOf,
  type GradeFormula,
} from '../../../../src/domain/grade/grade.js';
import { computeGrades } from '../../../../src/domain/grade/compute-grades.js';
import type { PinnedStandard } from '../../../../src/domain/review/pinned-standard.js';
import { scoreSubmission } from '../../../../src/domain/review/scores.js';
import { InvalidInputError, NotPermittedError } from '../../../../src/domain/shared/errors.js';
import { asTeamId, asTeamTaskId, asUserId, type UserId } from '../../../../src/domain/shared/ids.js';
import { seededRandom, shuffle, type RandomSource } from '../../../../src/domain/shared/random.js';
import {
  at,
  makeCriterion,
  makeReview,
  makeStandard,
  makeSubmission,
  teamOwner,
} from '../../../fixtures/domain/review-fixtures.js';

const CASES = 500;

function int(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function randomStandard(random: RandomSource): PinnedStandard {
  const n = int(random, 1, 5);
  return makeStandard({
    criteria: Array.from({ length: n }, (_, i) =>
      makeCriterion(`c${i}`, int(random, 2, 6), int(random, 1, 10)),
    ),
  });
}

function randomReviews(random: RandomSource, standard: PinnedStandard, count: number) {
  return Array.from({ length: count }, (_, r) =>
    makeReview(
      { reviewerId: asUserId(`r${r}`) },
      standard.criteria.map((c) => int(random, 0, c.levels.length - 1)),
      standard,
    ),
  );
}

function forEachCase(name: string, check: (random: RandomSource, seed: number) => void): void {
  for (let seed = 1; seed <= CASES; seed++) {
    try {
      check(seededRandom(seed), seed);
    } catch (error) {
      throw new Error(`${name} fails for seed ${seed}: ${(error as Error).message}`, { cause: error });
    }
  }
}

describe('grade formulas (properties over seeded cases)', function () {
  describe('submission score (weighted median level per criterion, 0–100)', function () {
    it('lies in 0..100, is 100 when every review picks the top level and 0 for the bottom', function () {
      forEachCase('bounds', (random) => {
        const standard = randomStandard(random);
        const reviews = randomReviews(random, standard, int(random, 1, 6));
        const score = scoreSubmission(standard, reviews)?.score as number;
        expect(score).to.be.within(0, 100);
        const top = Array.from({ length: 3 }, (_, i) =>
          makeReview(
            { reviewerId: asUserId(`t${i}`) },
            standard.criteria.map((c) => c.levels.length - 1),
            standard,
          ),
        );
        expect(scoreSubmission(standard, top)?.score).to.be.closeTo(100, 1e-9);
        const bottom = Array.from({ length: 3 }, (_, i) =>
          makeReview(
            { reviewerId: asUserId(`b${i}`) },
            standard.criteria.map(() => 0),
            standard,
          ),
        );
        expect(scoreSubmission(standard, bottom)?.score).to.equal(0);
      });
    });

    it('does not depend on the order of the reviews nor on the scale of the weights', function () {
      forEachCase('invariance', (random) => {
        const standard = randomStandard(random);
        const reviews = randomReviews(random, standard, int(random, 1, 6));
        const score = scoreSubmission(standard, reviews)?.score as number;
        expect(scoreSubmission(standard, shuffle(reviews, random))?.score).to.be.closeTo(score, 1e-9);
        const k = int(random, 2, 9);
        const scaled = {
          ...standard,
          criteria: standard.criteria.map((c) => ({ ...c, weight: c.weight * k })),
        };
        expect(scoreSubmission(scaled, reviews)?.score).to.be.closeTo(score, 1e-9);
      });
    });

    it('is the weighted mean of the per-criterion medians, computed independently', function () {
      forEachCase('oracle', (random) => {
        const standard = randomStandard(random);
        const reviews = randomReviews(random, standard, int(random, 1, 7));
        let weighted = 0;
        let total = 0;
        for (const c of standard.criteria) {
          const positions = reviews
            .map((r) =>
              c.levels.findIndex((l) => l.id === r.ratings.find((x) => x.criterionId === c.id)?.levelId),
            )
            .sort((a, b) => a - b);
          const mid = (positions.length - 1) / 2;
          const median = (positions[Math.floor(mid)]! + positions[Math.ceil(mid)]!) / 2;
          weighted += c.weight * (median / (c.levels.length - 1));
          total += c.weight;
        }
        expect(scoreSubmission(standard, reviews)?.score).to.be.closeTo((100 * weighted) / total, 1e-9);
      });
    });

    it('ignores self-assessments and unsubmitted reviews', function () {
      const standard = makeStandard();
      const peer = makeReview({ reviewerId: asUserId('p') }, [3, 3, 2], standard);
      const self = makeReview({ reviewerId: asUserId('s'), kind: 'self' }, [0, 0, 0], standard);
      const draft = {
        ...makeReview({ reviewerId: asUserId('d') }, [0, 0, 0], standard),
        status: 'draft' as const,
      };
      expect(scoreSubmission(standard, [peer, self, draft])?.score).to.equal(100);
    });
  });

  describe('WebPA contribution factor', function () {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'].map(asUserId);

    function randomSplit(random: RandomSource, team: readonly UserId[]) {
      const cuts = Array.from({ length: team.length - 1 }, () => int(random, 0, CONTRIBUTION_BUDGET)).sort(
        (a, b) => a - b,
      );
      const bounds = [0, ...cuts, CONTRIBUTION_BUDGET];
      return team.map((userId, i) => ({ userId, points: bounds[i + 1]! - bounds[i]! }));
    }

    it('sums to the team size whenever at least one member gave a split (fudge factor for the others)', function () {
      forEachCase('sum', (random) => {
        const team = members.slice(0, int(random, 2, 5));
        const raters = shuffle(team, random).slice(0, int(random, 1, team.length));
        const splits = raters.map((raterId) => ({ raterId, points: randomSplit(random, team) }));
        const factors = webpaFactors(team, splits);
        const sum = team.reduce((s, m) => s + (factors.get(m) ?? 0), 0);
        expect(sum).to.be.closeTo(team.length, 1e-9);
        for (const m of team) expect(factors.get(m)).to.be.at.least(0);
      });
    });

    it('gives everyone 1 when splits are equal, and nothing without splits', function () {
      const team = members.slice(0, 4);
      const equal = team.map((raterId) => ({
        raterId,
        points: team.map((userId) => ({ userId, points: 25 })),
      }));
      for (const f of webpaFactors(team, equal).values()) expect(f).to.be.closeTo(1, 1e-12);
      expect(webpaFactors(team, []).size).to.equal(0);
    });

    it('refuses a split that does not add up to 100, misses or invents a member, or comes from outside', function () {
      const base = {
        taskId: asTeamTaskId('t'),
        teamId: asTeamId('team'),
        members: members.slice(0, 3),
        enabled: true,
        actor: { userId: members[0]!, role: 'learner' as const },
        phase: 'reflection' as const,
        now: at(0),
      };
      const err = (points: { userId: string; points: number }[]) => {
        try {
          submitContributionSplit({ ...base, points });
        } catch (e) {
          return (e as InvalidInputError).issues.map((i) => i.code);
        }
        return [];
      };
      expect(
        err([
          { userId: 'm1', points: 50 },
          { userId: 'm2', points: 30 },
          { userId: 'm3', points: 10 },
        ]),
      ).to.include('sum');
      expect(
        err([
          { userId: 'm1', points: 50 },
          { userId: 'm2', points: 50 },
        ]),
      ).to.include('missing-member');
      expect(
        err([
          { userId: 'm1', points: 40 },
          { userId: 'm2', points: 30 },
          { userId: 'm3', points: 20 },
          { userId: 'x', points: 10 },
        ]),
      ).to.include('not-a-member');
      expect(() =>
        submitContributionSplit({ ...base, actor: { userId: asUserId('x'), role: 'learner' }, points: [] }),
      ).to.throw(NotPermittedError);
    });
  });

  describe('final grade', function () {
    function randomFormula(random: RandomSource): GradeFormula {
      return {
        submissionWeight: int(random, 0, 100),
        reviewWeight: int(random, 1, 100),
        contributionWeighting: random(),
        scoreMaximum: 100,
      };
    }

    it('stays in 0..100 for any parts and formula', function () {
      forEachCase('bounds', (random) => {
        const g = finalGrade(
          {
            submitted: true,
            submissionScore: random() * 100,
            reviewScore: random() < 0.2 ? undefined : random() * 100,
            contributionFactor: random() < 0.2 ? undefined : random() * 3,
          },
          randomFormula(random),
        );
        expect(g).to.be.within(0, 100);
      });
    });

    it('never goes down when the submission score goes up (same factor, reviews, formula)', function () {
      forEachCase('monotone', (random) => {
        const formula = randomFormula(random);
        const factor = random() * 2;
        const review = random() * 100;
        const a = random() * 100;
        const b = a + random() * (100 - a);
        const ga = finalGrade(
          { submitted: true, submissionScore: a, reviewScore: review, contributionFactor: factor },
          formula,
        )!;
        const gb = finalGrade(
          { submitted: true, submissionScore: b, reviewScore: review, contributionFactor: factor },
          formula,
        )!;
        expect(gb).to.be.at.least(ga - 1e-9);
      });
    });

    it('ignores the contribution factor when p = 0 and applies S·(1−p) + S·p·F otherwise', function () {
      forEachCase('p', (random) => {
        const s = random() * 100;
        const f = random() * 2;
        expect(adjustedSubmissionScore(s, f, 0)).to.be.closeTo(s, 1e-9);
        const p = random();
        expect(adjustedSubmissionScore(s, f, p)).to.be.closeTo(Math.min(100, s * (1 - p) + s * p * f), 1e-9);
      });
    });

    it('counts missing work as 0, leaves reviewed-nothing-yet pending, and drops the review part when none was asked', function () {
      const formula: GradeFormula = {
        submissionWeight: 3,
        reviewWeight: 1,
        contributionWeighting: 0,
        scoreMaximum: 100,
      };
      expect(
        finalGrade(
          { submitted: false, submissionScore: undefined, reviewScore: 80, contributionFactor: undefined },
          formula,
        ),
      ).to.equal(20);
      expect(
        finalGrade(
          { submitted: true, submissionScore: undefined, reviewScore: 80, contributionFactor: undefined },
          formula,
        ),
      ).to.equal(undefined);
      expect(
        finalGrade(
          { submitted: true, submissionScore: 60, reviewScore: undefined, contributionFactor: undefined },
          formula,
        ),
      ).to.equal(60);
      expect(reviewScoreOf([100, undefined, 50])).to.equal(50);
      expect(reviewScoreOf([])).to.equal(undefined);
    });

    it('computes each learner of a team from their submission, their reviews and the splits', function () {
      const standard = makeStandard();
      const team = ['a1', 'a2'].map(asUserId);
      const submission = makeSubmission({ owner: teamOwner('team-a', team) });
      const peer = [
        makeReview({ reviewerId: asUserId('b1'), submissionId: submission.id }, [3, 3, 2], standard),
        makeReview({ reviewerId: asUserId('b2'), submissionId: submission.id }, [3, 3, 2], standard),
      ];
      const theirs = makeReview(
        { reviewerId: team[0]!, submissionId: submission.id, status: 'draft' },
        undefined,
        standard,
      );
      const [a1, a2] = computeGrades({
        learners: team.map((userId) => ({ userId, teamId: asTeamId('team-a'), teamMembers: team })),
        submissions: [submission],
        reviews: [...peer, { ...theirs, submissionId: 'other' as never }],
        standards: new Map([[submission.id, standard]]),
        ratings: [],
        splits: [
          {
            taskId: asTeamTaskId('t'),
            teamId: asTeamId('team-a'),
            raterId: team[0]!,
            points: [
              { userId: team[0]!, points: 60 },
              { userId: team[1]!, points: 40 },
            ],
            at: at(0),
            revision: 1,
          },
        ],
        aggregation: 'median',
        contribution: true,
        formula: { submissionWeight: 1, reviewWeight: 1, contributionWeighting: 0.5, scoreMaximum: 100 },
      });
      expect(a1!.parts.contributionFactor).to.be.closeTo(1.2, 1e-12);
      expect(a2!.parts.contributionFactor).to.be.closeTo(0.8, 1e-12);
      expect(a1!.parts.submissionScore).to.equal(100);
      // a1 had one review to do and left it unfinished: review part 0.
      expect(a1!.parts.reviewScore).to.equal(0);
      expect(a1!.computed).to.be.closeTo(50, 1e-9); // S' = min(100, 50 + 60) = 100 → (100 + 0) / 2
      expect(a2!.computed).to.be.closeTo(90, 1e-9); // S' = 50 + 40 = 90, no reviews asked → 90
    });
  });
});
