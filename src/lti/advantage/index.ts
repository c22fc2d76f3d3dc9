/**
 * LTI Advantage clients of the tool: service tokens, NRPS and AGS, built once per process from
 * the tool's signer (its key for each platform) and the platforms' token endpoints. Our own small
 * clients (not ltijs's Grade/NamesAndRoles): they run outside any launch session (the grade
 * worker, roster sync), with timeouts, retries and a token cache we control.
 */
import { createAgsClient, type AgsClient } from './ags-client.js';
import { fetchRoster, type NrpsRoster } from './nrps-client.js';
import { createServiceClient, type ServiceClient } from './service-client.js';
import type { RetryPolicy } from './service-http.js';
import {
  createServiceTokens,
  type ServicePlatform,
  type ServiceTokenDeps,
  type ServiceTokens,
} from './service-tokens.js';

export interface AdvantageClients {
  readonly tokens: ServiceTokens;
  readonly service: ServiceClient;
  readonly ags: AgsClient;
  roster(platform: ServicePlatform, membershipsUrl: string): Promise<NrpsRoster>;
}

export function createAdvantageClients(
  deps: ServiceTokenDeps & { readonly retry: RetryPolicy },
): AdvantageClients {
  const tokens = createServiceTokens(deps);
  const service = createServiceClient({ tokens, timeoutMs: deps.timeoutMs });
  return {
    tokens,
    service,
    ags: createAgsClient(service),
    roster: (platform, url) => fetchRoster(service, platform, url, deps.retry),
  };
}

export type { ServicePlatform } from './service-tokens.js';
export type { NrpsMember, NrpsRoster } from './nrps-client.js';
export type { AgsScore, ActivityProgress, GradingProgress } from './ags-client.js';
export { ServiceCallError } from './service-http.js';
