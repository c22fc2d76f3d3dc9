/**
 * LTI Dynamic Registration (IMS "LTI Dynamic Registration v1.0", as Moodle 4.1+ and Canvas
 * implement it), off unless LTI_DYNAMIC_REGISTRATION=on, and even then only through a one-time
 * link created by an operator (`npx teamloop platform registration-link`): the link carries a
 * random token whose SHA-256 is stored; the first registration with it consumes it. Without a
 * valid link nothing is fetched, so the endpoint cannot be used to make the server call out.
 *
 * We run the exchange ourselves instead of ltijs's `register()`: it checks the issuer against the
 * configuration URL (required by the spec, skipped by ltijs), keeps the deployment id the
 * platform returns (ltijs drops it), and uses timeouts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { LaunchRefusedError } from '../domain/lti/launch-refused.js';
import type { Platform, PlatformRegistration } from '../domain/lti/platform.js';
import type { Logger } from '../logger.js';
import type { RegistrationLinkRepo } from '../store/lti/registration-link-repo.js';
import { toolUrls } from './tool-urls.js';

export const REGISTRATION_TOKEN_PARAM = 'rt';
const TIMEOUT_MS = 5000;

export function hashRegistrationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a one-time registration link valid for `ttlMs`; returns the URL to give the LMS admin. */
export async function createRegistrationLink(
  links: RegistrationLinkRepo,
  publicUrl: string,
  now: Date,
  ttlMs: number,
): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await links.create(hashRegistrationToken(token), expiresAt);
  return { url: `${toolUrls(publicUrl).registration}?${REGISTRATION_TOKEN_PARAM}=${token}`, expiresAt };
}

const openIdConfigurationSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  registration_endpoint: z.string().url(),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z
    .object({ product_family_code: z.string().optional() })
    .loose()
    .optional(),
});

const registrationResponseSchema = z.object({
  client_id: z.string().min(1),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z
    .object({ deployment_id: z.string().min(1).optional() })
    .loose()
    .optional(),
});

export interface DynamicRegistrationDeps {
  readonly publicUrl: () => string;
  readonly links: () => RegistrationLinkRepo | undefined;
  readonly register: (registration: PlatformRegistration) => Promise<Platform>;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

export type DynamicRegistrationHandler = (req: Request) => Promise<Platform>;

export function createDynamicRegistrationHandler(deps: DynamicRegistrationDeps): DynamicRegistrationHandler {
  const doFetch = deps.fetch ?? fetch;
  const log = deps.logger.child({ module: 'lti-dynamic-registration' });
  return async (req) => {
    const token = req.query[REGISTRATION_TOKEN_PARAM];
    const configUrl = req.query['openid_configuration'];
    const registrationToken = req.query['registration_token'];
    const links = deps.links();
    if (typeof token !== 'string' || typeof configUrl !== 'string' || links === undefined) {
      throw new LaunchRefusedError('registration-link-invalid');
    }
    if (!(await links.consume(hashRegistrationToken(token), deps.now()))) {
      throw new LaunchRefusedError('registration-link-invalid', 'unknown, used or expired');
    }
    const configResponse = await doFetch(configUrl, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!configResponse.ok)
      throw new LaunchRefusedError('invalid-claims', `openid configuration ${configResponse.status}`);
    const config = openIdConfigurationSchema.safeParse(await configResponse.json());
    if (!config.success) throw new LaunchRefusedError('invalid-claims', 'openid configuration malformed');
    const platform = config.data;
    // Spec: the issuer must be the configuration URL's scheme and host.
    if (new URL(platform.issuer).host !== new URL(configUrl).host) {
      throw new LaunchRefusedError(
        'issuer-mismatch',
        'openid configuration issuer host differs from its URL',
      );
    }
    const urls = toolUrls(deps.publicUrl());
    const body = {
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: urls.login,
      redirect_uris: [urls.launch, urls.deepLinking],
      client_name: 'Teamloop',
      jwks_uri: urls.keyset,
      token_endpoint_auth_method: 'private_key_jwt',
      scope: [
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      ].join(' '),
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        domain: new URL(urls.publicUrl).host,
        target_link_uri: urls.launch,
        claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
        messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: urls.deepLinking }],
      },
    };
    const registered = await doFetch(platform.registration_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(typeof registrationToken === 'string' && registrationToken !== ''
          ? { authorization: `Bearer ${registrationToken}` }
          : {}),
      },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!registered.ok)
      throw new LaunchRefusedError('invalid-claims', `registration endpoint ${registered.status}`);
    const answer = registrationResponseSchema.safeParse(await registered.json());
    if (!answer.success) throw new LaunchRefusedError('invalid-claims', 'registration response malformed');
    const deploymentId = answer.data['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
    const family =
      platform['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code;
    const saved = await deps.register({
      issuer: platform.issuer,
      clientId: answer.data.client_id,
      deploymentIds: deploymentId === undefined ? [] : [deploymentId],
      authUrl: platform.authorization_endpoint,
      tokenUrl: platform.token_endpoint,
      jwksUrl: platform.jwks_uri,
      name: family === undefined ? platform.issuer : `${family} (${new URL(platform.issuer).host})`,
    });
    log.info(
      { issuer: saved.issuer, clientId: saved.clientId, deployments: saved.deploymentIds.length },
      'platform registered dynamically',
    );
    return saved;
  };
}
