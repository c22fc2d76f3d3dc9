/**
 * A team retrospective: how did we do on each criterion we agreed? Per criterion of the team's
 * standard the team states its own rating beside the peers' median and the facilitator's level
 * (if any); then what went well, what to improve, and agreed actions with an owner and a due
 * date. Open actions follow their owners into their team of the next task in the course
 * (`carriedActions`), where they are ticked off.
 *
 * Team members write it together (optimistic concurrency on `revision`: a stale save is
 * reported, not lost); facilitators of the course read it. Text is markdown source, kept as
 * written.
 */
import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotFoundError, NotPermittedError } from '../shared/errors.js';
import type { Brand, CourseId, CriterionId, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import { checkText, issuesOf } from '../shared/text-rules.js';
import type { CriterionRatings } from '../reflection/criterion-gaps.js';
import { GAP_THRESHOLD_LEVELS } from '../reflection/criterion-gaps.js';
import { assertReflectionWindow } from '../reflection/reflection.js';
import type { StandardRef } from '../standard/standard-ref.js';
import type { TaskPhase } from '../team-task/phases.js';

export type RetrospectiveId = Brand<string, 'RetrospectiveId'>;
export type ActionId = Brand<string, 'ActionId'>;
export const asRetrospectiveId = (value: string): RetrospectiveId => nonEmpty('RetrospectiveId', value);
export const asActionId = (value: string): ActionId => nonEmpty('ActionId', value);

function nonEmpty<T extends string>(kind: string, value: string): T {
  if (value.length === 0) throw new TypeError(`${kind} must not be empty`);
  return value as T;
}

/**
 * One criterion of the retrospective, as recorded: the criterion and the team's own rating. The
 * peers' figures are NOT recorded here: they are read from the released feedback every time the
 * page is shown (`retrospectiveRows(retro, peers)`), so reviews released or revised after the team
 * opened its retrospective always show, and nothing stored earlier can win over them.
 */
export interface RetrospectiveCriterion {
  readonly criterionId: CriterionId;
  readonly name: string;
  readonly levelCount: number;
  /** The team's own rating, once the team set it. */
  readonly team?: number;
}

/**
 * The facilitator's rating of the team's work per criterion (peer review has no facilitator
 * review kind, so a facilitator rates here), with an optional short comment the team reads.
 */
export interface FacilitatorRating {
  /** criterionId → level position (0 = lowest); criteria left out are not rated. */
  readonly levels: Readonly<Record<string, number>>;
  readonly comment: string;
  readonly by: UserId;
  readonly at: Date;
}

/** The peers' figures for one criterion, read live from the released feedback (medians and counts only). */
export interface PeerFigure {
  readonly criterionId: CriterionId;
  readonly median?: number;
  readonly count: number;
}

export interface AgreedAction {
  readonly id: ActionId;
  readonly text: string;
  readonly owner: UserId;
  readonly due: Date;
  readonly done?: { readonly by: UserId; readonly at: Date };
}

export interface Retrospective {
  readonly id: RetrospectiveId;
  readonly courseId: CourseId;
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly standard?: StandardRef;
  readonly criteria: readonly RetrospectiveCriterion[];
  readonly facilitatorRating?: FacilitatorRating;
  readonly wentWell: string;
  readonly toImprove: string;
  readonly actions: readonly AgreedAction[];
  readonly createdBy: UserId;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly revision: number;
}

export const RETROSPECTIVE_LIMITS = {
  notes: { min: 0, max: 10000 },
  action: { min: 1, max: 500 },
  maxActions: 20,
  facilitatorComment: { min: 0, max: 1000 },
} as const;

export interface RetrospectiveContext {
  readonly teamMembers: readonly UserId[];
  readonly phase: TaskPhase;
  readonly actor: Actor;
  readonly now: Date;
}

function assertWriter(ctx: RetrospectiveContext, action: string): void {
  if (ctx.actor.role !== 'learner' || !ctx.teamMembers.includes(ctx.actor.userId)) {
    throw new NotPermittedError(action);
  }
  assertReflectionWindow(ctx.phase, action);
}

/**
 * Opens the team's retrospective with the criteria of its standard (the review figures are read
 * live when the page is shown, never copied in).
 * @throws NotPermittedError unless a member of the team opens it.
 * @throws PhaseConflictError outside the reflection and share phases.
 */
export function openRetrospective(
  input: {
    readonly id: RetrospectiveId;
    readonly courseId: CourseId;
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
    readonly standard?: StandardRef;
    /** The criteria to rate; any figures on them (`self`, `peerMedian`, …) are ignored. */
    readonly ratings: readonly Pick<CriterionRatings, 'criterionId' | 'name' | 'levelCount'>[];
  },
  ctx: RetrospectiveContext,
): Retrospective {
  assertWriter(ctx, 'open-retrospective');
  return {
    id: input.id,
    courseId: input.courseId,
    taskId: input.taskId,
    teamId: input.teamId,
    ...(input.standard !== undefined ? { standard: input.standard } : {}),
    criteria: criteriaOf(input.ratings),
    wentWell: '',
    toImprove: '',
    actions: [],
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    revision: 1,
  };
}

function criteriaOf(
  ratings: readonly Pick<CriterionRatings, 'criterionId' | 'name' | 'levelCount'>[],
): RetrospectiveCriterion[] {
  return ratings.map((r) => ({ criterionId: r.criterionId, name: r.name, levelCount: r.levelCount }));
}

/**
 * A retrospective opened without criteria (before the team's standard was ratified, or by an
 * older version of this tool) takes the criteria of the team's pinned version, so it can be
 * rated. One that has criteria is returned as it is (the same object: nothing to save).
 */
export function adoptCriteria(
  retro: Retrospective,
  input: {
    readonly standard?: StandardRef;
    readonly criteria: readonly Pick<CriterionRatings, 'criterionId' | 'name' | 'levelCount'>[];
  },
  now: Date,
): Retrospective {
  if (retro.criteria.length > 0 || input.criteria.length === 0) return retro;
  return {
    ...retro,
    ...(retro.standard === undefined && input.standard !== undefined ? { standard: input.standard } : {}),
    criteria: criteriaOf(input.criteria),
    updatedAt: now,
    revision: retro.revision + 1,
  };
}

/**
 * A facilitator of the retrospective's course rates the team's work per criterion (a level per
 * criterion, none to leave it unrated) with an optional short comment; a new rating replaces the
 * earlier one. Team members and other courses' facilitators may not.
 * @throws NotPermittedError for anyone but a facilitator of the course.
 * @throws InvalidInputError for an unknown criterion, a level off the scale or a too-long comment.
 */
export function rateAsFacilitator(
  retro: Retrospective,
  rating: { readonly levels: Readonly<Record<string, number | null>>; readonly comment: string },
  who: { readonly actor: Actor; readonly courseId: CourseId; readonly now: Date },
): Retrospective {
  if (who.actor.role !== 'facilitator' || who.courseId !== retro.courseId) {
    throw new NotPermittedError('rate-retrospective');
  }
  const issues: FieldIssue[] = issuesOf(
    checkText('comment', rating.comment, RETROSPECTIVE_LIMITS.facilitatorComment),
  );
  const levels: Record<string, number> = {};
  for (const [criterionId, level] of Object.entries(rating.levels)) {
    const row = retro.criteria.find((c) => c.criterionId === criterionId);
    if (row === undefined) issues.push({ field: `levels.${criterionId}`, code: 'unknown' });
    else if (level === null) continue;
    else if (!(Number.isInteger(level) && level >= 0 && level < row.levelCount)) {
      issues.push({ field: `levels.${criterionId}`, code: 'out-of-range' });
    } else levels[criterionId] = level;
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  return {
    ...retro,
    facilitatorRating: { levels, comment: rating.comment.trim(), by: who.actor.userId, at: who.now },
    updatedAt: who.now,
    revision: retro.revision + 1,
  };
}

export interface RetrospectiveChanges {
  /** criterionId → the team's level (null clears it). */
  readonly teamRatings?: Readonly<Record<string, number | null>>;
  readonly wentWell?: string;
  readonly toImprove?: string;
}

/**
 * Records the team's ratings and notes.
 * @throws InvalidInputError for an unknown criterion, a level off the scale, or too-long notes.
 */
export function updateRetrospective(
  retro: Retrospective,
  changes: RetrospectiveChanges,
  ctx: RetrospectiveContext,
): Retrospective {
  assertWriter(ctx, 'update-retrospective');
  const issues: FieldIssue[] = issuesOf(
    changes.wentWell !== undefined
      ? checkText('wentWell', changes.wentWell, RETROSPECTIVE_LIMITS.notes)
      : undefined,
    changes.toImprove !== undefined
      ? checkText('toImprove', changes.toImprove, RETROSPECTIVE_LIMITS.notes)
      : undefined,
  );
  const ratings = changes.teamRatings ?? {};
  for (const [criterionId, level] of Object.entries(ratings)) {
    const row = retro.criteria.find((c) => c.criterionId === criterionId);
    if (row === undefined) issues.push({ field: `teamRatings.${criterionId}`, code: 'unknown' });
    else if (level !== null && !(Number.isInteger(level) && level >= 0 && level < row.levelCount)) {
      issues.push({ field: `teamRatings.${criterionId}`, code: 'out-of-range' });
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const criteria = retro.criteria.map((row) => {
    if (!(row.criterionId in ratings)) return row;
    const level = ratings[row.criterionId];
    const { team: _old, ...rest } = row;
    return level === null || level === undefined ? rest : { ...rest, team: level };
  });
  return {
    ...retro,
    criteria,
    wentWell: changes.wentWell?.trim() ?? retro.wentWell,
    toImprove: changes.toImprove?.trim() ?? retro.toImprove,
    updatedAt: ctx.now,
    revision: retro.revision + 1,
  };
}

/**
 * Adds an agreed action. The owner must be a member of the team; the due date may not lie in
 * the past.
 * @throws InvalidInputError listing what is wrong.
 */
export function agreeAction(
  retro: Retrospective,
  action: { readonly id: ActionId; readonly text: string; readonly owner: UserId; readonly due: Date },
  ctx: RetrospectiveContext,
): Retrospective {
  assertWriter(ctx, 'agree-action');
  const issues = issuesOf(checkText('text', action.text, RETROSPECTIVE_LIMITS.action));
  if (!ctx.teamMembers.includes(action.owner)) issues.push({ field: 'owner', code: 'not-a-member' });
  if (Number.isNaN(action.due.getTime())) issues.push({ field: 'due', code: 'invalid-date' });
  else if (action.due.getTime() < ctx.now.getTime()) issues.push({ field: 'due', code: 'in-the-past' });
  if (retro.actions.length >= RETROSPECTIVE_LIMITS.maxActions)
    issues.push({ field: 'actions', code: 'too-many' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  return {
    ...retro,
    actions: [
      ...retro.actions,
      { id: action.id, text: action.text.trim(), owner: action.owner, due: action.due },
    ],
    updatedAt: ctx.now,
    revision: retro.revision + 1,
  };
}

/** Removes an action agreed by mistake (any member, while the retrospective is open). */
export function dropAction(
  retro: Retrospective,
  actionId: ActionId,
  ctx: RetrospectiveContext,
): Retrospective {
  assertWriter(ctx, 'drop-action');
  if (!retro.actions.some((a) => a.id === actionId)) throw new NotFoundError('action', actionId);
  return {
    ...retro,
    actions: retro.actions.filter((a) => a.id !== actionId),
    updatedAt: ctx.now,
    revision: retro.revision + 1,
  };
}

/**
 * Marks an action done (or open again). Allowed in any phase, by the owner or any member of the
 * team that agreed it, and — since actions are carried — by the owner from a later task.
 * @throws NotPermittedError for anyone else.
 */
export function markActionDone(
  retro: Retrospective,
  actionId: ActionId,
  done: boolean,
  who: { readonly actor: Actor; readonly teamMembers: readonly UserId[]; readonly now: Date },
): Retrospective {
  const action = retro.actions.find((a) => a.id === actionId);
  if (action === undefined) throw new NotFoundError('action', actionId);
  const userId = who.actor.userId;
  if (who.actor.role !== 'learner' || (userId !== action.owner && !who.teamMembers.includes(userId))) {
    throw new NotPermittedError('mark-action-done');
  }
  const actions = retro.actions.map((a) => {
    if (a.id !== actionId) return a;
    const { done: _was, ...open } = a;
    return done ? { ...open, done: { by: userId, at: who.now } } : open;
  });
  return { ...retro, actions, updatedAt: who.now, revision: retro.revision + 1 };
}

/** One row of the chart with the gaps the page highlights (same rule as for reflections). */
export interface RetrospectiveRow extends RetrospectiveCriterion {
  readonly peerMedian?: number;
  readonly peerCount: number;
  readonly facilitator?: number;
  readonly gapToPeers?: number;
  readonly gapToFacilitator?: number;
  readonly highlighted: boolean;
}

/**
 * The chart: per recorded criterion the team's rating, the peers' live figures (matched by
 * criterion; a criterion the feedback does not cover has none) and the facilitator's level,
 * with a gap of a level or more to either highlighted.
 * @throws RangeError when a peer median lies off the criterion's scale (the caller passed bad data).
 */
export function retrospectiveRows(
  retro: Retrospective,
  peers: readonly PeerFigure[] = [],
): RetrospectiveRow[] {
  return retro.criteria.map((criterion) => {
    const peer = peers.find((p) => p.criterionId === criterion.criterionId);
    if (peer?.median !== undefined && !(peer.median >= 0 && peer.median <= criterion.levelCount - 1)) {
      throw new RangeError(`peer median ${peer.median} outside 0..${criterion.levelCount - 1}`);
    }
    const facilitator = retro.facilitatorRating?.levels[criterion.criterionId];
    const c = {
      ...criterion,
      ...(peer?.median !== undefined && peer.count > 0 ? { peerMedian: peer.median } : {}),
      peerCount: peer?.count ?? 0,
      ...(facilitator !== undefined ? { facilitator } : {}),
    };
    const gapToPeers =
      c.team !== undefined && c.peerMedian !== undefined && c.peerCount > 0
        ? c.team - c.peerMedian
        : undefined;
    const gapToFacilitator =
      c.team !== undefined && c.facilitator !== undefined ? c.team - c.facilitator : undefined;
    const highlighted = [gapToPeers, gapToFacilitator].some(
      (g) => g !== undefined && Math.abs(g) >= GAP_THRESHOLD_LEVELS,
    );
    return {
      ...c,
      ...(gapToPeers !== undefined ? { gapToPeers } : {}),
      ...(gapToFacilitator !== undefined ? { gapToFacilitator } : {}),
      highlighted,
    };
  });
}

/** An open action from an earlier task, shown in the owner's team of a later task. */
export interface CarriedAction {
  readonly action: AgreedAction;
  readonly from: {
    readonly retrospectiveId: RetrospectiveId;
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
  };
}

/**
 * The actions a team of `task` carries in: open actions, agreed in retrospectives of earlier
 * tasks of the same course (tasks created before this one), whose owner is a member of this
 * team. Oldest due date first. Done actions drop out; an owner who left the course's teams
 * carries nothing.
 */
export function carriedActions(
  task: { readonly id: TeamTaskId; readonly courseId: CourseId; readonly createdAt: Date },
  teamMembers: readonly UserId[],
  earlier: readonly {
    readonly retrospective: Retrospective;
    readonly taskCreatedAt: Date;
  }[],
): CarriedAction[] {
  const out: CarriedAction[] = [];
  for (const { retrospective: r, taskCreatedAt } of earlier) {
    if (r.courseId !== task.courseId || r.taskId === task.id) continue;
    if (taskCreatedAt.getTime() >= task.createdAt.getTime()) continue;
    for (const action of r.actions) {
      if (action.done !== undefined || !teamMembers.includes(action.owner)) continue;
      out.push({ action, from: { retrospectiveId: r.id, taskId: r.taskId, teamId: r.teamId } });
    }
  }
  return out.sort(
    (a, b) => a.action.due.getTime() - b.action.due.getTime() || a.action.id.localeCompare(b.action.id),
  );
}

/** Who may read a retrospective: the team's members and the facilitators of its course. */
export function canReadRetrospective(
  retro: Retrospective,
  viewer: { readonly actor: Actor; readonly courseId: CourseId; readonly teamId?: TeamId },
): boolean {
  if (viewer.courseId !== retro.courseId) return false;
  return viewer.actor.role === 'facilitator' || viewer.teamId === retro.teamId;
}
