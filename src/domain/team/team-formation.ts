/**
 * Forming a task's teams from the course roster: by hand, at random with a target size, as
 * empty teams that learners join themselves, or copied from another task.
 *
 * Every way of forming checks the same invariants (`assertValidTeams`): members come from the
 * roster, nobody is in two teams, team ids and numbers are unique. Forming (or re-forming) is a
 * facilitator's act; until work starts it is free, afterwards it comes with the `work-started`
 * warning, because teams may already have a standard and work of their own.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import { shuffle, type RandomSource } from '../shared/random.js';
import { checkText } from '../shared/text-rules.js';
import { hasWorkStarted, type TaskPhase } from '../team-task/phases.js';
import { TEAM_LIMITS, type Team, type TeamSet, type TeamSetChange, type TeamWarning } from './team.js';

/** What every team change needs to know: who acts, where the task is, who is in the course. */
export interface TeamContext {
  readonly actor: Actor;
  readonly phase: TaskPhase;
  /** The learners of the course (user ids), e.g. from the platform's names and roles service. */
  readonly roster: readonly UserId[];
}

export interface TeamInput {
  readonly id: TeamId;
  readonly name?: string;
  readonly members: readonly UserId[];
}

/**
 * Teams exactly as the facilitator drew them up.
 * @throws NotPermittedError unless a facilitator forms them.
 * @throws InvalidInputError for members outside the roster, people in two teams, empty teams,
 *   bad names, duplicate ids.
 */
export function formTeamsByHand(
  input: { readonly taskId: TeamTaskId; readonly teams: readonly TeamInput[] },
  ctx: TeamContext,
): TeamSetChange {
  assertCanForm(ctx);
  const issues: FieldIssue[] = [];
  input.teams.forEach((team, i) => {
    if (team.members.length === 0) issues.push({ field: `teams.${i}.members`, code: 'required' });
  });
  if (input.teams.length === 0) issues.push({ field: 'teams', code: 'required' });
  const teams = input.teams.map((team, i) => toTeam(team, i + 1));
  return formed({ taskId: input.taskId, mode: 'manual', teams, revision: 1 }, ctx, issues);
}

/**
 * Random teams of about `targetSize`: as many teams as needed so none is larger than the target
 * (⌈n / target⌉), filled round-robin from a shuffled roster so sizes differ by at most one.
 * The roster is sorted first, so the result depends only on who is in it and on `random`.
 * @throws NotPermittedError unless a facilitator forms them.
 * @throws InvalidInputError for an empty roster, a target size below 1 or above the limit, or
 *   too few team ids.
 */
