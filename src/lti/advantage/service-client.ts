/**
 * Authorised calls to a platform's LTI Advantage services: a cached token for the call's scopes
 * (`service-tokens.ts`), one fresh token after a 401 (the platform may have revoked it), and the
 * request itself (`service-http.ts`).
 */
import { callService, ServiceCallError, type ServiceRequest, type ServiceResponse } from './service-http.js';
import type { ServicePlatform, ServiceTokens } from './service-tokens.js';

export interface ServiceClient {
  call(
    platform: ServicePlatform,
    scopes: readonly string[],
    request: Omit<ServiceRequest, 'token' | 'timeoutMs'>,
  ): Promise<ServiceResponse>;
}

export function createServiceClient(deps: { tokens: ServiceTokens; timeoutMs: number }): ServiceClient {
  return {
    async call(platform, scopes, request) {
      for (let attempt = 1; ; attempt += 1) {
        const token = await deps.tokens.token(platform, scopes);
        try {
          return await callService({ ...request, token, timeoutMs: deps.timeoutMs });
        } catch (err) {
          if (err instanceof ServiceCallError && err.status === 401 && attempt === 1) {
            deps.tokens.invalidate(platform, scopes);
            continue;
          }
          throw err;
        }
      }
    },
  };
}
