/**
 * From levels to numbers. A level's position is its index (0 = lowest) in a criterion with L
 * levels; its normalised value is position / (L − 1), so the top level is 1 whatever L is.
 *
 * Aggregation per criterion is a strategy chosen per task (`aggregations[strategy]`):
 * - `median` (default; robust with 3–5 reviewers, as ORA2): the middle position, or the mean of
 *   the two middle positions for an even count (type-7 quantile at ½);
 * - `mean`: the arithmetic mean of the positions.
 *
 * Submission score (issue 7: "weighted median level per criterion, scaled to 0–100"):
 *
 *     score = 100 · Σ_c w_c · a_c / (L_c − 1)  /  Σ_c w_c
 *
 * with a_c the aggregated position of criterion c over the submitted peer reviews and w_c the
 * criterion's weight in the pinned standard. Self-assessments never count.
 *
 * Review quality (how close a reviewer is to the consensus, plus how helpful authors found it):
 *
 *     agreement = 100 · (1 − Σ_c w_c · |p_c − a_c| / (L_c − 1)  /  Σ_c w_c)
 *     helpfulness = 100 · (mean stars − 1) / 4
 *     quality = α · agreement + (1 − α) · helpfulness     (α = 0.5; agreement alone when nobody rated)
 *
 * with p_c the reviewer's position and a_c the aggregate of all submitted peer reviews of the
 * submission (the reviewer's own included — with few reviewers, leaving it out would make two
 * reviewers each other's only reference).
 */

import { InvalidInputError, NotPermittedError } from '../shared/errors.js';
import type { Actor } from '../shared/actor.js';
import type { CriterionId, UserId } from '../shared/ids.js';
import { mean, quantile } from '../shared/statistics.js';
import { levelPosition, type PinnedStandard } from './pinned-standard.js';
import type { Review } from './review.js';

export type AggregationStrategy = 'median' | 'mean';

export const aggregations: Readonly<Record<AggregationStrategy, (positions: readonly number[]) => number>> = {
  median: (positions) => quantile(positions, 0.5),
  mean: (positions) => mean(positions),
};

export interface CriterionScore {
  readonly criterionId: CriterionId;
  readonly weight: number;
  /** Aggregated level position (may be fractional). */
  readonly aggregate: number;
  /** aggregate / (L − 1), in [0, 1]. */
  readonly normalised: number;
  readonly reviews: number;
}

export interface SubmissionScore {
  /** 0–100. */
  readonly score: number;
  readonly strategy: AggregationStrategy;
  readonly criteria: readonly CriterionScore[];
}

/** Positions chosen per criterion by the submitted peer reviews (in standard order). */
export function peerPositions(
  standard: PinnedStandard,
  reviews: readonly Review[],
): Map<CriterionId, number[]> {
  const out = new Map<CriterionId, number[]>(standard.criteria.map((c) => [c.id, []]));
  for (const review of reviews) {
    if (review.kind !== 'peer' || review.status !== 'submitted') continue;
    for (const criterion of standard.criteria) {
      const levelId = review.ratings.find((r) => r.criterionId === criterion.id)?.levelId;
      const position = levelId === undefined ? undefined : levelPosition(criterion, levelId);
      if (position !== undefined) out.get(criterion.id)?.push(position);
    }
  }
  return out;
}

/** The submission's score, or undefined while it has no submitted peer review. */
export function scoreSubmission(
  standard: PinnedStandard,
  reviews: readonly Review[],
  strategy: AggregationStrategy = 'median',
): SubmissionScore | undefined {
  const positions = peerPositions(standard, reviews);
  if (standard.criteria.every((c) => (positions.get(c.id) ?? []).length === 0)) return undefined;
  const criteria: CriterionScore[] = [];
  for (const criterion of standard.criteria) {
    const values = positions.get(criterion.id) ?? [];
    // CASE: every submitted review rates every criterion (submit enforces it), so this only
    // happens for a criterion no review rated; it counts as not scored rather than as zero.
    if (values.length === 0) continue;
    const aggregate = aggregations[strategy](values);
    criteria.push({
      criterionId: criterion.id,
      weight: criterion.weight,
      aggregate,
      normalised: aggregate / (criterion.levels.length - 1),
      reviews: values.length,
    });
  }
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return undefined;
  const score = (100 * criteria.reduce((sum, c) => sum + c.weight * c.normalised, 0)) / totalWeight;
  return { score, strategy, criteria };
}

/** What one submitted review (peer or self) alone gives the work, 0–100, by the same formula. */
export function scoreOfReview(standard: PinnedStandard, review: Review): number | undefined {
  return scoreSubmission(standard, [{ ...review, kind: 'peer' }], 'median')?.score;
}

/** Agreement (0–100) of one submitted peer review with the aggregate of all peer reviews of its submission. */
export function reviewAgreement(
  standard: PinnedStandard,
  review: Review,
  reviewsOfSubmission: readonly Review[],
  strategy: AggregationStrategy = 'median',
): number | undefined {
  if (review.kind !== 'peer' || review.status !== 'submitted') return undefined;
  const positions = peerPositions(standard, reviewsOfSubmission);
  let weighted = 0;
  let totalWeight = 0;
  for (const criterion of standard.criteria) {
    const levelId = review.ratings.find((r) => r.criterionId === criterion.id)?.levelId;
    const own = levelId === undefined ? undefined : levelPosition(criterion, levelId);
    const values = positions.get(criterion.id) ?? [];
    if (own === undefined || values.length === 0) continue;
    const distance = Math.abs(own - aggregations[strategy](values)) / (criterion.levels.length - 1);
    weighted += criterion.weight * distance;
    totalWeight += criterion.weight;
  }
  return totalWeight === 0 ? undefined : 100 * (1 - weighted / totalWeight);
}

/** Helpfulness (0–100) from 1–5 stars; undefined when nobody rated. */
export function helpfulnessScore(stars: readonly number[]): number | undefined {
  return stars.length === 0 ? undefined : (100 * (mean(stars) - 1)) / 4;
}

export const REVIEW_QUALITY_AGREEMENT_WEIGHT = 0.5;

export function reviewQuality(
  agreement: number,
  helpfulness: number | undefined,
  alpha = REVIEW_QUALITY_AGREEMENT_WEIGHT,
): number {
  return helpfulness === undefined ? agreement : alpha * agreement + (1 - alpha) * helpfulness;
}

/** A facilitator's replacement for a computed score; the reason is required and kept. */
export interface ScoreOverride {
  readonly score: number;
  readonly reason: string;
  readonly by: UserId;
  readonly at: Date;
}

export const MAX_OVERRIDE_REASON_LENGTH = 1000;

/**
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws InvalidInputError (`score`: `out-of-range`; `reason`: `required` | `too-long`).
 */
export function overrideScore(
  input: { readonly score: number; readonly reason: string },
  actor: Actor,
  now: Date,
): ScoreOverride {
  if (actor.role !== 'facilitator') throw new NotPermittedError('override-score');
  const reason = input.reason.trim();
  const issues = [];
  if (!Number.isFinite(input.score) || input.score < 0 || input.score > 100)
    issues.push({ field: 'score', code: 'out-of-range' });
  if (reason.length === 0) issues.push({ field: 'reason', code: 'required' });
  if (reason.length > MAX_OVERRIDE_REASON_LENGTH) issues.push({ field: 'reason', code: 'too-long' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  return { score: input.score, reason, by: actor.userId, at: now };
}

/** The score that counts: the override when there is one. */
export function effectiveScore(
  computed: number | undefined,
  override: ScoreOverride | undefined,
): number | undefined {
  return override?.score ?? computed;
}
