/**
 * The tool's `LtiDeepLinkingResponse` (LTI Deep Linking 2.0 §4.5): a JWT signed with the tool's
 * key for the platform (iss = client id, aud = platform issuer, the deployment, our content
 * items, the platform's `data` echoed), posted by the browser to the platform's return URL.
 */
import { randomUUID } from 'node:crypto';
import type { LaunchContext } from './launch-context.js';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const RESPONSE_LIFETIME_SECONDS = 5 * 60;

export interface ResourceLinkItem {
  readonly title: string;
  /** The tool URL the platform launches (our launch URL). */
  readonly url: string;
  readonly custom: Readonly<Record<string, string>>;
  readonly lineItem?: {
    readonly label: string;
    readonly scoreMaximum: number;
    readonly resourceId: string;
    readonly tag: string;
  };
}

export type ToolJwtSigner = (
  platform: { issuer: string; clientId: string },
  payload: Record<string, unknown>,
) => Promise<string>;

/** @throws Error when the launch is not a deep-linking request. */
export async function signDeepLinkingResponse(
  sign: ToolJwtSigner,
  launch: LaunchContext,
  items: readonly ResourceLinkItem[],
  now: Date,
): Promise<{ readonly returnUrl: string; readonly jwt: string }> {
  const settings = launch.services?.deepLinking;
  if (launch.messageType !== 'LtiDeepLinkingRequest' || settings === undefined) {
    throw new Error('not a deep-linking launch');
  }
  const iat = Math.floor(now.getTime() / 1000);
  const jwt = await sign(
    { issuer: launch.platform.issuer, clientId: launch.platform.clientId },
    {
      iss: launch.platform.clientId,
      aud: launch.platform.issuer,
      iat,
      exp: iat + RESPONSE_LIFETIME_SECONDS,
      nonce: randomUUID(),
      [`${LTI}deployment_id`]: launch.deployment.id,
      [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
      [`${LTI}version`]: '1.3.0',
      [`${DL}content_items`]: items.map((item) => ({
        type: 'ltiResourceLink',
        title: item.title,
        url: item.url,
        custom: { ...item.custom },
        ...(item.lineItem === undefined || !settings.acceptLineItem
          ? {}
          : { lineItem: { ...item.lineItem } }),
      })),
      ...(settings.data === undefined ? {} : { [`${DL}data`]: settings.data }),
    },
  );
  return { returnUrl: settings.returnUrl, jwt };
}
