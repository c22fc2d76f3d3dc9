/**
 * What every submission, review and grade use case loads first, and the facts it derives from
 * the task: the task (in the actor's course), its review settings (defaults when nobody set
 * them), its teams, the phase windows the domain rules take, who owns what, the pinned standard
 * version of a submission, release state and the name directory for projections.
 */
import type { AllocationScope, ReviewableSubmission, ReviewerRef } from '../../domain/review/eligibility.js';
import type { Directory } from '../../domain/review/feedback-view.js';
import { assertUsablePinnedStandard, type PinnedStandard } from '../../domain/review/pinned-standard.js';
import { releaseState, type ReleaseState, type ReviewPhaseFacts } from '../../domain/review/release.js';
import { defaultReviewSettings, type ReviewSettings } from '../../domain/review/review-settings.js';
import type { Review, ReviewRules, ReviewWindow } from '../../domain/review/review.js';
import { NotFoundError, NotPermittedError, PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { latestVersionRef, type StandardVersion } from '../../domain/standard/standard-version.js';
import type {
  Submission,
  SubmissionOwner,
  TaskPhaseName,
  WorkWindow,
} from '../../domain/submission/submission.js';
import { isPhaseOpen } from '../../domain/team-task/phase-transitions.js';
import { currentPhase, type TeamTask } from '../../domain/team-task/team-task.js';
import { teamOf, type TeamSet } from '../../domain/team/team.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';

export interface ReviewContext {
  readonly who: CourseActor;
  readonly task: TeamTask;
  readonly settings: ReviewSettings;
  readonly teamSet: TeamSet | undefined;
  readonly phase: TaskPhaseName;
  readonly now: Date;
}

/**
 * @throws NotFoundError for an unknown task.
 * @throws NotPermittedError for another course's task, or a learner in no team of the task.
 */
export async function loadReviewContext(
  deps: Pick<ReviewDeps, 'teamTasks' | 'teamSets' | 'reviewSettings' | 'now'>,
  who: CourseActor,
  taskId: TeamTaskId,
  action: string,
): Promise<ReviewContext> {
  const task = await loadTaskInCourse(deps, who.courseId, taskId, action);
  const [stored, teamSet] = await Promise.all([
    deps.reviewSettings.findByTask(task.id),
    deps.teamSets.findByTask(task.id),
  ]);
  const settings = stored ?? defaultReviewSettings(task.id, task.createdBy, task.createdAt);
  if (
    who.actor.role !== 'facilitator' &&
    (teamSet === undefined || teamOf(teamSet, who.actor.userId) === undefined)
  ) {
    throw new NotPermittedError(action);
  }
  return { who, task, settings, teamSet, phase: currentPhase(task), now: deps.now() };
}

/** When the work phase ended: its close date, else when the task left it. */
export function workDueAt(task: TeamTask): Date | undefined {
  return task.schedule.work?.closesAt ?? task.history.find((c) => c.from === 'work')?.at;
}

export function workWindow(ctx: ReviewContext): WorkWindow {
  const dueAt = workDueAt(ctx.task);
  return {
    phase: ctx.phase,
    ...(dueAt !== undefined ? { dueAt } : {}),
    lateSubmissions: ctx.settings.lateSubmissions,
  };
}

export function reviewFacts(ctx: ReviewContext): ReviewPhaseFacts {
  return {
    phase: ctx.phase,
    open: ctx.phase === 'peer-review' && isPhaseOpen(ctx.task, 'peer-review', ctx.now),
  };
}

export function isReviewOpen(ctx: ReviewContext): boolean {
  return reviewFacts(ctx).open;
}

/** The window a review action sees: peer reviews while peer review is open; self-assessments also during work. */
export function reviewWindow(ctx: ReviewContext, kind: 'peer' | 'self', release: ReleaseState): ReviewWindow {
  const peerOpen = reviewFacts(ctx).open;
  const workOpen = ctx.phase === 'work' && isPhaseOpen(ctx.task, 'work', ctx.now);
  return {
    phase: ctx.phase,
    open: kind === 'peer' ? peerOpen : peerOpen || workOpen,
    released: release.released,
  };
}

export function releaseOf(ctx: ReviewContext, reviewsOfSubmission: readonly Review[]): ReleaseState {
  const submitted = reviewsOfSubmission.filter((r) => r.kind === 'peer' && r.status === 'submitted').length;
  return releaseState(ctx.settings.release, reviewFacts(ctx), submitted);
}

export function reviewRules(ctx: ReviewContext): ReviewRules {
  return {
    requireCriterionComments: ctx.settings.requireCriterionComments,
    maxCommentLength: 5000,
    maxOverallCommentLength: 10000,
  };
}

/**
 * Whose work `userId` hands in: their team's (team mode) or their own (person mode).
 * @throws NotPermittedError when the task needs a team and the person is in none.
 */
export function ownerFor(ctx: ReviewContext, userId: UserId, action: string): SubmissionOwner {
  const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, userId);
  if (ctx.settings.submissionMode === 'team') {
    if (team === undefined) throw new NotPermittedError(action);
    return { kind: 'team', teamId: team.id, members: [...team.members] };
  }
  return { kind: 'person', userId, ...(team !== undefined ? { teamId: team.id } : {}) };
}

