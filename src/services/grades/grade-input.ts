/** Loads what grading a task needs and computes every learner's grade parts (domain `computeGrades`). */
import { asksForContributionSplit } from '../../domain/review/review-settings.js';
import { computeGrades, type ComputedGrade } from '../../domain/grade/compute-grades.js';
import { DEFAULT_GRADE_FORMULA, type GradeFormula } from '../../domain/grade/grade.js';
import type { PinnedStandard } from '../../domain/review/pinned-standard.js';
import { scoreSubmission, type SubmissionScore } from '../../domain/review/scores.js';
import type { Submission } from '../../domain/submission/submission.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { pinnedByRef, type ReviewContext } from '../reviews/review-context.js';

export interface TaskScores {
  readonly grades: readonly ComputedGrade[];
  /** Per handed-in submission: its score (undefined while no peer review was submitted). */
  readonly submissionScores: ReadonlyMap<string, SubmissionScore | undefined>;
  readonly submissions: readonly Submission[];
}

export function formulaOf(ctx: ReviewContext): GradeFormula {
  return ctx.settings.grading.mode === 'graded' ? ctx.settings.grading.formula : DEFAULT_GRADE_FORMULA;
}

export async function scoreTask(deps: ReviewDeps, ctx: ReviewContext): Promise<TaskScores> {
  const [submissions, reviews, ratings, splits] = await Promise.all([
    deps.submissions.listByTask(ctx.task.id),
    deps.reviews.listByTask(ctx.task.id),
    deps.helpfulness.listByTask(ctx.task.id),
    deps.contributions.listByTask(ctx.task.id),
  ]);
  const standards = new Map<string, PinnedStandard>();
  const byRef = new Map<string, PinnedStandard>();
  for (const review of reviews) {
    if (standards.has(review.submissionId)) continue;
    const key = `${review.standard.standardId}@${review.standard.version}`;
    let pinned = byRef.get(key);
    if (pinned === undefined) {
      pinned = await pinnedByRef(deps, review.standard);
      byRef.set(key, pinned);
    }
    standards.set(review.submissionId, pinned);
  }
  const learners = (ctx.teamSet?.teams ?? []).flatMap((team) =>
    team.members.map((userId) => ({ userId, teamId: team.id, teamMembers: team.members })),
  );
  const grades = computeGrades({
    learners,
    submissions,
    reviews,
    standards,
    ratings,
    splits,
    aggregation: ctx.settings.aggregation,
    contribution: asksForContributionSplit(ctx.settings),
    formula: formulaOf(ctx),
  });
  const submissionScores = new Map<string, SubmissionScore | undefined>();
  for (const s of submissions) {
    const standard = standards.get(s.id);
    submissionScores.set(
      s.id,
      standard === undefined
        ? undefined
        : scoreSubmission(
            standard,
            reviews.filter((r) => r.submissionId === s.id),
            ctx.settings.aggregation,
          ),
    );
  }
  return { grades, submissionScores, submissions };
}
