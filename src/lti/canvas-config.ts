/**
 * The Canvas developer key (LTI key, "Paste JSON" method) for this tool's URLs: what
 * `npx teamloop tool-info --canvas` prints.
 */
import { toolUrls } from './tool-urls.js';

export function canvasDeveloperKey(publicUrl: string): Record<string, unknown> {
  const urls = toolUrls(publicUrl);
  return {
    title: 'Teamloop',
    description:
      'Team learning in short cycles: team standards, peer review, reflection and a shared library.',
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    public_jwk_url: urls.keyset,
    scopes: [
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ],
    extensions: [
      {
        domain: new URL(urls.publicUrl).host,
        tool_id: 'teamloop',
        platform: 'canvas.instructure.com',
        privacy_level: 'public',
        settings: {
          text: 'Teamloop',
          placements: [
            {
              placement: 'course_navigation',
              message_type: 'LtiResourceLinkRequest',
              target_link_uri: urls.launch,
              text: 'Teamloop',
            },
            {
              placement: 'assignment_selection',
              message_type: 'LtiDeepLinkingRequest',
              target_link_uri: urls.deepLinking,
              text: 'Teamloop',
            },
            {
              placement: 'link_selection',
              message_type: 'LtiDeepLinkingRequest',
              target_link_uri: urls.deepLinking,
              text: 'Teamloop',
            },
          ],
        },
      },
    ],
    custom_fields: {},
  };
}
