/**
 * A starting point for weighing a standard that came from the library. The team weighs for
 * itself (`startTeamStandard` copies no weights; every member casts their own points), but a
 * member who has not weighed yet is offered the origin's weights as a suggestion to change.
 *
 * Which criteria get the origin's weight: those still present (not withdrawn) that were copied
 * from the library. They were copied in the source version's order, so the i-th library
 * criterion of the team's standard (withdrawn ones included) is the source's i-th criterion — an
 * edited one keeps its origin weight. Criteria proposed since share what the carried ones leave
 * of the budget evenly; when none were proposed, the carried ones are scaled up to the whole
 * budget (some were withdrawn). The result is whole points summing to exactly 100
 * (largest-remainder method, `weightPercentages`).
 */
import type { CriterionId } from '../shared/ids.js';
import { sameStandardRef } from './standard-ref.js';
import type { StandardVersion } from './standard-version.js';
import { activeCriteria, type PointsAllocation, type TeamStandard } from './team-standard.js';
import { POINT_BUDGET, weightPercentages } from './weighting.js';

/**
 * The origin's weight (0–1, as frozen in the source version) of each criterion still present
 * that was copied from it; criteria not carried from the library are absent from the map.
 * Empty when the standard did not start from `source`, or its library criteria do not line up
 * with the source's (then no criterion can be matched safely).
 */
export function originWeights(
  standard: TeamStandard,
  source: StandardVersion,
): ReadonlyMap<CriterionId, number> {
  if (standard.provenance === undefined || !sameStandardRef(standard.provenance.source, source)) {
    return new Map();
  }
  const carried = standard.criteria.filter((c) => c.origin === 'library');
  if (carried.length !== source.criteria.length) return new Map();
  const weights = new Map<CriterionId, number>();
  carried.forEach((c, i) => {
    const weight = source.criteria[i]?.weight;
    if (c.withdrawn === undefined && weight !== undefined && Number.isFinite(weight) && weight >= 0) {
      weights.set(c.id, weight);
    }
  });
  return weights;
}

/**
 * Whole points per criterion (in the order given, summing to exactly 100) from the origin's
 * weights of some of them: those with an origin weight get it (as a share of the budget), the
 * others share the rest evenly; without others, the origin weights are scaled to the budget.
 * Undefined when no criterion has an origin weight (nothing to suggest).
 */
export function pointsFromOriginWeights(
  criteria: readonly CriterionId[],
  origin: ReadonlyMap<CriterionId, number>,
): PointsAllocation[] | undefined {
  const carried = criteria.filter((id) => origin.has(id));
  if (carried.length === 0) return undefined;
  const others = criteria.length - carried.length;
  const carriedTotal = carried.reduce((sum, id) => sum + (origin.get(id) as number), 0);
  let exact: number[];
  if (carriedTotal <= 0) {
    // CASE: the origin weighed every carried criterion at zero; nothing to lean on: even shares.
    exact = criteria.map(() => 1);
  } else if (others === 0) {
    exact = criteria.map((id) => ((origin.get(id) as number) / carriedTotal) * POINT_BUDGET);
  } else {
    const carriedPoints = Math.min(carriedTotal, 1) * POINT_BUDGET;
    const share = (POINT_BUDGET - carriedPoints) / others;
    exact = criteria.map((id) => {
      const weight = origin.get(id);
      return weight === undefined ? share : (weight / Math.max(carriedTotal, 1)) * POINT_BUDGET;
    });
  }
  const points = weightPercentages(exact);
  return criteria.map((criterionId, i) => ({ criterionId, points: points[i] as number }));
}

/**
 * The suggested points for the standard's current criteria (in their order) from the origin
 * version it was copied from; undefined when there is nothing from the origin to suggest.
 */
export function originWeightingSuggestion(
  standard: TeamStandard,
  source: StandardVersion,
): PointsAllocation[] | undefined {
  const active = activeCriteria(standard).map((c) => c.id);
  if (active.length === 0) return undefined;
  return pointsFromOriginWeights(active, originWeights(standard, source));
}
