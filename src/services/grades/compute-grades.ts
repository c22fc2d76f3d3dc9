/**
 * A facilitator (re)computes the grades of a graded task from the stored reviews, ratings and
 * splits, all in one transaction. Overrides and publish states are kept; a grade whose number
 * changed after publishing shows as needing publishing again.
 */
import type { Grade } from '../../domain/grade/grade.js';
import { PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext, type ReviewContext } from '../reviews/review-context.js';
import { scoreTask } from './grade-input.js';

export async function computeGrades(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<readonly Grade[]> {
  requireFacilitator(input.actor, 'compute-grades');
  const ctx = await loadReviewContext(deps, input, input.taskId, 'compute-grades');
  return recomputeGrades(deps, ctx);
}

/** @throws PhaseConflictError (`reason: formative`) for a task without grades. */
export async function recomputeGrades(deps: ReviewDeps, ctx: ReviewContext): Promise<readonly Grade[]> {
  if (ctx.settings.grading.mode !== 'graded') {
    throw new PhaseConflictError({
      action: 'compute-grades',
      phase: ctx.phase,
      taskId: ctx.task.id,
      reason: 'formative',
    });
  }
  const { grades } = await scoreTask(deps, ctx);
  const stored = new Map((await deps.grades.listByTask(ctx.task.id)).map((g) => [g.userId as string, g]));
  const out: Grade[] = [];
  await deps.transaction(async (tx) => {
    out.length = 0;
    for (const computed of grades) {
      const before = stored.get(computed.userId);
      const same =
        before !== undefined &&
        before.computed === computed.computed &&
        JSON.stringify(before.parts) === JSON.stringify(computed.parts);
      if (same) {
        out.push(before);
        continue;
      }
      const grade: Grade = {
        taskId: ctx.task.id,
        userId: computed.userId,
        parts: computed.parts,
        computed: computed.computed,
        ...(before?.override !== undefined ? { override: before.override } : {}),
        computedAt: ctx.now,
        publish: before?.publish ?? { state: 'unpublished' },
        revision: (before?.revision ?? 0) + 1,
      };
      await deps.grades.save(grade, ctx.who.courseId, before?.revision, tx);
      out.push(grade);
    }
  });
  return out;
}
