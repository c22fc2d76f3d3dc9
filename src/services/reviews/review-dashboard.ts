/**
 * The facilitator's view of peer review in a task: allocation (runs with seed and outcome, hand
 * adjustments, each review with why it was assigned, reviewer loads), completion, late and
 * missing work, reviews to moderate (low agreement with the other reviewers or rated unhelpful),
 * scores, and grades with their publish status. Facilitators see everyone by name; this read
 * model is never sent to learners.
 */
import { needsPublishing, gradeThatCounts, type Grade } from '../../domain/grade/grade.js';
import type { AdjustmentLogEntry } from '../../domain/review/manual-adjustments.js';
import type { PinnedStandard } from '../../domain/review/pinned-standard.js';
import type { ReleaseState } from '../../domain/review/release.js';
import type { ReviewSettings } from '../../domain/review/review-settings.js';
import type { ReviewId, ReviewSource } from '../../domain/review/review.js';
import { helpfulnessScore, reviewAgreement } from '../../domain/review/scores.js';
import type { TeamId, TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { Lateness, SubmissionId } from '../../domain/submission/submission.js';
import type { TaskPhase } from '../../domain/team-task/phases.js';
import type { AllocationRun } from '../../store/reviews/allocation-log-repo.js';
import type { AssignmentExplanation } from '../../store/reviews/review-repo.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { scoreTask } from '../grades/grade-input.js';
import { directoryFor, isReviewOpen, loadReviewContext, pinnedByRef, releaseOf } from './review-context.js';

/** Below these a submitted review is listed for moderation. */
export const MODERATION_AGREEMENT_BELOW = 50;
export const MODERATION_STARS_AT_MOST = 2;

export interface NamedPerson {
  readonly userId: UserId;
  readonly name: string;
}

export interface DashboardSubmission {
  readonly submissionId: SubmissionId;
  readonly owner:
    | { readonly kind: 'team'; readonly teamId: TeamId; readonly members: readonly NamedPerson[] }
    | ({ readonly kind: 'person' } & NamedPerson);
  readonly handedIn: boolean;
  readonly version?: number;
  readonly submittedAt?: Date;
  readonly late?: Lateness;
  readonly release: ReleaseState;
  readonly score?: number;
  readonly reviews: readonly {
    readonly reviewId: ReviewId;
    readonly kind: 'peer' | 'self';
    readonly reviewer: NamedPerson;
    readonly source: ReviewSource;
    readonly status: 'draft' | 'submitted';
    readonly leaseExpiresAt?: Date;
    readonly explanation: AssignmentExplanation;
  }[];
}

export interface ReviewDashboard {
  readonly taskId: TeamTaskId;
  readonly phase: TaskPhase;
  readonly settings: ReviewSettings;
  readonly reviewOpen: boolean;
  readonly allocation: {
    readonly runs: readonly AllocationRun[];
    readonly adjustments: readonly AdjustmentLogEntry[];
    readonly loads: readonly (NamedPerson & { readonly assigned: number; readonly submitted: number })[];
    /** max − min ≤ 1 over the assigned peer reviews of everyone in a team. */
    readonly balanced: boolean;
  };
  readonly completion: {
    readonly expectedSubmissions: number;
    readonly handedIn: number;
    readonly late: number;
    readonly peerReviewsAssigned: number;
    readonly peerReviewsSubmitted: number;
  };
  readonly submissions: readonly DashboardSubmission[];
  /** Teams (team mode) or people (person mode) without handed-in work. */
  readonly missing: readonly (
    { readonly kind: 'team'; readonly teamId: TeamId } | ({ readonly kind: 'person' } & NamedPerson)
  )[];
  readonly moderation: readonly {
    readonly reviewId: ReviewId;
    readonly submissionId: SubmissionId;
    readonly reviewer: NamedPerson;
    readonly agreement?: number;
    readonly helpfulness?: number;
    readonly flags: readonly ('low-agreement' | 'rated-unhelpful')[];
  }[];
  readonly grades:
    | { readonly mode: 'formative' }
    | {
        readonly mode: 'graded';
        readonly rows: readonly (NamedPerson & {
          readonly grade: Grade;
          readonly counts?: number;
          readonly needsPublishing: boolean;
        })[];
      };
}

export async function reviewDashboard(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<ReviewDashboard> {
  requireFacilitator(input.actor, 'view-review-dashboard');
  const ctx = await loadReviewContext(deps, input, input.taskId, 'view-review-dashboard');
  const [assignments, log, ratings, storedGrades, scores] = await Promise.all([
    deps.reviews.listAssignments(ctx.task.id),
    deps.allocationLog.listByTask(ctx.task.id),
    deps.helpfulness.listByTask(ctx.task.id),
    deps.grades.listByTask(ctx.task.id),
    scoreTask(deps, ctx),
  ]);
  const directory = await directoryFor(
    deps,
    ctx,
    assignments.map((a) => a.review.reviewerId),
  );
  const person = (userId: UserId): NamedPerson => ({ userId, name: directory.people.get(userId) ?? '' });
  const reviews = assignments.map((a) => a.review);
  const standards = new Map<string, PinnedStandard>();
  for (const r of reviews)
    if (!standards.has(r.submissionId)) standards.set(r.submissionId, await pinnedByRef(deps, r.standard));

  const submissions: DashboardSubmission[] = scores.submissions.map((s) => {
    const own = assignments.filter((a) => a.review.submissionId === s.id);
    const score = scores.submissionScores.get(s.id)?.score;
    return {
      submissionId: s.id,
      owner:
        s.owner.kind === 'team'
          ? { kind: 'team', teamId: s.owner.teamId, members: s.owner.members.map(person) }
          : { kind: 'person', ...person(s.owner.userId) },
      handedIn: s.submitted !== undefined,
      ...(s.submitted !== undefined ? { version: s.submitted.version, submittedAt: s.submitted.at } : {}),
      ...(s.submitted?.late !== undefined ? { late: s.submitted.late } : {}),
      release: releaseOf(
        ctx,
        own.map((a) => a.review),
      ),
      ...(score !== undefined ? { score } : {}),
      reviews: own.map(({ review, explanation }) => ({
        reviewId: review.id,
        kind: review.kind,
        reviewer: person(review.reviewerId),
        source: review.source,
        status: review.status,
        ...(review.leaseExpiresAt !== undefined ? { leaseExpiresAt: review.leaseExpiresAt } : {}),
        explanation,
      })),
    };
  });

  const teams = ctx.teamSet?.teams ?? [];
  const handedIn = scores.submissions.filter((s) => s.submitted !== undefined);
  const missing: ReviewDashboard['missing'] =
    ctx.settings.submissionMode === 'team'
      ? teams
          .filter((t) => !handedIn.some((s) => s.owner.kind === 'team' && s.owner.teamId === t.id))
          .map((t) => ({ kind: 'team', teamId: t.id }))
      : teams
          .flatMap((t) => t.members)
          .filter((u) => !handedIn.some((s) => s.owner.kind === 'person' && s.owner.userId === u))
          .map((u) => ({ kind: 'person', ...person(u) }));

  const peer = reviews.filter((r) => r.kind === 'peer');
  const loads = teams
    .flatMap((t) => t.members)
    .map((u) => ({
      ...person(u),
      assigned: peer.filter((r) => r.reviewerId === u).length,
      submitted: peer.filter((r) => r.reviewerId === u && r.status === 'submitted').length,
    }));
  const counts = loads.map((l) => l.assigned);

  const moderation: ReviewDashboard['moderation'][number][] = [];
  for (const r of peer.filter((x) => x.status === 'submitted')) {
    const standard = standards.get(r.submissionId);
    const agreement =
      standard === undefined
        ? undefined
        : reviewAgreement(
            standard,
            r,
            reviews.filter((x) => x.submissionId === r.submissionId),
            ctx.settings.aggregation,
          );
    const helpfulness = helpfulnessScore(ratings.filter((x) => x.reviewId === r.id).map((x) => x.stars));
    const stars = ratings.filter((x) => x.reviewId === r.id).map((x) => x.stars);
    const flags: ('low-agreement' | 'rated-unhelpful')[] = [];
    if (agreement !== undefined && agreement < MODERATION_AGREEMENT_BELOW) flags.push('low-agreement');
    if (stars.some((s) => s <= MODERATION_STARS_AT_MOST)) flags.push('rated-unhelpful');
    if (flags.length > 0) {
      moderation.push({
        reviewId: r.id,
        submissionId: r.submissionId,
        reviewer: person(r.reviewerId),
        ...(agreement !== undefined ? { agreement } : {}),
        ...(helpfulness !== undefined ? { helpfulness } : {}),
        flags,
      });
    }
  }

  return {
    taskId: ctx.task.id,
    phase: ctx.phase,
    settings: ctx.settings,
    reviewOpen: isReviewOpen(ctx),
    allocation: {
      runs: log.flatMap((e) => (e.kind === 'run' ? [e] : [])),
      adjustments: log.flatMap((e) => (e.kind === 'run' ? [] : [e])),
      loads,
      balanced: counts.length === 0 || Math.max(...counts) - Math.min(...counts) <= 1,
    },
    completion: {
      expectedSubmissions:
        ctx.settings.submissionMode === 'team' ? teams.length : teams.flatMap((t) => t.members).length,
      handedIn: handedIn.length,
      late: handedIn.filter((s) => s.submitted?.late !== undefined).length,
      peerReviewsAssigned: peer.length,
      peerReviewsSubmitted: peer.filter((r) => r.status === 'submitted').length,
    },
    submissions,
    missing,
    moderation,
    grades:
      ctx.settings.grading.mode === 'graded'
        ? {
            mode: 'graded',
            rows: storedGrades.map((grade) => {
              const c = gradeThatCounts(grade);
              return {
                ...person(grade.userId),
                grade,
                ...(c !== undefined ? { counts: c } : {}),
                needsPublishing: needsPublishing(grade),
              };
            }),
          }
        : { mode: 'formative' },
  };
}
