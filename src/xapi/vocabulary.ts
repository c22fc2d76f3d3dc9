/**
 * The one catalogue of xAPI vocabulary Teamloop uses: verbs, activity types, extensions and the
 * IRIs of our own xAPI Profile. Registered concepts are reused where they fit (ADL, TinCan
 * registry, Activity Streams 1.0 in its `/schema/1.0/` form, DoD-ISD); the few concepts no
 * registry has are minted under the tool's own `PUBLIC_URL` (see `ownIris`) and described by the
 * profile document served at `<PUBLIC_URL>/xapi/profile` (`profile.ts`). Research and choices:
 * `shared/research/xapi.md` §3.5.
 */

/** xAPI version sent in `X-Experience-API-Version`. */
export const XAPI_VERSION = '1.0.3';
/** Version of our xAPI Profile; statements reference it in `context.contextActivities.category`. */
export const PROFILE_VERSION = '1.0.0';
/** `context.platform` (only on statements whose object is an Activity). */
export const PLATFORM_NAME = 'Teamloop';
/** Language of the `display`/`name` language maps we write. */
export const LANG = 'en-US';

export interface VerbDef {
  readonly id: string;
  readonly display: string;
}

/** Registered verbs we reuse. Never mix the `/schema/1.0/` and bare Activity Streams forms. */
export const REGISTERED_VERBS = {
  launched: { id: 'http://adlnet.gov/expapi/verbs/launched', display: 'launched' },
  proposed: { id: 'https://w3id.org/xapi/dod-isd/verbs/proposed', display: 'proposed' },
  updated: { id: 'http://activitystrea.ms/schema/1.0/update', display: 'updated' },
  retracted: { id: 'http://activitystrea.ms/schema/1.0/retract', display: 'retracted' },
  commented: { id: 'http://adlnet.gov/expapi/verbs/commented', display: 'commented' },
  disagreed: { id: 'http://activitystrea.ms/schema/1.0/disagree', display: 'disagreed' },
  agreed: { id: 'http://activitystrea.ms/schema/1.0/agree', display: 'agreed' },
  approved: { id: 'http://activitystrea.ms/schema/1.0/approve', display: 'approved' },
  submitted: { id: 'http://activitystrea.ms/schema/1.0/submit', display: 'submitted' },
  reviewed: { id: 'http://id.tincanapi.com/verb/reviewed', display: 'reviewed' },
  rated: { id: 'http://id.tincanapi.com/verb/rated', display: 'rated' },
  authored: { id: 'http://activitystrea.ms/schema/1.0/author', display: 'authored' },
  shared: { id: 'http://adlnet.gov/expapi/verbs/shared', display: 'shared' },
  viewed: { id: 'http://id.tincanapi.com/verb/viewed', display: 'viewed' },
  liked: { id: 'http://activitystrea.ms/schema/1.0/like', display: 'liked' },
} as const satisfies Record<string, VerbDef>;

/** Registered activity types we reuse. */
export const REGISTERED_ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  profile: 'http://adlnet.gov/expapi/activities/profile',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  suggestion: 'http://id.tincanapi.com/activitytype/suggestion',
  document: 'http://id.tincanapi.com/activitytype/document',
  review: 'http://activitystrea.ms/schema/1.0/review',
  comment: 'http://activitystrea.ms/schema/1.0/comment',
  article: 'http://activitystrea.ms/schema/1.0/article',
  collection: 'http://activitystrea.ms/schema/1.0/collection',
} as const;

/** A concept we mint, as listed in our profile. */
export interface OwnConceptDef {
  readonly name: string;
  readonly prefLabel: string;
  readonly definition: string;
  /** Registered concepts that are close but not the same (profile `relatedMatch`). */
  readonly relatedMatch?: readonly string[];
  /** Registered concepts that are broader (profile `broadMatch`). */
  readonly broadMatch?: readonly string[];
}

export const OWN_VERBS = {
  reflected: {
    name: 'reflected',
    prefLabel: 'reflected',
    definition:
      'The actor (a person, or a team as an Identified Group) looked back on their work and contribution against the standard the team agreed, and recorded the reflection.',
    relatedMatch: ['https://w3id.org/xapi/catch/verbs/reflected'],
  },
  weighted: {
    name: 'weighted',
    prefLabel: 'weighted',
    definition:
      'The actor distributed a point budget over the criteria of a draft standard to say how much each criterion should count. The points are in the result extension "weights".',
    relatedMatch: ['https://w3id.org/xapi/dod-isd/verbs/ranked'],
  },
  published: {
    name: 'published',
    prefLabel: 'published',
    definition:
      'A facilitator or coach curated the object (a story) into the shared library, so that other teams can find and reuse it.',
    relatedMatch: ['http://activitystrea.ms/schema/1.0/approve'],
  },
  adopted: {
    name: 'adopted',
    prefLabel: 'adopted',
    definition:
      'The actor (a team) started from a standard found in the shared library as the basis of its own standard for a task.',
    broadMatch: ['http://activitystrea.ms/schema/1.0/use'],
  },
} as const satisfies Record<string, OwnConceptDef>;

