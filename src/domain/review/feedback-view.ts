/**
 * What each viewer may see of reviews, as plain values the server can send as they are.
 *
 * Anonymity is a task setting with two independent switches: reviewers hidden from authors (the
 * default) and authors hidden from reviewers. It is enforced here, in the data, not in a
 * template: a hidden person's user id and name never enter the projected value, so neither HTML
 * nor JSON built from it can leak them. Hidden people get pseudonyms — a role and a letter
 * ("Reviewer A" in the UI's language) — that are stable: letters follow the order reviews were
 * submitted (or assigned) in, and later ones only append.
 *
 * The free text people write (comments, replies, submission content, file names) is passed on as
 * written; a name someone types into it is not ours to remove.
 *
 * Facilitators see everyone by name. A learner who is neither author nor reviewer sees nothing
 * (`NotPermittedError`).
 */

import type { Actor } from '../shared/actor.js';
import { NotPermittedError } from '../shared/errors.js';
import type { CriterionId, TeamId, UserId } from '../shared/ids.js';
import { quantile } from '../shared/statistics.js';
import {
  isAuthor,
  type ContentPart,
  type Submission,
  type SubmissionId,
  type SubmissionOwner,
} from '../submission/submission.js';
import type { HelpfulnessRating } from './helpfulness.js';
import { levelPosition, type PinnedStandard } from './pinned-standard.js';
import type { ReleaseState } from './release.js';
import type { Review, ReviewId } from './review.js';

export interface AnonymitySettings {
  readonly hideReviewersFromAuthors: boolean;
  readonly hideAuthorsFromReviewers: boolean;
}

export const DEFAULT_ANONYMITY: AnonymitySettings = {
  hideReviewersFromAuthors: true,
  hideAuthorsFromReviewers: false,
};

/** Names the projection may show: people and teams (a team without a name shows its number). */
export interface Directory {
  readonly people: ReadonlyMap<UserId, string>;
  readonly teams: ReadonlyMap<TeamId, { readonly number: number; readonly name?: string }>;
}

/** How a person (or team) appears to the viewer. */
export type PersonLabel =
  | { readonly kind: 'you' }
  | { readonly kind: 'person'; readonly userId: UserId; readonly name: string }
  | { readonly kind: 'team'; readonly teamId: TeamId; readonly number: number; readonly name?: string }
  | { readonly kind: 'pseudonym'; readonly role: 'reviewer' | 'author' | 'team'; readonly letter: string };

