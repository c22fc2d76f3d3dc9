/**
 * A review: one reviewer's judgement of one submission against the pinned standard version — a
 * level and a comment per criterion plus an overall comment. A self-assessment is the same form
 * filled in by an author about their own work (`kind: 'self'`).
 *
 * A review exists from the moment it is assigned (push allocation, a pull claim, a facilitator,
 * or an author starting a self-assessment) as an empty draft. Its reviewer saves drafts (partial
 * forms are fine) and submits; submit refuses a form that misses a criterion. A submitted review
 * may be revised — by submitting the complete form again — until the submission's feedback is
 * released: from then on the author may be reading it, so it is final. A peer review still in
 * draft when feedback is released early (review threshold) may still be submitted while the
 * phase is open; it is added to what the author sees. Self-assessments close at release.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { Brand, CriterionId, StandardId, TeamTaskId, UserId } from '../shared/ids.js';
import {
  isAuthor,
  type SubmissionId,
  type SubmissionOwner,
  type TaskPhaseName,
} from '../submission/submission.js';
import { findCriterion, levelPosition, type PinnedStandard } from './pinned-standard.js';

export type ReviewId = Brand<string, 'ReviewId'>;

export const asReviewId = (value: string): ReviewId => {
  if (value.length === 0) throw new TypeError('ReviewId must not be empty');
  return value as ReviewId;
};

export type ReviewKind = 'peer' | 'self';

/** How the review came to exist. */
export type ReviewSource = 'allocated' | 'pulled' | 'facilitator' | 'self';

export interface CriterionRating {
  readonly criterionId: CriterionId;
  /** The chosen level; absent while the reviewer has not chosen one. */
  readonly levelId?: string;
  readonly comment: string;
}

export interface Review {
  readonly id: ReviewId;
  readonly taskId: TeamTaskId;
  readonly submissionId: SubmissionId;
  readonly reviewerId: UserId;
  readonly kind: ReviewKind;
  readonly source: ReviewSource;
  /** The frozen standard version this review is judged against. */
  readonly standard: { readonly standardId: StandardId; readonly version: number };
  /** In the standard's criterion order; only criteria the reviewer touched. */
  readonly ratings: readonly CriterionRating[];
  readonly overallComment: string;
  readonly status: 'draft' | 'submitted';
  readonly assignedAt: Date;
  /** Pull mode: until when the claim holds the submission for this reviewer. */
  readonly leaseExpiresAt?: Date;
  readonly savedAt?: Date;
  readonly submittedAt?: Date;
  readonly revision: number;
}

/** What a reviewer posts: the form's values. */
export interface ReviewInput {
  readonly ratings: readonly {
    readonly criterionId: string;
    readonly levelId?: string;
    readonly comment?: string;
  }[];
  readonly overallComment?: string;
}

export interface ReviewRules {
  /** Whether submit needs a comment on every criterion (a level is always needed). */
  readonly requireCriterionComments: boolean;
  readonly maxCommentLength: number;
  readonly maxOverallCommentLength: number;
}

export const DEFAULT_REVIEW_RULES: ReviewRules = {
  requireCriterionComments: false,
  maxCommentLength: 5000,
  maxOverallCommentLength: 10000,
};

/**
 * The phase facts a review action needs, computed by the service: where the task is, whether
 * the phase that allows this kind of review is open now, and whether this submission's feedback
 * has been released (see `release.ts`).
 */
export interface ReviewWindow {
  readonly phase: TaskPhaseName;
  /** Peer reviews: peer-review is open. Self-assessments: work or peer-review is open. */
  readonly open: boolean;
  readonly released: boolean;
}

/** A new, empty review. The caller checked eligibility (allocation, pull claim or `assignByHand`). */
export function startReview(input: {
  readonly id: ReviewId;
  readonly taskId: TeamTaskId;
  readonly submissionId: SubmissionId;
  readonly reviewerId: UserId;
  readonly kind: ReviewKind;
  readonly source: ReviewSource;
  readonly standard: PinnedStandard;
  readonly now: Date;
  readonly leaseExpiresAt?: Date;
}): Review {
  return {
    id: input.id,
    taskId: input.taskId,
    submissionId: input.submissionId,
    reviewerId: input.reviewerId,
    kind: input.kind,
    source: input.source,
    standard: { standardId: input.standard.standardId, version: input.standard.version },
    ratings: [],
    overallComment: '',
    status: 'draft',
    assignedAt: input.now,
    ...(input.leaseExpiresAt !== undefined ? { leaseExpiresAt: input.leaseExpiresAt } : {}),
    revision: 1,
  };
}

