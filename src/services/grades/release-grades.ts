/**
 * A facilitator releases the grades of a graded task to the LMS gradebook: grades are recomputed,
 * then every grade whose number differs from what the gradebook has is sent through the
 * `GradebookPort` (one learner at a time; the port is outside any transaction) and its publish
 * state recorded — published with the number sent, or failed with the reason, to be retried by
 * releasing again. Pending grades (work not yet reviewed, no override) are not sent. Formative
 * tasks publish nothing.
 */
import { gradeThatCounts, needsPublishing, type Grade } from '../../domain/grade/grade.js';
import { isReviewPhaseOver } from '../../domain/review/release.js';
import { PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext, reviewFacts } from '../reviews/review-context.js';
import { recomputeGrades } from './compute-grades.js';
import { formulaOf } from './grade-input.js';

export interface ReleaseOutcome {
  readonly mode: 'formative' | 'graded';
  readonly published: readonly UserId[];
  readonly failed: readonly { readonly userId: UserId; readonly reason: string }[];
  readonly pending: readonly UserId[];
  readonly unchanged: readonly UserId[];
}

export async function releaseGrades(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<ReleaseOutcome> {
  const action = 'release-grades';
  requireFacilitator(input.actor, action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  if (ctx.settings.grading.mode !== 'graded')
    return { mode: 'formative', published: [], failed: [], pending: [], unchanged: [] };
  if (!isReviewPhaseOver(reviewFacts(ctx))) {
    throw new PhaseConflictError({
      action,
      phase: ctx.phase,
      taskId: ctx.task.id,
      reason: 'review-not-over',
    });
  }
  const formula = formulaOf(ctx);
  const grades = await recomputeGrades(deps, ctx);
  const outcome = {
    published: [] as UserId[],
    failed: [] as { userId: UserId; reason: string }[],
    pending: [] as UserId[],
    unchanged: [] as UserId[],
  };
  for (const grade of grades) {
    const counts = gradeThatCounts(grade);
    if (counts === undefined) {
      outcome.pending.push(grade.userId);
      continue;
    }
    if (!needsPublishing(grade)) {
      outcome.unchanged.push(grade.userId);
      continue;
    }
    let next: Grade;
    try {
      await deps.gradebook.publish({
        taskId: ctx.task.id,
        userId: grade.userId,
        scoreGiven: Math.round((counts / 100) * formula.scoreMaximum * 100) / 100,
        scoreMaximum: formula.scoreMaximum,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
      });
      next = {
        ...grade,
        publish: { state: 'published', score: counts, at: ctx.now, by: input.actor.userId },
        revision: grade.revision + 1,
      };
      outcome.published.push(grade.userId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      next = { ...grade, publish: { state: 'failed', at: ctx.now, reason }, revision: grade.revision + 1 };
      outcome.failed.push({ userId: grade.userId, reason });
    }
    await deps.grades.save(next, input.courseId, grade.revision);
  }
  return { mode: 'graded', ...outcome };
}
