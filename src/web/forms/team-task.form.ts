/**
 * The team-task form (new and edit): field names, how posted values become `TeamTaskSettings`,
 * and the values a re-rendered form shows. Rules about the settings themselves (lengths, phase
 * dependencies, date order, template criteria) are the domain's; this file only turns strings
 * into typed values and reports what it cannot read (e.g. a date that is not a date).
 */
import type { FieldIssue } from '../../domain/shared/errors.js';
import { PHASE_NAMES, type PhaseName } from '../../domain/team-task/phases.js';
import type {
  ConsensusRule,
  PhaseSchedule,
  PhaseWindow,
  StandardStart,
  TeamTask,
  TeamTaskSettings,
} from '../../domain/team-task/team-task.js';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import { CRITERION_LIMITS } from '../../domain/standard/criterion.js';
import { TEAM_TASK_LIMITS } from '../../domain/team-task/team-task.js';
import { field, fields, type FormBody } from './form-body.js';
import { toDateTimeLocal } from '../view-models/task-labels.js';

export interface CriterionValues {
  readonly name: string;
  readonly description: string;
  readonly levels: readonly { readonly label: string; readonly descriptor: string }[];
}

/** What the form shows: strings as typed. */
export interface TaskFormValues {
  readonly title: string;
  readonly brief: string;
  readonly outcome: string;
  readonly phases: readonly string[];
  readonly dates: Readonly<Record<PhaseName, { readonly opensAt: string; readonly closesAt: string }>>;
  readonly consensusRule: string;
  readonly standardStart: string;
  /** The library standard chosen when standards start "from the library" ('' when none). */
  readonly fromLibrary: string;
  readonly criteria: readonly CriterionValues[];
  readonly revision?: number;
}

export const dateFieldName = (edge: 'opensAt' | 'closesAt', phase: PhaseName): string => `${edge}-${phase}`;
export const criterionFieldName = (i: number, part: 'name' | 'description'): string => `c${i}-${part}`;
export const levelFieldName = (i: number, j: number, part: 'label' | 'descriptor'): string =>
  `c${i}-l${j}-${part}`;

export function emptyTaskForm(): TaskFormValues {
  return {
    title: '',
    brief: '',
    outcome: '',
    phases: [...PHASE_NAMES],
    dates: Object.fromEntries(
      PHASE_NAMES.map((p) => [p, { opensAt: '', closesAt: '' }]),
    ) as TaskFormValues['dates'],
    consensusRule: 'consent',
    standardStart: 'blank',
    fromLibrary: '',
    criteria: [],
  };
}

export function taskFormFrom(task: TeamTask): TaskFormValues {
  return {
    title: task.title,
    brief: task.brief,
    outcome: task.outcome,
    phases: [...task.phases],
    dates: Object.fromEntries(
      PHASE_NAMES.map((p) => [
        p,
        {
          opensAt: toDateTimeLocal(task.schedule[p]?.opensAt),
          closesAt: toDateTimeLocal(task.schedule[p]?.closesAt),
        },
      ]),
    ) as TaskFormValues['dates'],
    consensusRule: task.consensusRule,
    standardStart: task.standardStart.kind,
    fromLibrary: '',
    criteria: task.standardStart.kind === 'template' ? task.standardStart.criteria : [],
    revision: task.revision,
  };
}

/** The posted values, trimmed of empty template rows. */
export function taskFormValues(body: FormBody): TaskFormValues {
  const criteria: CriterionValues[] = [];
  for (let i = 0; i < TEAM_TASK_LIMITS.templateCriteria.max; i += 1) {
    const levels: { label: string; descriptor: string }[] = [];
    for (let j = 0; j < CRITERION_LIMITS.maxLevels; j += 1) {
      const level = {
        label: field(body, levelFieldName(i, j, 'label')),
        descriptor: field(body, levelFieldName(i, j, 'descriptor')),
      };
      if (level.label.trim() !== '' || level.descriptor.trim() !== '') levels.push(level);
    }
    const criterion = {
      name: field(body, criterionFieldName(i, 'name')),
      description: field(body, criterionFieldName(i, 'description')),
      levels,
    };
    if (criterion.name.trim() !== '' || criterion.description.trim() !== '' || levels.length > 0) {
      criteria.push(criterion);
    }
  }
  const revision = Number(field(body, 'revision'));
  return {
    title: field(body, 'title'),
    brief: field(body, 'brief'),
    outcome: field(body, 'outcome'),
    phases: fields(body, 'phases'),
    dates: Object.fromEntries(
      PHASE_NAMES.map((p) => [
        p,
        {
          opensAt: field(body, dateFieldName('opensAt', p)).trim(),
          closesAt: field(body, dateFieldName('closesAt', p)).trim(),
        },
      ]),
    ) as TaskFormValues['dates'],
    consensusRule: field(body, 'consensusRule'),
    standardStart: field(body, 'standardStart'),
    fromLibrary: field(body, 'fromLibrary').trim(),
    criteria,
    ...(Number.isInteger(revision) && revision > 0 ? { revision } : {}),
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** `2026-11-27T14:00` read as UTC; undefined for '' and an issue for anything else unreadable. */
function parseDate(value: string, fieldName: string, issues: FieldIssue[]): Date | undefined {
  if (value === '') return undefined;
  const date = DATE_TIME.test(value) ? new Date(`${value}Z`) : new Date(Number.NaN);
  // CASE: JavaScript rolls 30 February over into March; only a date that reads back the same counts.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 16) !== value.slice(0, 16)) {
    issues.push({ field: fieldName, code: 'invalid-date' });
    return undefined;
  }
  return date;
}

/**
 * Settings from the posted values, or the issues that stop reading them. Unknown phases,
 * consensus rules and starting points are passed on as given: the domain reports them.
 * `library` is the starting point the chosen library standard resolved to (the route asks the
 * library, which decides who may start from what); without it "from the library" is an issue.
 */
export function taskSettingsFrom(
  values: TaskFormValues,
  library?: StandardStart,
): { readonly settings: TeamTaskSettings } | { readonly issues: readonly FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const schedule: Partial<Record<PhaseName, PhaseWindow>> = {};
  for (const phase of PHASE_NAMES) {
    const opensAt = parseDate(values.dates[phase].opensAt, `schedule.${phase}.opensAt`, issues);
    const closesAt = parseDate(values.dates[phase].closesAt, `schedule.${phase}.closesAt`, issues);
    if (opensAt !== undefined || closesAt !== undefined) {
      schedule[phase] = {
        ...(opensAt !== undefined ? { opensAt } : {}),
        ...(closesAt !== undefined ? { closesAt } : {}),
      };
    }
  }
  let standardStart: StandardStart = { kind: 'blank' };
  if (values.standardStart === 'template') {
    standardStart = { kind: 'template', criteria: values.criteria as readonly CriterionContent[] };
  } else if (values.standardStart === 'library') {
    if (library?.kind === 'library') standardStart = library;
    else issues.push({ field: 'standardStart.library', code: 'required' });
  } else if (values.standardStart !== 'blank') {
    issues.push({ field: 'standardStart', code: 'unknown' });
  }
  if (issues.length > 0) return { issues };
  return {
    settings: {
      title: values.title,
      brief: values.brief,
      outcome: values.outcome,
      phases: values.phases as readonly PhaseName[],
      schedule: schedule as PhaseSchedule,
      consensusRule: values.consensusRule as ConsensusRule,
      standardStart,
    },
  };
}
