/**
 * The phases of a team task and the moves between them.
 *
 * A task is set up, then runs through the phases it uses in a fixed order — standard-setting,
 * work, peer-review, reflection, share — and ends closed. A task may leave phases out, so the
 * table below lists, for every phase, the phases that may follow it in order of preference: the
 * task moves to the first of them that it uses (never skipping one it uses). The only other move
 * is ending a running task early (to `closed`). There is no way back: reviews pin standard
 * versions and submissions belong to a phase, so reopening would rewrite what people relied on;
 * a facilitator who needs more time moves the close date instead.
 */

export const PHASE_NAMES = ['standard-setting', 'work', 'peer-review', 'reflection', 'share'] as const;

/** A phase a task can use. */
export type PhaseName = (typeof PHASE_NAMES)[number];

/** Where a task is: not started, in one of its phases, or over. */
export type TaskPhase = 'setup' | PhaseName | 'closed';

export const TASK_PHASES: readonly TaskPhase[] = ['setup', ...PHASE_NAMES, 'closed'];

/** from → the phases that may follow, in order of preference (the first one the task uses wins). */
export const PHASE_SUCCESSORS: Readonly<Record<TaskPhase, readonly TaskPhase[]>> = {
  setup: ['standard-setting', 'work', 'peer-review', 'reflection', 'share'],
  'standard-setting': ['work', 'peer-review', 'reflection', 'share', 'closed'],
  work: ['peer-review', 'reflection', 'share', 'closed'],
  'peer-review': ['reflection', 'share', 'closed'],
  reflection: ['share', 'closed'],
  share: ['closed'],
  closed: [],
};

/**
 * Phases that make no sense without others: peer review judges the work against the standard,
 * and reflection looks back at the work against the standard.
 */
export const PHASE_REQUIRES: Readonly<Record<PhaseName, readonly PhaseName[]>> = {
  'standard-setting': [],
  work: [],
  'peer-review': ['standard-setting', 'work'],
  reflection: ['standard-setting'],
  share: [],
};

export function isPhaseName(value: string): value is PhaseName {
  return (PHASE_NAMES as readonly string[]).includes(value);
}

/** Position in the canonical order; `setup` is first and `closed` last. */
export function phaseOrder(phase: TaskPhase): number {
  return TASK_PHASES.indexOf(phase);
}

/** The phase that follows `from` for a task using `used`, or nothing when the task is closed. */
export function nextPhase(used: readonly PhaseName[], from: TaskPhase): TaskPhase | undefined {
  return PHASE_SUCCESSORS[from].find((p) => p === 'closed' || (isPhaseName(p) && used.includes(p)));
}

/** Where a task in `from` may move: the next phase, or (while running) closed, ending early. */
export function allowedTransitions(used: readonly PhaseName[], from: TaskPhase): readonly TaskPhase[] {
  const next = nextPhase(used, from);
  const moves: TaskPhase[] = next === undefined ? [] : [next];
  const running = from !== 'setup' && from !== 'closed';
  if (running && next !== 'closed') moves.push('closed');
  return moves;
}

/** Whether the task has reached (or passed) the work phase: teams are settled from then on. */
export function hasWorkStarted(phase: TaskPhase): boolean {
  return phaseOrder(phase) >= phaseOrder('work');
}

/**
 * Whether a ratified standard may still be amended: during standard-setting and work, i.e.
 * until peer review (or, for tasks without peer review, whatever follows work) opens.
 */
export function isAmendmentWindow(phase: TaskPhase): boolean {
  return phase === 'standard-setting' || phase === 'work';
}