/** 0 → A, 25 → Z, 26 → AA, … */
export function pseudonymLetter(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Summary (internal: carries user ids; only projections leave the domain towards learners)

export interface LevelAggregate {
  readonly count: number;
  /** Median position (type-7: the mean of the two middle ones for an even count); none without ratings. */
  readonly median?: number;
  /** The level(s) at the median: one, or the two it lies between. */
  readonly medianLevelIds: readonly string[];
  /** Ratings per level, lowest level first. */
  readonly distribution: readonly number[];
}

export interface CriterionFeedback {
  readonly criterionId: CriterionId;
  readonly name: string;
  readonly levels: readonly { readonly id: string; readonly label: string }[];
  readonly peer: LevelAggregate;
  readonly self: LevelAggregate;
  /** Self median − peer median, in level positions (positive: rated themselves higher). */
  readonly gap?: number;
  readonly comments: readonly {
    readonly reviewId: ReviewId;
    readonly kind: 'peer' | 'self';
    readonly comment: string;
  }[];
}

export interface FeedbackSummary {
  readonly criteria: readonly CriterionFeedback[];
  readonly overall: readonly {
    readonly reviewId: ReviewId;
    readonly kind: 'peer' | 'self';
    readonly comment: string;
  }[];
  /** Submitted reviews in pseudonym order (peer reviews first, by submission time, then id). */
  readonly reviews: readonly Review[];
}

/** Per criterion the median level of the submitted peer reviews, their comments, and the self-assessment beside them. */
export function summariseFeedback(
  standard: PinnedStandard,
  reviewsOfSubmission: readonly Review[],
): FeedbackSummary {
  const submitted = orderForPseudonyms(reviewsOfSubmission.filter((r) => r.status === 'submitted'));
  const criteria = standard.criteria.map((criterion): CriterionFeedback => {
    const positions = { peer: [] as number[], self: [] as number[] };
    const comments: { reviewId: ReviewId; kind: 'peer' | 'self'; comment: string }[] = [];
    for (const review of submitted) {
      const rating = review.ratings.find((r) => r.criterionId === criterion.id);
      if (rating === undefined) continue;
      const position = rating.levelId === undefined ? undefined : levelPosition(criterion, rating.levelId);
      if (position !== undefined) positions[review.kind].push(position);
      if (rating.comment.length > 0)
        comments.push({ reviewId: review.id, kind: review.kind, comment: rating.comment });
    }
    const peer = aggregateLevels(positions.peer, criterion.levels);
    const self = aggregateLevels(positions.self, criterion.levels);
    return {
      criterionId: criterion.id,
      name: criterion.name,
      levels: criterion.levels.map((l) => ({ id: l.id, label: l.label })),
      peer,
      self,
      ...(peer.median !== undefined && self.median !== undefined ? { gap: self.median - peer.median } : {}),
      comments,
    };
  });
  const overall = submitted
    .filter((r) => r.overallComment.length > 0)
    .map((r) => ({ reviewId: r.id, kind: r.kind, comment: r.overallComment }));
  return { criteria, overall, reviews: submitted };
}

function aggregateLevels(
  positions: readonly number[],
  levels: readonly { readonly id: string }[],
): LevelAggregate {
  const distribution = levels.map((_, i) => positions.filter((p) => p === i).length);
  if (positions.length === 0) return { count: 0, medianLevelIds: [], distribution };
  const median = quantile(positions, 0.5);
  const ids = [...new Set([Math.floor(median), Math.ceil(median)])].map((i) => levels[i]?.id as string);
  return { count: positions.length, median, medianLevelIds: ids, distribution };
}

function orderForPseudonyms(reviews: readonly Review[]): Review[] {
  const time = (r: Review) => (r.submittedAt ?? r.assignedAt).getTime();
  return [...reviews].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'peer' ? -1 : 1) ||
      time(a) - time(b) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------------
// The author's view of the feedback on their submission

export interface ProjectedComment {
  readonly reviewId: ReviewId;
  readonly by: PersonLabel;
  readonly kind: 'peer' | 'self';
  readonly comment: string;
}

export type AuthorFeedbackView =
  | { readonly submissionId: SubmissionId; readonly release: Extract<ReleaseState, { released: false }> }
  | {
      readonly submissionId: SubmissionId;
      /** Released — or not yet, when a facilitator looks before release. */
      readonly release: ReleaseState;
      readonly criteria: readonly (Omit<CriterionFeedback, 'comments'> & {
        readonly comments: readonly ProjectedComment[];
      })[];
      readonly overall: readonly ProjectedComment[];
      /** Each peer review, with the viewer's own helpfulness rating of it (if any). */
      readonly reviews: readonly {
        readonly reviewId: ReviewId;
        readonly by: PersonLabel;
        readonly myRating?: { readonly stars: number; readonly reply: string };
      }[];
    };

/**
 * What an author (or a facilitator) sees of the feedback on a submission.
 * @throws NotPermittedError when the viewer is neither an author nor a facilitator.
 */
export function projectFeedbackForAuthor(input: {
  readonly viewer: Actor;
  readonly submission: Pick<Submission, 'id' | 'owner'>;
  readonly reviews: readonly Review[];
  readonly standard: PinnedStandard;
  readonly release: ReleaseState;
  readonly anonymity: AnonymitySettings;
  readonly directory: Directory;
  readonly ratings?: readonly HelpfulnessRating[];
}): AuthorFeedbackView {
  const { viewer, submission } = input;
  const facilitator = viewer.role === 'facilitator';
  if (!facilitator && !isAuthor(submission.owner, viewer.userId))
    throw new NotPermittedError('view-feedback');
  const release = input.release;
  if (!release.released && !facilitator) return { submissionId: submission.id, release };
  const reviews = input.reviews.filter((r) => r.submissionId === submission.id);
  const summary = summariseFeedback(input.standard, reviews);
  const hide = input.anonymity.hideReviewersFromAuthors && !facilitator;
  const labels = new Map<ReviewId, PersonLabel>();
  let peerIndex = 0;
  for (const review of summary.reviews) {
    let label: PersonLabel;
    if (review.reviewerId === viewer.userId) label = { kind: 'you' };
    else if (review.kind === 'peer' && hide)
      label = { kind: 'pseudonym', role: 'reviewer', letter: pseudonymLetter(peerIndex) };
    else label = named(review.reviewerId, input.directory);
    if (review.kind === 'peer') peerIndex++;
    labels.set(review.id, label);
  }
  const project = (c: { reviewId: ReviewId; kind: 'peer' | 'self'; comment: string }): ProjectedComment => ({
    reviewId: c.reviewId,
    by: labels.get(c.reviewId) as PersonLabel,
    kind: c.kind,
    comment: c.comment,
  });
  return {
    submissionId: submission.id,
    release,
    criteria: summary.criteria.map((c) => ({ ...c, comments: c.comments.map(project) })),
    overall: summary.overall.map(project),
    reviews: summary.reviews
      .filter((r) => r.kind === 'peer')
      .map((r) => {
        const mine = input.ratings?.find((x) => x.reviewId === r.id && x.raterId === viewer.userId);
        return {
          reviewId: r.id,
          by: labels.get(r.id) as PersonLabel,
          ...(mine !== undefined ? { myRating: { stars: mine.stars, reply: mine.reply } } : {}),
        };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The reviewer's view of a submission to review

export interface SubmissionForReviewer {
  readonly submissionId: SubmissionId;
  readonly reviewId: ReviewId;
  readonly author: PersonLabel;
  /** The handed-in version only, never the working copy. */
  readonly parts: readonly ContentPart[];
  readonly version: number;
}

/**
 * What a reviewer sees of a submission they review. With authors hidden, the pseudonym's letter
 * is the submission's place among the reviewer's own peer reviews (by assignment time, then id).
 * @throws NotPermittedError when the viewer has no peer review of this submission (facilitators may look).
 */
export function projectSubmissionForReviewer(input: {
  readonly viewer: Actor;
  readonly submission: Submission;
  /** The viewer's reviews in this task. */
  readonly viewerReviews: readonly Review[];
  readonly anonymity: AnonymitySettings;
  readonly directory: Directory;
}): SubmissionForReviewer {
  const { viewer, submission } = input;
  const mine = input.viewerReviews
    .filter((r) => r.reviewerId === viewer.userId && r.kind === 'peer')
    .sort(
      (a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const index = mine.findIndex((r) => r.submissionId === submission.id);
  const facilitator = viewer.role === 'facilitator';
  if ((index < 0 && !facilitator) || submission.submitted === undefined)
    throw new NotPermittedError('view-submission');
  const review = mine[index];
  const hide = input.anonymity.hideAuthorsFromReviewers && !facilitator;
  return {
    submissionId: submission.id,
    reviewId: (review?.id ?? '') as ReviewId,
    author: hide ? authorPseudonym(submission.owner, index) : ownerLabel(submission.owner, input.directory),
    parts: submission.submitted.parts,
    version: submission.submitted.version,
  };
}

// ---------------------------------------------------------------------------------------------
// The reviewer's view of how helpful their review was

export type RatingsForReviewer =
  | { readonly reviewId: ReviewId; readonly released: false }
  | {
      readonly reviewId: ReviewId;
      readonly released: true;
      readonly ratings: readonly {
        readonly by: PersonLabel;
        readonly stars: number;
        readonly reply: string;
      }[];
    };

/**
 * The helpfulness ratings of one of the viewer's reviews — only after the feedback was released.
 * @throws NotPermittedError when the viewer is not the reviewer (facilitators may look).
 */
export function projectRatingsForReviewer(input: {
  readonly viewer: Actor;
  readonly review: Review;
  readonly owner: SubmissionOwner;
  readonly ratings: readonly HelpfulnessRating[];
  readonly release: ReleaseState;
  readonly anonymity: AnonymitySettings;
  readonly directory: Directory;
}): RatingsForReviewer {
  const { viewer, review } = input;
  const facilitator = viewer.role === 'facilitator';
  if (!facilitator && review.reviewerId !== viewer.userId) throw new NotPermittedError('view-ratings');
  if (!input.release.released && !facilitator) return { reviewId: review.id, released: false };
  const hide = input.anonymity.hideAuthorsFromReviewers && !facilitator;
  const ratings = input.ratings
    .filter((r) => r.reviewId === review.id)
    .sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime() || (a.raterId < b.raterId ? -1 : 1))
    .map((r, i) => ({
      by: hide
        ? ({ kind: 'pseudonym', role: 'author', letter: pseudonymLetter(i) } as const)
        : named(r.raterId, input.directory),
      stars: r.stars,
      reply: r.reply,
    }));
  return { reviewId: review.id, released: true, ratings };
}

function named(userId: UserId, directory: Directory): PersonLabel {
  return { kind: 'person', userId, name: directory.people.get(userId) ?? '' };
}

function ownerLabel(owner: SubmissionOwner, directory: Directory): PersonLabel {
  if (owner.kind === 'person') return named(owner.userId, directory);
  const team = directory.teams.get(owner.teamId);
  return {
    kind: 'team',
    teamId: owner.teamId,
    number: team?.number ?? 0,
    ...(team?.name !== undefined ? { name: team.name } : {}),
  };
}

function authorPseudonym(owner: SubmissionOwner, index: number): PersonLabel {
  return {
    kind: 'pseudonym',
    role: owner.kind === 'team' ? 'team' : 'author',
    letter: pseudonymLetter(Math.max(0, index)),
  };
}