export function formRandomTeams(
  input: { readonly taskId: TeamTaskId; readonly targetSize: number; readonly teamIds: readonly TeamId[] },
  random: RandomSource,
  ctx: TeamContext,
): TeamSetChange {
  assertCanForm(ctx);
  const issues: FieldIssue[] = [];
  if (!isSize(input.targetSize)) issues.push({ field: 'targetSize', code: 'invalid' });
  const roster = [...new Set(ctx.roster)].sort();
  if (roster.length === 0) issues.push({ field: 'roster', code: 'empty' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const count = Math.ceil(roster.length / input.targetSize);
  if (input.teamIds.length < count) throw new InvalidInputError([{ field: 'teamIds', code: 'too-few' }]);
  const buckets: UserId[][] = Array.from({ length: count }, () => []);
  shuffle(roster, random).forEach((userId, i) => buckets[i % count]?.push(userId));
  const teams = buckets.map((members, i) => toTeam({ id: input.teamIds[i] as TeamId, members }, i + 1));
  return formed({ taskId: input.taskId, mode: 'random', teams, revision: 1 }, ctx);
}

/**
 * Empty teams that learners join themselves (see `joinTeam`), none larger than `maxSize`.
 * @throws NotPermittedError unless a facilitator opens them.
 * @throws InvalidInputError for no teams, a bad maximum size or bad names.
 */
export function openSelfSelection(
  input: {
    readonly taskId: TeamTaskId;
    readonly maxSize: number;
    readonly teams: readonly { readonly id: TeamId; readonly name?: string }[];
  },
  ctx: TeamContext,
): TeamSetChange {
  assertCanForm(ctx);
  const issues: FieldIssue[] = [];
  if (!isSize(input.maxSize)) issues.push({ field: 'maxSize', code: 'invalid' });
  if (input.teams.length === 0) issues.push({ field: 'teams', code: 'required' });
  const teams = input.teams.map((team, i) => toTeam({ ...team, members: [] }, i + 1));
  const set: TeamSet = {
    taskId: input.taskId,
    mode: 'self-selection',
    maxSize: input.maxSize,
    teams,
    revision: 1,
  };
  return formed(set, ctx, issues);
}

/**
 * The teams of another task, for a new task. Members who are no longer on the roster are left
 * out (and reported); teams left empty are dropped. New ids come from `teamIds`, in order.
 * @throws NotPermittedError unless a facilitator copies them.
 * @throws InvalidInputError when the source has no team with members left, or too few ids.
 */
export function copyTeams(
  source: TeamSet,
  input: { readonly taskId: TeamTaskId; readonly teamIds: readonly TeamId[] },
  ctx: TeamContext,
): TeamSetChange & { readonly leftOut: readonly UserId[] } {
  assertCanForm(ctx);
  const onRoster = new Set(ctx.roster);
  const leftOut = source.teams.flatMap((team) => team.members.filter((m) => !onRoster.has(m)));
  const kept = source.teams
    .map((team) => ({ ...team, members: team.members.filter((m) => onRoster.has(m)) }))
    .filter((team) => team.members.length > 0);
  if (kept.length === 0) throw new InvalidInputError([{ field: 'source', code: 'no-members-left' }]);
  if (input.teamIds.length < kept.length)
    throw new InvalidInputError([{ field: 'teamIds', code: 'too-few' }]);
  const teams = kept.map((team, i) =>
    toTeam({ id: input.teamIds[i] as TeamId, members: team.members, ...nameOf(team) }, i + 1),
  );
  const set: TeamSet = {
    taskId: input.taskId,
    mode: 'copied',
    copiedFrom: source.taskId,
    teams,
    revision: 1,
  };
  return { ...formed(set, ctx), leftOut };
}

/**
 * Checks the invariants of a set of teams against the roster.
 * @throws InvalidInputError listing every broken invariant.
 */
export function assertValidTeams(
  set: TeamSet,
  roster: readonly UserId[],
  extra: readonly FieldIssue[] = [],
): void {
  const issues = [...extra];
  const onRoster = new Set(roster);
  const seenMembers = new Set<UserId>();
  const seenIds = new Set<TeamId>();
  const seenNumbers = new Set<number>();
  set.teams.forEach((team, i) => {
    if (seenIds.has(team.id)) issues.push({ field: `teams.${i}.id`, code: 'duplicate' });
    seenIds.add(team.id);
    if (seenNumbers.has(team.number)) issues.push({ field: `teams.${i}.number`, code: 'duplicate' });
    seenNumbers.add(team.number);
    if (team.name !== undefined) {
      const issue = checkText(`teams.${i}.name`, team.name, TEAM_LIMITS.name);
      if (issue !== undefined) issues.push(issue);
    }
    if (set.maxSize !== undefined && team.members.length > set.maxSize) {
      issues.push({ field: `teams.${i}.members`, code: 'team-full' });
    }
    team.members.forEach((member, j) => {
      const field = `teams.${i}.members.${j}`;
      if (!onRoster.has(member)) issues.push({ field, code: 'not-on-roster' });
      if (seenMembers.has(member)) issues.push({ field, code: 'in-two-teams' });
      seenMembers.add(member);
    });
  });
  if (issues.length > 0) throw new InvalidInputError(issues);
}

/** Warnings that go with a change to teams in `phase`. */
export function teamChangeWarnings(phase: TaskPhase): readonly TeamWarning[] {
  return hasWorkStarted(phase) ? ['work-started'] : [];
}

function assertCanForm(ctx: TeamContext): void {
  if (ctx.actor.role !== 'facilitator') throw new NotPermittedError('form-teams');
  if (ctx.phase === 'closed') throw new PhaseConflictError({ action: 'form-teams', phase: ctx.phase });
}

function formed(set: TeamSet, ctx: TeamContext, issues: readonly FieldIssue[] = []): TeamSetChange {
  assertValidTeams(set, ctx.roster, issues);
  return { teamSet: set, warnings: teamChangeWarnings(ctx.phase) };
}

function toTeam(input: TeamInput, number: number): Team {
  const name = input.name?.trim();
  return {
    id: input.id,
    number,
    ...(name !== undefined && name !== '' ? { name } : {}),
    members: [...input.members],
  };
}

function nameOf(team: Team): { name?: string } {
  return team.name !== undefined ? { name: team.name } : {};
}

function isSize(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= TEAM_LIMITS.maxTeamSize;
}
