import { REGISTERED_VERBS } from '../vocabulary.js';
import type { XapiStatement } from '../statement-types.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';
import {
  activity,
  assemble,
  freeTextResult,
  irisOf,
  mergeResults,
  scoreOf,
  standardActivity,
  type EventFacts,
  type StandardRef,
} from './common.js';
import { criterionActivity, type CriterionRatingFacts } from './review.js';

export interface ReflectionFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly reflectionId: string;
  /** The standard reflected against (none when the team had no ratified one). */
  readonly standard?: StandardRef | undefined;
  /** Sent only when the platform opted in to free text (then capped). */
  readonly text?: string | undefined;
}

/** A member finished their individual reflection. */
export function reflectionWritten(ctx: XapiContext, facts: ReflectionFacts): XapiStatement {
  const iris = irisOf(ctx);
  return assemble(ctx, {
    kind: 'reflection-written',
    facts,
    by: facts.person,
    verb: { id: iris.verb('reflected'), display: 'reflected' },
    object: activity(iris.activity('reflection', facts.reflectionId), {
      type: iris.activityType('reflection'),
    }),
    result: mergeResults({ completion: true }, freeTextResult(ctx, facts.text)),
    other: facts.standard === undefined ? [] : [standardActivity(ctx, facts.standard)],
  });
}

export interface RetrospectiveFacts extends EventFacts {
  readonly retrospectiveId: string;
  readonly standard?: StandardRef | undefined;
  /** The agreed actions / summary; free text rules apply. */
  readonly text?: string | undefined;
}

/** The team held its retrospective (actor = the team as an Identified Group). */
export function retrospectiveHeld(ctx: XapiContext, facts: RetrospectiveFacts): XapiStatement {
  const iris = irisOf(ctx);
  return assemble(ctx, {
    kind: 'retrospective-held',
    facts,
    by: 'team',
    verb: { id: iris.verb('reflected'), display: 'reflected' },
    object: activity(iris.activity('retrospective', facts.retrospectiveId), {
      type: iris.activityType('retrospective'),
    }),
    result: mergeResults({ completion: true }, freeTextResult(ctx, facts.text)),
    other: facts.standard === undefined ? [] : [standardActivity(ctx, facts.standard)],
  });
}

export interface RetrospectiveRatingFacts extends EventFacts {
  /** `eventId` is the rating's event id: each statement's own id adds the criterion. */
  readonly facilitator: XapiPerson;
  readonly retrospectiveId: string;
  readonly standard: StandardRef & { readonly version: number };
  readonly criterion: CriterionRatingFacts['criterion'];
  readonly levelId: string;
}

/**
 * A facilitator rated one criterion of the team's work on its retrospective: the same likert
 * criterion activity as a peer's rating, the team in the context, the retrospective as parent.
 */
export function retrospectiveCriterionRated(
  ctx: XapiContext,
  facts: RetrospectiveRatingFacts,
): XapiStatement {
  const iris = irisOf(ctx);
  const levels = facts.criterion.levels;
  const chosen = levels.find((l) => l.id === facts.levelId);
  if (chosen === undefined)
    throw new Error(`level "${facts.levelId}" is not a level of criterion ${facts.criterion.id}`);
  const scores = levels.map((l) => l.score);
  return assemble(ctx, {
    kind: 'retrospective-criterion-rated',
    facts: { eventId: `${facts.eventId}\n${facts.criterion.id}`, occurredAt: facts.occurredAt },
    by: facts.facilitator,
    verb: REGISTERED_VERBS.rated,
    object: criterionActivity(ctx, facts.standard, facts.criterion),
    result: { response: chosen.id, score: scoreOf(chosen.score, Math.min(...scores), Math.max(...scores)) },
    parent: activity(iris.activity('retrospective', facts.retrospectiveId), {
      type: iris.activityType('retrospective'),
    }),
    other: [standardActivity(ctx, facts.standard)],
  });
}
