/**
 * Pull mode: a reviewer asks for work and gets the eligible submission with the fewest reviews
 * (at random among ties), held for them under a lease; asking again while a claim is unfinished
 * returns that claim. Late submissions start with no reviews, so they come first.
 */
import { claimNextSubmission, type PullResult } from '../../domain/review/pull-allocation.js';
import { asReviewId, startReview, type ReviewId } from '../../domain/review/review.js';
import { NotPermittedError, PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import {
  assertReviewOpen,
  loadReviewContext,
  pinnedForOwner,
  reviewable,
  reviewerRef,
} from './review-context.js';

export type TakeNextOutcome =
  | {
      readonly kind: 'review';
      readonly reviewId: ReviewId;
      readonly resumed: boolean;
      readonly leaseExpiresAt?: Date;
    }
  | { readonly kind: 'nothing-left'; readonly reason: 'all-covered' | 'none-eligible' };

export async function takeNextReview(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<TakeNextOutcome> {
  const action = 'take-next-review';
  if (input.actor.role !== 'learner') throw new NotPermittedError(action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  if (ctx.settings.allocation !== 'pull')
    throw new PhaseConflictError({ action, phase: ctx.phase, taskId: ctx.task.id, reason: 'push-mode' });
  assertReviewOpen(ctx, action);
  const [submissions, reviews] = await Promise.all([
    deps.submissions.listByTask(ctx.task.id),
    deps.reviews.listByTask(ctx.task.id),
  ]);
  const targets = reviewable(submissions);
  const result: PullResult = claimNextSubmission({
    reviewer: reviewerRef(ctx, input.actor.userId),
    scope: ctx.settings.scope,
    reviewsPerSubmission: ctx.settings.reviewsPerSubmission,
    submissions: targets,
    reviews,
    now: ctx.now,
    leaseMs: ctx.settings.leaseMinutes * 60_000,
    random: deps.random,
  });
  if (result.kind === 'nothing-left') return result;
  if (result.kind === 'resume')
    return { kind: 'review', reviewId: asReviewId(result.reviewId), resumed: true };
  const submission = targets.find((s) => s.id === result.submissionId);
  if (submission === undefined) throw new Error(`claimed an unknown submission ${result.submissionId}`);
  const review = startReview({
    id: asReviewId(deps.newId()),
    taskId: ctx.task.id,
    submissionId: submission.id,
    reviewerId: input.actor.userId,
    kind: 'peer',
    source: 'pulled',
    standard: await pinnedForOwner(deps, ctx, submission.owner, action),
    now: ctx.now,
    leaseExpiresAt: result.leaseExpiresAt,
  });
  await deps.reviews.insertMany(
    [{ review, explanation: [{ ...result.reason, kind: 'pulled-fewest-reviews' }] }],
    input.courseId,
  );
  return { kind: 'review', reviewId: review.id, resumed: false, leaseExpiresAt: result.leaseExpiresAt };
}
