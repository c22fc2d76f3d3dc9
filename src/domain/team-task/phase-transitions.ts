/**
 * Moving a task between phases, by date or by a facilitator.
 *
 * By date: the move out of a phase is due at the next phase's open date or, when that has none,
 * at the current phase's close date (for the last phase: its close date moves the task to
 * closed; for setup: the first phase's open date). Several moves can be due at once — a
 * scheduler that was down catches up through each of them, and each is recorded at the date
 * that triggered it. A date that had already passed when the task entered its current phase is
 * ignored: a facilitator who opens a phase late decides when it ends (or sets a new date).
 *
 * A phase is open for actions while the task is in it and its close date (if any) has not
 * passed; between a close date and the next phase's open date the task waits, closed.
 */

import type { Actor } from '../shared/actor.js';
import { PhaseConflictError } from '../shared/errors.js';
import { allowedTransitions, nextPhase, type PhaseName, type TaskPhase } from './phases.js';
import {
  assertFacilitator,
  currentPhase,
  currentPhaseEnteredAt,
  type PhaseChange,
  type TeamTask,
} from './team-task.js';

export interface DueTransition {
  readonly from: TaskPhase;
  readonly to: TaskPhase;
  /** The date that makes it due. */
  readonly at: Date;
}

/** The date at which the task moves from `from` to `to` by itself, if the schedule says so. */
export function scheduledTransitionDate(task: TeamTask, from: TaskPhase, to: TaskPhase): Date | undefined {
  const closes = from === 'setup' || from === 'closed' ? undefined : task.schedule[from]?.closesAt;
  if (to === 'closed' || to === 'setup') return closes;
  return task.schedule[to]?.opensAt ?? closes;
}

/** The moves the schedule makes due at `now`, in order (empty when none). */
export function dueTransitions(task: TeamTask, now: Date): readonly DueTransition[] {
  const due: DueTransition[] = [];
  let from = currentPhase(task);
  let enteredAt = currentPhaseEnteredAt(task);
  for (;;) {
    const to = nextPhase(task.phases, from);
    if (to === undefined) return due;
    const at = scheduledTransitionDate(task, from, to);
    if (at === undefined || at > now) return due;
    if (enteredAt !== undefined && at <= enteredAt) return due;
    due.push({ from, to, at });
    from = to;
    enteredAt = at;
  }
}

/** The task after every move that is due at `now`; the same task when none is. */
export function applyDueTransitions(task: TeamTask, now: Date): TeamTask {
  const due = dueTransitions(task, now);
  if (due.length === 0) return task;
  const changes: PhaseChange[] = due.map((t) => ({ ...t, cause: { kind: 'schedule' } }));
  return { ...task, history: [...task.history, ...changes], revision: task.revision + 1 };
}

/**
 * A facilitator moves the task to `to`: the next phase it uses, or closed to end it early.
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws PhaseConflictError (with `from`, `to` and the `allowed` moves) for any other move.
 */
export function advancePhase(task: TeamTask, to: TaskPhase, now: Date, actor: Actor): TeamTask {
  assertFacilitator(actor, 'advance-phase');
  const from = currentPhase(task);
  const allowed = allowedTransitions(task.phases, from);
  if (!allowed.includes(to)) {
    throw new PhaseConflictError({
      action: 'advance-phase',
      phase: from,
      taskId: task.id,
      to,
      allowed: allowed.join(','),
    });
  }
  const change: PhaseChange = { from, to, at: now, cause: { kind: 'facilitator', userId: actor.userId } };
  return { ...task, history: [...task.history, change], revision: task.revision + 1 };
}

/** Whether actions of `phase` are accepted now: the task is in it and its deadline has not passed. */
export function isPhaseOpen(task: TeamTask, phase: PhaseName, now: Date): boolean {
  if (currentPhase(task) !== phase) return false;
  const closesAt = task.schedule[phase]?.closesAt;
  return closesAt === undefined || now < closesAt;
}

/**
 * @throws PhaseConflictError (with the task's phase and `required`) unless `phase` is open now.
 */
export function assertPhaseOpen(task: TeamTask, phase: PhaseName, now: Date, action: string): void {
  if (!isPhaseOpen(task, phase, now)) {
    const current = currentPhase(task);
    throw new PhaseConflictError({
      action,
      phase: current,
      taskId: task.id,
      required: phase,
      ...(current === phase ? { reason: 'deadline-passed' } : {}),
    });
  }
}
