import type { XapiStatement } from '../statement-types.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';
import {
  activity,
  assemble,
  freeTextResult,
  irisOf,
  mergeResults,
  standardActivity,
  type EventFacts,
  type StandardRef,
} from './common.js';

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
