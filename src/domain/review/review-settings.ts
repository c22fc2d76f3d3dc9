/**
 * How peer review runs in one team task, set by the facilitator: whose work is submitted (team
 * or person), who reviews whom (scope), push or pull allocation, reviews per submission, the
 * pull lease, anonymity, when feedback is released, self-assessment, late work, how levels are
 * aggregated, and whether the task is graded (and by which formula) or formative only.
 *
 * Settings that shape what people already did are fixed once the work is under way: the
 * submission mode once the work phase opens, allocation and anonymity once peer review opens.
 * Grading (formula, contribution weighting) may change until the task is closed — grades are
 * computed from stored reviews whenever asked.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { TeamTaskId, UserId } from '../shared/ids.js';
import type { SubmissionMode, TaskPhaseName } from '../submission/submission.js';
import type { GradeFormula } from '../grade/grade.js';
import { gradeFormulaIssues } from '../grade/grade.js';
import { ALLOCATION_SCOPES, type AllocationScope } from './eligibility.js';
import { MAX_REVIEWS_PER_SUBMISSION } from './allocation.js';
import { DEFAULT_ANONYMITY, type AnonymitySettings } from './feedback-view.js';
import type { ReleasePolicy } from './release.js';
import type { AggregationStrategy } from './scores.js';

export type AllocationMode = 'push' | 'pull';

export type Grading =
  { readonly mode: 'formative' } | { readonly mode: 'graded'; readonly formula: GradeFormula };

export interface ReviewSettingsValues {
  readonly submissionMode: SubmissionMode;
  readonly scope: AllocationScope;
  readonly allocation: AllocationMode;
  readonly reviewsPerSubmission: number;
  /** Pull mode: how long a claim holds a submission. */
  readonly leaseMinutes: number;
  readonly anonymity: AnonymitySettings;
  readonly release: ReleasePolicy;
  readonly selfAssessment: boolean;
  readonly lateSubmissions: { readonly allowed: false } | { readonly allowed: true; readonly until?: Date };
  readonly aggregation: AggregationStrategy;
  readonly requireCriterionComments: boolean;
  /** Team submissions: members split 100 points among their team (WebPA). */
  readonly contributionSplit: boolean;
  readonly grading: Grading;
}

