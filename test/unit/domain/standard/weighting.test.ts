import { expect } from 'chai';
import {
  InvalidInputError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCriterionId } from '../../../../src/domain/shared/ids.js';
import { alignmentOf } from '../../../../src/domain/standard/alignment.js';
import { editCriterion, withdrawCriterion } from '../../../../src/domain/standard/criteria.js';
import { activeCriteria, currentRevision } from '../../../../src/domain/standard/team-standard.js';
import {
  countingWeightings,
  standardWeights,
  submitWeighting,
  weightPercentages,
} from '../../../../src/domain/standard/weighting.js';
import { ann, bob, cat, dan, thrown } from '../../../fixtures/domain/builders.js';
import { as, propose, scenario, weigh } from '../../../fixtures/domain/standard-scenario.js';

function withCriteria(n: number, members = [ann, bob, cat, dan]) {
  const s = scenario({ members });
  for (let i = 1; i <= n; i++) propose(s, ann, `k${i}`);
  return s;
}

function criterionOf(s: ReturnType<typeof withCriteria>, id: string) {
  const c = activeCriteria(s.standard).find((x) => x.id === id)!;
  return currentRevision(c).content;
}

describe('submitWeighting', () => {
  it('records a member’s 100 points and replaces their earlier weighting', () => {
    const s = withCriteria(2);
    weigh(s, ann, [70, 30]);
    weigh(s, ann, [60, 40]);
    expect(s.standard.weightings).to.have.length(1);
    expect(s.standard.weightings[0]?.points.map((p) => p.points)).to.deep.equal([60, 40]);
  });

  it('changes the content revision (weights are part of what members agree to)', () => {
    const s = withCriteria(2);
    const before = s.standard.contentRevision;
    weigh(s, ann, [50, 50]);
    expect(s.standard.contentRevision).to.equal(before + 1);
  });

  it('refuses totals other than 100, negative or fractional points', () => {
    const s = withCriteria(3);
    const codes = (points: number[]) =>
      thrown(() => weigh(s, ann, points), InvalidInputError).issues.map((i) => `${i.field}:${i.code}`);
    expect(codes([50, 30, 10])).to.deep.equal(['points:total-not-100']);
    expect(codes([110, -10, 0])).to.deep.equal(['points.1.points:not-whole']);
    expect(codes([33.5, 33.5, 33])).to.deep.equal(['points.0.points:not-whole', 'points.1.points:not-whole']);
  });

  it('refuses unknown, repeated and missing criteria', () => {
    const s = withCriteria(2);
    const k1 = asCriterionId('k1');
    const err = thrown(
      () =>
        submitWeighting(
          s.standard,
          {
            points: [
              { criterionId: k1, points: 50 },
              { criterionId: k1, points: 25 },
              { criterionId: asCriterionId('zz'), points: 25 },
            ],
          },
          as(s, ann),
        ),
      InvalidInputError,
    );
    expect(err.issues.map((i) => `${i.field}:${i.code}`)).to.deep.equal([
      'points.1.criterionId:duplicate',
      'points.2.criterionId:unknown',
      'points:missing-criterion',
    ]);
  });

  it('refuses weighing a standard without criteria', () => {
    const s = withCriteria(0);
    expect(thrown(() => weigh(s, ann, []), InvalidInputError).issues).to.deep.equal([
      { field: 'points', code: 'no-criteria' },
    ]);
  });

  describe('with the criteria the member saw (basis)', () => {
    const basisOf = (s: ReturnType<typeof withCriteria>) =>
      activeCriteria(s.standard).map((c) => ({ criterionId: c.id, revision: currentRevision(c).number }));
    const weighOn = (
      s: ReturnType<typeof withCriteria>,
      basis: ReturnType<typeof basisOf>,
      points: number[],
    ) => {
      s.standard = submitWeighting(
        s.standard,
        { points: basis.map((b, i) => ({ criterionId: b.criterionId, points: points[i] ?? 0 })), basis },
        as(s, ann),
      );
    };

    it('accepts a weighting on unchanged criteria, even after others weighed in between', () => {
      const s = withCriteria(2);
      const seen = basisOf(s);
      weigh(s, bob, [10, 90]);
      weighOn(s, seen, [70, 30]);
      expect(s.standard.weightings.map((w) => w.member)).to.deep.equal([bob, ann]);
    });

    it('refuses a weighting made before a criterion was edited, proposed or withdrawn', () => {
      const edited = withCriteria(2);
      const seenBeforeEdit = basisOf(edited);
      edited.standard = editCriterion(
        edited.standard,
        {
          criterionId: asCriterionId('k1'),
          baseRevision: 1,
          content: { ...criterionOf(edited, 'k1'), description: 'Sharper wording.' },
        },
        as(edited, bob),
      );
      const err = thrown(() => weighOn(edited, seenBeforeEdit, [50, 50]), VersionConflictError);
      expect(err.details).to.include({ entity: 'criterion', id: 'k1', expected: 1, actual: 2 });

      const grown = withCriteria(2);
      const seenBeforeProposal = basisOf(grown);
      propose(grown, bob, 'k3');
      expect(
        thrown(() => weighOn(grown, seenBeforeProposal, [50, 50]), VersionConflictError).details,
      ).to.include({ id: 'k3', expected: 0 });

      const shrunk = withCriteria(3);
      const seenBeforeWithdrawal = basisOf(shrunk);
      shrunk.standard = withdrawCriterion(
        shrunk.standard,
        { criterionId: asCriterionId('k3') },
        as(shrunk, bob),
      );
      expect(
        thrown(() => weighOn(shrunk, seenBeforeWithdrawal, [50, 50, 0]), VersionConflictError).details,
      ).to.include({ id: 'k3' });
      expect(shrunk.standard.weightings).to.deep.equal([]);
    });
  });

  it('refuses weighing outside standard-setting', () => {
    const s = scenario({ phase: 'reflection' });
    expect(() => weigh(s, ann, [100])).to.throw(PhaseConflictError);
  });
});