/**
 * An author's self-assessment of their (team's) handed-in work, on the same form.
 * @throws NotPermittedError when the task has no self-assessment or the actor is not an author.
 * @throws PhaseConflictError when neither work nor peer review is open, or feedback was released.
 */
export function startSelfAssessment(input: {
  readonly id: ReviewId;
  readonly taskId: TeamTaskId;
  readonly submission: { readonly id: SubmissionId; readonly owner: SubmissionOwner };
  readonly standard: PinnedStandard;
  readonly selfAssessment: boolean;
  readonly actor: Actor;
  readonly window: ReviewWindow;
  readonly now: Date;
}): Review {
  if (!input.selfAssessment || !isAuthor(input.submission.owner, input.actor.userId)) {
    throw new NotPermittedError('start-self-assessment');
  }
  assertWindow(input.window, 'start-self-assessment', input.taskId);
  return startReview({
    id: input.id,
    taskId: input.taskId,
    submissionId: input.submission.id,
    reviewerId: input.actor.userId,
    kind: 'self',
    source: 'self',
    standard: input.standard,
    now: input.now,
  });
}

/**
 * Saves a draft: any subset of criteria, levels optional.
 * @throws NotPermittedError when the actor is not the reviewer.
 * @throws PhaseConflictError when the phase is not open, the feedback was released, or the
 *   review was already submitted (revise it by submitting again).
 * @throws InvalidInputError for unknown criteria or levels and over-long comments.
 */
export function saveReviewDraft(
  review: Review,
  input: ReviewInput,
  standard: PinnedStandard,
  actor: Actor,
  window: ReviewWindow,
  now: Date,
  rules: ReviewRules = DEFAULT_REVIEW_RULES,
): Review {
  assertReviewer(review, actor, 'save-review');
  assertPinned(review, standard);
  assertWindow(window, 'save-review', review.taskId, review);
  if (review.status === 'submitted') {
    throw new PhaseConflictError({
      action: 'save-review',
      phase: window.phase,
      taskId: review.taskId,
      reason: 'already-submitted',
    });
  }
  const values = assertValidInput(input, standard, rules);
  return { ...review, ...values, savedAt: now, revision: review.revision + 1 };
}

/**
 * Submits the review (or revises a submitted one). Uses `input` when given, else the saved draft.
 * @throws NotPermittedError when the actor is not the reviewer.
 * @throws PhaseConflictError when the phase is not open, or the feedback was released and the
 *   review was already submitted (or is a self-assessment).
 * @throws InvalidInputError listing every criterion without a level (`ratings.<criterionId>.level`,
 *   `required`) — and without a comment when comments are required — plus any invalid value.
 */
export function submitReview(
  review: Review,
  input: ReviewInput | undefined,
  standard: PinnedStandard,
  actor: Actor,
  window: ReviewWindow,
  now: Date,
  rules: ReviewRules = DEFAULT_REVIEW_RULES,
): Review {
  assertReviewer(review, actor, 'submit-review');
  assertPinned(review, standard);
  assertWindow(window, 'submit-review', review.taskId, review);
  const values =
    input === undefined
      ? { ratings: review.ratings, overallComment: review.overallComment }
      : assertValidInput(input, standard, rules);
  const missing = missingIssues(values.ratings, standard, rules);
  if (missing.length > 0) throw new InvalidInputError(missing);
  return {
    ...review,
    ratings: values.ratings,
    overallComment: values.overallComment,
    status: 'submitted',
    savedAt: now,
    submittedAt: now,
    revision: review.revision + 1,
  };
}

/** Criteria of the standard that the ratings leave without a level, in standard order. */
export function missingCriteria(
  ratings: readonly CriterionRating[],
  standard: PinnedStandard,
): CriterionId[] {
  return standard.criteria
    .filter((criterion) => ratings.find((r) => r.criterionId === criterion.id)?.levelId === undefined)
    .map((criterion) => criterion.id);
}

/** The review form generated from the pinned standard, filled with the review's values. */
export interface ReviewForm {
  readonly reviewId: ReviewId;
  readonly kind: ReviewKind;
  readonly status: 'draft' | 'submitted';
  readonly editable: boolean;
  readonly criteria: readonly {
    readonly criterionId: CriterionId;
    readonly name: string;
    readonly weight: number;
    readonly levels: readonly { readonly id: string; readonly label: string; readonly selected: boolean }[];
    readonly comment: string;
    readonly commentRequired: boolean;
  }[];
  readonly overallComment: string;
  /** Criteria still without a level. */
  readonly missing: readonly CriterionId[];
}

