import { expect } from 'chai';
import {
  asCriterionId,
  asStandardId,
  asUserId,
  type CriterionId,
} from '../../../../src/domain/shared/ids.js';
import { editCriterion, withdrawCriterion } from '../../../../src/domain/standard/criteria.js';
import {
  originWeightingSuggestion,
  originWeights,
  pointsFromOriginWeights,
} from '../../../../src/domain/standard/origin-weights.js';
import type { StandardVersion } from '../../../../src/domain/standard/standard-version.js';
import { activeCriteria, startTeamStandard } from '../../../../src/domain/standard/team-standard.js';
import { weightingIssues } from '../../../../src/domain/standard/weighting.js';
import {
  ann,
  bob,
  criterion,
  inPhase,
  makeTask,
  sequentialIds,
  T0,
} from '../../../fixtures/domain/builders.js';
import { as, propose, scenario, type Scenario } from '../../../fixtures/domain/standard-scenario.js';

const SOURCE = { standardId: asStandardId('lib-7'), version: 2 };

/** A ratified library version with these weights (0–1, in criterion order). */
function sourceVersion(weights: readonly number[], ref = SOURCE): StandardVersion {
  return {
    ...ref,
    taskId: makeTask().id,
    teamId: scenario().team.id,
    criteria: weights.map((weight, i) => ({
      id: asCriterionId(`x${i + 1}`),
      ...criterion(`C${i + 1}`),
      weight,
    })),
    consensusRule: 'consent',
    agreedBy: [asUserId('someone')],
    ratifiedAt: T0,
    overruledObjections: [],
    agreement: 0.8,
  };
}

/** A team whose standard was copied from `source` (criteria l1, l2, … in the source's order). */
function adopted(source: StandardVersion): Scenario {
  const s = scenario({ members: [ann, bob] });
  const task = inPhase(makeTask({ standardStart: { kind: 'library', source: SOURCE } }), 'standard-setting');
  s.standard = startTeamStandard({
    id: asStandardId('std-1'),
    task,
    team: s.team,
    newCriterionId: sequentialIds('l'),
    librarySource: source,
    by: ann,
    now: T0,
  });
  return s;
}

const pointsOf = (s: Scenario, source: StandardVersion) =>
  originWeightingSuggestion(s.standard, source)?.map((p) => [p.criterionId as string, p.points]);

const ids = (...names: string[]): CriterionId[] => names.map(asCriterionId);

describe('pointsFromOriginWeights (largest remainder over the origin’s weights)', () => {
  it('turns normalised weights into whole points summing to exactly 100', () => {
    const origin = new Map([
      [asCriterionId('a'), 1 / 3],
      [asCriterionId('b'), 1 / 3],
      [asCriterionId('c'), 1 / 3],
    ]);
    const points = pointsFromOriginWeights(ids('a', 'b', 'c'), origin)!.map((p) => p.points);
    // 33.33 each: the one missing point goes to the earliest on a tie.
    expect(points).to.deep.equal([34, 33, 33]);
  });

  it('gives the missing points to the largest remainders, not the largest weights', () => {
    const origin = new Map([
      [asCriterionId('a'), 0.456],
      [asCriterionId('b'), 0.327],
      [asCriterionId('c'), 0.217],
    ]);
    // 45.6 / 32.7 / 21.7 → floors 45 / 32 / 21 (98); remainders .6, .7, .7 → b and c get one each.
    expect(pointsFromOriginWeights(ids('a', 'b', 'c'), origin)!.map((p) => p.points)).to.deep.equal([
      45, 33, 22,
    ]);
  });

  it('shares what the carried criteria leave evenly among the others', () => {
    const origin = new Map([[asCriterionId('a'), 0.5]]);
    const points = pointsFromOriginWeights(ids('a', 'n1', 'n2', 'n3'), origin)!.map((p) => p.points);
    // 50, then 50 / 3 = 16.67 each: the first two of them get the two missing points.
    expect(points).to.deep.equal([50, 17, 17, 16]);
    expect(points.reduce((a, b) => a + b, 0)).to.equal(100);
  });

  it('suggests nothing when no criterion has an origin weight', () => {
    expect(pointsFromOriginWeights(ids('n1', 'n2'), new Map())).to.equal(undefined);
  });

  it('shares evenly when the origin weighed every carried criterion at zero', () => {
    const origin = new Map([[asCriterionId('a'), 0]]);
    expect(pointsFromOriginWeights(ids('a', 'n1'), origin)!.map((p) => p.points)).to.deep.equal([50, 50]);
  });
});

