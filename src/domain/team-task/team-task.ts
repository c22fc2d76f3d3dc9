/**
 * A team task as the facilitator configures it: what to do (title, brief, outcome), which phases
 * it runs and when, how teams agree their standard and where that standard starts from.
 *
 * The current phase is not stored: it is the end of the phase history (`currentPhase`), so the
 * history is the single source of truth and a stored phase would only be a cache of it.
 * The brief is markdown source, kept as written; sanitising the rendered HTML is the web
 * layer's job.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { CourseId, TeamTaskId, UserId } from '../shared/ids.js';
import { checkText, issuesOf } from '../shared/text-rules.js';
import {
  criterionContentIssues,
  normaliseCriterionContent,
  type CriterionContent,
} from '../standard/criterion.js';
import type { StandardRef } from '../standard/standard-ref.js';
import { PHASE_NAMES, PHASE_REQUIRES, isPhaseName, type PhaseName, type TaskPhase } from './phases.js';

/** How a team's standard becomes agreed (see `standard/consensus.ts`). */
export type ConsensusRule = 'consent' | 'majority' | 'facilitator-approval';

export const CONSENSUS_RULES: readonly ConsensusRule[] = ['consent', 'majority', 'facilitator-approval'];

/** What each team's standard starts from. */
export type StandardStart =
  | { readonly kind: 'blank' }
  | { readonly kind: 'template'; readonly criteria: readonly CriterionContent[] }
  | { readonly kind: 'library'; readonly source: StandardRef };

/** Optional dates of one phase: when it opens by itself, and its deadline. */
export interface PhaseWindow {
  readonly opensAt?: Date;
  readonly closesAt?: Date;
}

export type PhaseSchedule = Readonly<Partial<Record<PhaseName, PhaseWindow>>>;

/** Who moved the task on: the schedule (a date passed) or a facilitator. */
export type PhaseChangeCause =
  { readonly kind: 'schedule' } | { readonly kind: 'facilitator'; readonly userId: UserId };

export interface PhaseChange {
  readonly from: TaskPhase;
  readonly to: TaskPhase;
  /** For scheduled moves, the date that triggered it (not when the scheduler noticed). */
  readonly at: Date;
  readonly cause: PhaseChangeCause;
}

export interface TeamTask {
  readonly id: TeamTaskId;
  readonly courseId: CourseId;
  readonly title: string;
  /** Markdown source. */
  readonly brief: string;
  /** What the team delivers. */
  readonly outcome: string;
  /** The phases used, in canonical order. */
  readonly phases: readonly PhaseName[];
  readonly schedule: PhaseSchedule;
  readonly consensusRule: ConsensusRule;
  readonly standardStart: StandardStart;
  readonly history: readonly PhaseChange[];
  readonly createdBy: UserId;
  readonly createdAt: Date;
  /** Optimistic-concurrency counter, +1 on every change. */
  readonly revision: number;
}

export interface TeamTaskSettings {
  readonly title: string;
  readonly brief: string;
  readonly outcome: string;
  readonly phases: readonly PhaseName[];
  readonly schedule: PhaseSchedule;
  readonly consensusRule: ConsensusRule;
  readonly standardStart: StandardStart;
}

export const TEAM_TASK_LIMITS = {
  title: { min: 1, max: 200 },
  brief: { min: 0, max: 20000 },
  outcome: { min: 0, max: 2000 },
  templateCriteria: { max: 20 },
} as const;

/** Where the task is now: the destination of its last phase change, or `setup`. */
export function currentPhase(task: Pick<TeamTask, 'history'>): TaskPhase {
  return task.history.at(-1)?.to ?? 'setup';
}

/** When the task entered its current phase (undefined while in setup). */
export function currentPhaseEnteredAt(task: Pick<TeamTask, 'history'>): Date | undefined {
  return task.history.at(-1)?.at;
}

/**
 * A new task in `setup`.
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws InvalidInputError listing every setting that breaks a rule.
 */
export function createTeamTask(
  input: { readonly id: TeamTaskId; readonly courseId: CourseId; readonly settings: TeamTaskSettings },
  actor: Actor,
  now: Date,
): TeamTask {
  assertFacilitator(actor, 'create-team-task');
  const settings = assertValidSettings(input.settings);
  return {
    id: input.id,
    courseId: input.courseId,
    ...settings,
    history: [],
    createdBy: actor.userId,
    createdAt: now,
    revision: 1,
  };
}

/**
 * Changes settings. Title, brief, outcome and dates may change until the task is closed; the
 * phases used, the consensus rule and the standard's starting point only during setup, because
 * teams may already have acted on them.
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws PhaseConflictError when a setting is fixed in the current phase.
 * @throws InvalidInputError listing every setting that breaks a rule.
 */
export function updateTeamTask(task: TeamTask, changes: Partial<TeamTaskSettings>, actor: Actor): TeamTask {
  assertFacilitator(actor, 'update-team-task');
  const phase = currentPhase(task);
  if (phase === 'closed')
    throw new PhaseConflictError({ action: 'update-team-task', phase, taskId: task.id });
  if (phase !== 'setup') {
    const fixed = (['phases', 'consensusRule', 'standardStart'] as const).find(
      (key) => changes[key] !== undefined && JSON.stringify(changes[key]) !== JSON.stringify(task[key]),
    );
    if (fixed !== undefined) {
      throw new PhaseConflictError({ action: 'update-team-task', phase, taskId: task.id, setting: fixed });
    }
  }
  const settings = assertValidSettings({ ...settingsOf(task), ...changes });
  return { ...task, ...settings, revision: task.revision + 1 };
}