describe('standardWeights', () => {
  it('is the normalised mean of the members’ points', () => {
    const s = withCriteria(2, [ann, bob, cat]);
    weigh(s, ann, [60, 40]);
    weigh(s, bob, [50, 50]);
    weigh(s, cat, [70, 30]);
    expect(standardWeights(s.standard, s.team.members)).to.deep.equal([
      { criterionId: 'k1', weight: 0.6 },
      { criterionId: 'k2', weight: 0.4 },
    ]);
  });

  it('is undefined before anyone weighed', () => {
    const s = withCriteria(2);
    expect(standardWeights(s.standard, s.team.members)).to.equal(undefined);
  });

  it('counts only weightings that cover the current criteria: a new criterion asks everyone to weigh again', () => {
    const s = withCriteria(2);
    weigh(s, ann, [60, 40]);
    propose(s, bob, 'k3');
    expect(countingWeightings(s.standard, s.team.members)).to.deep.equal([]);
    weigh(s, bob, [20, 30, 50]);
    expect(standardWeights(s.standard, s.team.members)?.map((w) => w.weight)).to.deep.equal([0.2, 0.3, 0.5]);
  });

  it('drops a withdrawn criterion from counting weightings only after members weigh again', () => {
    const s = withCriteria(3);
    weigh(s, ann, [20, 30, 50]);
    s.standard = withdrawCriterion(s.standard, { criterionId: asCriterionId('k3') }, as(s, bob));
    expect(standardWeights(s.standard, s.team.members)).to.equal(undefined);
  });

  it('ignores the weighting of someone who left the team', () => {
    const s = withCriteria(2);
    weigh(s, ann, [90, 10]);
    weigh(s, bob, [50, 50]);
    expect(standardWeights(s.standard, [bob])?.map((w) => w.weight)).to.deep.equal([0.5, 0.5]);
  });
});

describe('weightPercentages', () => {
  it('rounds to whole percentages that add up to exactly 100', () => {
    expect(weightPercentages([1 / 3, 1 / 3, 1 / 3])).to.deep.equal([34, 33, 33]);
    expect(weightPercentages([0.125, 0.375, 0.5])).to.deep.equal([13, 37, 50]);
    expect(weightPercentages([0.6, 0.4])).to.deep.equal([60, 40]);
  });

  it('gives zeros for all-zero weights', () => {
    expect(weightPercentages([0, 0])).to.deep.equal([0, 0]);
  });
});

describe('alignmentOf', () => {
  it('reports per-criterion dispersion and Kendall’s W over the members’ weightings', () => {
    const s = withCriteria(4, [ann, bob, cat]);
    weigh(s, ann, [40, 30, 20, 10]);
    weigh(s, bob, [35, 30, 25, 10]);
    weigh(s, cat, [10, 40, 30, 20]);
    const alignment = alignmentOf(s.standard, s.team.members);
    expect(alignment.weighed).to.equal(3);
    // Criterion k1 got 40, 35, 10: mean 85/3; population SD √(Σ(x − mean)²/3); type-7 IQR 37.5 − 22.5.
    const k1 = alignment.criteria[0]!;
    expect(k1).to.deep.include({ criterionId: 'k1', min: 10, max: 40, interquartileRange: 15 });
    expect(k1.mean).to.be.closeTo(85 / 3, 1e-12);
    const m = 85 / 3;
    expect(k1.standardDeviation).to.be.closeTo(
      Math.sqrt(((40 - m) ** 2 + (35 - m) ** 2 + (10 - m) ** 2) / 3),
      1e-12,
    );
    // Same matrix as the worked example in kendall-w.test.ts: W = 7/15.
    expect(alignment.agreement.value).to.be.closeTo(7 / 15, 1e-12);
  });

  it('reports zero dispersion and an undefined W when all members weigh every criterion equally', () => {
    const s = withCriteria(2, [ann, bob]);
    weigh(s, ann, [50, 50]);
    weigh(s, bob, [50, 50]);
    const alignment = alignmentOf(s.standard, s.team.members);
    expect(alignment.criteria.map((c) => [c.standardDeviation, c.interquartileRange])).to.deep.equal([
      [0, 0],
      [0, 0],
    ]);
    expect(alignment.agreement).to.deep.include({ value: null, reason: 'no-variation' });
  });

  it('has no figures before anyone weighed, and an undefined W with one member', () => {
    const s = withCriteria(2);
    expect(alignmentOf(s.standard, s.team.members)).to.deep.equal({
      weighed: 0,
      criteria: [],
      agreement: { value: null, reason: 'too-few-raters', raters: 0, items: 2 },
    });
    weigh(s, ann, [70, 30]);
    expect(alignmentOf(s.standard, s.team.members).agreement.reason).to.equal('too-few-raters');
  });

  it('has an undefined W with a single criterion', () => {
    const s = withCriteria(1);
    weigh(s, ann, [100]);
    weigh(s, bob, [100]);
    expect(alignmentOf(s.standard, s.team.members).agreement.reason).to.equal('too-few-items');
  });
});
