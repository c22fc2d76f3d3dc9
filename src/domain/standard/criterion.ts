/**
 * What a criterion says: a name, a description and 2–6 performance levels, listed from the
 * lowest to the highest (a review scores a criterion by the index of the level it picks, so
 * the order is part of the meaning). These plain values are what a proposal or an edit carries,
 * what a facilitator's template holds and what a frozen version keeps.
 */

import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError } from '../shared/errors.js';
import { checkText, issuesOf } from '../shared/text-rules.js';

export interface LevelContent {
  /** Short label, e.g. "Beginning", "Proficient". */
  readonly label: string;
  /** What work at this level looks like. */
  readonly descriptor: string;
}

export interface CriterionContent {
  readonly name: string;
  readonly description: string;
  /** Lowest first. */
  readonly levels: readonly LevelContent[];
}

export const CRITERION_LIMITS = {
  name: { min: 1, max: 120 },
  description: { min: 1, max: 2000 },
  levelLabel: { min: 1, max: 60 },
  levelDescriptor: { min: 1, max: 1000 },
  minLevels: 2,
  maxLevels: 6,
} as const;

/** Trims every text field; the stored content is always the trimmed form. */
export function normaliseCriterionContent(input: CriterionContent): CriterionContent {
  return {
    name: input.name.trim(),
    description: input.description.trim(),
    levels: input.levels.map((level) => ({ label: level.label.trim(), descriptor: level.descriptor.trim() })),
  };
}

/**
 * Field-level issues of a criterion, with field paths under `prefix` (e.g. `levels.2.label`, or
 * `criteria.1.levels.2.label` with prefix `criteria.1.`). Empty when the criterion is valid.
 */
export function criterionContentIssues(input: CriterionContent, prefix = ''): FieldIssue[] {
  const issues = issuesOf(
    checkText(`${prefix}name`, input.name, CRITERION_LIMITS.name),
    checkText(`${prefix}description`, input.description, CRITERION_LIMITS.description),
  );
  if (input.levels.length < CRITERION_LIMITS.minLevels)
    issues.push({ field: `${prefix}levels`, code: 'too-few' });
  if (input.levels.length > CRITERION_LIMITS.maxLevels)
    issues.push({ field: `${prefix}levels`, code: 'too-many' });
  const seen = new Set<string>();
  input.levels.forEach((level, i) => {
    const field = `${prefix}levels.${i}`;
    issues.push(
      ...issuesOf(
        checkText(`${field}.label`, level.label, CRITERION_LIMITS.levelLabel),
        checkText(`${field}.descriptor`, level.descriptor, CRITERION_LIMITS.levelDescriptor),
      ),
    );
    const key = level.label.trim().toLowerCase();
    // CASE: two levels with the same label would be indistinguishable on a review form.
    if (key.length > 0 && seen.has(key)) issues.push({ field: `${field}.label`, code: 'duplicate' });
    seen.add(key);
  });
  return issues;
}

/**
 * The trimmed criterion.
 * @throws InvalidInputError listing every field that breaks a rule.
 */
export function assertValidCriterionContent(input: CriterionContent, prefix = ''): CriterionContent {
  const issues = criterionContentIssues(input, prefix);
  if (issues.length > 0) throw new InvalidInputError(issues);
  return normaliseCriterionContent(input);
}

export function sameCriterionContent(a: CriterionContent, b: CriterionContent): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.levels.length === b.levels.length &&
    a.levels.every(
      (level, i) => level.label === b.levels[i]?.label && level.descriptor === b.levels[i]?.descriptor,
    )
  );
}
