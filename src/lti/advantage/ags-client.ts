/**
 * Assignment and Grade Services 2.0: find or create the line item of a resource link and post
 * scores to it. Line-item URLs are opaque and may carry a query string (Moodle's do:
 * `…/lineitems/7/lineitem?type_id=2`): sub-resources (`/scores`, `/results`) are appended to the
 * path and the query is kept.
 */
import type { ServiceClient } from './service-client.js';
import { nextLink } from './service-http.js';
import type { ServicePlatform } from './service-tokens.js';

export const AGS_SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

export const AGS_MEDIA_TYPES = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
} as const;

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

export interface AgsScore {
  readonly userId: string;
  readonly scoreGiven?: number;
  readonly scoreMaximum?: number;
  readonly comment?: string;
  readonly activityProgress: ActivityProgress;
  readonly gradingProgress: GradingProgress;
  readonly timestamp: Date;
}

export interface LineItemSpec {
  readonly label: string;
  readonly scoreMaximum: number;
  readonly resourceLinkId?: string;
  readonly resourceId?: string;
  readonly tag?: string;
}

/** `lineItemUrl` with `/<sub>` appended to its path; its query string is kept. */
export function lineItemSubUrl(lineItemUrl: string, sub: 'scores' | 'results'): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${sub}`;
  return url.toString();
}

/** `url` with extra query parameters, keeping those it has. */
export function withQuery(url: string, params: Readonly<Record<string, string | undefined>>): string {
  const out = new URL(url);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) out.searchParams.set(name, value);
  return out.toString();
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as Record<string, unknown>)['id'];
  return typeof id === 'string' && /^https?:\/\//.test(id) ? id : undefined;
}

export interface AgsClient {
  /** The URL (id) of the line item for the resource link (and tag), or undefined. */
  findLineItem(
    platform: ServicePlatform,
    lineItemsUrl: string,
    match: { readonly resourceLinkId?: string; readonly resourceId?: string; readonly tag?: string },
  ): Promise<string | undefined>;
  createLineItem(platform: ServicePlatform, lineItemsUrl: string, spec: LineItemSpec): Promise<string>;
  postScore(platform: ServicePlatform, lineItemUrl: string, score: AgsScore): Promise<void>;
}

export function createAgsClient(client: ServiceClient): AgsClient {
  return {
    async findLineItem(platform, lineItemsUrl, match) {
      let url: string | undefined = withQuery(lineItemsUrl, {
        resource_link_id: match.resourceLinkId,
        resource_id: match.resourceId,
        tag: match.tag,
      });
      for (let page = 0; url !== undefined && page < 100; page += 1) {
        const pageUrl: string = url;
        const response = await client.call(platform, [AGS_SCOPES.lineItemReadonly], {
          method: 'GET',
          url: pageUrl,
          accept: AGS_MEDIA_TYPES.lineItemContainer,
        });
        const items = Array.isArray(response.body) ? (response.body as unknown[]) : [];
        // Filter here too: a platform may ignore the query parameters.
        const found = items.find((raw) => {
          const item = raw as Record<string, unknown>;
          return (
            (match.resourceLinkId === undefined || item['resourceLinkId'] === match.resourceLinkId) &&
            (match.resourceId === undefined || item['resourceId'] === match.resourceId) &&
            (match.tag === undefined || item['tag'] === match.tag)
          );
        });
        const id = idOf(found);
        if (id !== undefined) return id;
        url = nextLink(response.headers.get('link'), pageUrl);
      }
      return undefined;
    },
    async createLineItem(platform, lineItemsUrl, spec) {
      const response = await client.call(platform, [AGS_SCOPES.lineItem], {
        method: 'POST',
        url: lineItemsUrl,
        accept: AGS_MEDIA_TYPES.lineItem,
        contentType: AGS_MEDIA_TYPES.lineItem,
        body: {
          label: spec.label,
          scoreMaximum: spec.scoreMaximum,
          ...(spec.resourceLinkId === undefined ? {} : { resourceLinkId: spec.resourceLinkId }),
          ...(spec.resourceId === undefined ? {} : { resourceId: spec.resourceId }),
          ...(spec.tag === undefined ? {} : { tag: spec.tag }),
        },
      });
      const id = idOf(response.body);
      if (id === undefined) throw new Error('the platform created a line item without an id');
      return id;
    },
    async postScore(platform, lineItemUrl, score) {
      await client.call(platform, [AGS_SCOPES.score], {
        method: 'POST',
        url: lineItemSubUrl(lineItemUrl, 'scores'),
        accept: 'application/json',
        contentType: AGS_MEDIA_TYPES.score,
        body: {
          userId: score.userId,
          ...(score.scoreGiven === undefined ? {} : { scoreGiven: score.scoreGiven }),
          ...(score.scoreMaximum === undefined ? {} : { scoreMaximum: score.scoreMaximum }),
          ...(score.comment === undefined ? {} : { comment: score.comment }),
          activityProgress: score.activityProgress,
          gradingProgress: score.gradingProgress,
          timestamp: score.timestamp.toISOString(),
        },
      });
    },
  };
}
