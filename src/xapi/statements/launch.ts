import { REGISTERED_VERBS } from '../vocabulary.js';
import type { XapiStatement } from '../statement-types.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';
import { assemble, courseActivity, placementActivity, type EventFacts } from './common.js';

export interface LaunchFacts extends EventFacts {
  readonly person: XapiPerson;
}

/** A person opened Teamloop from the LMS: object = the placement (or the course without one). */
export function launched(ctx: XapiContext, facts: LaunchFacts): XapiStatement {
  const placement = placementActivity(ctx);
  return assemble(ctx, {
    kind: 'launched',
    facts,
    by: facts.person,
    verb: REGISTERED_VERBS.launched,
    object: placement ?? courseActivity(ctx),
    objectIsPlacement: placement !== undefined,
  });
}
