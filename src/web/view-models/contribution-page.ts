/**
 * The contribution split page (WebPA) as the template needs it: one points field per team
 * member with the saved or posted value, the budget, whether it is open, and the refusal issues
 * linked to the fields.
 */

import type { MyContributionSplitView } from '../../services/grades/my-contribution-split.js';
import { translate, type Locale } from '../i18n/translate.js';
import { dateText, issueText } from './review-labels.js';
import { REVIEW_PATHS } from './review-paths.js';
import { frame, type PageFrame } from './review-learner-pages.js';

/** What was posted, kept on a refusal: member id → the text typed. */
export type ContributionInput = ReadonlyMap<string, string>;

export function contributionPageView(
  locale: Locale,
  f: PageFrame,
  view: MyContributionSplitView,
  input?: ContributionInput,
) {
  const nameOf = (m: MyContributionSplitView['members'][number]) => {
    const name = m.name ?? translate(locale, 'review.people.unknown');
    return m.self ? translate(locale, 'review.contribution.you', { name }) : name;
  };
  const rows = view.members.map((m, i) => ({
    id: `points-${i + 1}`,
    hintId: `points-${i + 1}-hint`,
    userId: m.userId,
    label: nameOf(m),
    value:
      input?.get(m.userId) ?? String(view.saved?.points.find((p) => p.userId === m.userId)?.points ?? ''),
    invalid: (f.issues ?? []).some((issue) => issue.field === `points.${i}`),
  }));
  const issues = (f.issues ?? []).map((issue) => {
    const index = /^points\.(\d+)$/.exec(issue.field)?.[1];
    const row = index === undefined ? undefined : rows[Number(index)];
    const code = issue.code;
    const known = ['sum', 'invalid', 'missing-member', 'not-a-member', 'duplicate'].includes(code);
    return {
      href: `#${row?.id ?? 'points-1'}`,
      text: known
        ? translate(locale, `review.contribution.issues.${code}`, {
            budget: view.budget,
            name: row?.label ?? '',
          })
        : issueText(locale, issue),
    };
  });
  return {
    ...frame(locale, { ...f, contribution: true }, issues),
    pageTitle: translate(locale, 'review.contribution.title'),
    titleKey: 'review.contribution.title',
    introText: translate(locale, 'review.contribution.intro', {
      budget: view.budget,
      task: f.taskTitle,
      equal: Math.round((view.budget / Math.max(1, view.members.length)) * 10) / 10,
    }),
    budgetText: translate(locale, 'review.contribution.budget', { budget: view.budget }),
    hintText: translate(locale, 'review.contribution.pointsHint', { budget: view.budget }),
    savedText:
      view.saved === undefined
        ? translate(locale, 'review.contribution.notSaved')
        : translate(locale, 'review.contribution.savedAt', { date: dateText(locale, view.saved.at) }),
    open: view.open,
    budget: view.budget,
    action: REVIEW_PATHS.contribution(f.taskId),
    rows,
  };
}

/** The facilitator dashboard's "who gave their split" list, per member of each team. */
export function contributionStatusView(
  locale: Locale,
  teams: readonly { readonly members: readonly string[] }[],
  given: ReadonlySet<string>,
  names: ReadonlyMap<string, { readonly name: string | undefined }>,
) {
  const unknown = translate(locale, 'review.people.unknown');
  return teams.flatMap((team) =>
    team.members.map((userId) => {
      const name = names.get(userId)?.name || unknown;
      const done = given.has(userId);
      return {
        given: done,
        text: translate(
          locale,
          done ? 'review.contribution.dashboard.given' : 'review.contribution.dashboard.missing',
          {
            name,
          },
        ),
      };
    }),
  );
}
