/**
 * Who may act on a team's standard, and when.
 *
 * - Only members of the team act on its standard; a facilitator may comment, approve, lock and
 *   unlock, but not propose, edit, weigh, object or agree on a team's behalf.
 * - Content (criteria, weights, objections, agreement) changes while the standard is drafted,
 *   during the standard-setting phase until its deadline; after ratification only through an
 *   amendment, which is possible until peer review opens (phases standard-setting and work).
 * - Discussion follows the same windows, except that comments stay possible on a ratified
 *   standard while it could still be amended, and while it is locked.
 * - A locked standard refuses content changes from members.
 */

import type { Actor } from '../shared/actor.js';
import { NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { UserId } from '../shared/ids.js';
import { isPhaseOpen } from '../team-task/phase-transitions.js';
import { isAmendmentWindow } from '../team-task/phases.js';
import { currentPhase, type TeamTask } from '../team-task/team-task.js';
import type { Team } from '../team/team.js';
import type { TeamStandard } from './team-standard.js';

/** Everything a standard action needs besides the standard and its input. */
export interface StandardContext {
  readonly task: TeamTask;
  /** The team the standard belongs to, with its members now. */
  readonly team: Team;
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * @returns the acting member's id.
 * @throws NotPermittedError unless the actor is a learner in the standard's team.
 */
export function assertMember(standard: TeamStandard, ctx: StandardContext, action: string): UserId {
  assertSameTeam(standard, ctx, action);
  if (ctx.actor.role !== 'learner' || !ctx.team.members.includes(ctx.actor.userId)) {
    throw new NotPermittedError(action);
  }
  return ctx.actor.userId;
}

/** @throws NotPermittedError unless the actor is a facilitator (and the context matches). */
export function assertStandardFacilitator(
  standard: TeamStandard,
  ctx: StandardContext,
  action: string,
): UserId {
  assertSameTeam(standard, ctx, action);
  if (ctx.actor.role !== 'facilitator') throw new NotPermittedError(action);
  return ctx.actor.userId;
}

/** @throws PhaseConflictError unless members may change the standard's content now. */
export function assertContentWindow(standard: TeamStandard, ctx: StandardContext, action: string): void {
  const phase = currentPhase(ctx.task);
  const conflict = (reason: string): PhaseConflictError =>
    new PhaseConflictError({ action, phase, standardId: standard.id, status: standard.status, reason });
  if (standard.status === 'drafting' && !isPhaseOpen(ctx.task, 'standard-setting', ctx.now)) {
    throw conflict(phase === 'standard-setting' ? 'deadline-passed' : 'not-standard-setting');
  }
  if (standard.status === 'ratified') throw conflict('ratified-open-an-amendment');
  if (standard.status === 'amending' && !isAmendmentWindow(phase)) throw conflict('peer-review-opened');
  if (standard.locked !== undefined) throw conflict('locked');
}

/** @throws PhaseConflictError unless members may discuss the standard now. */
export function assertDiscussionWindow(standard: TeamStandard, ctx: StandardContext, action: string): void {
  const phase = currentPhase(ctx.task);
  const open =
    standard.status === 'drafting'
      ? isPhaseOpen(ctx.task, 'standard-setting', ctx.now)
      : isAmendmentWindow(phase);
  if (!open)
    throw new PhaseConflictError({ action, phase, standardId: standard.id, status: standard.status });
}

/**
 * Facilitators act on standards during standard-setting (also after its deadline) and work.
 * @throws PhaseConflictError in any other phase.
 */
export function assertFacilitatorWindow(standard: TeamStandard, ctx: StandardContext, action: string): void {
  const phase = currentPhase(ctx.task);
  if (!isAmendmentWindow(phase)) {
    throw new PhaseConflictError({ action, phase, standardId: standard.id, status: standard.status });
  }
}

function assertSameTeam(standard: TeamStandard, ctx: StandardContext, action: string): void {
  // CASE: a service that loaded the wrong team must never let one team act on another's standard.
  if (standard.teamId !== ctx.team.id || standard.taskId !== ctx.task.id) throw new NotPermittedError(action);
}
