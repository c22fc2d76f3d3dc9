/**
 * `XapiContext`: everything a statement builder needs to know about where an event happened and
 * how the platform wants people identified. It is derived from a launch (`xapiContextFromLaunch`)
 * plus the task cycle (registration) and team, and passed to the pure builders in `statements/`.
 *
 * The launch is described structurally (`XapiLaunchSource`) so this module does not import
 * `src/lti`; the LTI layer's `LaunchContext` satisfies it as it is.
 */
import { createHmac } from 'node:crypto';
import { isUuid, uuidV5 } from './uuid-v5.js';

/** How people appear in statements; chosen per platform (default `pseudonymous`). */
export type IdentityMode = 'pseudonymous' | 'lti-sub' | 'email';

export const IDENTITY_MODES: readonly IdentityMode[] = ['pseudonymous', 'lti-sub', 'email'];

export interface XapiPrivacy {
  readonly identity: IdentityMode;
  /** Whether free text people write (comments, objections, reflections, stories) is sent. */
  readonly sendFreeText: boolean;
  /** Longest free text sent, in characters, when `sendFreeText` is on. */
  readonly freeTextLimit: number;
}

export const DEFAULT_PRIVACY: XapiPrivacy = Object.freeze({
  identity: 'pseudonymous',
  sendFreeText: false,
  freeTextLimit: 500,
});

/**
 * Turns (issuer, subject) into an opaque, stable account name: a keyed hash (HMAC-SHA256 with
 * the tool's secret), so it cannot be reversed or recomputed without the secret and is stable
 * per person per platform. The secret is held in a private field: logging or serialising the
 * context never reveals it.
 */
export class ActorPseudonymizer {
  readonly #secret: string;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the xAPI actor secret must be at least 32 characters');
    this.#secret = secret;
  }

  pseudonym(issuer: string, subject: string): string {
    // Length-prefixed so ("ab","c") and ("a","bc") never collide.
    return createHmac('sha256', this.#secret)
      .update(`${issuer.length}:${issuer}|${subject}`, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  toJSON(): string {
    return '[ActorPseudonymizer]';
  }
}

/** A person as the LMS identifies them. */
export interface XapiPerson {
  /** The LTI `sub` (stable per platform). */
  readonly id: string;
  /** Only used when the platform chose identity mode `email`. */
  readonly email?: string | undefined;
}

export interface XapiTeam {
  /** Teamloop's opaque team id. */
  readonly id: string;
  readonly name?: string | undefined;
}

export interface XapiContext {
  /** The tool's public URL (our IRIs live under it), without a trailing slash. */
  readonly toolUrl: string;
  readonly platform: { readonly issuer: string; readonly clientId: string };
  readonly deploymentId: string;
  /** The LTI context. */
  readonly course: { readonly id: string; readonly title?: string | undefined };
  /** The LTI resource link; absent outside a placement (e.g. the library). */
  readonly placement?: { readonly id: string; readonly title?: string | undefined } | undefined;
  /** One UUID per task cycle (shared by everyone in it); absent outside a cycle. */
  readonly registration?: string | undefined;
  /** The team the actor acts in (sent as `context.team`), or the team that acts. */
  readonly team?: XapiTeam | undefined;
  /** BCP 47 language of the person's UI, if known. */
  readonly locale?: string | undefined;
  readonly privacy: XapiPrivacy;
  readonly pseudonymizer: ActorPseudonymizer;
}

/** The parts of the LTI layer's `LaunchContext` the xAPI layer reads. */
export interface XapiLaunchSource {
  readonly platform: { readonly issuer: string; readonly clientId: string };
  readonly deployment: { readonly id: string };
  readonly course: { readonly id: string; readonly title: string | undefined };
  readonly placement: { readonly id: string; readonly title: string | undefined } | undefined;
  readonly user: { readonly id: string; readonly email: string | undefined };
  readonly locale: string | undefined;
}

export interface XapiContextOptions {
  readonly toolUrl: string;
  readonly pseudonymizer: ActorPseudonymizer;
  /** The platform's privacy settings (default: pseudonymous, no free text). */
  readonly privacy?: XapiPrivacy | undefined;
  readonly registration?: string | undefined;
  readonly team?: XapiTeam | undefined;
}

/** Maps a launch to the statement context and the person who launched. */
export function xapiContextFromLaunch(
  launch: XapiLaunchSource,
  options: XapiContextOptions,
): { readonly context: XapiContext; readonly person: XapiPerson } {
  if (options.registration !== undefined && !isUuid(options.registration))
    throw new Error(`registration must be a UUID (got "${options.registration}")`);
  const context: XapiContext = {
    toolUrl: options.toolUrl.replace(/\/+$/, ''),
    platform: { issuer: launch.platform.issuer, clientId: launch.platform.clientId },
    deploymentId: launch.deployment.id,
    course: { id: launch.course.id, title: launch.course.title },
    placement:
      launch.placement === undefined ? undefined : { id: launch.placement.id, title: launch.placement.title },
    registration: options.registration,
    team: options.team,
    locale: launch.locale,
    privacy: options.privacy ?? DEFAULT_PRIVACY,
    pseudonymizer: options.pseudonymizer,
  };
  return { context, person: { id: launch.user.id, email: launch.user.email } };
}

/**
 * The registration of one task cycle: deterministic from the platform and the cycle's identity,
 * so every process and every replay uses the same one without storing it first.
 */
export function registrationFor(issuer: string, teamTaskId: string, cycle: number | string): string {
  return uuidV5(`registration\n${issuer}\n${teamTaskId}\n${cycle}`);
}
