/**
 * Changing teams once they exist.
 *
 * Learners choose their own team only in self-selection mode and only until work starts
 * (joining another team moves them; a full team refuses). Facilitators may move anyone, add and
 * rename teams at any time before the task closes; from the start of work their changes carry
 * the `work-started` warning. Every change keeps the invariants of `assertValidTeams`.
 */

import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { TeamId, UserId } from '../shared/ids.js';
import { hasWorkStarted } from '../team-task/phases.js';
import { assertValidTeams, teamChangeWarnings, type TeamContext } from './team-formation.js';
import { findTeam, teamOf, type Team, type TeamSet, type TeamSetChange } from './team.js';

/**
 * The acting learner joins `teamId` (leaving their current team, if any).
 * @throws NotPermittedError when the actor is not a learner on the roster, or teams are not self-selected.
 * @throws PhaseConflictError once work has started.
 * @throws InvalidInputError for an unknown or full team.
 */
export function joinTeam(set: TeamSet, teamId: TeamId, ctx: TeamContext): TeamSetChange {
  const learner = assertSelfSelecting(set, ctx, 'join-team');
  const target = findTeam(set, teamId);
  if (target === undefined) throw new InvalidInputError([{ field: 'teamId', code: 'unknown' }]);
  if (target.members.includes(learner)) return { teamSet: set, warnings: [] };
  if (set.maxSize !== undefined && target.members.length >= set.maxSize) {
    throw new InvalidInputError([{ field: 'teamId', code: 'team-full' }]);
  }
  return changed(set, placeMember(set.teams, learner, teamId), ctx);
}

/**
 * The acting learner leaves their team (nothing changes when they are in none).
 * @throws NotPermittedError when the actor is not a learner on the roster, or teams are not self-selected.
 * @throws PhaseConflictError once work has started.
 */
export function leaveTeam(set: TeamSet, ctx: TeamContext): TeamSetChange {
  const learner = assertSelfSelecting(set, ctx, 'leave-team');
  if (teamOf(set, learner) === undefined) return { teamSet: set, warnings: [] };
  return changed(set, placeMember(set.teams, learner, undefined), ctx);
}

/**
 * A facilitator puts a learner into `teamId`, or into no team with `undefined`.
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError once the task is closed.
 * @throws InvalidInputError for an unknown team, a learner off the roster, or a full team.
 */
export function moveLearner(
  set: TeamSet,
  learner: UserId,
  teamId: TeamId | undefined,
  ctx: TeamContext,
): TeamSetChange {
  assertFacilitatorChange(ctx, 'move-learner');
  if (teamId !== undefined && findTeam(set, teamId) === undefined) {
    throw new InvalidInputError([{ field: 'teamId', code: 'unknown' }]);
  }
  return changed(set, placeMember(set.teams, learner, teamId), ctx);
}

/**
 * A facilitator adds an empty team (numbered after the last one).
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError once the task is closed.
 * @throws InvalidInputError for a duplicate id or a bad name.
 */
export function addTeam(
  set: TeamSet,
  team: { readonly id: TeamId; readonly name?: string },
  ctx: TeamContext,
): TeamSetChange {
  assertFacilitatorChange(ctx, 'add-team');
  const number = Math.max(0, ...set.teams.map((t) => t.number)) + 1;
  const name = team.name?.trim();
  const added: Team = { id: team.id, number, ...(name ? { name } : {}), members: [] };
  return changed(set, [...set.teams, added], ctx);
}

/**
 * A facilitator renames a team (an empty name goes back to the numbered default).
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError once the task is closed.
 * @throws InvalidInputError for an unknown team or a name that is too long.
 */
export function renameTeam(set: TeamSet, teamId: TeamId, name: string, ctx: TeamContext): TeamSetChange {
  assertFacilitatorChange(ctx, 'rename-team');
  if (findTeam(set, teamId) === undefined)
    throw new InvalidInputError([{ field: 'teamId', code: 'unknown' }]);
  const trimmed = name.trim();
  const teams = set.teams.map((t): Team => {
    if (t.id !== teamId) return t;
    const { name: _old, ...rest } = t;
    return trimmed === '' ? rest : { ...rest, name: trimmed };
  });
  return changed(set, teams, ctx);
}

function assertSelfSelecting(set: TeamSet, ctx: TeamContext, action: string): UserId {
  if (ctx.actor.role !== 'learner' || !ctx.roster.includes(ctx.actor.userId))
    throw new NotPermittedError(action);
  if (set.mode !== 'self-selection') throw new NotPermittedError(action);
  if (hasWorkStarted(ctx.phase))
    throw new PhaseConflictError({ action, phase: ctx.phase, taskId: set.taskId });
  return ctx.actor.userId;
}

function assertFacilitatorChange(ctx: TeamContext, action: string): void {
  if (ctx.actor.role !== 'facilitator') throw new NotPermittedError(action);
  if (ctx.phase === 'closed') throw new PhaseConflictError({ action, phase: ctx.phase });
}

function placeMember(teams: readonly Team[], member: UserId, teamId: TeamId | undefined): Team[] {
  return teams.map((team) => {
    const without = team.members.filter((m) => m !== member);
    return { ...team, members: team.id === teamId ? [...without, member] : without };
  });
}

function changed(set: TeamSet, teams: readonly Team[], ctx: TeamContext): TeamSetChange {
  const next: TeamSet = { ...set, teams, revision: set.revision + 1 };
  // CASE: someone already in a team who has since left the course must not block other changes;
  // only people placed by this change have to be on the roster.
  assertValidTeams(next, [...ctx.roster, ...set.teams.flatMap((t) => t.members)]);
  return { teamSet: next, warnings: teamChangeWarnings(ctx.phase) };
}
