/**
 * A learner's grade for a graded team task, from three parts:
 *
 * - submission score S (0–100): the weighted median level per criterion of their (team's)
 *   submission (`review/scores.ts`); 0 when nothing was handed in;
 * - review score R (0–100): the mean review quality over the peer reviews they were asked to
 *   do, an unfinished one counting 0 (reviewing is part of the task, peer-anchors pain point 4);
 *   none when they were asked for none;
 * - WebPA factor F for team submissions (`contribution.ts`); none without splits.
 *
 * The task's formula (weights wS, wR and the contribution weighting p in [0, 1]):
 *
 *     S' = clamp(S · (1 − p) + S · p · F, 0, 100)        (S' = S without F)
 *     final = (wS · S' + wR · R) / (wS + wR)              (R left out, and its weight, when none)
 *
 * A grade is pending (no number) when the work was handed in but no peer review of it was
 * submitted: the facilitator decides (override). A facilitator override replaces the final
 * number and needs a reason; publishing sends the number that counts.
 */

import type { FieldIssue } from '../shared/errors.js';
import type { TeamTaskId, UserId } from '../shared/ids.js';
import type { ScoreOverride } from '../review/scores.js';

export interface GradeFormula {
  readonly submissionWeight: number;
  readonly reviewWeight: number;
  /** p: how much the WebPA factor moves the submission score (0 = not at all). */
  readonly contributionWeighting: number;
  /** The gradebook's maximum (the LMS line item's `scoreMaximum`). */
  readonly scoreMaximum: number;
}

export const DEFAULT_GRADE_FORMULA: GradeFormula = {
  submissionWeight: 80,
  reviewWeight: 20,
  contributionWeighting: 0.5,
  scoreMaximum: 100,
};

export function gradeFormulaIssues(f: GradeFormula, prefix: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const weight = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= 1000;
  if (!weight(f.submissionWeight)) issues.push({ field: `${prefix}.submissionWeight`, code: 'out-of-range' });
  if (!weight(f.reviewWeight)) issues.push({ field: `${prefix}.reviewWeight`, code: 'out-of-range' });
  if (weight(f.submissionWeight) && weight(f.reviewWeight) && f.submissionWeight + f.reviewWeight <= 0)
    issues.push({ field: `${prefix}.submissionWeight`, code: 'weights-sum-to-zero' });
  if (!Number.isFinite(f.contributionWeighting) || f.contributionWeighting < 0 || f.contributionWeighting > 1)
    issues.push({ field: `${prefix}.contributionWeighting`, code: 'out-of-range' });
  if (!Number.isFinite(f.scoreMaximum) || f.scoreMaximum <= 0 || f.scoreMaximum > 10_000)
    issues.push({ field: `${prefix}.scoreMaximum`, code: 'out-of-range' });
  return issues;
}

export interface GradeParts {
  /** Undefined: handed in but not yet reviewed (grade pending). */
  readonly submissionScore: number | undefined;
  readonly submitted: boolean;
  readonly reviewScore: number | undefined;
  readonly contributionFactor: number | undefined;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** S' of the formula: the submission score moved by the contribution factor. */
export function adjustedSubmissionScore(score: number, factor: number | undefined, p: number): number {
  if (factor === undefined) return score;
  return clamp(score * (1 - p) + score * p * factor, 0, 100);
}

/** The final grade (0–100), or undefined while pending. */
export function finalGrade(parts: GradeParts, formula: GradeFormula): number | undefined {
  const s = parts.submitted ? parts.submissionScore : 0;
  if (s === undefined) return undefined;
  const adjusted = adjustedSubmissionScore(s, parts.contributionFactor, formula.contributionWeighting);
  const wS = formula.submissionWeight;
  const wR = parts.reviewScore === undefined ? 0 : formula.reviewWeight;
  if (wS + wR === 0) return parts.reviewScore ?? adjusted;
  return clamp((wS * adjusted + wR * (parts.reviewScore ?? 0)) / (wS + wR), 0, 100);
}

/** Mean quality over assigned reviews, unfinished ones counting 0; undefined when none were assigned. */
export function reviewScoreOf(qualities: readonly (number | undefined)[]): number | undefined {
  if (qualities.length === 0) return undefined;
  return qualities.reduce<number>((sum, q) => sum + (q ?? 0), 0) / qualities.length;
}

export type PublishState =
  | { readonly state: 'unpublished' }
  | { readonly state: 'published'; readonly score: number; readonly at: Date; readonly by: UserId }
  | { readonly state: 'failed'; readonly at: Date; readonly reason: string };

/** A learner's stored grade for a task. */
export interface Grade {
  readonly taskId: TeamTaskId;
  readonly userId: UserId;
  readonly parts: GradeParts;
  /** 0–100; undefined while pending. */
  readonly computed: number | undefined;
  readonly override?: ScoreOverride;
  readonly computedAt: Date;
  readonly publish: PublishState;
  readonly revision: number;
}

/** The number that counts: the override, else the computed grade. */
export function gradeThatCounts(grade: Pick<Grade, 'computed' | 'override'>): number | undefined {
  return grade.override?.score ?? grade.computed;
}

/** Whether the gradebook shows something other than what counts now. */
export function needsPublishing(grade: Grade): boolean {
  const counts = gradeThatCounts(grade);
  if (counts === undefined) return false;
  return grade.publish.state !== 'published' || grade.publish.score !== counts;
}
