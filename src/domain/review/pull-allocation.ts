/**
 * Pull allocation (ORA2's peer queue, Eduflow's "smart allocation"): nothing is allocated when
 * review opens; a reviewer who asks for work gets the eligible submission with the fewest
 * reviews, at random among ties, held for them under a time-limited lease. Submissions handed in
 * late start with no reviews, so they come first — late submitters still get reviewed.
 *
 * What counts toward a submission: submitted peer reviews, and unfinished ones that are not a
 * pull claim or whose lease has not expired. An expired lease stops holding the submission
 * (others are offered it) but never throws work away: its reviewer may renew it and finish,
 * which at worst gives the submission one review more than asked.
 *
 * A reviewer holds one unfinished claim at a time: asking again returns that claim.
 */

import type { Actor } from '../shared/actor.js';
import { NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { RandomSource } from '../shared/random.js';
import type { SubmissionId } from '../submission/submission.js';
import {
  eligibilityRules,
  type AllocationScope,
  type ReviewableSubmission,
  type ReviewerRef,
} from './eligibility.js';
import type { Review } from './review.js';

/** The parts of a review that pull allocation reads. */
export type ReviewState = Pick<
  Review,
  'submissionId' | 'reviewerId' | 'kind' | 'source' | 'status' | 'leaseExpiresAt'
> & {
  readonly id: string;
};

export interface PullInput {
  readonly reviewer: ReviewerRef;
  readonly scope: AllocationScope;
  readonly reviewsPerSubmission: number;
  /** Handed-in submissions. */
  readonly submissions: readonly ReviewableSubmission[];
  /** Every review of the task (any reviewer, any status). */
  readonly reviews: readonly ReviewState[];
  readonly now: Date;
  readonly leaseMs: number;
  readonly random: RandomSource;
}

export type PullResult =
  | { readonly kind: 'resume'; readonly reviewId: string; readonly submissionId: SubmissionId }
  | {
      readonly kind: 'claim';
      readonly submissionId: SubmissionId;
      readonly leaseExpiresAt: Date;
      /** Why this one: it had the fewest counted reviews among the candidates. */
      readonly reason: {
        readonly kind: 'fewest-reviews';
        readonly reviewsCounted: number;
        readonly candidates: number;
        readonly tied: number;
      };
    }
  | {
      readonly kind: 'nothing-left';
      /** `all-covered`: every eligible submission has its reviews; `none-eligible`: nothing this reviewer may review. */
      readonly reason: 'all-covered' | 'none-eligible';
    };

/** Whether an unfinished pull claim still holds its submission at `now`. */
export function isLeaseActive(review: Pick<ReviewState, 'leaseExpiresAt'>, now: Date): boolean {
  return review.leaseExpiresAt === undefined || now < review.leaseExpiresAt;
}

/** Whether the review counts toward its submission's coverage at `now`. */
export function countsTowardCoverage(review: ReviewState, now: Date): boolean {
  if (review.kind !== 'peer') return false;
  return review.status === 'submitted' || isLeaseActive(review, now);
}

/** Counted peer reviews per submission at `now`. */
export function coverage(reviews: readonly ReviewState[], now: Date): Map<string, number> {
  const counts = new Map<string, number>();
  for (const review of reviews) {
    if (countsTowardCoverage(review, now))
      counts.set(review.submissionId, (counts.get(review.submissionId) ?? 0) + 1);
  }
  return counts;
}

export function claimNextSubmission(input: PullInput): PullResult {
  const mine = input.reviews.filter((r) => r.reviewerId === input.reviewer.userId && r.kind === 'peer');
  const open = mine.find((r) => r.source === 'pulled' && r.status === 'draft');
  if (open !== undefined) return { kind: 'resume', reviewId: open.id, submissionId: open.submissionId };

  const rule = eligibilityRules[input.scope];
  const seen = new Set<string>(mine.map((r) => r.submissionId));
  const eligible = input.submissions
    .filter((s) => !seen.has(s.id) && rule(input.reviewer, s) === undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (eligible.length === 0) return { kind: 'nothing-left', reason: 'none-eligible' };

  const counts = coverage(input.reviews, input.now);
  const candidates = eligible.filter((s) => (counts.get(s.id) ?? 0) < input.reviewsPerSubmission);
  if (candidates.length === 0) return { kind: 'nothing-left', reason: 'all-covered' };

  const fewest = Math.min(...candidates.map((s) => counts.get(s.id) ?? 0));
  const tied = candidates.filter((s) => (counts.get(s.id) ?? 0) === fewest);
  const chosen = tied[Math.floor(input.random() * tied.length)] as ReviewableSubmission;
  return {
    kind: 'claim',
    submissionId: chosen.id,
    leaseExpiresAt: new Date(input.now.getTime() + input.leaseMs),
    reason: {
      kind: 'fewest-reviews',
      reviewsCounted: fewest,
      candidates: candidates.length,
      tied: tied.length,
    },
  };
}

/**
 * The reviewer extends their claim to `now + leaseMs` (also after it expired: the draft is kept).
 * @throws NotPermittedError when the actor is not the review's reviewer.
 * @throws PhaseConflictError when the review is not an unfinished pull claim.
 */
export function renewLease<R extends Review>(review: R, actor: Actor, now: Date, leaseMs: number): R {
  if (review.reviewerId !== actor.userId) throw new NotPermittedError('renew-lease');
  if (review.source !== 'pulled' || review.status !== 'draft') {
    throw new PhaseConflictError({
      action: 'renew-lease',
      phase: 'peer-review',
      taskId: review.taskId,
      reason: 'not-a-claim',
    });
  }
  return { ...review, leaseExpiresAt: new Date(now.getTime() + leaseMs), revision: review.revision + 1 };
}
