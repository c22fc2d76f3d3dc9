/** Loading the submission a learner works on (their team's or their own), or any one for a facilitator. */
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { isAuthor, type Submission, type SubmissionId } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext, ownerFor, type ReviewContext } from '../reviews/review-context.js';

export async function loadOwnSubmission(
  deps: ReviewDeps,
  who: CourseActor,
  taskId: TeamTaskId,
  action: string,
): Promise<{ ctx: ReviewContext; owner: Submission['owner']; submission: Submission | undefined }> {
  if (who.actor.role !== 'learner') throw new NotPermittedError(action);
  const ctx = await loadReviewContext(deps, who, taskId, action);
  const owner = ownerFor(ctx, who.actor.userId, action);
  const submission = await deps.submissions.findByOwner(ctx.task.id, owner);
  return { ctx, owner, submission };
}

/**
 * A submission of the task by id.
 * @throws NotFoundError for an unknown id or one of another task.
 */
export async function loadSubmissionOfTask(
  deps: Pick<ReviewDeps, 'submissions'>,
  ctx: ReviewContext,
  submissionId: SubmissionId,
): Promise<Submission> {
  const submission = await deps.submissions.findById(submissionId);
  if (submission === undefined || submission.taskId !== ctx.task.id)
    throw new NotFoundError('submission', submissionId);
  return submission;
}

/** @throws NotPermittedError unless the actor is a facilitator or an author. */
export function assertAuthorOrFacilitator(ctx: ReviewContext, submission: Submission, action: string): void {
  const { actor } = ctx.who;
  if (actor.role !== 'facilitator' && !isAuthor(submission.owner, actor.userId))
    throw new NotPermittedError(action);
}
