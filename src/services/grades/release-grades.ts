/**
 * A facilitator releases the grades of a graded task to the LMS gradebook, all in one
 * transaction: grades are recomputed, every grade whose number differs from what was last
 * published is handed to the `GradebookPort` (which queues it for each graded placement of the
 * task; LTI AGS delivery happens in the background) and its publish state recorded — published
 * with the number, or "no graded placement" when the port queued nothing (retried by releasing
 * again). Pending grades (work not yet reviewed, no override) are not sent. Formative tasks
 * publish nothing.
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

export const NO_GRADED_PLACEMENT = 'no-graded-placement';

export interface ReleaseOutcome {
  readonly mode: 'formative' | 'graded';
  /** Queued for the gradebook. */
  readonly published: readonly UserId[];
  /** The port queued nothing (the task has no graded placement for them). */
  readonly notPlaced: readonly UserId[];
  /** No number yet (nothing reviewed, no override). */
  readonly pending: readonly UserId[];
  /** The gradebook already has this number. */
  readonly unchanged: readonly UserId[];
}

export async function releaseGrades(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<ReleaseOutcome> {
  const action = 'release-grades';
  requireFacilitator(input.actor, action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  if (ctx.settings.grading.mode !== 'graded') {
    return { mode: 'formative', published: [], notPlaced: [], pending: [], unchanged: [] };
  }
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
  return deps.transaction(async (tx) => {
    const outcome = {
      published: [] as UserId[],
      notPlaced: [] as UserId[],
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
      const { queued } = await deps.gradebook.publish(
        {
          taskId: ctx.task.id,
          userId: grade.userId,
          score: Math.round((counts / 100) * formula.scoreMaximum * 100) / 100,
          max: formula.scoreMaximum,
          progress: { activity: 'Completed', grading: 'FullyGraded' },
          at: ctx.now,
        },
        tx,
      );
      const next: Grade = {
        ...grade,
        publish:
          queued > 0
            ? { state: 'published', score: counts, at: ctx.now, by: input.actor.userId }
            : { state: 'failed', at: ctx.now, reason: NO_GRADED_PLACEMENT },
        revision: grade.revision + 1,
      };
      (queued > 0 ? outcome.published : outcome.notPlaced).push(grade.userId);
      await deps.grades.save(next, input.courseId, grade.revision, tx);
    }
    return { mode: 'graded' as const, ...outcome };
  });
}
