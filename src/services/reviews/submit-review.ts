/**
 * The reviewer submits (or, before release, revises) the review. The server refuses a form that
 * misses a criterion (`InvalidInputError` with `ratings.<criterionId>.level: required`).
 */
import {
  submitReview as decide,
  type Review,
  type ReviewId,
  type ReviewInput,
} from '../../domain/review/review.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { scoreOfReview } from '../../domain/review/scores.js';
import { teamOf } from '../../domain/team/team.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { reviewRules } from './review-context.js';
import { loadReviewForReviewer } from './review-access.js';

export async function submitReview(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly reviewId: ReviewId;
    /** The form's values; the saved draft when absent. */
    readonly values?: ReviewInput;
    readonly expectedRevision?: number;
  },
): Promise<Review> {
  if (input.actor.role !== 'learner') throw new NotPermittedError('submit-review');
  const { ctx, review, standard, window } = await loadReviewForReviewer(
    deps,
    input,
    input.taskId,
    input.reviewId,
    'submit-review',
  );
  if (input.expectedRevision !== undefined) assertRevision(review, input.expectedRevision, 'review');
  const next = decide(review, input.values, standard, input.actor, window, ctx.now, reviewRules(ctx));
  const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, next.reviewerId);
  await deps.transaction(async (tx) => {
    await deps.reviews.save(next, input.courseId, review.revision, tx);
    await deps.events.record(
      [
        {
          type: 'review-submitted',
          at: ctx.now,
          courseId: input.courseId,
          taskId: ctx.task.id,
          userId: next.reviewerId,
          ...(team !== undefined ? { teamId: team.id } : {}),
          reviewId: next.id,
          submissionId: next.submissionId,
          kind: next.kind,
          revision: next.revision,
          standard: { standardId: standard.standardId, version: standard.version },
          score: scoreOfReview(standard, next) ?? 0,
          ratings: standard.criteria.flatMap((criterion) => {
            const rating = next.ratings.find((r) => r.criterionId === criterion.id);
            if (rating?.levelId === undefined) return [];
            return [
              {
                criterion: {
                  id: criterion.id,
                  name: criterion.name,
                  levels: criterion.levels.map((l) => ({ id: l.id, label: l.label })),
                },
                levelId: rating.levelId,
                comment: rating.comment,
              },
            ];
          }),
        },
      ],
      tx,
    );
  });
  return next;
}
