/**
 * What every route of the demo platform needs, built once by `createDemoPlatform`. Later
 * siblings (Deep Linking, NRPS, AGS) receive the same context and add their own routes + store.
 */
import type { AccessTokenIssuer } from './access-tokens.js';
import type { DemoCourseStore } from './course-store.js';
import { DEMO_COURSE } from './course.js';
import type { LaunchServiceUrls } from './launch-claims.js';
import { SCOPE } from './lti-vocabulary.js';
import type { ToolPlatformInfo } from './launch-claims.js';
import type { LoginHintStore } from './login-hints.js';
import type { PlatformKey } from './platform-key.js';

export interface DemoToolUrls {
  readonly loginUrl: string;
  readonly launchUrl: string;
  readonly jwksUrl: string;
  readonly deepLinkUrl?: string;
}

export interface DemoPlatformContext {
  readonly publicUrl: string;
  /** Where the router is mounted, e.g. `/demo` (no trailing slash). */
  readonly basePath: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly tool: DemoToolUrls;
  readonly platformInfo: ToolPlatformInfo;
  readonly key: PlatformKey;
  readonly loginHints: LoginHintStore;
  readonly accessTokens: AccessTokenIssuer;
  /** Removed members, deep-linked activities, line items and scores. */
  readonly courseStore: DemoCourseStore;
  /** Members per NRPS page (small, so the roster needs several pages). */
  readonly nrpsPageSize: number;
  readonly now: () => Date;
}

/** Where the demo course's NRPS and AGS services live. */
export function serviceUrls(context: DemoPlatformContext, contextId: string) {
  const base = `${context.issuer}/ags/contexts/${encodeURIComponent(contextId)}/lineitems`;
  return {
    membershipsUrl: `${context.issuer}/nrps/contexts/${encodeURIComponent(contextId)}/memberships`,
    lineItemsUrl: base,
    /** Like Moodle's, the line item URL carries a query string (tools must keep it). */
    lineItemUrl: (lineItemId: string) => `${base}/${encodeURIComponent(lineItemId)}/lineitem?type_id=1`,
  };
}

/** The redirect URIs registered for the tool: where id_tokens may be posted. */
export function registeredRedirectUris(context: DemoPlatformContext): string[] {
  const uris = [context.tool.launchUrl];
  if (context.tool.deepLinkUrl !== undefined) uris.push(context.tool.deepLinkUrl);
  return uris;
}

/** The services a launch into the demo course announces (all scopes the token endpoint grants). */
export function launchServices(
  context: DemoPlatformContext,
  lineItemId: string | undefined,
): LaunchServiceUrls {
  const urls = serviceUrls(context, DEMO_COURSE.id);
  return {
    membershipsUrl: urls.membershipsUrl,
    lineItemsUrl: urls.lineItemsUrl,
    ...(lineItemId === undefined ? {} : { lineItemUrl: urls.lineItemUrl(lineItemId) }),
    agsScopes: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score],
  };
}
