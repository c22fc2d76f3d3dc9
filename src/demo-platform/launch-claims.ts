/**
 * The claims of a resource-link launch id_token (LTI Core 1.3 §5.3 required and §5.4 optional
 * claims, plus the OpenID Connect identity claims). Pure: everything, including the time, comes
 * in as arguments; signing happens in `platform-key.ts`.
 */
import type { DemoCourse, DemoCourseUser, DemoPlacement } from './course.js';
import {
  COURSE_OFFERING_TYPE,
  LIS_ROLE,
  LTI_CLAIM,
  LTI_VERSION,
  RESOURCE_LINK_REQUEST,
} from './lti-vocabulary.js';

/** How long an id_token is valid (the tool also limits its age, ltijs to `tokenMaxAge`). */
export const ID_TOKEN_LIFETIME_SECONDS = 5 * 60;

export interface ToolPlatformInfo {
  readonly guid: string;
  readonly name: string;
  readonly productFamilyCode: string;
  readonly version: string;
}

export interface LaunchClaimsInput {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly nonce: string;
  readonly targetLinkUri: string;
  readonly returnUrl: string;
  readonly locale: string;
  readonly user: DemoCourseUser;
  readonly course: DemoCourse;
  readonly placement: DemoPlacement;
  readonly platform: ToolPlatformInfo;
  readonly now: Date;
  /** The LTI Advantage services to announce; undefined: none (a platform without them). */
  readonly services?: LaunchServiceUrls;
}

export interface LaunchServiceUrls {
  readonly membershipsUrl: string;
  readonly lineItemsUrl: string;
  /** The line item of this resource link, if it has one. */
  readonly lineItemUrl?: string;
  readonly agsScopes: readonly string[];
}

/** The NRPS and AGS claims (NRPS 2.0 §3.6.1.1, AGS 2.0 §3.1). */
export function serviceClaims(services: LaunchServiceUrls | undefined): Record<string, unknown> {
  if (services === undefined) return {};
  return {
    [LTI_CLAIM.namesRoles]: { context_memberships_url: services.membershipsUrl, service_versions: ['2.0'] },
    [LTI_CLAIM.agsEndpoint]: {
      scope: [...services.agsScopes],
      lineitems: services.lineItemsUrl,
      ...(services.lineItemUrl === undefined ? {} : { lineitem: services.lineItemUrl }),
    },
  };
}

export function rolesFor(user: DemoCourseUser): string[] {
  return user.role === 'instructor'
    ? [LIS_ROLE.instructor, LIS_ROLE.faculty]
    : [LIS_ROLE.learner, LIS_ROLE.student];
}

export function buildLaunchClaims(input: LaunchClaimsInput): Record<string, unknown> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const { user, course, placement } = input;
  return {
    iss: input.issuer,
    aud: input.clientId,
    azp: input.clientId,
    sub: user.id,
    iat,
    exp: iat + ID_TOKEN_LIFETIME_SECONDS,
    nonce: input.nonce,
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
    locale: input.locale,
    [LTI_CLAIM.messageType]: RESOURCE_LINK_REQUEST,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: input.deploymentId,
    [LTI_CLAIM.targetLinkUri]: input.targetLinkUri,
    [LTI_CLAIM.resourceLink]: { id: placement.id, title: placement.title },
    [LTI_CLAIM.roles]: rolesFor(user),
    [LTI_CLAIM.context]: {
      id: course.id,
      label: course.label,
      title: course.title,
      type: [COURSE_OFFERING_TYPE],
    },
    [LTI_CLAIM.launchPresentation]: {
      document_target: 'iframe',
      locale: input.locale,
      return_url: input.returnUrl,
    },
    [LTI_CLAIM.custom]: { ...placement.custom, resource_link_title: placement.title },
    [LTI_CLAIM.toolPlatform]: {
      guid: input.platform.guid,
      name: input.platform.name,
      product_family_code: input.platform.productFamilyCode,
      version: input.platform.version,
    },
    [LTI_CLAIM.lis]: {
      person_sourcedid: `sis:${user.id}`,
      course_offering_sourcedid: `sis:${course.id}`,
    },
    ...serviceClaims(input.services),
  };
}
