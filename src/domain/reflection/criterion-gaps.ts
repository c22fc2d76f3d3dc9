/**
 * Self against peers, per criterion. Peer review (issue 7) produces, per criterion of the
 * pinned standard version, the learner's self-assessment and the peers' median level; this
 * module takes those as plain numbers so reflection does not depend on how reviews are stored.
 *
 * Levels are positions on the criterion's scale, 0 = the lowest level. A median of an even
 * number of peers may fall between two levels (e.g. 1.5).
 *
 * The rule that highlights a gap: self and peers are at least one whole level apart
 * (|self − peer median| ≥ 1). Less than a level is noise of a median; a level or more means
 * the learner and the peers would describe the work differently.
 */
import type { CriterionId } from '../shared/ids.js';

export const GAP_THRESHOLD_LEVELS = 1;

/** What review results say about one criterion, for one learner (or one team). */
export interface CriterionRatings {
  readonly criterionId: CriterionId;
  readonly name: string;
  /** Number of levels of the criterion (2–6). */
  readonly levelCount: number;
  /** The learner's self-assessment, if they gave one. */
  readonly self?: number;
  /** Median of the peers' levels; absent when no peer rated this criterion (or not released). */
  readonly peerMedian?: number;
  readonly peerCount: number;
  /** The facilitator's level, if a facilitator rated this criterion. */
  readonly facilitator?: number;
}

export type GapDirection = 'above-peers' | 'below-peers' | 'aligned' | 'no-comparison';

export interface CriterionGap extends CriterionRatings {
  /** self − peer median, in levels; absent when either is missing. */
  readonly gap?: number;
  readonly direction: GapDirection;
  /** The gap is at least {@link GAP_THRESHOLD_LEVELS}: the page draws attention to it. */
  readonly highlighted: boolean;
}

/**
 * The comparison the reflection page shows, in the criteria's order.
 * @throws RangeError when a level is outside the criterion's scale (the caller passed bad data).
 */
export function criterionGaps(ratings: readonly CriterionRatings[]): CriterionGap[] {
  return ratings.map((r) => {
    for (const level of [r.self, r.peerMedian, r.facilitator]) {
      if (level !== undefined && !(level >= 0 && level <= r.levelCount - 1)) {
        throw new RangeError(`level ${level} outside 0..${r.levelCount - 1} of criterion ${r.criterionId}`);
      }
    }
    if (r.self === undefined || r.peerMedian === undefined || r.peerCount === 0) {
      return { ...r, direction: 'no-comparison', highlighted: false };
    }
    const gap = r.self - r.peerMedian;
    const highlighted = Math.abs(gap) >= GAP_THRESHOLD_LEVELS;
    const direction: GapDirection = !highlighted ? 'aligned' : gap > 0 ? 'above-peers' : 'below-peers';
    return { ...r, gap, direction, highlighted };
  });
}
