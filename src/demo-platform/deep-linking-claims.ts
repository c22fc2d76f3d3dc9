/**
 * The id_token of a deep-linking request (LTI Deep Linking 2.0 §4.4): who asks, in which course,
 * and the settings (where to return, what may come back). The opaque `data` is a short-lived JWT
 * the platform signs itself, so the return endpoint knows the response answers a request it made
 * and for whom.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_COURSE, type DemoCourseUser } from './course.js';
import { ID_TOKEN_LIFETIME_SECONDS, rolesFor, serviceClaims } from './launch-claims.js';
import { COURSE_OFFERING_TYPE, DEEP_LINKING_REQUEST, LTI_CLAIM, LTI_VERSION } from './lti-vocabulary.js';
import { launchServices, type DemoPlatformContext } from './platform-context.js';

export const DEEP_LINK_DATA_PURPOSE = 'demo-deep-linking';
/** How long an instructor may take in the tool's selection page. */
export const DEEP_LINK_DATA_LIFETIME_SECONDS = 60 * 60;

export function deepLinkReturnUrl(context: DemoPlatformContext): string {
  return `${context.issuer}/deep-link/return`;
}

export async function buildDeepLinkingClaims(
  context: DemoPlatformContext,
  input: { user: DemoCourseUser; nonce: string; locale: string; now: Date },
): Promise<Record<string, unknown>> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const data = await context.key.sign({
    iss: context.issuer,
    aud: context.issuer,
    sub: input.user.id,
    purpose: DEEP_LINK_DATA_PURPOSE,
    jti: randomUUID(),
    iat,
    exp: iat + DEEP_LINK_DATA_LIFETIME_SECONDS,
  });
  return {
    iss: context.issuer,
    aud: context.clientId,
    azp: context.clientId,
    sub: input.user.id,
    iat,
    exp: iat + ID_TOKEN_LIFETIME_SECONDS,
    nonce: input.nonce,
    name: input.user.name,
    given_name: input.user.givenName,
    family_name: input.user.familyName,
    email: input.user.email,
    locale: input.locale,
    [LTI_CLAIM.messageType]: DEEP_LINKING_REQUEST,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: context.deploymentId,
    [LTI_CLAIM.targetLinkUri]: context.tool.deepLinkUrl ?? context.tool.launchUrl,
    [LTI_CLAIM.roles]: rolesFor(input.user),
    [LTI_CLAIM.context]: {
      id: DEMO_COURSE.id,
      label: DEMO_COURSE.label,
      title: DEMO_COURSE.title,
      type: [COURSE_OFFERING_TYPE],
    },
    [LTI_CLAIM.launchPresentation]: { document_target: 'iframe', locale: input.locale },
    [LTI_CLAIM.toolPlatform]: {
      guid: context.platformInfo.guid,
      name: context.platformInfo.name,
      product_family_code: context.platformInfo.productFamilyCode,
      version: context.platformInfo.version,
    },
    [LTI_CLAIM.deepLinkingSettings]: {
      deep_link_return_url: deepLinkReturnUrl(context),
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: false,
      accept_lineitem: true,
      auto_create: true,
      data,
    },
    ...serviceClaims(launchServices(context, undefined)),
  };
}
