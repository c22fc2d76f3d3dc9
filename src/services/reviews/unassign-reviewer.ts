/** A facilitator takes an unfinished peer review away (submitted ones stay), logged with their note. */
import { unassignByHand } from '../../domain/review/manual-adjustments.js';
import type { ReviewId } from '../../domain/review/review.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from './review-context.js';

export async function unassignReviewer(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly reviewId: ReviewId; readonly note?: string },
): Promise<void> {
  const action = 'unassign-reviewer';
  requireFacilitator(input.actor, action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  const review = await deps.reviews.findById(input.reviewId);
  if (review === undefined || review.taskId !== ctx.task.id)
    throw new NotFoundError('review', input.reviewId);
  const { log } = unassignByHand(review, input.actor, ctx.now, input.note);
  await deps.transaction(async (tx) => {
    await deps.reviews.remove(review.id, review.revision, tx);
    await deps.allocationLog.insertAdjustment(ctx.task.id, log, deps.newId(), tx);
  });
}