export const OWN_ACTIVITY_TYPES = {
  standard: {
    name: 'standard',
    prefLabel: 'standard',
    definition:
      'A quality standard a team agreed for a task: a versioned set of criteria, each with performance levels and a weight. A changed standard is a new version and a new activity.',
    relatedMatch: ['https://w3id.org/xapi/acrossx/extensions/rubrics'],
  },
  reflection: {
    name: 'reflection',
    prefLabel: 'reflection',
    definition: "A person's reflection on their own work and contribution in one task cycle.",
  },
  retrospective: {
    name: 'retrospective',
    prefLabel: 'retrospective',
    definition:
      "A team's collective reflection at the end of a task cycle: how the team did on each agreed criterion and the actions it carries into the next task.",
  },
  story: {
    name: 'story',
    prefLabel: 'story',
    definition:
      'A success or lesson learned that a team wrote up from a task, tagged with the criteria it illustrates.',
    broadMatch: ['http://activitystrea.ms/schema/1.0/article'],
  },
  objection: {
    name: 'objection',
    prefLabel: 'objection',
    definition: 'A reasoned objection a team member raised against a proposed criterion or a draft standard.',
  },
} as const satisfies Record<string, OwnConceptDef>;

export const OWN_EXTENSIONS = {
  lti: {
    name: 'lti',
    prefLabel: 'LTI identifiers',
    definition:
      'Context extension: the raw LTI 1.3 identifiers of the launch (iss, clientId, deploymentId, contextId, resourceLinkId), so L&D can join with data from the LMS.',
  },
  weights: {
    name: 'weights',
    prefLabel: 'criterion weights',
    definition:
      'Result extension: the points a member gave each criterion, as an object from criterion activity id to points, with the budget under "budget".',
  },
  textLength: {
    name: 'text-length',
    prefLabel: 'text length',
    definition:
      'Result extension: the number of characters of the free text the person wrote. Sent even when the text itself is withheld for privacy.',
  },
  textTruncated: {
    name: 'text-truncated',
    prefLabel: 'text truncated',
    definition: 'Result extension: true when result.response holds only the first part of a longer text.',
  },
  comment: {
    name: 'comment',
    prefLabel: 'comment',
    definition:
      "Result extension of a criterion rating: the reviewer's comment on that criterion, sent only when the platform opted in to free text (then capped).",
  },
  phase: {
    name: 'phase',
    prefLabel: 'phase',
    definition: 'Context extension: the phase of the team task the event happened in.',
  },
} as const satisfies Record<string, OwnConceptDef>;

export type OwnVerb = keyof typeof OWN_VERBS;
export type OwnActivityType = keyof typeof OWN_ACTIVITY_TYPES;
export type OwnExtension = keyof typeof OWN_EXTENSIONS;

/** The IRIs we mint, under the tool's public URL (no trailing slash). */
export interface OwnIris {
  /** The profile IRI (all versions). */
  readonly profile: string;
  /** The profile version IRI used in `contextActivities.category`. */
  readonly profileVersion: string;
  verb(name: OwnVerb): string;
  activityType(name: OwnActivityType): string;
  extension(name: OwnExtension): string;
  /** `https://<tool>/xapi/activities/<kind>/<id>` (ids are opaque, never names). */
  activity(kind: string, ...ids: readonly string[]): string;
  /** `homePage` of pseudonymous actor accounts. */
  readonly actorHomePage: string;
  /** `homePage` of team accounts (distinct from actors so a team never reuses an agent IFI). */
  readonly teamHomePage: string;
}

export function ownIris(toolUrl: string): OwnIris {
  const base = toolUrl.replace(/\/+$/, '');
  return {
    profile: `${base}/xapi/profile`,
    profileVersion: `${base}/xapi/profile/v${PROFILE_VERSION}`,
    verb: (name) => `${base}/xapi/verbs/${OWN_VERBS[name].name}`,
    activityType: (name) => `${base}/xapi/activity-types/${OWN_ACTIVITY_TYPES[name].name}`,
    extension: (name) => `${base}/xapi/extensions/${OWN_EXTENSIONS[name].name}`,
    activity: (kind, ...ids) => `${base}/xapi/activities/${kind}/${ids.map(encodeURIComponent).join('/')}`,
    actorHomePage: `${base}/`,
    teamHomePage: `${base}/teams/`,
  };
}
