/**
 * An author starts the self-assessment of their (team's) handed-in work, on the same form as
 * peer reviews; asking again returns the one they have.
 */
import { asReviewId, startSelfAssessment as decide, type ReviewId } from '../../domain/review/review.js';
import { PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadOwnSubmission } from '../submissions/submission-access.js';
import { pinnedForOwner, releaseOf, reviewWindow } from './review-context.js';

export async function startSelfAssessment(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<{ readonly reviewId: ReviewId; readonly created: boolean }> {
  const action = 'start-self-assessment';
  const { ctx, submission } = await loadOwnSubmission(deps, input, input.taskId, action);
  if (submission?.submitted === undefined)
    throw new PhaseConflictError({ action, phase: ctx.phase, taskId: ctx.task.id, reason: 'not-submitted' });
  const reviews = await deps.reviews.listBySubmission(submission.id);
  const mine = reviews.find((r) => r.kind === 'self' && r.reviewerId === input.actor.userId);
  if (mine !== undefined) return { reviewId: mine.id, created: false };
  const review = decide({
    id: asReviewId(deps.newId()),
    taskId: ctx.task.id,
    submission: { id: submission.id, owner: submission.owner },
    standard: await pinnedForOwner(deps, ctx, submission.owner, action),
    selfAssessment: ctx.settings.selfAssessment,
    actor: input.actor,
    window: reviewWindow(ctx, 'self', releaseOf(ctx, reviews)),
    now: ctx.now,
  });
  await deps.reviews.insertMany([{ review, explanation: [{ kind: 'self-assessment' }] }], input.courseId);
  return { reviewId: review.id, created: true };
}
