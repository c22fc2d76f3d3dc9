/**
 * A facilitator allocates reviewers (push mode) once peer review is open: every handed-in
 * submission gets N reviewers under the task's scope, balanced, keeping every review that
 * already exists — so running it again later allocates work handed in late. The seed of the
 * random source is stored with the run (same inputs + seed → same allocation), and each new
 * review keeps the reasons it was made for the facilitator's view. An infeasible allocation
 * (too few eligible reviewers) assigns nothing and is recorded with its shortfalls.
 */
import { allocators, type AllocationResult } from '../../domain/review/allocation.js';
import { startReview, asReviewId, type Review } from '../../domain/review/review.js';
import { PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { seededRandom } from '../../domain/shared/random.js';
import type { PinnedStandard } from '../../domain/review/pinned-standard.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import {
  assertReviewOpen,
  loadReviewContext,
  pinnedForOwner,
  reviewable,
  reviewersOf,
} from './review-context.js';

export interface AllocationOutcome {
  readonly round: number;
  readonly seed: number;
  readonly result: AllocationResult;
  readonly created: readonly Review[];
}

export async function allocateReviews(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    /** Replays a recorded run; a new seed is drawn when absent. */
    readonly seed?: number;
  },
): Promise<AllocationOutcome> {
  const action = 'allocate-reviews';
  requireFacilitator(input.actor, action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  if (ctx.settings.allocation !== 'push')
    throw new PhaseConflictError({ action, phase: ctx.phase, taskId: ctx.task.id, reason: 'pull-mode' });
  assertReviewOpen(ctx, action);
  const [submissions, reviews, log] = await Promise.all([
    deps.submissions.listByTask(ctx.task.id),
    deps.reviews.listByTask(ctx.task.id),
    deps.allocationLog.listByTask(ctx.task.id),
  ]);
  const seed = input.seed ?? Math.floor(deps.random() * 0x7fffffff);
  const targets = reviewable(submissions);
  const result = allocators[ctx.settings.scope]({
    submissions: targets,
    reviewers: reviewersOf(ctx),
    reviewsPerSubmission: ctx.settings.reviewsPerSubmission,
    existing: reviews
      .filter((r) => r.kind === 'peer')
      .map((r) => ({ submissionId: r.submissionId, reviewerId: r.reviewerId })),
    random: seededRandom(seed),
  });
  const round = log.filter((e) => e.kind === 'run').length + 1;
  const created: { review: Review; explanation: Record<string, unknown>[] }[] = [];
  if (result.status === 'allocated') {
    const pinned = new Map<string, PinnedStandard>();
    for (const assignment of result.assignments) {
      const submission = targets.find((s) => s.id === assignment.submissionId);
      if (submission === undefined) continue;
      let standard = pinned.get(submission.id);
      if (standard === undefined) {
        standard = await pinnedForOwner(deps, ctx, submission.owner, action);
        pinned.set(submission.id, standard);
      }
      created.push({
        review: startReview({
          id: asReviewId(deps.newId()),
          taskId: ctx.task.id,
          submissionId: assignment.submissionId,
          reviewerId: assignment.reviewerId,
          kind: 'peer',
          source: 'allocated',
          standard,
          now: ctx.now,
        }),
        explanation: [
          { kind: 'allocation-run', round, seed },
          ...assignment.reasons.map((r) => ({ ...r }) as Record<string, unknown>),
        ],
      });
    }
  }
  await deps.transaction(async (tx) => {
    await deps.allocationLog.insertRun(
      {
        taskId: ctx.task.id,
        round,
        seed,
        scope: ctx.settings.scope,
        reviewsPerSubmission: ctx.settings.reviewsPerSubmission,
        status: result.status,
        balanced: result.status === 'allocated' && result.balanced,
        added: created.length,
        log: result.log,
        at: ctx.now,
        by: input.actor.userId,
      },
      tx,
    );
    await deps.reviews.insertMany(created, input.courseId, tx);
  });
  return { round, seed, result, created: created.map((c) => c.review) };
}
