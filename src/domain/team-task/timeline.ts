/**
 * The timeline everyone sees: each phase the task uses with its planned dates and what actually
 * happened, where the task is, and what comes next and how (a date, or a facilitator's move).
 * Plain data for a view model; no text.
 */

import { nextPhase, type PhaseName, type TaskPhase } from './phases.js';
import { dueTransitions, isPhaseOpen, scheduledTransitionDate } from './phase-transitions.js';
import { currentPhase, currentPhaseEnteredAt, type TeamTask } from './team-task.js';

export type StepStatus = 'done' | 'current' | 'upcoming' | 'skipped';

export interface TimelineStep {
  readonly phase: PhaseName;
  readonly status: StepStatus;
  /** Planned dates. */
  readonly opensAt?: Date;
  readonly closesAt?: Date;
  /** What happened: when the task entered and left this phase. */
  readonly openedAt?: Date;
  readonly leftAt?: Date;
}

export interface NextStep {
  readonly phase: TaskPhase;
  /** `schedule`: happens by itself at `at`; `facilitator`: waits for a facilitator. */
  readonly by: 'schedule' | 'facilitator';
  readonly at?: Date;
}

export interface Timeline {
  readonly phase: TaskPhase;
  /** Whether the current phase accepts actions (false in setup, closed, or after the deadline). */
  readonly open: boolean;
  readonly closesAt?: Date;
  readonly enteredAt?: Date;
  /** Moves the schedule has made due but nobody has applied yet (the scheduler is behind). */
  readonly overdue: boolean;
  readonly next?: NextStep;
  readonly steps: readonly TimelineStep[];
}

export function buildTimeline(task: TeamTask, now: Date): Timeline {
  const phase = currentPhase(task);
  const enteredAt = currentPhaseEnteredAt(task);
  const steps = task.phases.map((p): TimelineStep => {
    const entered = task.history.find((c) => c.to === p);
    const left = task.history.find((c) => c.from === p);
    const status: StepStatus =
      p === phase ? 'current' : entered !== undefined ? 'done' : phase === 'closed' ? 'skipped' : 'upcoming';
    return {
      phase: p,
      status,
      ...definedDates(task, p),
      ...(entered !== undefined ? { openedAt: entered.at } : {}),
      ...(left !== undefined ? { leftAt: left.at } : {}),
    };
  });
  const to = nextPhase(task.phases, phase);
  let next: NextStep | undefined;
  if (to !== undefined) {
    const at = scheduledTransitionDate(task, phase, to);
    const scheduled = at !== undefined && (enteredAt === undefined || at > enteredAt);
    next = scheduled ? { phase: to, by: 'schedule', at } : { phase: to, by: 'facilitator' };
  }
  const closesAt = phase === 'setup' || phase === 'closed' ? undefined : task.schedule[phase]?.closesAt;
  return {
    phase,
    open: phase !== 'setup' && phase !== 'closed' && isPhaseOpen(task, phase, now),
    ...(closesAt !== undefined ? { closesAt } : {}),
    ...(enteredAt !== undefined ? { enteredAt } : {}),
    overdue: dueTransitions(task, now).length > 0,
    ...(next !== undefined ? { next } : {}),
    steps,
  };
}

function definedDates(task: TeamTask, phase: PhaseName): { opensAt?: Date; closesAt?: Date } {
  const window = task.schedule[phase];
  return {
    ...(window?.opensAt !== undefined ? { opensAt: window.opensAt } : {}),
    ...(window?.closesAt !== undefined ? { closesAt: window.closesAt } : {}),
  };
}