/** Everyone in a team of the task, with their team. */
export function reviewersOf(ctx: ReviewContext): ReviewerRef[] {
  return (ctx.teamSet?.teams ?? []).flatMap((team) =>
    team.members.map((userId) => ({ userId, teamId: team.id })),
  );
}

export function reviewerRef(ctx: ReviewContext, userId: UserId): ReviewerRef {
  const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, userId);
  return { userId, ...(team !== undefined ? { teamId: team.id } : {}) };
}

export function reviewable(submissions: readonly Submission[]): ReviewableSubmission[] {
  return submissions.filter((s) => s.submitted !== undefined).map((s) => ({ id: s.id, owner: s.owner }));
}

export function scopeOf(ctx: ReviewContext): AllocationScope {
  return ctx.settings.scope;
}

/** A frozen standard version as the review rules see it; level ids are their positions (`l0` lowest). */
export function toPinnedStandard(version: StandardVersion): PinnedStandard {
  const pinned: PinnedStandard = {
    standardId: version.standardId,
    version: version.version,
    criteria: version.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      levels: c.levels.map((level, i) => ({ id: `l${i}`, label: level.label })),
    })),
  };
  assertUsablePinnedStandard(pinned);
  return pinned;
}

/** The standard version a review is pinned to. */
export async function pinnedByRef(
  deps: Pick<ReviewDeps, 'standardVersions'>,
  ref: StandardRef,
): Promise<PinnedStandard> {
  const version = await deps.standardVersions.find(ref);
  if (version === undefined) throw new NotFoundError('standard-version', `${ref.standardId}@${ref.version}`);
  return toPinnedStandard(version);
}

/**
 * The version a new review of work by `owner` pins: the latest ratified version of the owning
 * team's standard.
 * @throws PhaseConflictError (`reason: standard-not-ratified`, `teamId`) when there is none.
 */
export async function pinnedForOwner(
  deps: Pick<ReviewDeps, 'standards' | 'standardVersions'>,
  ctx: ReviewContext,
  owner: SubmissionOwner,
  action: string,
): Promise<PinnedStandard> {
  const teamId: TeamId | undefined = owner.teamId;
  const standard = teamId === undefined ? undefined : await deps.standards.findByTeam(ctx.task.id, teamId);
  const ref = standard === undefined ? undefined : latestVersionRef(standard);
  if (ref === undefined) {
    throw new PhaseConflictError({
      action,
      phase: ctx.phase,
      taskId: ctx.task.id,
      reason: 'standard-not-ratified',
      teamId: teamId ?? '',
    });
  }
  return pinnedByRef(deps, ref);
}

/** Names of people and teams for the projections (which decide who may see them). */
export async function directoryFor(
  deps: Pick<ReviewDeps, 'directory'>,
  ctx: ReviewContext,
  extra: readonly UserId[] = [],
): Promise<Directory> {
  const teams = ctx.teamSet?.teams ?? [];
  const ids = [...new Set([...teams.flatMap((t) => t.members), ...extra])];
  const found = await deps.directory.people(ids);
  const people = new Map<UserId, string>();
  for (const id of ids) people.set(id, found.get(id)?.name ?? '');
  return {
    people,
    teams: new Map(
      teams.map((t) => [t.id, { number: t.number, ...(t.name !== undefined ? { name: t.name } : {}) }]),
    ),
  };
}

/** @throws PhaseConflictError unless the task is in peer review with the phase open. */
export function assertReviewOpen(ctx: ReviewContext, action: string): void {
  if (!isReviewOpen(ctx))
    throw new PhaseConflictError({ action, phase: ctx.phase, taskId: ctx.task.id, reason: 'phase-not-open' });
}
