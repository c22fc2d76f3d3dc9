/**
 * The team-task form page: every field with its current value, label, hint and problems, and
 * a summary of problems linking to the fields (GOV.UK-style error summary).
 */
import type { FieldIssue } from '../../domain/shared/errors.js';
import { CRITERION_LIMITS } from '../../domain/standard/criterion.js';
import { PHASE_NAMES, isPhaseName } from '../../domain/team-task/phases.js';
import { CONSENSUS_RULES, TEAM_TASK_LIMITS } from '../../domain/team-task/team-task.js';
import { isMessageKey, translate, type Locale } from '../i18n/translate.js';
import {
  criterionFieldName,
  dateFieldName,
  levelFieldName,
  type TaskFormValues,
} from '../forms/team-task.form.js';
import { phaseLabel } from './task-labels.js';

export interface IssueLine {
  readonly href: string;
  readonly text: string;
}

/** The id of the input a domain issue's field path points at, and its label. */
function locate(locale: Locale, path: string): { id: string; label: string } {
  const parts = path.split('.');
  const [head, second, third] = parts;
  if (head === 'title' || head === 'brief' || head === 'outcome')
    return { id: head, label: translate(locale, `tasks.fields.${head}`) };
  if (head === 'phases')
    return { id: 'phase-standard-setting', label: translate(locale, 'tasks.fields.phases') };
  if (head === 'schedule' && second !== undefined && isPhaseName(second)) {
    const edge = third === 'closesAt' ? 'closesAt' : 'opensAt';
    return {
      id: dateFieldName(edge, second),
      label: translate(locale, `tasks.fields.${edge}`, { phase: phaseLabel(locale, second) }),
    };
  }
  if (head === 'consensusRule')
    return { id: 'consensus-consent', label: translate(locale, 'tasks.fields.consensusRule') };
  if (head === 'standardStart' && second === 'criteria') {
    const i = Number(third ?? 0);
    const index = Number.isInteger(i) ? i : 0;
    const rest = parts.slice(3);
    let id = criterionFieldName(index, 'name');
    if (rest[0] === 'description') id = criterionFieldName(index, 'description');
    if (rest[0] === 'levels') {
      const j = Number(rest[1] ?? 0);
      id = levelFieldName(
        index,
        Number.isInteger(j) ? j : 0,
        rest[2] === 'descriptor' ? 'descriptor' : 'label',
      );
    }
    return {
      id: third === undefined ? criterionFieldName(0, 'name') : id,
      label:
        third === undefined
          ? translate(locale, 'tasks.fields.template')
          : translate(locale, 'tasks.fields.criterion', { n: index + 1 }),
    };
  }
  if (head === 'standardStart' && second === 'library')
    return { id: 'from-library', label: translate(locale, 'library.fromLibraryLabel') };
  if (head === 'standardStart')
    return { id: 'start-blank', label: translate(locale, 'tasks.fields.standardStart') };
  return { id: 'title', label: path };
}

export function issueText(locale: Locale, code: string): string {
  const key = `tasks.issues.${code}`;
  return translate(locale, isMessageKey(key) ? key : 'tasks.issues.invalid');
}

export type FieldLocator = (locale: Locale, path: string) => { id: string; label: string };

export function issueLines(
  locale: Locale,
  issues: readonly FieldIssue[],
  locator: FieldLocator = locate,
): IssueLine[] {
  return issues.map((issue) => {
    // CASE: an optimistic-concurrency failure is about the whole form, not a field.
    if (issue.field === 'revision') {
      return { href: '#main', text: translate(locale, 'errors.versionConflict.message') };
    }
    const { id, label } = locator(locale, issue.field);
    return {
      href: `#${id}`,
      text: translate(locale, 'tasks.form.issue', { field: label, problem: issueText(locale, issue.code) }),
    };
  });
}

