/**
 * Access tokens for LTI Advantage services (IMS Security Framework §4.1): OAuth 2.0 client
 * credentials, the tool authenticating with a JWT assertion signed by its key for the platform
 * (the key ltijs generated and publishes at `/lti/keys`). Tokens are cached in memory per
 * platform (issuer + client id) and scope set until shortly before they expire; concurrent
 * requests for the same token share one call to the platform.
 */
import { randomUUID } from 'node:crypto';
import { ServiceCallError, retryAfterMs } from './service-http.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Renew this long before the platform's expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 30_000;
const ASSERTION_LIFETIME_SECONDS = 60;

export interface ServicePlatform {
  readonly issuer: string;
  readonly clientId: string;
}

/** Signs a JWT as the tool for one platform (RS256 with the tool's key for it, its `kid`). */
export type ToolSigner = (platform: ServicePlatform, payload: Record<string, unknown>) => Promise<string>;

export interface ServiceTokens {
  /** A bearer token for `scopes` on `platform` (cached). */
  token(platform: ServicePlatform, scopes: readonly string[]): Promise<string>;
  /** Forgets a cached token (after the platform refused it with 401). */
  invalidate(platform: ServicePlatform, scopes: readonly string[]): void;
}

export interface ServiceTokenDeps {
  readonly sign: ToolSigner;
  /** The platform's token endpoint, from its registration. */
  readonly tokenUrl: (platform: ServicePlatform) => Promise<string | undefined>;
  readonly now: () => number;
  readonly timeoutMs: number;
}

interface Cached {
  readonly token: string;
  readonly expiresAt: number;
}

const cacheKey = (platform: ServicePlatform, scopes: readonly string[]): string =>
  [platform.issuer, platform.clientId, ...[...new Set(scopes)].sort()].join('\n');

export function createServiceTokens(deps: ServiceTokenDeps): ServiceTokens {
  const cache = new Map<string, Cached>();
  const pending = new Map<string, Promise<string>>();

  async function fetchToken(platform: ServicePlatform, scopes: readonly string[], key: string) {
    const tokenUrl = await deps.tokenUrl(platform);
    if (tokenUrl === undefined) {
      throw new ServiceCallError(`no token endpoint registered for ${platform.issuer}`, {
        status: undefined,
        retryable: false,
        retryAfterMs: undefined,
      });
    }
    const iat = Math.floor(deps.now() / 1000);
    const assertion = await deps.sign(platform, {
      iss: platform.clientId,
      sub: platform.clientId,
      aud: tokenUrl,
      iat,
      exp: iat + ASSERTION_LIFETIME_SECONDS,
      jti: randomUUID(),
    });
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        redirect: 'error',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
          scope: [...new Set(scopes)].join(' '),
        }),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (err) {
      throw new ServiceCallError(`token request failed: ${(err as Error).message}`, {
        status: undefined,
        retryable: true,
        retryAfterMs: undefined,
      });
    }
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok || typeof body?.['access_token'] !== 'string') {
      const status = response.status;
      throw new ServiceCallError(
        `token endpoint answered ${status}${typeof body?.['error'] === 'string' ? ` (${body['error']})` : ''}`,
        {
          status,
          retryable: status >= 500 || status === 429,
          retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        },
      );
    }
    const expiresIn = typeof body['expires_in'] === 'number' ? body['expires_in'] : 3600;
    const token = body['access_token'];
    const lifetime = Math.max(0, expiresIn * 1000 - EXPIRY_MARGIN_MS);
    cache.set(key, { token, expiresAt: deps.now() + lifetime });
    return token;
  }

  return {
    token(platform, scopes) {
      const key = cacheKey(platform, scopes);
      const hit = cache.get(key);
      if (hit !== undefined && hit.expiresAt > deps.now()) return Promise.resolve(hit.token);
      const inFlight = pending.get(key);
      if (inFlight !== undefined) return inFlight;
      const request = fetchToken(platform, scopes, key).finally(() => pending.delete(key));
      pending.set(key, request);
      return request;
    },
    invalidate(platform, scopes) {
      cache.delete(cacheKey(platform, scopes));
    },
  };
}
