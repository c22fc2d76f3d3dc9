/**
 * A hand-driven LTI 1.3 platform for launch tests: its own RS256 key and JWKS on a loopback
 * server, and a `launch()` that runs the real OIDC login against the tool, then posts an
 * id_token that the test may break in any way (claims, header, key, signature, cookies).
 */
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { CookieJar } from './follow-launch.js';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';

export const LTI_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';

export interface RoguePlatform {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly kid: string;
  readonly jwksUrl: string;
  readonly server: LoopbackServer;
  /** Valid resource-link claims for `sub` (override freely). */
  claims(overrides?: Record<string, unknown>): JWTPayload;
  sign(payload: JWTPayload, options?: { kid?: string; key?: CryptoKey; alg?: string }): Promise<string>;
  /** OIDC login at the tool; returns state, nonce, the redirect target and the cookie jar. */
  login(
    toolUrl: string,
    options?: { issuer?: string; targetLinkUri?: string },
  ): Promise<{
    status: number;
    state: string;
    nonce: string;
    redirectUri: string;
    jar: CookieJar;
    body: string;
  }>;
  /** Posts an id_token to the tool's launch URL the way the platform's auto-submitting form does. */
  post(
    url: string,
    fields: Record<string, string>,
    jar?: CookieJar,
  ): Promise<{ status: number; location: string | null; body: string; jar: CookieJar }>;
  close(): Promise<void>;
}

export async function startRoguePlatform(
  options: { clientId?: string; deploymentId?: string } = {},
): Promise<RoguePlatform> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'rogue-key-1';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const app = express();
  app.get('/jwks', (_req, res) => {
    res.set('cache-control', 'max-age=300').json({ keys: [jwk] });
  });
  const server = await listenOnLoopback(app);
  const issuer = server.url;
  const clientId = options.clientId ?? 'rogue-client';
  const deploymentId = options.deploymentId ?? 'rogue-deployment-1';

  return {
    issuer,
    clientId,
    deploymentId,
    kid,
    jwksUrl: `${issuer}/jwks`,
    server,
    claims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: issuer,
        aud: clientId,
        sub: 'rogue-user-1',
        iat: now,
        exp: now + 300,
        name: 'Rogue Tester',
        [`${LTI_CLAIM}message_type`]: 'LtiResourceLinkRequest',
        [`${LTI_CLAIM}version`]: '1.3.0',
        [`${LTI_CLAIM}deployment_id`]: deploymentId,
        [`${LTI_CLAIM}target_link_uri`]: 'x',
        [`${LTI_CLAIM}resource_link`]: { id: 'rl-1', title: 'Team task' },
        [`${LTI_CLAIM}context`]: { id: 'course-1', title: 'Course 1', label: 'C1' },
        [`${LTI_CLAIM}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
        ...overrides,
      };
    },
    async sign(payload, signOptions = {}) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: signOptions.alg ?? 'RS256', kid: signOptions.kid ?? kid, typ: 'JWT' })
        .sign(signOptions.key ?? privateKey);
    },
    async login(toolUrl, loginOptions = {}) {
      const jar = new CookieJar();
      const res = await fetch(`${toolUrl}/lti/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          iss: loginOptions.issuer ?? issuer,
          login_hint: 'rogue-user-1',
          target_link_uri: loginOptions.targetLinkUri ?? `${toolUrl}/lti/launch`,
          client_id: clientId,
          lti_deployment_id: deploymentId,
        }),
      });
      jar.store(res);
      const body = await res.text();
      const location = res.headers.get('location');
      const auth = location === null ? undefined : new URL(location);
      return {
        status: res.status,
        state: auth?.searchParams.get('state') ?? '',
        nonce: auth?.searchParams.get('nonce') ?? '',
        redirectUri: auth?.searchParams.get('redirect_uri') ?? '',
        jar,
        body,
      };
    },
    async post(url, fields, jar = new CookieJar()) {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: jar.header(),
          accept: 'text/html',
        },
        body: new URLSearchParams(fields),
      });
      jar.store(res);
      return { status: res.status, location: res.headers.get('location'), body: await res.text(), jar };
    },
    close: () => server.close(),
  };
}