export function taskFormView(
  locale: Locale,
  input: {
    readonly values: TaskFormValues;
    readonly issues: readonly FieldIssue[];
    readonly mode: 'new' | 'edit';
    /** Edit only: whether the phases, rule and starting point may still change. */
    readonly structureFixed: boolean;
    readonly action: string;
    readonly cancel: string;
    /** Library standards this facilitator may start from (tenant and visibility already applied). */
    readonly libraryStandards?: readonly { readonly id: string; readonly title: string }[];
  },
) {
  const { values, issues } = input;
  const invalid = new Set(issues.map((i) => locate(locale, i.field).id));
  const criteriaSlots = Math.min(
    TEAM_TASK_LIMITS.templateCriteria.max,
    Math.max(2, values.criteria.length + 1),
  );
  return {
    titleKey: input.mode === 'new' ? 'tasks.form.newTitle' : 'tasks.form.editTitle',
    action: input.action,
    cancel: input.cancel,
    submitKey: input.mode === 'new' ? 'tasks.form.create' : 'tasks.form.save',
    revision: values.revision,
    issues: issueLines(locale, issues),
    hasIssues: issues.length > 0,
    structureFixed: input.structureFixed,
    limits: TEAM_TASK_LIMITS,
    title: { value: values.title, invalid: invalid.has('title') },
    brief: { value: values.brief, invalid: invalid.has('brief') },
    outcome: { value: values.outcome, invalid: invalid.has('outcome') },
    phases: PHASE_NAMES.map((phase) => ({
      value: phase,
      id: `phase-${phase}`,
      label: translate(locale, 'tasks.form.usePhase', { phase: phaseLabel(locale, phase) }),
      checked: values.phases.includes(phase),
      invalid: invalid.has(`phase-${phase}`),
      opensAt: {
        name: dateFieldName('opensAt', phase),
        value: values.dates[phase].opensAt,
        label: translate(locale, 'tasks.form.opensLabel', { phase: phaseLabel(locale, phase) }),
        invalid: invalid.has(dateFieldName('opensAt', phase)),
      },
      closesAt: {
        name: dateFieldName('closesAt', phase),
        value: values.dates[phase].closesAt,
        label: translate(locale, 'tasks.form.closesLabel', { phase: phaseLabel(locale, phase) }),
        invalid: invalid.has(dateFieldName('closesAt', phase)),
      },
    })),
    fixedSummary: {
      phases: values.phases
        .filter(isPhaseName)
        .map((p) => phaseLabel(locale, p))
        .join(', '),
      consensus: CONSENSUS_RULES.includes(values.consensusRule as never)
        ? translate(locale, `tasks.consensus.${values.consensusRule}.label`)
        : '',
      start: ['blank', 'template', 'library'].includes(values.standardStart)
        ? translate(locale, `tasks.start.${values.standardStart}.label`)
        : '',
    },
    consensusRules: CONSENSUS_RULES.map((rule) => ({
      value: rule,
      id: `consensus-${rule}`,
      labelKey: `tasks.consensus.${rule}.label`,
      hintKey: `tasks.consensus.${rule}.hint`,
      checked: values.consensusRule === rule,
    })),
    starts: (['blank', 'template', 'library'] as const).map((kind) => ({
      value: kind,
      id: `start-${kind}`,
      labelKey: `tasks.start.${kind}.label`,
      hintKey: `tasks.start.${kind}.hint`,
      checked: values.standardStart === kind,
    })),
    fromLibrary: {
      invalid: invalid.has('from-library'),
      options: [
        // CASE: editing a task that already starts from the library: keeping it is the default,
        // so saving other changes never switches the task to whichever standard is listed first.
        ...(input.mode === 'edit' && values.standardStart === 'library' && values.fromLibrary === ''
          ? [{ value: '', title: translate(locale, 'library.keepCurrentStandard'), selected: true }]
          : []),
        ...(input.libraryStandards ?? []).map((entry) => ({
          value: entry.id,
          title: entry.title,
          selected: entry.id === values.fromLibrary,
        })),
      ],
    },
    criteria: Array.from({ length: criteriaSlots }, (_, i) => {
      const c = values.criteria[i];
      const levelSlots = Math.min(CRITERION_LIMITS.maxLevels, Math.max(3, (c?.levels.length ?? 0) + 1));
      return {
        legend: translate(locale, 'tasks.form.criterionLegend', { n: i + 1 }),
        name: {
          id: criterionFieldName(i, 'name'),
          value: c?.name ?? '',
          invalid: invalid.has(criterionFieldName(i, 'name')),
        },
        description: {
          id: criterionFieldName(i, 'description'),
          value: c?.description ?? '',
          invalid: invalid.has(criterionFieldName(i, 'description')),
        },
        levels: Array.from({ length: levelSlots }, (_, j) => ({
          label: {
            id: levelFieldName(i, j, 'label'),
            text: translate(locale, 'tasks.form.levelLabel', { n: j + 1 }),
            value: c?.levels[j]?.label ?? '',
            invalid: invalid.has(levelFieldName(i, j, 'label')),
          },
          descriptor: {
            id: levelFieldName(i, j, 'descriptor'),
            text: translate(locale, 'tasks.form.levelDescriptor', { n: j + 1 }),
            value: c?.levels[j]?.descriptor ?? '',
            invalid: invalid.has(levelFieldName(i, j, 'descriptor')),
          },
        })),
      };
    }),
  };
}
