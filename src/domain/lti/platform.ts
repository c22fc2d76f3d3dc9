/**
 * A Platform is one LMS registration of the tool: the issuer and the client id the platform gave
 * us, the deployments we accept launches from, and the platform's OIDC endpoints and key set.
 */
export type PlatformSource = 'file' | 'cli' | 'dynamic' | 'demo';

export interface PlatformRegistration {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentIds: readonly string[];
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
  readonly name: string;
}

export interface Platform extends PlatformRegistration {
  readonly source: PlatformSource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Origins that may frame the tool for this platform (its issuer and its login endpoint). */
export function platformOrigins(platform: Pick<PlatformRegistration, 'issuer' | 'authUrl'>): string[] {
  const origins = new Set<string>();
  for (const value of [platform.issuer, platform.authUrl]) {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
    } catch {
      // An issuer need not be a URL; it then contributes no origin.
    }
  }
  return [...origins];
}

/** Deployment ids of `incoming` added to those of `existing`, without duplicates, order kept. */
export function mergeDeploymentIds(existing: readonly string[], incoming: readonly string[]): string[] {
  return [...new Set([...existing, ...incoming])];
}
