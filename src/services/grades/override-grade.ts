/** A facilitator replaces a learner's computed grade; the reason is required and kept. */
import { overrideScore } from '../../domain/review/scores.js';
import type { Grade } from '../../domain/grade/grade.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from '../reviews/review-context.js';
import { recomputeGrades } from './compute-grades.js';

export async function overrideGrade(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly userId: UserId;
    readonly score: number;
    readonly reason: string;
    readonly expectedRevision?: number;
  },
): Promise<Grade> {
  requireFacilitator(input.actor, 'override-grade');
  const ctx = await loadReviewContext(deps, input, input.taskId, 'override-grade');
  const grades = await recomputeGrades(deps, ctx);
  const grade = grades.find((g) => g.userId === input.userId);
  if (grade === undefined) throw new NotFoundError('grade', `${input.taskId}/${input.userId}`);
  if (input.expectedRevision !== undefined)
    assertRevision({ id: input.userId, revision: grade.revision }, input.expectedRevision, 'grade');
  const override = overrideScore({ score: input.score, reason: input.reason }, input.actor, ctx.now);
  const next: Grade = { ...grade, override, revision: grade.revision + 1 };
  await deps.grades.save(next, input.courseId, grade.revision);
  return next;
}
