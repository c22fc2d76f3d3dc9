/**
 * The grade parts of every learner of a task from what is stored: their (team's) submission and
 * its peer reviews, the peer reviews they were asked to do with the helpfulness ratings those
 * got, and their team's contribution splits. Pure: the service loads, this decides.
 */
import type { HelpfulnessRating } from '../review/helpfulness.js';
import type { PinnedStandard } from '../review/pinned-standard.js';
import type { Review } from '../review/review.js';
import {
  helpfulnessScore,
  reviewAgreement,
  reviewQuality,
  scoreSubmission,
  type AggregationStrategy,
} from '../review/scores.js';
import type { TeamId, UserId } from '../shared/ids.js';
import { isAuthor, type Submission } from '../submission/submission.js';
import { webpaFactors, type ContributionSplit } from './contribution.js';
import { finalGrade, reviewScoreOf, type GradeFormula, type GradeParts } from './grade.js';

export interface GradeInput {
  readonly learners: readonly {
    readonly userId: UserId;
    readonly teamId?: TeamId;
    readonly teamMembers: readonly UserId[];
  }[];
  readonly submissions: readonly Submission[];
  readonly reviews: readonly Review[];
  /** The pinned standard of each reviewed submission's reviews, by submission id. */
  readonly standards: ReadonlyMap<string, PinnedStandard>;
  readonly ratings: readonly HelpfulnessRating[];
  readonly splits: readonly ContributionSplit[];
  readonly aggregation: AggregationStrategy;
  /** Whether WebPA factors apply (team submissions with contribution split on). */
  readonly contribution: boolean;
  readonly formula: GradeFormula;
}

export interface ComputedGrade {
  readonly userId: UserId;
  readonly parts: GradeParts;
  readonly computed: number | undefined;
}

export function computeGrades(input: GradeInput): ComputedGrade[] {
  const bySubmission = new Map<string, Review[]>();
  for (const r of input.reviews) {
    const list = bySubmission.get(r.submissionId);
    if (list === undefined) bySubmission.set(r.submissionId, [r]);
    else list.push(r);
  }
  const quality = (review: Review): number | undefined => {
    if (review.status !== 'submitted') return undefined;
    const standard = input.standards.get(review.submissionId);
    if (standard === undefined) return undefined;
    const agreement = reviewAgreement(
      standard,
      review,
      bySubmission.get(review.submissionId) ?? [],
      input.aggregation,
    );
    if (agreement === undefined) return undefined;
    const stars = input.ratings.filter((x) => x.reviewId === review.id).map((x) => x.stars);
    return reviewQuality(agreement, helpfulnessScore(stars));
  };
  return input.learners.map(({ userId, teamId, teamMembers }) => {
    const submission = input.submissions.find((s) => isAuthor(s.owner, userId));
    const submitted = submission?.submitted !== undefined;
    const standard = submission === undefined ? undefined : input.standards.get(submission.id);
    const score =
      submission === undefined || standard === undefined
        ? undefined
        : scoreSubmission(standard, bySubmission.get(submission.id) ?? [], input.aggregation)?.score;
    const assigned = input.reviews.filter((r) => r.kind === 'peer' && r.reviewerId === userId);
    const factor =
      input.contribution && teamId !== undefined
        ? webpaFactors(
            teamMembers,
            input.splits.filter((s) => s.teamId === teamId),
          ).get(userId)
        : undefined;
    const parts: GradeParts = {
      submitted,
      submissionScore: score,
      reviewScore: reviewScoreOf(assigned.map(quality)),
      contributionFactor: factor,
    };
    return { userId, parts, computed: finalGrade(parts, input.formula) };
  });
}
