/**
 * When authors see what their peers said. Per task, one of:
 *
 * - `phase-close`: when the peer-review phase closes (its deadline passes or the task moves on);
 * - `min-reviews`: as soon as the submission has at least k submitted peer reviews — and at the
 *   latest when the phase closes, so nobody waits for reviews that will never come.
 *
 * A threshold protects reviewers as much as authors: with k ≥ 3 no single review stands alone
 * (peer-anchors §3, opportunity 15). Release is per submission; once released, reviews of that
 * submission are final (`review.ts`).
 */

import type { TaskPhaseName } from '../submission/submission.js';

export type ReleasePolicy =
  { readonly kind: 'phase-close' } | { readonly kind: 'min-reviews'; readonly minReviews: number };

export interface ReviewPhaseFacts {
  readonly phase: TaskPhaseName;
  /** Whether the peer-review phase accepts actions now (the task is in it, deadline not passed). */
  readonly open: boolean;
}

export type ReleaseState =
  | { readonly released: true; readonly because: 'phase-closed' | 'enough-reviews' }
  | {
      readonly released: false;
      readonly waitingFor:
        { readonly kind: 'phase-close' } | { readonly kind: 'reviews'; readonly missing: number };
    };

const AFTER_REVIEW: readonly TaskPhaseName[] = ['reflection', 'share', 'closed'];

export function isReviewPhaseOver(facts: ReviewPhaseFacts): boolean {
  return AFTER_REVIEW.includes(facts.phase) || (facts.phase === 'peer-review' && !facts.open);
}

export function releaseState(
  policy: ReleasePolicy,
  facts: ReviewPhaseFacts,
  submittedPeerReviews: number,
): ReleaseState {
  if (isReviewPhaseOver(facts)) return { released: true, because: 'phase-closed' };
  if (policy.kind === 'min-reviews') {
    if (facts.phase === 'peer-review' && submittedPeerReviews >= policy.minReviews) {
      return { released: true, because: 'enough-reviews' };
    }
    return {
      released: false,
      waitingFor: { kind: 'reviews', missing: Math.max(0, policy.minReviews - submittedPeerReviews) },
    };
  }
  return { released: false, waitingFor: { kind: 'phase-close' } };
}