describe('originWeightingSuggestion (a team standard copied from the library)', () => {
  it('right after adoption: the origin’s weights as whole points, a valid weighting', () => {
    const source = sourceVersion([0.7, 0.3]);
    const s = adopted(source);
    expect(pointsOf(s, source)).to.deep.equal([
      ['l1', 70],
      ['l2', 30],
    ]);
    expect(weightingIssues(s.standard, originWeightingSuggestion(s.standard, source)!)).to.deep.equal([]);
  });

  it('rounds a mean that is not whole to points summing to exactly 100', () => {
    const source = sourceVersion([0.5, 1 / 6, 1 / 3]);
    expect(pointsOf(adopted(source), source)).to.deep.equal([
      ['l1', 50],
      ['l2', 17],
      ['l3', 33],
    ]);
  });

  it('a criterion proposed since adoption shares the remainder (here: none is left)', () => {
    const source = sourceVersion([0.6, 0.4]);
    const s = adopted(source);
    propose(s, bob, 'new-1');
    expect(pointsOf(s, source)).to.deep.equal([
      ['l1', 60],
      ['l2', 40],
      ['new-1', 0],
    ]);
  });

  it('a withdrawn library criterion leaves its share to the criteria proposed since, evenly', () => {
    const source = sourceVersion([0.5, 0.3, 0.2]);
    const s = adopted(source);
    s.standard = withdrawCriterion(s.standard, { criterionId: asCriterionId('l3') }, as(s, ann));
    propose(s, bob, 'new-1');
    propose(s, ann, 'new-2');
    // l1 50, l2 30; the 20 points of the withdrawn l3 go to new-1 and new-2 (10 each).
    expect(pointsOf(s, source)).to.deep.equal([
      ['l1', 50],
      ['l2', 30],
      ['new-1', 10],
      ['new-2', 10],
    ]);
    expect(weightingIssues(s.standard, originWeightingSuggestion(s.standard, source)!)).to.deep.equal([]);
  });

  it('without criteria proposed since, scales the carried weights up to the whole budget', () => {
    const source = sourceVersion([0.5, 0.3, 0.2]);
    const s = adopted(source);
    s.standard = withdrawCriterion(s.standard, { criterionId: asCriterionId('l1') }, as(s, bob));
    // 0.3 and 0.2 of the remaining 0.5: 60 and 40.
    expect(pointsOf(s, source)).to.deep.equal([
      ['l2', 60],
      ['l3', 40],
    ]);
  });

  it('an edited library criterion keeps its origin weight (matched by position, not by name)', () => {
    const source = sourceVersion([0.25, 0.75]);
    const s = adopted(source);
    s.standard = editCriterion(
      s.standard,
      { criterionId: asCriterionId('l2'), baseRevision: 1, content: criterion('Renamed') },
      as(s, ann),
    );
    expect(pointsOf(s, source)).to.deep.equal([
      ['l1', 25],
      ['l2', 75],
    ]);
  });

  it('all library criteria withdrawn: nothing to suggest', () => {
    const source = sourceVersion([0.5, 0.5]);
    const s = adopted(source);
    propose(s, bob, 'new-1');
    for (const id of ['l1', 'l2'])
      s.standard = withdrawCriterion(s.standard, { criterionId: asCriterionId(id) }, as(s, ann));
    expect(activeCriteria(s.standard).map((c) => c.id)).to.deep.equal(['new-1']);
    expect(originWeightingSuggestion(s.standard, source)).to.equal(undefined);
  });

  it('a standard not started from that version, or from the library at all, gets nothing', () => {
    const source = sourceVersion([0.7, 0.3]);
    const s = adopted(source);
    const otherVersion = sourceVersion([0.7, 0.3], { ...SOURCE, version: 3 });
    expect(originWeights(s.standard, otherVersion).size).to.equal(0);
    expect(originWeightingSuggestion(s.standard, otherVersion)).to.equal(undefined);

    const blank = scenario();
    propose(blank, ann, 'k1');
    expect(originWeightingSuggestion(blank.standard, source)).to.equal(undefined);
  });

  it('matches nothing when the library criteria do not line up with the source version', () => {
    const s = adopted(sourceVersion([0.7, 0.3]));
    expect(originWeights(s.standard, sourceVersion([0.5, 0.3, 0.2])).size).to.equal(0);
  });
});
