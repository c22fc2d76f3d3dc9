/**
 * The facilitator's peer-review pages: settings and the dashboard (allocation with every
 * assignment's explanation, completion, late and missing work, moderation, scores, grades and
 * their publish status). Facilitators see everyone by name.
 */
import type { ReviewSettings } from '../../domain/review/review-settings.js';
import type { FieldIssue } from '../../domain/shared/errors.js';
import type { ReviewDashboard } from '../../services/reviews/review-dashboard.js';
import { translate, type Locale } from '../i18n/translate.js';
import { dateText, issueText } from './review-labels.js';
import { REVIEW_PATHS } from './review-paths.js';

export interface FacilitatorFrame {
  readonly taskId: string;
  readonly taskTitle: string;
  readonly done?: string;
  readonly issues?: readonly FieldIssue[];
}

function frame(locale: Locale, f: FacilitatorFrame) {
  const issues = (f.issues ?? []).map((issue) => ({
    href: `#${issue.field.split('.')[0] ?? 'form'}`,
    text: issueText(locale, issue),
  }));
  return {
    taskTitle: f.taskTitle,
    taskPath: REVIEW_PATHS.task(f.taskId),
    dashboardPath: REVIEW_PATHS.dashboard(f.taskId),
    settingsPath: REVIEW_PATHS.settings(f.taskId),
    ...(f.done !== undefined ? { doneText: translate(locale, `review.done.${f.done}`) } : {}),
    hasIssues: issues.length > 0,
    issues,
  };
}

/** The settings form, from the stored settings or (after a refusal) what was posted. */
export function settingsView(locale: Locale, f: FacilitatorFrame, s: ReviewSettings, revision: number) {
  const formula = s.grading.mode === 'graded' ? s.grading.formula : undefined;
  return {
    ...frame(locale, f),
    pageTitle: translate(locale, 'review.settings.title'),
    titleKey: 'review.settings.title',
    v: {
      team: 'team',
      person: 'person',
      acrossTeams: 'across-teams',
      withinTeam: 'within-team',
      push: 'push',
      pull: 'pull',
      phaseClose: 'phase-close',
      minReviews: 'min-reviews',
      formative: 'formative',
      graded: 'graded',
    },
    action: REVIEW_PATHS.settings(f.taskId),
    revision,
    team: s.submissionMode === 'team',
    across: s.scope === 'across-teams',
    push: s.allocation === 'push',
    reviewsPerSubmission: s.reviewsPerSubmission,
    leaseMinutes: s.leaseMinutes,
    hideReviewers: s.anonymity.hideReviewersFromAuthors,
    hideAuthors: s.anonymity.hideAuthorsFromReviewers,
    releaseAtClose: s.release.kind === 'phase-close',
    minReviews: s.release.kind === 'min-reviews' ? s.release.minReviews : 2,
    selfAssessment: s.selfAssessment,
    lateAllowed: s.lateSubmissions.allowed,
    requireComments: s.requireCriterionComments,
    contributionSplit: s.contributionSplit,
    graded: s.grading.mode === 'graded',
    submissionWeight: formula?.submissionWeight ?? 80,
    reviewWeight: formula?.reviewWeight ?? 20,
    scoreMaximum: formula?.scoreMaximum ?? 100,
  };
}

const oneDecimal = (n: number): string => String(Math.round(n * 10) / 10);

function explain(
  locale: Locale,
  steps: readonly Readonly<Record<string, unknown>>[],
  nameOf: (id: string) => string,
): string {
  const text = (key: string, params: Record<string, string | number> = {}) =>
    translate(locale, `review.dashboard.explanation.${key}`, params);
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return steps
    .map((step) => {
      const kind = typeof step['kind'] === 'string' ? step['kind'] : '';
      switch (kind) {
        case 'allocation-run':
          return text('allocation-run', { round: num(step['round']), seed: num(step['seed']) });
        case 'fewest-reviews':
          return text('fewest-reviews', {
            load: num(step['loadBefore']),
            eligible: num(step['eligibleReviewers']),
            excluded: num(step['excludedReviewers']),
            tied: num(step['tiedReviewers']),
          });
        case 'rebalanced':
          return text('rebalanced', {
            from: nameOf(String(step['from'] ?? '')),
            fromLoad: num(step['fromLoad']),
            toLoad: num(step['toLoadBefore']),
          });
        case 'pulled-fewest-reviews':
          return text('pulled-fewest-reviews');
        case 'assigned-by-hand': {
          const note = typeof step['note'] === 'string' && step['note'] !== '' ? step['note'] : undefined;
          return note === undefined
            ? text('assigned-by-hand')
            : `${text('assigned-by-hand')}, ${text('note', { note })}`;
        }
        default:
          return text('other', { kind });
      }
    })
    .join('; ');
}

