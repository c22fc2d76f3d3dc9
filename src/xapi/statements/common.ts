/**
 * Shared assembly for the statement builders: actors (per the platform's identity mode), teams as
 * Identified Groups, the LTI context mapping (placement → parent, course → grouping, our profile
 * version → category, raw LTI ids → one context extension), free text under the privacy policy,
 * and deterministic ids. Builders are pure: same input, same statement, byte for byte.
 */
import {
  LANG,
  PLATFORM_NAME,
  REGISTERED_ACTIVITY_TYPES,
  ownIris,
  type OwnIris,
  type VerbDef,
} from '../vocabulary.js';
import type {
  XapiActivity,
  XapiActivityDefinition,
  XapiActor,
  XapiAgent,
  XapiGroup,
  XapiResult,
  XapiStatement,
  XapiStatementContext,
} from '../statement-types.js';
import { uuidV5 } from '../uuid-v5.js';
import type { XapiContext, XapiPerson } from '../xapi-context.js';

/** What every event carries: its identity (for the statement id) and when it happened. */
export interface EventFacts {
  /** Stable id of the domain event (e.g. the id of the saved change); same event → same id. */
  readonly eventId: string;
  readonly occurredAt: Date;
}

/** Who did it: a person, or the team of the context (`'team'`, sent as the actor Group). */
export type ActorRef = XapiPerson | 'team';

/** A version of a Standard. */
export interface StandardRef {
  readonly id: string;
  /** Frozen version number; drafts have none. */
  readonly version?: number | undefined;
  readonly name?: string | undefined;
}

/** Longest name (criterion, standard, course, placement) put in an activity definition. */
const NAME_LIMIT = 200;

export function statementIdFor(ctx: XapiContext, kind: string, eventId: string): string {
  return uuidV5(`statement\n${ctx.platform.issuer}\n${kind}\n${eventId}`);
}

export function irisOf(ctx: XapiContext): OwnIris {
  return ownIris(ctx.toolUrl);
}

export function langMap(text: string): Record<string, string> {
  return { [LANG]: text };
}

export function verbOf(def: VerbDef): XapiStatement['verb'] {
  return { id: def.id, display: langMap(def.display) };
}

export function personAgent(ctx: XapiContext, person: XapiPerson): XapiAgent {
  switch (ctx.privacy.identity) {
    case 'lti-sub':
      return { objectType: 'Agent', account: { homePage: ctx.platform.issuer, name: person.id } };
    case 'email':
      // CASE: no e-mail in the launch: fall back to the pseudonym rather than leak the sub.
      if (person.email !== undefined && person.email !== '')
        return { objectType: 'Agent', mbox: `mailto:${person.email}` };
      break;
    case 'pseudonymous':
      break;
  }
  return {
    objectType: 'Agent',
    account: {
      homePage: irisOf(ctx).actorHomePage,
      name: ctx.pseudonymizer.pseudonym(ctx.platform.issuer, person.id),
    },
  };
}

export function teamGroup(ctx: XapiContext): XapiGroup {
  if (ctx.team === undefined) throw new Error('this statement needs a team in its XapiContext');
  const group: XapiGroup = {
    objectType: 'Group',
    ...(ctx.team.name === undefined ? {} : { name: capName(ctx.team.name) }),
    account: { homePage: irisOf(ctx).teamHomePage, name: ctx.team.id },
  };
  return group;
}

export function actorOf(ctx: XapiContext, by: ActorRef): XapiActor {
  return by === 'team' ? teamGroup(ctx) : personAgent(ctx, by);
}

export function activity(id: string, definition: XapiActivityDefinition): XapiActivity {
  return { objectType: 'Activity', id, definition };
}

function named(type: string, name: string | undefined): XapiActivityDefinition {
  return name === undefined || name === '' ? { type } : { type, name: langMap(capName(name)) };
}

export function courseActivity(ctx: XapiContext): XapiActivity {
  const iss = ctx.platform.issuer;
  return activity(
    irisOf(ctx).activity('lti-context', iss, ctx.course.id),
    named(REGISTERED_ACTIVITY_TYPES.course, ctx.course.title),
  );
}

export function placementActivity(ctx: XapiContext): XapiActivity | undefined {
  if (ctx.placement === undefined) return undefined;
  return activity(
    irisOf(ctx).activity('lti-link', ctx.platform.issuer, ctx.placement.id),
    named(REGISTERED_ACTIVITY_TYPES.module, ctx.placement.title),
  );
}

export function standardActivity(ctx: XapiContext, standard: StandardRef): XapiActivity {
  const iris = irisOf(ctx);
  const id =
    standard.version === undefined
      ? iris.activity('standard', standard.id)
      : iris.activity('standard', standard.id, `v${standard.version}`);
  return activity(id, named(iris.activityType('standard'), standard.name));
}

