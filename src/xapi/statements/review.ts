/**
 * Work and peer review: a submission, a completed review (overall score), one rating per
 * criterion (a likert interaction whose scale is the standard's levels, pointing at the review
 * statement), and the reviewee's helpfulness rating of the review (feedback on feedback).
 */
import { REGISTERED_ACTIVITY_TYPES, REGISTERED_VERBS } from '../vocabulary.js';
import type { XapiActivity, XapiStatement } from '../statement-types.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';
import {
  activity,
  assemble,
  capName,
  durationOf,
  freeTextResult,
  irisOf,
  langMap,
  mergeResults,
  scoreOf,
  standardActivity,
  statementIdFor,
  type ActorRef,
  type EventFacts,
  type StandardRef,
} from './common.js';

function submissionActivity(ctx: XapiContext, submissionId: string): XapiActivity {
  return activity(irisOf(ctx).activity('submission', submissionId), {
    type: REGISTERED_ACTIVITY_TYPES.document,
  });
}

export interface SubmissionFacts extends EventFacts {
  /** A person, or `'team'` when the team submits one product. */
  readonly by: ActorRef;
  readonly submissionId: string;
  /** The standard the work is to be judged against (none before the team ratified one). */
  readonly standard?: StandardRef | undefined;
}

export function workSubmitted(ctx: XapiContext, facts: SubmissionFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'work-submitted',
    facts,
    by: facts.by,
    verb: REGISTERED_VERBS.submitted,
    object: submissionActivity(ctx, facts.submissionId),
    other: facts.standard === undefined ? [] : [standardActivity(ctx, facts.standard)],
  });
}

export interface ScoreFacts {
  readonly raw: number;
  readonly min: number;
  readonly max: number;
}

export interface ReviewFacts extends EventFacts {
  readonly reviewer: XapiPerson;
  readonly reviewId: string;
  readonly submissionId: string;
  readonly standard: StandardRef;
  /** Weighted overall score, if the standard has one. */
  readonly score?: ScoreFacts | undefined;
  /** Time spent reviewing. */
  readonly durationMs?: number | undefined;
}

const REVIEW_KIND = 'review-completed';

/** Id of the `reviewed` statement of a review event: ratings and helpfulness point at it. */
export function reviewStatementId(ctx: XapiContext, reviewEventId: string): string {
  return statementIdFor(ctx, REVIEW_KIND, reviewEventId);
}

export function reviewCompleted(ctx: XapiContext, facts: ReviewFacts): XapiStatement {
  return assemble(ctx, {
    kind: REVIEW_KIND,
    facts,
    by: facts.reviewer,
    verb: REGISTERED_VERBS.reviewed,
    object: submissionActivity(ctx, facts.submissionId),
    result: {
      ...(facts.score === undefined
        ? {}
        : { score: scoreOf(facts.score.raw, facts.score.min, facts.score.max) }),
      completion: true,
      ...(facts.durationMs === undefined ? {} : { duration: durationOf(facts.durationMs) }),
    },
    other: [standardActivity(ctx, facts.standard)],
  });
}

export interface LevelRef {
  /** Stable level id, e.g. `level-3`. */
  readonly id: string;
  readonly name: string;
  readonly score: number;
}

export interface CriterionRatingFacts extends EventFacts {
  /** `eventId` is the review's event id: the rating's own id adds the criterion. */
  readonly reviewer: XapiPerson;
  readonly submissionId: string;
  /** Must be a frozen version: criterion activity ids are per version. */
  readonly standard: StandardRef & { readonly version: number };
  readonly criterion: { readonly id: string; readonly name: string; readonly levels: readonly LevelRef[] };
  readonly levelId: string;
  /** The reviewer's comment on this criterion (free text rules apply). */
  readonly comment?: string | undefined;
}

export function criterionRated(ctx: XapiContext, facts: CriterionRatingFacts): XapiStatement {
  const levels = facts.criterion.levels;
  const chosen = levels.find((l) => l.id === facts.levelId);
  if (chosen === undefined)
    throw new Error(`level "${facts.levelId}" is not a level of criterion ${facts.criterion.id}`);
  const scores = levels.map((l) => l.score);
  const criterion = criterionActivity(ctx, facts.standard, facts.criterion);
  return assemble(ctx, {
    kind: 'criterion-rated',
    facts: { eventId: `${facts.eventId}\n${facts.criterion.id}`, occurredAt: facts.occurredAt },
    by: facts.reviewer,
    verb: REGISTERED_VERBS.rated,
    object: criterion,
    result: mergeResults(
      { response: chosen.id, score: scoreOf(chosen.score, Math.min(...scores), Math.max(...scores)) },
      // CASE: the comment is free text; the level id stays the response.
      facts.comment === undefined ? {} : { extensions: freeTextAsExtension(ctx, facts.comment) },
    ),
    parent: submissionActivity(ctx, facts.submissionId),
    other: [standardActivity(ctx, facts.standard)],
    about: reviewStatementId(ctx, facts.eventId),
  });
}

/** A criterion of a frozen standard version as a likert interaction whose scale is its levels. */
export function criterionActivity(
  ctx: XapiContext,
  standard: StandardRef & { readonly version: number },
  criterion: CriterionRatingFacts['criterion'],
): XapiActivity {
  return activity(
    irisOf(ctx).activity('standard', standard.id, `v${standard.version}`, 'criterion', criterion.id),
    {
      type: REGISTERED_ACTIVITY_TYPES.interaction,
      name: langMap(capName(criterion.name)),
      interactionType: 'likert',
      scale: criterion.levels.map((l) => ({ id: l.id, description: langMap(capName(l.name)) })),
    },
  );
}

/** `result.response` holds the level, so the comment goes in the `comment` result extension. */
function freeTextAsExtension(ctx: XapiContext, text: string): Record<string, unknown> {
  const r = freeTextResult(ctx, text);
  return {
    ...r.extensions,
    ...(r.response === undefined ? {} : { [irisOf(ctx).extension('comment')]: r.response }),
  };
}

export interface HelpfulnessFacts extends EventFacts {
  /** The reviewee who rates the review. */
  readonly person: XapiPerson;
  readonly reviewId: string;
  /** Event id of the review (to point at its `reviewed` statement). */
  readonly reviewEventId: string;
  readonly rating: ScoreFacts;
}

export function helpfulnessRated(ctx: XapiContext, facts: HelpfulnessFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'helpfulness-rated',
    facts,
    by: facts.person,
    verb: REGISTERED_VERBS.rated,
    object: activity(irisOf(ctx).activity('review', facts.reviewId), {
      type: REGISTERED_ACTIVITY_TYPES.review,
    }),
    result: { score: scoreOf(facts.rating.raw, facts.rating.min, facts.rating.max) },
    about: reviewStatementId(ctx, facts.reviewEventId),
  });
}
