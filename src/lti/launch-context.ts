/**
 * LaunchContext: who launched Teamloop, from where, in which course and placement, with which
 * roles. A plain, typed, frozen value built from ltijs's stored launch (`res.locals.token`) on
 * every request after launch and kept in `res.locals.launch`; nothing outside `src/lti/` reads
 * ltijs's token. The xAPI layer builds its launch statement from it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LtijsIdToken } from 'ltijs';
import { mapLtiRoles, type CourseRole, type RoleMappingOptions } from '../domain/lti/roles.js';
import type { MessageType } from './claims.js';

export interface LaunchContext {
  /**
   * Stable id of this launch: a hash of the single-use OIDC state that ltijs signs into the
   * `ltik`. The same on every request of one launch (so reloading the landing page is the same
   * launch), different for every new launch; never the state itself.
   */
  readonly launchId: string;
  readonly platform: {
    /** The platform's issuer (`iss`). */
    readonly issuer: string;
    readonly clientId: string;
    readonly name: string | undefined;
    readonly productFamilyCode: string | undefined;
  };
  readonly deployment: { readonly id: string };
  /** The LTI context. */
  readonly course: {
    readonly id: string;
    readonly title: string | undefined;
    readonly label: string | undefined;
  };
  /** The LTI resource link; undefined for deep-linking requests. */
  readonly placement: { readonly id: string; readonly title: string | undefined } | undefined;
  readonly user: {
    /** The LTI `sub`: stable per platform, opaque. */
    readonly id: string;
    readonly name: string | undefined;
    readonly givenName: string | undefined;
    readonly familyName: string | undefined;
    readonly email: string | undefined;
  };
  readonly roles: {
    /** As sent by the platform (full LIS URIs or short names). */
    readonly lti: readonly string[];
    /** Teamloop roles, strongest first. */
    readonly course: readonly CourseRole[];
  };
  /** BCP 47 tag from `launch_presentation.locale`, if the platform sent one. */
  readonly locale: string | undefined;
  readonly custom: Readonly<Record<string, string>>;
  readonly messageType: MessageType;
  readonly targetLinkUri: string | undefined;
  /** Where the platform wants the person sent back to, if anywhere (never redirected to blindly). */
  readonly returnUrl: string | undefined;
  /** LTI Advantage services the platform offered with this launch (absent: none). */
  readonly services?: LaunchServices;
}

/** The LTI Advantage claims of a launch, checked for shape (http(s) URLs, strings). */
export interface LaunchServices {
  /** Names and Role Provisioning Services: the course's membership container. */
  readonly namesRoles: { readonly membershipsUrl: string } | undefined;
  /** Assignment and Grade Services endpoint claim. */
  readonly grades:
    | {
        readonly scopes: readonly string[];
        readonly lineItemsUrl: string | undefined;
        /** The line item of this resource link, when the platform made one. */
        readonly lineItemUrl: string | undefined;
      }
    | undefined;
  /** Deep Linking settings of an `LtiDeepLinkingRequest`. */
  readonly deepLinking:
    | {
        readonly returnUrl: string;
        readonly acceptTypes: readonly string[];
        readonly acceptMultiple: boolean;
        readonly acceptLineItem: boolean;
        readonly data: string | undefined;
        readonly title: string | undefined;
      }
    | undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The launch id from an `ltik` that ltijs has already verified: its payload's state `s`, hashed.
 * Undefined when the ltik is missing or has no state.
 */
export function launchIdFromLtik(ltik: unknown): string | undefined {
  if (typeof ltik !== 'string') return undefined;
  const payload = ltik.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const state = record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))['s'];
    if (typeof state !== 'string' || state === '') return undefined;
    return createHash('sha256').update(`launch\n${state}`, 'utf8').digest('base64url');
  } catch {
    return undefined;
  }
}

/**
 * Builds the LaunchContext from ltijs's stored id token and context token. `launchId` comes from
 * the request's ltik (`launchIdFromLtik`); without one, this request is its own launch.
 */
export function launchContextFromLtijs(
  token: LtijsIdToken,
  options: RoleMappingOptions,
  launchId: string | undefined = undefined,
): LaunchContext {
  const ctx = token.platformContext;
  const context = record(ctx.context);
  const resource = record(ctx.resource);
  const presentation = record(ctx.launchPresentation);
  const platformInfo = record(token.platformInfo);
  const ltiRoles = Array.isArray(ctx.roles)
    ? ctx.roles.filter((r): r is string => typeof r === 'string')
    : [];
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(record(ctx.custom))) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      custom[key] = String(value);
  }
  const messageType: MessageType =
    ctx.messageType === 'LtiDeepLinkingRequest' ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest';
  const launch: LaunchContext = {
    launchId: launchId ?? randomUUID(),
    platform: {
      issuer: token.iss,
      clientId: token.clientId,
      name: str(platformInfo['name']),
      productFamilyCode: str(platformInfo['product_family_code']),
    },
    deployment: { id: token.deploymentId },
    course: { id: String(context['id'] ?? ''), title: str(context['title']), label: str(context['label']) },
    placement:
      messageType === 'LtiResourceLinkRequest' && str(resource['id']) !== undefined
        ? { id: String(resource['id']), title: str(resource['title']) }
        : undefined,
    user: {
      id: token.user,
      name: str(token.userInfo?.name),
      givenName: str(token.userInfo?.given_name),
      familyName: str(token.userInfo?.family_name),
      email: str(token.userInfo?.email),
    },
    roles: { lti: ltiRoles, course: mapLtiRoles(ltiRoles, options) },
    locale: str(presentation['locale']),
    custom,
    messageType,
    targetLinkUri: str(ctx.targetLinkUri),
    returnUrl: str(presentation['return_url']),
    services: launchServicesOf(ctx),
  };
  return deepFreeze(launch);
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 50) : [];

/** The Advantage claims ltijs kept from the id_token (`endpoint`, `namesRoles`, deep-linking settings). */
export function launchServicesOf(ctx: {
  readonly endpoint?: unknown;
  readonly namesRoles?: unknown;
  readonly deepLinkingSettings?: unknown;
}): LaunchServices {
  const nrps = record(ctx.namesRoles);
  const ags = record(ctx.endpoint);
  const dl = record(ctx.deepLinkingSettings);
  const membershipsUrl = httpUrl(nrps['context_memberships_url']);
  const scopes = strings(ags['scope']);
  const lineItemsUrl = httpUrl(ags['lineitems']);
  const lineItemUrl = httpUrl(ags['lineitem']);
  const returnUrl = httpUrl(dl['deep_link_return_url']);
  const flag = (value: unknown): boolean => value === true || value === 'true';

  return {
    namesRoles: membershipsUrl === undefined ? undefined : { membershipsUrl },
    grades:
      scopes.length === 0 && lineItemsUrl === undefined && lineItemUrl === undefined
        ? undefined
        : { scopes, lineItemsUrl, lineItemUrl },
    deepLinking:
      returnUrl === undefined
        ? undefined
        : {
            returnUrl,
            acceptTypes: strings(dl['accept_types']),
            acceptMultiple: flag(dl['accept_multiple']),
            // Absent means the platform did not say: offer the line item (it may ignore it).
            acceptLineItem: dl['accept_lineitem'] !== false && dl['accept_lineitem'] !== 'false',
            data: typeof dl['data'] === 'string' && dl['data'].length <= 4096 ? dl['data'] : undefined,
            title: str(dl['title']),
          },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