export function settingsOf(task: TeamTask): TeamTaskSettings {
  const { title, brief, outcome, phases, schedule, consensusRule, standardStart } = task;
  return { title, brief, outcome, phases, schedule, consensusRule, standardStart };
}

export function assertFacilitator(actor: Actor, action: string): void {
  if (actor.role !== 'facilitator') throw new NotPermittedError(action);
}

/**
 * Validated and normalised settings (trimmed text, phases in canonical order).
 * @throws InvalidInputError listing every setting that breaks a rule.
 */
export function assertValidSettings(input: TeamTaskSettings): TeamTaskSettings {
  const issues = settingsIssues(input);
  if (issues.length > 0) throw new InvalidInputError(issues);
  return {
    title: input.title.trim(),
    brief: input.brief.trim(),
    outcome: input.outcome.trim(),
    phases: PHASE_NAMES.filter((p) => input.phases.includes(p)),
    schedule: input.schedule,
    consensusRule: input.consensusRule,
    standardStart:
      input.standardStart.kind === 'template'
        ? { kind: 'template', criteria: input.standardStart.criteria.map(normaliseCriterionContent) }
        : input.standardStart,
  };
}

function settingsIssues(input: TeamTaskSettings): FieldIssue[] {
  const issues = issuesOf(
    checkText('title', input.title, TEAM_TASK_LIMITS.title),
    checkText('brief', input.brief, TEAM_TASK_LIMITS.brief),
    checkText('outcome', input.outcome, TEAM_TASK_LIMITS.outcome),
  );
  issues.push(...phaseIssues(input.phases));
  issues.push(...scheduleIssues(input.phases, input.schedule));
  if (!CONSENSUS_RULES.includes(input.consensusRule))
    issues.push({ field: 'consensusRule', code: 'unknown' });
  issues.push(...standardStartIssues(input.standardStart));
  return issues;
}

function phaseIssues(phases: readonly PhaseName[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (phases.length === 0) issues.push({ field: 'phases', code: 'required' });
  phases.forEach((phase, i) => {
    if (!isPhaseName(phase)) issues.push({ field: `phases.${i}`, code: 'unknown' });
    else if (phases.indexOf(phase) !== i) issues.push({ field: `phases.${i}`, code: 'duplicate' });
  });
  for (const phase of PHASE_NAMES) {
    if (!phases.includes(phase)) continue;
    for (const needed of PHASE_REQUIRES[phase]) {
      if (!phases.includes(needed)) issues.push({ field: 'phases', code: `${phase}-needs-${needed}` });
    }
  }
  return issues;
}

/**
 * Dates must run forward through the phases in order. Within a phase the close comes strictly
 * after the open; between phases one may close exactly when the next opens, and a gap is
 * allowed (the task then waits in the earlier phase, closed for actions, until the next opens).
 */
function scheduleIssues(phases: readonly PhaseName[], schedule: PhaseSchedule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let previous:
    { readonly date: Date; readonly phase: PhaseName; readonly edge: 'opensAt' | 'closesAt' } | undefined;
  for (const phase of PHASE_NAMES) {
    const window = schedule[phase];
    if (window === undefined) continue;
    if (!phases.includes(phase)) {
      issues.push({ field: `schedule.${phase}`, code: 'phase-not-used' });
      continue;
    }
    for (const edge of ['opensAt', 'closesAt'] as const) {
      const date = window[edge];
      if (date === undefined) continue;
      if (Number.isNaN(date.getTime())) {
        issues.push({ field: `schedule.${phase}.${edge}`, code: 'invalid-date' });
        continue;
      }
      if (previous !== undefined) {
        const touching = previous.edge === 'closesAt' && edge === 'opensAt' && previous.phase !== phase;
        const ok = touching ? date >= previous.date : date > previous.date;
        if (!ok) issues.push({ field: `schedule.${phase}.${edge}`, code: 'out-of-order' });
      }
      previous = { date, phase, edge };
    }
  }
  return issues;
}

function standardStartIssues(start: StandardStart): FieldIssue[] {
  switch (start.kind) {
    case 'blank':
      return [];
    case 'library':
      return Number.isInteger(start.source.version) && start.source.version >= 1
        ? []
        : [{ field: 'standardStart.source.version', code: 'invalid' }];
    case 'template': {
      const issues: FieldIssue[] = [];
      if (start.criteria.length === 0) issues.push({ field: 'standardStart.criteria', code: 'required' });
      if (start.criteria.length > TEAM_TASK_LIMITS.templateCriteria.max) {
        issues.push({ field: 'standardStart.criteria', code: 'too-many' });
      }
      start.criteria.forEach((c, i) =>
        issues.push(...criterionContentIssues(c, `standardStart.criteria.${i}.`)),
      );
      return issues;
    }
    default:
      return [{ field: 'standardStart.kind', code: 'unknown' }];
  }
}