export function buildReviewForm(
  review: Review,
  standard: PinnedStandard,
  window: ReviewWindow,
  rules: ReviewRules = DEFAULT_REVIEW_RULES,
): ReviewForm {
  assertPinned(review, standard);
  return {
    reviewId: review.id,
    kind: review.kind,
    status: review.status,
    editable: window.open && !(window.released && (review.status === 'submitted' || review.kind === 'self')),
    criteria: standard.criteria.map((criterion) => {
      const rating = review.ratings.find((r) => r.criterionId === criterion.id);
      return {
        criterionId: criterion.id,
        name: criterion.name,
        weight: criterion.weight,
        levels: criterion.levels.map((level) => ({
          id: level.id,
          label: level.label,
          selected: rating?.levelId === level.id,
        })),
        comment: rating?.comment ?? '',
        commentRequired: rules.requireCriterionComments,
      };
    }),
    overallComment: review.overallComment,
    missing: missingCriteria(review.ratings, standard),
  };
}

function missingIssues(
  ratings: readonly CriterionRating[],
  standard: PinnedStandard,
  rules: ReviewRules,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const criterion of standard.criteria) {
    const rating = ratings.find((r) => r.criterionId === criterion.id);
    if (rating?.levelId === undefined)
      issues.push({ field: `ratings.${criterion.id}.level`, code: 'required' });
    if (rules.requireCriterionComments && (rating?.comment ?? '').length === 0) {
      issues.push({ field: `ratings.${criterion.id}.comment`, code: 'required' });
    }
  }
  return issues;
}

function assertValidInput(
  input: ReviewInput,
  standard: PinnedStandard,
  rules: ReviewRules,
): { ratings: CriterionRating[]; overallComment: string } {
  const issues: FieldIssue[] = [];
  const byCriterion = new Map<string, CriterionRating>();
  for (const rating of input.ratings) {
    const criterion = findCriterion(standard, rating.criterionId);
    const field = `ratings.${rating.criterionId}`;
    if (criterion === undefined) {
      issues.push({ field, code: 'unknown-criterion' });
      continue;
    }
    if (byCriterion.has(criterion.id)) {
      issues.push({ field, code: 'duplicate' });
      continue;
    }
    const levelId = rating.levelId === '' ? undefined : rating.levelId;
    if (levelId !== undefined && levelPosition(criterion, levelId) === undefined) {
      issues.push({ field: `${field}.level`, code: 'unknown-level' });
    }
    const comment = (rating.comment ?? '').trim();
    if (comment.length > rules.maxCommentLength) issues.push({ field: `${field}.comment`, code: 'too-long' });
    byCriterion.set(criterion.id, {
      criterionId: criterion.id,
      ...(levelId !== undefined ? { levelId } : {}),
      comment,
    });
  }
  const overallComment = (input.overallComment ?? '').trim();
  if (overallComment.length > rules.maxOverallCommentLength)
    issues.push({ field: 'overallComment', code: 'too-long' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const ratings = standard.criteria
    .map((criterion) => byCriterion.get(criterion.id))
    .filter(
      (r): r is CriterionRating => r !== undefined && (r.levelId !== undefined || r.comment.length > 0),
    );
  return { ratings, overallComment };
}

function assertReviewer(review: Review, actor: Actor, action: string): void {
  if (review.reviewerId !== actor.userId) throw new NotPermittedError(action);
}

function assertPinned(review: Review, standard: PinnedStandard): void {
  if (review.standard.standardId !== standard.standardId || review.standard.version !== standard.version) {
    // A programming error: the service must load the version the review is pinned to.
    throw new Error(
      `review ${review.id} is pinned to ${review.standard.standardId}@${review.standard.version}`,
    );
  }
}

function assertWindow(window: ReviewWindow, action: string, taskId: TeamTaskId, review?: Review): void {
  if (!window.open)
    throw new PhaseConflictError({ action, phase: window.phase, taskId, reason: 'phase-not-open' });
  // CASE: with a review threshold, feedback is released while the phase is still open: late
  // reviews still come in, but what the author may already have read no longer changes.
  if (window.released && (review === undefined || review.status === 'submitted' || review.kind === 'self')) {
    throw new PhaseConflictError({ action, phase: window.phase, taskId, reason: 'feedback-released' });
  }
}
