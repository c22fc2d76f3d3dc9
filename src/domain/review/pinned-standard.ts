/**
 * The least a review needs to know about the frozen standard version it is judged against:
 * criteria with ids, their levels lowest first, and each criterion's weight. The standard-setting
 * domain (`domain/standard/`) owns standards; a frozen version of theirs satisfies this
 * interface (or is mapped onto it by the service), so this module never depends on how a
 * standard is drafted, voted or ratified.
 *
 * A level's *position* is its index in `levels` (0 = lowest). Scores use the position scaled by
 * the number of levels, so criteria with 3 and with 5 levels weigh the same at the top.
 */

import type { CriterionId, StandardId } from '../shared/ids.js';

export interface PinnedLevel {
  /** Stable within the criterion; a review stores it. */
  readonly id: string;
  readonly label: string;
}

export interface PinnedCriterion {
  readonly id: CriterionId;
  readonly name: string;
  /** Lowest first; at least two. */
  readonly levels: readonly PinnedLevel[];
  /** Relative weight (the team's points); ≥ 0, and the criteria's weights sum to more than 0. */
  readonly weight: number;
}

export interface PinnedStandard {
  readonly standardId: StandardId;
  readonly version: number;
  readonly criteria: readonly PinnedCriterion[];
}

/** Position of `levelId` in the criterion (0 = lowest), or undefined when it is not one of its levels. */
export function levelPosition(criterion: PinnedCriterion, levelId: string): number | undefined {
  const i = criterion.levels.findIndex((level) => level.id === levelId);
  return i < 0 ? undefined : i;
}

export function findCriterion(standard: PinnedStandard, criterionId: string): PinnedCriterion | undefined {
  return standard.criteria.find((criterion) => criterion.id === criterionId);
}

/** Checks the invariants the review rules rely on; a broken pinned version is a programming error. */
export function assertUsablePinnedStandard(standard: PinnedStandard): void {
  if (standard.criteria.length === 0) throw new TypeError('pinned standard has no criteria');
  const ids = new Set<string>();
  let total = 0;
  for (const criterion of standard.criteria) {
    if (ids.has(criterion.id)) throw new TypeError(`duplicate criterion ${criterion.id}`);
    ids.add(criterion.id);
    if (criterion.levels.length < 2)
      throw new TypeError(`criterion ${criterion.id} has fewer than two levels`);
    if (new Set(criterion.levels.map((l) => l.id)).size !== criterion.levels.length) {
      throw new TypeError(`criterion ${criterion.id} has duplicate level ids`);
    }
    if (!Number.isFinite(criterion.weight) || criterion.weight < 0) {
      throw new TypeError(`criterion ${criterion.id} has an invalid weight`);
    }
    total += criterion.weight;
  }
  if (total <= 0) throw new TypeError('pinned standard weights sum to 0');
}
