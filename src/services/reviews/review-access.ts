/** Loading one review for its reviewer: the review, its submission, pinned standard, release and window. */
import type { PinnedStandard } from '../../domain/review/pinned-standard.js';
import type { ReleaseState } from '../../domain/review/release.js';
import type { Review, ReviewId, ReviewWindow } from '../../domain/review/review.js';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { Submission } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadSubmissionOfTask } from '../submissions/submission-access.js';
import {
  loadReviewContext,
  pinnedByRef,
  releaseOf,
  reviewWindow,
  type ReviewContext,
} from './review-context.js';

export interface LoadedReview {
  readonly ctx: ReviewContext;
  readonly review: Review;
  readonly submission: Submission;
  readonly reviewsOfSubmission: readonly Review[];
  readonly standard: PinnedStandard;
  readonly release: ReleaseState;
  readonly window: ReviewWindow;
}

/**
 * @throws NotFoundError for an unknown review (or one of another task).
 * @throws NotPermittedError when a learner is not the review's reviewer.
 */
export async function loadReviewForReviewer(
  deps: ReviewDeps,
  who: CourseActor,
  taskId: TeamTaskId,
  reviewId: ReviewId,
  action: string,
): Promise<LoadedReview> {
  const ctx = await loadReviewContext(deps, who, taskId, action);
  const review = await deps.reviews.findById(reviewId);
  if (review === undefined || review.taskId !== ctx.task.id) throw new NotFoundError('review', reviewId);
  if (who.actor.role !== 'facilitator' && review.reviewerId !== who.actor.userId)
    throw new NotPermittedError(action);
  const submission = await loadSubmissionOfTask(deps, ctx, review.submissionId);
  const [reviewsOfSubmission, standard] = await Promise.all([
    deps.reviews.listBySubmission(submission.id),
    pinnedByRef(deps, review.standard),
  ]);
  const release = releaseOf(ctx, reviewsOfSubmission);
  return {
    ctx,
    review,
    submission,
    reviewsOfSubmission,
    standard,
    release,
    window: reviewWindow(ctx, review.kind, release),
  };
}
