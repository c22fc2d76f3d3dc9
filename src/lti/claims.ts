/**
 * The LTI 1.3 claims Teamloop reads from an id_token, validated with zod after the signature
 * checks out. Claim names are the IMS URIs; `LTI` is their common prefix.
 */
import { z } from 'zod';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const text = z.string().max(4096);
const customValue = z.union([z.string().max(4096), z.number(), z.boolean()]);

export const launchClaimsSchema = z.object({
  iss: text.min(1),
  sub: z.string().max(255).optional(),
  nonce: z.string().min(1).max(1024),
  given_name: text.optional(),
  family_name: text.optional(),
  name: text.optional(),
  email: text.optional(),
  locale: text.optional(),
  [`${LTI}message_type`]: z.string().optional(),
  [`${LTI}version`]: z.string().optional(),
  [`${LTI}deployment_id`]: z.string().min(1).max(255),
  [`${LTI}target_link_uri`]: text.optional(),
  [`${LTI}roles`]: z.array(text).max(100),
  [`${LTI}context`]: z
    .object({
      id: z.string().min(1).max(255),
      title: text.optional(),
      label: text.optional(),
      type: z.array(text).optional(),
    })
    .loose(),
  [`${LTI}resource_link`]: z
    .object({ id: z.string().min(1).max(255), title: text.optional(), description: text.optional() })
    .loose()
    .optional(),
  [`${LTI}custom`]: z.record(z.string().max(255), customValue).optional(),
  [`${LTI}launch_presentation`]: z
    .object({ locale: text.optional(), document_target: text.optional(), return_url: text.optional() })
    .loose()
    .optional(),
  [`${LTI}tool_platform`]: z
    .object({ guid: text.optional(), name: text.optional(), product_family_code: text.optional() })
    .loose()
    .optional(),
});

export type LaunchClaims = z.infer<typeof launchClaimsSchema>;
