/** An author rates how helpful a peer review of their (team's) work was (1–5) and may reply; again replaces. */
import { rateReview as decide, type HelpfulnessRating } from '../../domain/review/helpfulness.js';
import type { ReviewId } from '../../domain/review/review.js';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { teamOf } from '../../domain/team/team.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadSubmissionOfTask } from '../submissions/submission-access.js';
import { loadReviewContext, releaseOf } from './review-context.js';

export async function rateReview(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly reviewId: ReviewId;
    readonly stars: number;
    readonly reply?: string;
  },
): Promise<HelpfulnessRating> {
  const action = 'rate-review';
  if (input.actor.role !== 'learner') throw new NotPermittedError(action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  const review = await deps.reviews.findById(input.reviewId);
  if (review === undefined || review.taskId !== ctx.task.id)
    throw new NotFoundError('review', input.reviewId);
  const submission = await loadSubmissionOfTask(deps, ctx, review.submissionId);
  const [reviews, existing] = await Promise.all([
    deps.reviews.listBySubmission(submission.id),
    deps.helpfulness.find(review.id, input.actor.userId),
  ]);
  const rating = decide({
    review,
    owner: submission.owner,
    ...(existing !== undefined ? { existing } : {}),
    stars: input.stars,
    ...(input.reply !== undefined ? { reply: input.reply } : {}),
    actor: input.actor,
    release: releaseOf(ctx, reviews),
    phase: ctx.phase,
    now: ctx.now,
  });
  await deps.transaction(async (tx) => {
    await deps.helpfulness.save(rating, ctx.task.id, existing?.revision, tx);
    const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, input.actor.userId);
    await deps.events.record(
      [
        {
          type: 'review-rated',
          at: ctx.now,
          courseId: input.courseId,
          taskId: ctx.task.id,
          userId: input.actor.userId,
          ...(team !== undefined ? { teamId: team.id } : {}),
          reviewId: review.id,
          reviewRevision: review.revision,
          stars: rating.stars,
          revision: rating.revision,
        },
      ],
      tx,
    );
  });
  return rating;
}