export function profileActivity(ctx: XapiContext): XapiActivity {
  return activity(irisOf(ctx).profileVersion, { type: REGISTERED_ACTIVITY_TYPES.profile });
}

export function capName(name: string): string {
  return name.length <= NAME_LIMIT ? name : `${name.slice(0, NAME_LIMIT - 1)}…`;
}

/**
 * Free text under the platform's privacy policy: its length always (useful and harmless), the
 * text itself only when the platform opted in, capped at its limit (code points, not UTF-16 units).
 */
export function freeTextResult(ctx: XapiContext, text: string | undefined): XapiResult {
  if (text === undefined) return {};
  const iris = irisOf(ctx);
  const chars = [...text];
  const extensions: Record<string, unknown> = { [iris.extension('textLength')]: chars.length };
  if (!ctx.privacy.sendFreeText) return { extensions };
  const limit = ctx.privacy.freeTextLimit;
  if (chars.length <= limit) return { response: text, extensions };
  extensions[iris.extension('textTruncated')] = true;
  return { response: chars.slice(0, limit).join(''), extensions };
}

export function mergeResults(...results: readonly XapiResult[]): XapiResult | undefined {
  let merged: XapiResult = {};
  for (const r of results) {
    merged = {
      ...merged,
      ...r,
      ...(r.extensions === undefined && merged.extensions === undefined
        ? {}
        : { extensions: { ...merged.extensions, ...r.extensions } }),
    };
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}

export function scoreOf(raw: number, min: number, max: number): NonNullable<XapiResult['score']> {
  if (!(min < max) || raw < min || raw > max) throw new Error(`score ${raw} is outside ${min}..${max}`);
  return { raw, min, max, scaled: Math.round(((raw - min) / (max - min)) * 10_000) / 10_000 };
}

/** ISO 8601 duration from milliseconds (xAPI compares durations as strings: keep one form). */
export function durationOf(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 100) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

export interface StatementParts {
  readonly kind: string;
  readonly facts: EventFacts;
  readonly by: ActorRef;
  readonly verb: VerbDef;
  readonly object: XapiActivity;
  readonly result?: XapiResult | undefined;
  /** Replaces the default parent (the placement); the placement then moves to `grouping`. */
  readonly parent?: XapiActivity | undefined;
  readonly other?: readonly XapiActivity[] | undefined;
  /** Id of the statement this one reacts to (`context.statement`). */
  readonly about?: string | undefined;
  /** The launch statement's object is the placement itself: its parent is the course. */
  readonly objectIsPlacement?: boolean;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Assembles the statement with the context mapping every event shares. */
export function assemble(ctx: XapiContext, parts: StatementParts): XapiStatement {
  const placement = placementActivity(ctx);
  const course = courseActivity(ctx);
  let parent: XapiActivity[];
  let grouping: XapiActivity[];
  if (parts.objectIsPlacement === true) {
    parent = [course];
    grouping = [];
  } else if (parts.parent !== undefined) {
    parent = [parts.parent];
    grouping = placement === undefined ? [course] : [placement, course];
  } else {
    parent = placement === undefined ? [course] : [placement];
    grouping = placement === undefined ? [] : [course];
  }
  const lti: Record<string, string> = {
    iss: ctx.platform.issuer,
    clientId: ctx.platform.clientId,
    deploymentId: ctx.deploymentId,
    contextId: ctx.course.id,
  };
  if (ctx.placement !== undefined) lti['resourceLinkId'] = ctx.placement.id;

  const context: XapiStatementContext = {
    ...(ctx.registration === undefined ? {} : { registration: ctx.registration }),
    // The team is the actor of team statements; otherwise it is the context (Data §2.4.6).
    ...(ctx.team === undefined || parts.by === 'team' ? {} : { team: teamGroup(ctx) }),
    platform: PLATFORM_NAME,
    ...(ctx.locale !== undefined && LANGUAGE_TAG.test(ctx.locale) ? { language: ctx.locale } : {}),
    ...(parts.about === undefined ? {} : { statement: { objectType: 'StatementRef', id: parts.about } }),
    contextActivities: {
      parent,
      ...(grouping.length === 0 ? {} : { grouping }),
      category: [profileActivity(ctx)],
      ...(parts.other === undefined || parts.other.length === 0 ? {} : { other: [...parts.other] }),
    },
    extensions: { [irisOf(ctx).extension('lti')]: lti },
  };
  return {
    id: statementIdFor(ctx, parts.kind, parts.facts.eventId),
    actor: actorOf(ctx, parts.by),
    verb: verbOf(parts.verb),
    object: parts.object,
    ...(parts.result === undefined ? {} : { result: parts.result }),
    context,
    timestamp: parts.facts.occurredAt.toISOString(),
  };
}
