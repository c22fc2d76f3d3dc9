/**
 * Words for the peer-review pages: how a person or team appears (through the anonymity
 * projection: "you", a name, a team, or a pseudonym such as "Reviewer B"), file sizes, dates and
 * the refusal messages of a form. Everything comes from the message catalogue.
 */
import type { PersonLabel } from '../../domain/review/feedback-view.js';
import type { FieldIssue } from '../../domain/shared/errors.js';
import { translate, type Locale } from '../i18n/translate.js';
import { formatDateTime } from './format.js';

export function personLabel(locale: Locale, label: PersonLabel): string {
  switch (label.kind) {
    case 'you':
      return translate(locale, 'review.people.you');
    case 'person':
      return label.name === '' ? translate(locale, 'review.people.unknown') : label.name;
    case 'team':
      return label.name ?? translate(locale, 'review.people.team', { number: label.number });
    case 'pseudonym':
      return translate(
        locale,
        label.role === 'reviewer'
          ? 'review.people.reviewer'
          : label.role === 'author'
            ? 'review.people.author'
            : 'review.people.pseudonymTeam',
        { letter: label.letter },
      );
  }
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 104.8576)) / 10} MB`;
}

export const dateText = (locale: Locale, date: Date): string => formatDateTime(date, locale);

/** What a refused action tells the person: a list of sentences linking to the fields. */
export interface IssueView {
  readonly href: string;
  readonly text: string;
}

/** The text of a field issue; `names` turns criterion ids into criterion names. */
export function issueText(
  locale: Locale,
  issue: FieldIssue,
  context: {
    readonly names?: ReadonlyMap<string, string>;
    readonly maxFileBytes?: number;
    readonly types?: readonly string[];
  } = {},
): string {
  const criterionId = /^ratings\.([^.]+)\./.exec(issue.field)?.[1];
  if (criterionId !== undefined && (issue.code === 'required' || issue.code === 'comment-required')) {
    const criterion = context.names?.get(criterionId) ?? criterionId;
    const key = issue.field.endsWith('.comment')
      ? 'review.issues.comment-required'
      : 'review.issues.required';
    return translate(locale, key, { criterion });
  }
  if (issue.code === 'conflict') return translate(locale, 'review.issues.conflict');
  if (issue.code.startsWith('refused:'))
    return translate(locale, 'review.issues.refused', { reason: issue.code.slice('refused:'.length) });
  switch (issue.code) {
    case 'too-large':
      if (issue.field === 'file')
        return translate(locale, 'review.issues.too-large', { max: fileSize(context.maxFileBytes ?? 0) });
      break;
    case 'empty':
      return translate(locale, 'review.issues.empty');
    case 'not-allowed':
      return translate(locale, 'review.issues.not-allowed', { types: (context.types ?? []).join(', ') });
    case 'no-file':
      return translate(locale, 'review.issues.no-file');
  }
  return translate(locale, 'review.issues.invalid', { field: `${issue.field}: ${issue.code}` });
}