export function dashboardView(
  locale: Locale,
  f: FacilitatorFrame,
  view: ReviewDashboard,
  teamNumbers: ReadonlyMap<string, { number: number; name?: string }>,
) {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(locale, `review.dashboard.${key}`, params);
  const names = new Map<string, string>();
  for (const l of view.allocation.loads) names.set(l.userId, l.name);
  for (const s of view.submissions) {
    if (s.owner.kind === 'team') for (const m of s.owner.members) names.set(m.userId, m.name);
    else names.set(s.owner.userId, s.owner.name);
    for (const r of s.reviews) names.set(r.reviewer.userId, r.reviewer.name);
  }
  const unknown = translate(locale, 'review.people.unknown');
  const nameOf = (id: string) => names.get(id) || unknown;
  const teamText = (teamId: string) => {
    const team = teamNumbers.get(teamId);
    return team?.name ?? translate(locale, 'review.people.team', { number: team?.number ?? 0 });
  };
  const reviewers = view.allocation.loads.map((l) => ({ userId: l.userId, name: l.name || unknown }));
  return {
    ...frame(locale, f),
    pageTitle: t('title'),
    titleKey: 'review.dashboard.title',
    phaseText: t('phase', {
      phase: translate(locale, `tasks.phases.${view.phase}`),
      open: view.reviewOpen ? t('open') : t('notOpen'),
    }),
    handedInText: t('handedIn', {
      handedIn: view.completion.handedIn,
      expected: view.completion.expectedSubmissions,
      late: view.completion.late,
    }),
    reviewsText: t('reviewsDone', {
      submitted: view.completion.peerReviewsSubmitted,
      assigned: view.completion.peerReviewsAssigned,
    }),
    missing: view.missing.map((m) => (m.kind === 'team' ? teamText(m.teamId) : m.name || unknown)),
    push: view.settings.allocation === 'push',
    canAllocate: view.settings.allocation === 'push' && view.reviewOpen,
    allocateAction: REVIEW_PATHS.allocate(f.taskId),
    balanceText: t(view.allocation.balanced ? 'balanced' : 'unbalanced'),
    runsText: t('runs', { count: view.allocation.runs.length }),
    submissions: view.submissions.map((s, i) => {
      const owner =
        s.owner.kind === 'team'
          ? `${teamText(s.owner.teamId)} (${s.owner.members.map((m) => m.name || unknown).join(', ')})`
          : s.owner.name || unknown;
      return {
        id: `submission-${i + 1}`,
        owner,
        handedIn: s.handedIn
          ? `${s.version ?? 1} · ${s.submittedAt === undefined ? '' : dateText(locale, s.submittedAt)}`
          : t('notHandedIn'),
        late: s.late !== undefined,
        score: s.score === undefined ? '–' : oneDecimal(s.score),
        feedbackPath: REVIEW_PATHS.submissionFeedback(f.taskId, s.submissionId),
        reviews: s.reviews.map((r) => ({
          text: `${r.reviewer.name || unknown}${r.kind === 'self' ? ` (${translate(locale, 'review.feedback.selfLabel')})` : ''} · ${translate(locale, `review.mine.status.${r.status}`)}`,
          why: t('why', { why: explain(locale, r.explanation, nameOf) }),
          unassignAction: r.kind === 'peer' ? REVIEW_PATHS.unassign(f.taskId, r.reviewId) : undefined,
        })),
        assign:
          s.handedIn && view.reviewOpen
            ? {
                action: REVIEW_PATHS.assign(f.taskId),
                submissionId: s.submissionId,
                selectId: `assign-${i + 1}`,
                noteId: `assign-note-${i + 1}`,
                label: t('assignReviewer', { owner }),
                reviewers,
              }
            : undefined,
      };
    }),
    moderation: view.moderation.map((m) => ({
      text: `${m.reviewer.name || unknown}: ${m.flags.map((flag) => t(`flag.${flag}`)).join(', ')}`,
    })),
    formative: view.grades.mode === 'formative',
    releaseAction: REVIEW_PATHS.release(f.taskId),
    computeAction: REVIEW_PATHS.compute(f.taskId),
    grades:
      view.grades.mode === 'graded'
        ? view.grades.rows.map((row, i) => ({
            id: `grade-${i + 1}`,
            name: row.name || unknown,
            computed: row.grade.computed === undefined ? t('pending') : oneDecimal(row.grade.computed),
            counts: row.counts === undefined ? t('pending') : oneDecimal(row.counts),
            override:
              row.grade.override === undefined
                ? undefined
                : t('overriddenBecause', { reason: row.grade.override.reason }),
            publish: `${row.grade.publish.state === 'failed' ? t('failedBecause', { reason: row.grade.publish.reason }) : t(`publish.${row.grade.publish.state}`)}${row.needsPublishing ? ` · ${t('needsPublishing')}` : ''}`,
            overrideAction: REVIEW_PATHS.override(f.taskId, row.userId),
            legend: t('overrideLegend', { name: row.name || unknown }),
          }))
        : [],
  };
}