export interface ReviewSettings extends ReviewSettingsValues {
  readonly taskId: TeamTaskId;
  readonly updatedAt: Date;
  readonly updatedBy: UserId;
  readonly revision: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettingsValues = {
  submissionMode: 'team',
  scope: 'across-teams',
  allocation: 'push',
  reviewsPerSubmission: 3,
  leaseMinutes: 120,
  anonymity: DEFAULT_ANONYMITY,
  release: { kind: 'phase-close' },
  selfAssessment: true,
  lateSubmissions: { allowed: true },
  aggregation: 'median',
  requireCriterionComments: false,
  contributionSplit: false,
  grading: { mode: 'formative' },
};

/** The settings that hold for a task nobody configured yet. */
export function defaultReviewSettings(taskId: TeamTaskId, createdBy: UserId, now: Date): ReviewSettings {
  return { ...DEFAULT_REVIEW_SETTINGS, taskId, updatedAt: now, updatedBy: createdBy, revision: 0 };
}

const AFTER_WORK_STARTED: readonly TaskPhaseName[] = ['work', 'peer-review', 'reflection', 'share', 'closed'];
const AFTER_REVIEW_STARTED: readonly TaskPhaseName[] = ['peer-review', 'reflection', 'share', 'closed'];

/**
 * @throws NotPermittedError when the actor is not a facilitator.
 * @throws PhaseConflictError (`setting`) when a fixed setting would change, or the task is closed.
 * @throws InvalidInputError listing every value that breaks a rule.
 */
export function configureReview(
  current: ReviewSettings,
  changes: Partial<ReviewSettingsValues>,
  actor: Actor,
  phase: TaskPhaseName,
  now: Date,
): ReviewSettings {
  if (actor.role !== 'facilitator') throw new NotPermittedError('configure-review');
  if (phase === 'closed')
    throw new PhaseConflictError({ action: 'configure-review', phase, taskId: current.taskId });
  const changed = (key: keyof ReviewSettingsValues): boolean =>
    changes[key] !== undefined && JSON.stringify(changes[key]) !== JSON.stringify(current[key]);
  const fixedAfterWork: (keyof ReviewSettingsValues)[] = ['submissionMode'];
  const fixedAfterReview: (keyof ReviewSettingsValues)[] = [
    'scope',
    'allocation',
    'reviewsPerSubmission',
    'anonymity',
    'selfAssessment',
    'requireCriterionComments',
  ];
  const fixed = [
    ...(AFTER_WORK_STARTED.includes(phase) ? fixedAfterWork : []),
    ...(AFTER_REVIEW_STARTED.includes(phase) ? fixedAfterReview : []),
  ].find(changed);
  if (fixed !== undefined) {
    throw new PhaseConflictError({
      action: 'configure-review',
      phase,
      taskId: current.taskId,
      setting: fixed,
    });
  }
  const next: ReviewSettings = {
    ...current,
    ...changes,
    updatedAt: now,
    updatedBy: actor.userId,
    revision: current.revision + 1,
  };
  const issues = reviewSettingsIssues(next);
  if (issues.length > 0) throw new InvalidInputError(issues);
  return next;
}

export function reviewSettingsIssues(s: ReviewSettingsValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (s.submissionMode !== 'team' && s.submissionMode !== 'person')
    issues.push({ field: 'submissionMode', code: 'unknown' });
  if (!ALLOCATION_SCOPES.includes(s.scope)) issues.push({ field: 'scope', code: 'unknown' });
  if (s.scope === 'within-team' && s.submissionMode === 'team')
    issues.push({ field: 'scope', code: 'within-team-needs-person-mode' });
  if (s.allocation !== 'push' && s.allocation !== 'pull')
    issues.push({ field: 'allocation', code: 'unknown' });
  if (
    !Number.isInteger(s.reviewsPerSubmission) ||
    s.reviewsPerSubmission < 1 ||
    s.reviewsPerSubmission > MAX_REVIEWS_PER_SUBMISSION
  )
    issues.push({ field: 'reviewsPerSubmission', code: 'out-of-range' });
  if (!Number.isInteger(s.leaseMinutes) || s.leaseMinutes < 5 || s.leaseMinutes > 7 * 24 * 60)
    issues.push({ field: 'leaseMinutes', code: 'out-of-range' });
  if (s.release.kind === 'min-reviews') {
    const k = s.release.minReviews;
    if (!Number.isInteger(k) || k < 1 || k > MAX_REVIEWS_PER_SUBMISSION)
      issues.push({ field: 'release.minReviews', code: 'out-of-range' });
  } else if (s.release.kind !== 'phase-close') issues.push({ field: 'release', code: 'unknown' });
  if (s.aggregation !== 'median' && s.aggregation !== 'mean')
    issues.push({ field: 'aggregation', code: 'unknown' });
  if (s.contributionSplit && s.submissionMode !== 'team')
    issues.push({ field: 'contributionSplit', code: 'needs-team-mode' });
  if (
    s.lateSubmissions.allowed &&
    s.lateSubmissions.until !== undefined &&
    Number.isNaN(s.lateSubmissions.until.getTime())
  )
    issues.push({ field: 'lateSubmissions.until', code: 'invalid-date' });
  if (s.grading.mode === 'graded') issues.push(...gradeFormulaIssues(s.grading.formula, 'grading.formula'));
  else if (s.grading.mode !== 'formative') issues.push({ field: 'grading', code: 'unknown' });
  return issues;
}

/** Whether members split contribution points (WebPA): asked for, and only with team submissions. */
export function asksForContributionSplit(
  s: Pick<ReviewSettings, 'contributionSplit' | 'submissionMode'>,
): boolean {
  return s.contributionSplit && s.submissionMode === 'team';
}
