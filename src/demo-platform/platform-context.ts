/**
 * What every route of the demo platform needs, built once by `createDemoPlatform`. Later
 * siblings (Deep Linking, NRPS, AGS) receive the same context and add their own routes + store.
 */
import type { AccessTokenIssuer } from './access-tokens.js';
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
  readonly now: () => Date;
}

/** The redirect URIs registered for the tool: where id_tokens may be posted. */
export function registeredRedirectUris(context: DemoPlatformContext): string[] {
  const uris = [context.tool.launchUrl];
  if (context.tool.deepLinkUrl !== undefined) uris.push(context.tool.deepLinkUrl);
  return uris;
}
