/**
 * Weighing the criteria. Each member distributes a budget of 100 points over the current
 * criteria (whole, non-negative numbers, every criterion listed once). The standard's weights
 * are the mean of the members' points, normalised to sum to 1. A weighting counts only while it
 * covers exactly the current criteria: proposing or withdrawing a criterion asks everyone to
 * weigh again. Only current members' weightings count.
 */

import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, VersionConflictError } from '../shared/errors.js';
import type { CriterionId, UserId } from '../shared/ids.js';
import { assertContentWindow, assertMember, type StandardContext } from './standard-access.js';
import {
  activeCriteria,
  currentRevision,
  touched,
  type PointsAllocation,
  type TeamStandard,
  type Weighting,
} from './team-standard.js';

export const POINT_BUDGET = 100;

export interface CriterionWeight {
  readonly criterionId: CriterionId;
  /** 0–1; the weights of a standard sum to 1. */
  readonly weight: number;
}

/** A criterion as the member saw it when weighing: its id and current revision number. */
export interface WeighedCriterion {
  readonly criterionId: CriterionId;
  readonly revision: number;
}

/**
 * A member's distribution of the point budget; it replaces their earlier one. With `basis` (the
 * criteria and their revisions the member saw), a weighting made on criteria that have changed
 * since — proposed, edited or withdrawn — is refused rather than saved against content the
 * member never weighed. Other members' weightings in between do not matter.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window.
 * @throws VersionConflictError (entity `criterion`) when the criteria differ from `basis`.
 * @throws InvalidInputError (fields `points`, `points.<i>`) for unknown, missing or repeated
 *   criteria, points that are not whole non-negative numbers, or a total other than 100.
 */
export function submitWeighting(
  standard: TeamStandard,
  input: { readonly points: readonly PointsAllocation[]; readonly basis?: readonly WeighedCriterion[] },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'weigh-criteria');
  assertContentWindow(standard, ctx, 'weigh-criteria');
  if (input.basis !== undefined) assertSameCriteria(standard, input.basis);
  const issues = weightingIssues(standard, input.points);
  if (issues.length > 0) throw new InvalidInputError(issues);
  const weighting: Weighting = { member, points: input.points.map((p) => ({ ...p })), at: ctx.now };
  return {
    ...touched(standard, ctx.now, true),
    weightings: [...standard.weightings.filter((w) => w.member !== member), weighting],
  };
}

/** @throws VersionConflictError naming the first criterion that is new, changed or gone. */
function assertSameCriteria(standard: TeamStandard, basis: readonly WeighedCriterion[]): void {
  const active = activeCriteria(standard);
  for (const c of active) {
    const seen = basis.find((b) => b.criterionId === c.id);
    const actual = currentRevision(c).number;
    if (seen === undefined || seen.revision !== actual) {
      throw new VersionConflictError({
        entity: 'criterion',
        id: c.id,
        expected: seen?.revision ?? 0,
        actual,
      });
    }
  }
  const gone = basis.find((b) => !active.some((c) => c.id === b.criterionId));
  if (gone !== undefined) {
    throw new VersionConflictError({ entity: 'criterion', id: gone.criterionId, expected: gone.revision });
  }
}

/** Field issues of a distribution of points over the standard's current criteria. */
export function weightingIssues(standard: TeamStandard, points: readonly PointsAllocation[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const active = activeCriteria(standard).map((c) => c.id);
  if (active.length === 0) return [{ field: 'points', code: 'no-criteria' }];
  const seen = new Set<CriterionId>();
  points.forEach((p, i) => {
    if (!active.includes(p.criterionId)) issues.push({ field: `points.${i}.criterionId`, code: 'unknown' });
    else if (seen.has(p.criterionId)) issues.push({ field: `points.${i}.criterionId`, code: 'duplicate' });
    seen.add(p.criterionId);
    if (!Number.isInteger(p.points) || p.points < 0)
      issues.push({ field: `points.${i}.points`, code: 'not-whole' });
  });
  if (active.some((id) => !seen.has(id))) issues.push({ field: 'points', code: 'missing-criterion' });
  const total = points.reduce((sum, p) => sum + (Number.isFinite(p.points) ? p.points : 0), 0);
  if (total !== POINT_BUDGET) issues.push({ field: 'points', code: 'total-not-100' });
  return issues;
}

/** Weightings of current members that cover exactly the current criteria, in member order. */
export function countingWeightings(standard: TeamStandard, members: readonly UserId[]): readonly Weighting[] {
  const active = activeCriteria(standard).map((c) => c.id);
  return members.flatMap((member) => {
    const w = standard.weightings.find((x) => x.member === member);
    const covers =
      w !== undefined &&
      w.points.length === active.length &&
      active.every((id) => w.points.some((p) => p.criterionId === id));
    return covers ? [w] : [];
  });
}

/** Points per current criterion, one row per counting weighting (columns in criterion order). */
export function pointsMatrix(standard: TeamStandard, members: readonly UserId[]): number[][] {
  const active = activeCriteria(standard).map((c) => c.id);
  return countingWeightings(standard, members).map((w) =>
    active.map((id) => w.points.find((p) => p.criterionId === id)?.points ?? 0),
  );
}

/** The standard's weights now: the normalised mean of the counting weightings; none without any. */
export function standardWeights(
  standard: TeamStandard,
  members: readonly UserId[],
): readonly CriterionWeight[] | undefined {
  const rows = pointsMatrix(standard, members);
  if (rows.length === 0) return undefined;
  return activeCriteria(standard).map((c, i) => ({
    criterionId: c.id,
    weight: rows.reduce((sum, row) => sum + (row[i] as number), 0) / rows.length / POINT_BUDGET,
  }));
}

/**
 * Whole percentages for display that add up to exactly 100 (largest-remainder method: round
 * everything down, then give the missing points to the largest fractions, earlier first on ties).
 */
export function weightPercentages(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / total) * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    missing--;
  }
  return floors;
}
