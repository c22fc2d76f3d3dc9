/** The reviewer saves a partial form (any criteria, levels optional). */
import {
  saveReviewDraft as decide,
  type Review,
  type ReviewId,
  type ReviewInput,
} from '../../domain/review/review.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { reviewRules } from './review-context.js';
import { loadReviewForReviewer } from './review-access.js';

export async function saveReviewDraft(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly reviewId: ReviewId;
    readonly values: ReviewInput;
    readonly expectedRevision?: number;
  },
): Promise<Review> {
  if (input.actor.role !== 'learner') throw new NotPermittedError('save-review');
  const { ctx, review, standard, window } = await loadReviewForReviewer(
    deps,
    input,
    input.taskId,
    input.reviewId,
    'save-review',
  );
  if (input.expectedRevision !== undefined) assertRevision(review, input.expectedRevision, 'review');
  const next = decide(review, input.values, standard, input.actor, window, ctx.now, reviewRules(ctx));
  await deps.reviews.save(next, input.courseId, review.revision);
  return next;
}
