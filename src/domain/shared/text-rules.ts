import type { FieldIssue } from './errors.js';

/**
 * Length rules for user text, checked on the trimmed value. Lengths count UTF-16 code units,
 * as HTML `maxlength` does, so the form and the server agree.
 */
export interface TextRule {
  readonly min: number;
  readonly max: number;
}

/** Returns the issue for `field`, or nothing when the text keeps the rule. */
export function checkText(field: string, value: string, rule: TextRule): FieldIssue | undefined {
  const length = value.trim().length;
  if (length === 0 && rule.min > 0) return { field, code: 'required' };
  if (length < rule.min) return { field, code: 'too-short' };
  if (length > rule.max) return { field, code: 'too-long' };
  return undefined;
}

/** Collects the issues of several checks, skipping the ones that passed. */
export function issuesOf(...checks: readonly (FieldIssue | undefined)[]): FieldIssue[] {
  return checks.filter((issue): issue is FieldIssue => issue !== undefined);
}
