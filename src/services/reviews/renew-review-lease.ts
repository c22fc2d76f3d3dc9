/** Pull mode: the reviewer extends their claim (also after it expired; the draft is kept). */
import { renewLease } from '../../domain/review/pull-allocation.js';
import type { Review, ReviewId } from '../../domain/review/review.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { assertReviewOpen } from './review-context.js';
import { loadReviewForReviewer } from './review-access.js';

export async function renewReviewLease(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly reviewId: ReviewId },
): Promise<Review> {
  const { ctx, review } = await loadReviewForReviewer(
    deps,
    input,
    input.taskId,
    input.reviewId,
    'renew-lease',
  );
  assertReviewOpen(ctx, 'renew-lease');
  const next = renewLease(review, input.actor, ctx.now, ctx.settings.leaseMinutes * 60_000);
  await deps.reviews.save(next, input.courseId, review.revision);
  return next;
}
