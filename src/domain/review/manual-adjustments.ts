/**
 * Facilitator adjustments by hand: add a reviewer to a submission or take an unfinished review
 * away. The same eligibility rules as automatic allocation apply — a facilitator cannot make
 * someone review their own (team's) work — and every adjustment is logged with who made it,
 * when, and the note they gave.
 */

import type { Actor } from '../shared/actor.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { TeamTaskId, UserId } from '../shared/ids.js';
import type { SubmissionId } from '../submission/submission.js';
import {
  eligibilityRules,
  type AllocationScope,
  type ReviewableSubmission,
  type ReviewerRef,
} from './eligibility.js';
import type { PinnedStandard } from './pinned-standard.js';
import { startReview, type Review, type ReviewId } from './review.js';

export interface AdjustmentLogEntry {
  readonly kind: 'assigned-by-hand' | 'unassigned-by-hand';
  readonly submissionId: SubmissionId;
  readonly reviewerId: UserId;
  readonly by: UserId;
  readonly at: Date;
  readonly note: string;
}

export const MAX_NOTE_LENGTH = 500;

/**
 * A new review of `submission` by `reviewer`, made by a facilitator.
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws InvalidInputError (`reviewerId`: `self` | `own-team` | `other-team` | `no-team` |
 *   `already-assigned`; `note`: `too-long`) when the pair breaks a rule.
 */
export function assignByHand(input: {
  readonly id: ReviewId;
  readonly taskId: TeamTaskId;
  readonly scope: AllocationScope;
  readonly submission: ReviewableSubmission;
  readonly reviewer: ReviewerRef;
  /** The reviews the submission already has. */
  readonly reviews: readonly Pick<Review, 'submissionId' | 'reviewerId' | 'kind'>[];
  readonly standard: PinnedStandard;
  readonly note?: string;
  readonly actor: Actor;
  readonly now: Date;
}): { readonly review: Review; readonly log: AdjustmentLogEntry } {
  if (input.actor.role !== 'facilitator') throw new NotPermittedError('assign-reviewer');
  const note = (input.note ?? '').trim();
  if (note.length > MAX_NOTE_LENGTH) throw new InvalidInputError([{ field: 'note', code: 'too-long' }]);
  const exclusion = eligibilityRules[input.scope](input.reviewer, input.submission);
  if (exclusion !== undefined) throw new InvalidInputError([{ field: 'reviewerId', code: exclusion }]);
  const duplicate = input.reviews.some(
    (r) =>
      r.kind === 'peer' && r.submissionId === input.submission.id && r.reviewerId === input.reviewer.userId,
  );
  if (duplicate) throw new InvalidInputError([{ field: 'reviewerId', code: 'already-assigned' }]);
  const review = startReview({
    id: input.id,
    taskId: input.taskId,
    submissionId: input.submission.id,
    reviewerId: input.reviewer.userId,
    kind: 'peer',
    source: 'facilitator',
    standard: input.standard,
    now: input.now,
  });
  return {
    review,
    log: {
      kind: 'assigned-by-hand',
      submissionId: input.submission.id,
      reviewerId: input.reviewer.userId,
      by: input.actor.userId,
      at: input.now,
      note,
    },
  };
}

/**
 * Takes an unfinished peer review away (the caller deletes it). A submitted review stays: the
 * author may rely on it; a facilitator who disagrees with it moderates instead.
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws PhaseConflictError (`reason: review-submitted`) for a submitted review.
 */
export function unassignByHand(
  review: Review,
  actor: Actor,
  now: Date,
  note = '',
): { readonly removed: Review; readonly log: AdjustmentLogEntry } {
  if (actor.role !== 'facilitator') throw new NotPermittedError('unassign-reviewer');
  if (review.kind !== 'peer') throw new InvalidInputError([{ field: 'reviewId', code: 'not-a-peer-review' }]);
  if (review.status === 'submitted') {
    throw new PhaseConflictError({
      action: 'unassign-reviewer',
      phase: 'peer-review',
      taskId: review.taskId,
      reason: 'review-submitted',
    });
  }
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE_LENGTH) throw new InvalidInputError([{ field: 'note', code: 'too-long' }]);
  return {
    removed: review,
    log: {
      kind: 'unassigned-by-hand',
      submissionId: review.submissionId,
      reviewerId: review.reviewerId,
      by: actor.userId,
      at: now,
      note: trimmed,
    },
  };
}
