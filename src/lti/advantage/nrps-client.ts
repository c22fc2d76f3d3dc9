/**
 * Names and Role Provisioning Services 2.0 (membership container): every member of a course,
 * following `Link: <…>; rel="next"` page by page. Each page is retried with backoff on 5xx/429.
 * Members come back as the platform sent them (roles as full URIs or short names, status).
 */
import type { ServiceClient } from './service-client.js';
import { nextLink, withRetries, type RetryPolicy } from './service-http.js';
import type { ServicePlatform } from './service-tokens.js';

export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
export const NRPS_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** A roster bigger than this many pages is refused rather than fetched forever. */
const MAX_PAGES = 500;

export type MemberStatus = 'Active' | 'Inactive' | 'Deleted';

export interface NrpsMember {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly status: MemberStatus;
  readonly name: string | undefined;
  readonly givenName: string | undefined;
  readonly familyName: string | undefined;
  readonly email: string | undefined;
}

export interface NrpsRoster {
  readonly members: readonly NrpsMember[];
  readonly pages: number;
}

const str = (value: unknown, max = 1024): string | undefined =>
  typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;

function toMember(raw: unknown): NrpsMember | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  const userId = str(m['user_id'], 255);
  if (userId === undefined) return undefined;
  const roles = Array.isArray(m['roles'])
    ? m['roles'].filter((r): r is string => typeof r === 'string').slice(0, 100)
    : [];
  const status = m['status'] === 'Inactive' || m['status'] === 'Deleted' ? m['status'] : 'Active';
  return {
    userId,
    roles,
    status,
    name: str(m['name']),
    givenName: str(m['given_name']),
    familyName: str(m['family_name']),
    email: str(m['email']),
  };
}

export async function fetchRoster(
  client: ServiceClient,
  platform: ServicePlatform,
  membershipsUrl: string,
  retry: RetryPolicy,
): Promise<NrpsRoster> {
  const members = new Map<string, NrpsMember>();
  let url: string | undefined = membershipsUrl;
  let pages = 0;
  const seen = new Set<string>();
  while (url !== undefined) {
    if (seen.has(url) || pages >= MAX_PAGES) throw new Error(`NRPS paging does not end at ${url}`);
    seen.add(url);
    const pageUrl: string = url;
    const response = await withRetries(
      () => client.call(platform, [NRPS_SCOPE], { method: 'GET', url: pageUrl, accept: NRPS_MEDIA_TYPE }),
      retry,
    );
    pages += 1;
    const body = response.body as { members?: unknown } | undefined;
    if (!Array.isArray(body?.members)) throw new Error(`NRPS page without members at ${pageUrl}`);
    for (const raw of body.members) {
      const member = toMember(raw);
      if (member !== undefined) members.set(member.userId, member);
    }
    url = nextLink(response.headers.get('link'), pageUrl);
  }
  return { members: [...members.values()], pages };
}
