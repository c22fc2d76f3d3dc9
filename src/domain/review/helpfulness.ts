/**
 * Feedback on feedback: the authors of a submission rate how helpful each peer review of it was
 * (1–5 stars) and may reply. One rating per author per review; rating again replaces it. Ratings
 * are possible once the feedback is released (authors cannot rate what they cannot see) and until
 * the task closes. Reviewers see the ratings of their reviews only after release
 * (`projectRatingsForReviewer`).
 */

import type { Actor } from '../shared/actor.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { UserId } from '../shared/ids.js';
import { isAuthor, type SubmissionOwner, type TaskPhaseName } from '../submission/submission.js';
import type { ReleaseState } from './release.js';
import type { Review, ReviewId } from './review.js';

export interface HelpfulnessRating {
  readonly reviewId: ReviewId;
  readonly raterId: UserId;
  /** 1 (not helpful) … 5 (very helpful). */
  readonly stars: number;
  /** Optional reply to the reviewer; empty when none. */
  readonly reply: string;
  readonly ratedAt: Date;
  readonly revision: number;
}

export const MAX_REPLY_LENGTH = 2000;

/**
 * @throws NotPermittedError when the actor is not an author of the reviewed submission.
 * @throws PhaseConflictError when the feedback is not released yet or the task is closed.
 * @throws InvalidInputError (`stars`: `out-of-range`; `reply`: `too-long`; `reviewId`:
 *   `not-a-submitted-peer-review`).
 */
export function rateReview(input: {
  readonly review: Pick<Review, 'id' | 'kind' | 'status' | 'taskId'>;
  readonly owner: SubmissionOwner;
  readonly existing?: HelpfulnessRating;
  readonly stars: number;
  readonly reply?: string;
  readonly actor: Actor;
  readonly release: ReleaseState;
  readonly phase: TaskPhaseName;
  readonly now: Date;
}): HelpfulnessRating {
  const { review, actor } = input;
  if (!isAuthor(input.owner, actor.userId)) throw new NotPermittedError('rate-review');
  if (review.kind !== 'peer' || review.status !== 'submitted') {
    throw new InvalidInputError([{ field: 'reviewId', code: 'not-a-submitted-peer-review' }]);
  }
  if (!input.release.released || input.phase === 'closed') {
    throw new PhaseConflictError({
      action: 'rate-review',
      phase: input.phase,
      taskId: review.taskId,
      reason: input.release.released ? 'task-closed' : 'not-released',
    });
  }
  const reply = (input.reply ?? '').trim();
  const issues = [];
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5)
    issues.push({ field: 'stars', code: 'out-of-range' });
  if (reply.length > MAX_REPLY_LENGTH) issues.push({ field: 'reply', code: 'too-long' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (
    input.existing !== undefined &&
    (input.existing.raterId !== actor.userId || input.existing.reviewId !== review.id)
  ) {
    throw new NotPermittedError('rate-review');
  }
  return {
    reviewId: review.id,
    raterId: actor.userId,
    stars: input.stars,
    reply,
    ratedAt: input.now,
    revision: (input.existing?.revision ?? 0) + 1,
  };
}
