/**
 * Standard-setting: members propose, edit and withdraw criteria, comment and object, give
 * weights, agree to the standard; the team ratifies it (team as actor) or adopts one from the
 * library.
 */
import { REGISTERED_ACTIVITY_TYPES, REGISTERED_VERBS } from '../vocabulary.js';
import type { XapiActivity, XapiStatement } from '../statement-types.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';
import {
  activity,
  assemble,
  capName,
  freeTextResult,
  irisOf,
  langMap,
  mergeResults,
  standardActivity,
  type ActorRef,
  type EventFacts,
  type StandardRef,
} from './common.js';

/** A criterion as proposed (a suggestion the team can discuss, weigh and vote on). */
export interface CriterionProposalRef {
  readonly id: string;
  readonly name: string;
}

export interface CriterionChangeFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly criterion: CriterionProposalRef;
  /** The draft standard the criterion is proposed for. */
  readonly standard: StandardRef;
}

function proposalActivity(ctx: XapiContext, criterion: CriterionProposalRef): XapiActivity {
  return activity(irisOf(ctx).activity('criterion-proposal', criterion.id), {
    type: REGISTERED_ACTIVITY_TYPES.suggestion,
    name: langMap(capName(criterion.name)),
  });
}

function criterionChange(
  kind: string,
  verb: (typeof REGISTERED_VERBS)[keyof typeof REGISTERED_VERBS],
): (ctx: XapiContext, facts: CriterionChangeFacts) => XapiStatement {
  return (ctx, facts) =>
    assemble(ctx, {
      kind,
      facts,
      by: facts.person,
      verb,
      object: proposalActivity(ctx, facts.criterion),
      other: [standardActivity(ctx, facts.standard)],
    });
}

export const criterionProposed = criterionChange('criterion-proposed', REGISTERED_VERBS.proposed);
export const criterionEdited = criterionChange('criterion-edited', REGISTERED_VERBS.updated);
export const criterionWithdrawn = criterionChange('criterion-withdrawn', REGISTERED_VERBS.retracted);

/** What a comment or objection is about. */
export type DiscussionTarget =
  | { readonly kind: 'criterion-proposal'; readonly criterion: CriterionProposalRef }
  | { readonly kind: 'standard'; readonly standard: StandardRef }
  | { readonly kind: 'submission'; readonly id: string }
  | { readonly kind: 'story'; readonly id: string };

function targetActivity(ctx: XapiContext, target: DiscussionTarget): XapiActivity {
  const iris = irisOf(ctx);
  switch (target.kind) {
    case 'criterion-proposal':
      return proposalActivity(ctx, target.criterion);
    case 'standard':
      return standardActivity(ctx, target.standard);
    case 'submission':
      return activity(iris.activity('submission', target.id), { type: REGISTERED_ACTIVITY_TYPES.document });
    case 'story':
      return activity(iris.activity('story', target.id), { type: iris.activityType('story') });
  }
}

export interface CommentFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly target: DiscussionTarget;
  /** Sent only when the platform opted in to free text (then capped); its length always. */
  readonly text: string;
}

/** A member commented on a proposal, a standard, a submission or a story. */
export function commented(ctx: XapiContext, facts: CommentFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'commented',
    facts,
    by: facts.person,
    verb: REGISTERED_VERBS.commented,
    object: targetActivity(ctx, facts.target),
    result: mergeResults(freeTextResult(ctx, facts.text)),
  });
}

export interface ObjectionFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly target: DiscussionTarget;
  readonly text: string;
}

/** A member objected to a proposed criterion or a draft standard. */
export function objectionRaised(ctx: XapiContext, facts: ObjectionFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'objection-raised',
    facts,
    by: facts.person,
    verb: REGISTERED_VERBS.disagreed,
    object: targetActivity(ctx, facts.target),
    result: mergeResults(freeTextResult(ctx, facts.text)),
  });
}

export interface WeightsFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly standard: StandardRef;
  /** The point budget every member distributes. */
  readonly budget: number;
  readonly weights: readonly { readonly criterionId: string; readonly points: number }[];
}

/** A member distributed the point budget over the draft's criteria. */
export function weightsGiven(ctx: XapiContext, facts: WeightsFacts): XapiStatement {
  const iris = irisOf(ctx);
  const weights: Record<string, number> = {};
  for (const w of facts.weights) weights[iris.activity('criterion-proposal', w.criterionId)] = w.points;
  return assemble(ctx, {
    kind: 'weights-given',
    facts,
    by: facts.person,
    verb: { id: iris.verb('weighted'), display: 'weighted' },
    object: standardActivity(ctx, facts.standard),
    result: { extensions: { [iris.extension('weights')]: { budget: facts.budget, points: weights } } },
  });
}

export interface StandardAgreementFacts extends EventFacts {
  readonly person: XapiPerson;
  readonly standard: StandardRef;
}

/** A member agreed to the (frozen) standard version. */
export function standardAgreed(ctx: XapiContext, facts: StandardAgreementFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'standard-agreed',
    facts,
    by: facts.person,
    verb: REGISTERED_VERBS.agreed,
    object: standardActivity(ctx, facts.standard),
  });
}

export interface StandardRatificationFacts extends EventFacts {
  readonly standard: StandardRef;
}

/** The team ratified its standard (actor = the team as an Identified Group). */
export function standardRatified(ctx: XapiContext, facts: StandardRatificationFacts): XapiStatement {
  return assemble(ctx, {
    kind: 'standard-ratified',
    facts,
    by: 'team',
    verb: REGISTERED_VERBS.approved,
    object: standardActivity(ctx, facts.standard),
    result: { completion: true },
  });
}

export interface StandardAdoptionFacts extends EventFacts {
  /** Usually the team; a person when a facilitator adopts on the team's behalf. */
  readonly by: ActorRef;
  /** The standard version in the library that was the starting point. */
  readonly from: StandardRef;
  /** The team's own new standard (draft) made from it. */
  readonly as: StandardRef;
}

/** A team started from a standard in the library (provenance: `other` = the library original). */
export function standardAdopted(ctx: XapiContext, facts: StandardAdoptionFacts): XapiStatement {
  const iris = irisOf(ctx);
  return assemble(ctx, {
    kind: 'standard-adopted',
    facts,
    by: facts.by,
    verb: { id: iris.verb('adopted'), display: 'adopted' },
    object: standardActivity(ctx, facts.from),
    other: [standardActivity(ctx, facts.as)],
  });
}
