/** A facilitator adds a reviewer to a submission by hand (same eligibility rules), logged with their note. */
import { assignByHand } from '../../domain/review/manual-adjustments.js';
import { asReviewId, type Review } from '../../domain/review/review.js';
import { InvalidInputError } from '../../domain/shared/errors.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { SubmissionId } from '../../domain/submission/submission.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadSubmissionOfTask } from '../submissions/submission-access.js';
import {
  assertReviewOpen,
  loadReviewContext,
  pinnedForOwner,
  reviewerRef,
  reviewersOf,
} from './review-context.js';

export async function assignReviewer(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly submissionId: SubmissionId;
    readonly reviewerId: UserId;
    readonly note?: string;
  },
): Promise<Review> {
  const action = 'assign-reviewer';
  requireFacilitator(input.actor, action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  assertReviewOpen(ctx, action);
  const submission = await loadSubmissionOfTask(deps, ctx, input.submissionId);
  if (submission.submitted === undefined)
    throw new InvalidInputError([{ field: 'submissionId', code: 'not-submitted' }]);
  if (!reviewersOf(ctx).some((r) => r.userId === input.reviewerId))
    throw new InvalidInputError([{ field: 'reviewerId', code: 'not-in-a-team' }]);
  const reviews = await deps.reviews.listBySubmission(submission.id);
  const standard = await pinnedForOwner(deps, ctx, submission.owner, action);
  const { review, log } = assignByHand({
    id: asReviewId(deps.newId()),
    taskId: ctx.task.id,
    scope: ctx.settings.scope,
    submission: { id: submission.id, owner: submission.owner },
    reviewer: reviewerRef(ctx, input.reviewerId),
    reviews,
    standard,
    ...(input.note !== undefined ? { note: input.note } : {}),
    actor: input.actor,
    now: ctx.now,
  });
  await deps.transaction(async (tx) => {
    await deps.reviews.insertMany(
      [{ review, explanation: [{ kind: 'assigned-by-hand', by: log.by, note: log.note }] }],
      input.courseId,
      tx,
    );
    await deps.allocationLog.insertAdjustment(ctx.task.id, log, deps.newId(), tx);
  });
  return review;
}
