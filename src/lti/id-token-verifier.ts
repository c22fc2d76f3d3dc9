/**
 * Our own check of every launch (id_token POST), run before ltijs sees the request. It covers
 * what ltijs 5.9 does not: registered deployment ids, a cached platform key set with a short
 * timeout, a size limit, a limit on clock skew for `iat`, claim shapes, and an atomic single-use
 * nonce. Everything ltijs checks afterwards is checked here first, at least as strictly, so a
 * launch that passes here is not refused later; a launch refused here never reaches ltijs and
 * writes nothing except, as its very last step, the used nonce of an otherwise valid launch.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { LaunchRefusedError, type LaunchRefusalReason } from '../domain/lti/launch-refused.js';
import type { Platform } from '../domain/lti/platform.js';
import { mapLtiRoles, type RoleMappingOptions } from '../domain/lti/roles.js';
import { LTI, MESSAGE_TYPES, launchClaimsSchema, type LaunchClaims } from './claims.js';
import { KeysetUnavailableError, type JwksCache } from './jwks-cache.js';

/** id_tokens above this size are refused before any parsing (Moodle's are ~2–4 KB). */
export const MAX_ID_TOKEN_BYTES = 16 * 1024;

export interface VerifierDeps {
  readonly jwks: JwksCache;
  readonly findPlatforms: (issuer: string) => Promise<readonly Platform[]>;
  readonly claimNonce: (issuer: string, nonce: string, expiresAt: Date) => Promise<boolean>;
  readonly now: () => number;
  /** How old (seconds) an id_token's `iat` may be. */
  readonly maxTokenAgeSeconds: number;
  /** How far (seconds) the platform's clock may run ahead of ours for `iat`. */
  readonly clockSkewSeconds: number;
  /** A launch whose roles map to no Teamloop role is refused here, before anything is written. */
  readonly roles: RoleMappingOptions;
}

export interface VerifyInput {
  readonly idToken: unknown;
  /** The issuer the login stored in the signed `state<state>` cookie; undefined when missing. */
  readonly stateIssuer: string | undefined;
}

export interface VerifiedLaunch {
  readonly platform: Platform;
  readonly claims: LaunchClaims;
  readonly jwk: JWK;
  readonly kid: string;
}

function refuse(reason: LaunchRefusalReason, detail?: string): never {
  throw new LaunchRefusedError(reason, detail);
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function createIdTokenVerifier(deps: VerifierDeps): (input: VerifyInput) => Promise<VerifiedLaunch> {
  return async function verify({ idToken, stateIssuer }) {
    if (typeof idToken !== 'string' || idToken === '') refuse('missing-token');
    if (Buffer.byteLength(idToken) > MAX_ID_TOKEN_BYTES) refuse('token-too-large', `${idToken.length} bytes`);

    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(idToken);
      unverified = decodeJwt(idToken);
    } catch (err) {
      refuse('malformed-token', (err as Error).message);
    }
    if (header.alg !== 'RS256') refuse('unsupported-algorithm', String(header.alg));
    const issuer = unverified['iss'];
    if (typeof issuer !== 'string' || issuer === '') refuse('malformed-token', 'no iss');
    if (stateIssuer === undefined) refuse('state-mismatch', 'no state cookie for this state');
    if (stateIssuer !== issuer) refuse('issuer-mismatch');

    const platforms = await deps.findPlatforms(issuer);
    if (platforms.length === 0) refuse('unknown-platform', issuer);
    const aud = unverified['aud'];
    const audiences =
      typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [];
    const platform = platforms.find((p) => audiences.includes(p.clientId));
    if (platform === undefined) refuse('wrong-audience');
    const azp = unverified['azp'];
    if (azp !== undefined && azp !== platform.clientId) refuse('azp-mismatch');
    if (audiences.length > 1 && azp === undefined) refuse('azp-mismatch', 'several audiences and no azp');

    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '') refuse('unknown-key', 'no kid');
    let found: Awaited<ReturnType<JwksCache['getKey']>>;
    try {
      found = await deps.jwks.getKey(platform.jwksUrl, kid);
    } catch (err) {
      if (err instanceof KeysetUnavailableError) refuse('keyset-unavailable', err.message);
      throw err;
    }
    if (found === undefined) refuse('unknown-key', kid);
    try {
      await compactVerify(idToken, found.key, { algorithms: ['RS256'] });
    } catch (err) {
      refuse('bad-signature', (err as Error).message);
    }

    // Times. exp and nbf are strict (ltijs checks them strictly too); iat may run ahead of our
    // clock by at most the configured skew, and may not be older than the maximum token age.
    const now = deps.now() / 1000;
    const exp = numeric(unverified['exp']);
    const iat = numeric(unverified['iat']);
    const nbf = unverified['nbf'] === undefined ? undefined : numeric(unverified['nbf']);
    if (exp === undefined || iat === undefined || (unverified['nbf'] !== undefined && nbf === undefined)) {
      refuse('invalid-claims', 'exp/iat/nbf must be numbers');
    }
    if (exp <= now) refuse('expired');
    if (nbf !== undefined && nbf > now) refuse('not-yet-valid');
    if (iat > now + deps.clockSkewSeconds) refuse('issued-in-future');
    if (iat < now - deps.maxTokenAgeSeconds) refuse('too-old');

    const messageType = unverified[`${LTI}message_type`];
    if (typeof messageType !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(messageType)) {
      refuse('unsupported-message-type', String(messageType));
    }
    if (unverified[`${LTI}version`] !== '1.3.0')
      refuse('wrong-lti-version', String(unverified[`${LTI}version`]));
    const sub = unverified['sub'];
    if (typeof sub !== 'string' || sub === '') refuse('missing-subject');

    const parsed = launchClaimsSchema.safeParse(unverified);
    if (!parsed.success) {
      refuse('invalid-claims', parsed.error.issues.map((i) => i.path.join('.')).join(', '));
    }
    const claims = parsed.data;
    if (messageType === 'LtiResourceLinkRequest') {
      if (claims[`${LTI}resource_link`] === undefined || claims[`${LTI}target_link_uri`] === undefined) {
        refuse('invalid-claims', 'resource link launch without resource_link or target_link_uri');
      }
    }
    if (!platform.deploymentIds.includes(claims[`${LTI}deployment_id`])) {
      refuse('unknown-deployment', claims[`${LTI}deployment_id`]);
    }

    if (mapLtiRoles(claims[`${LTI}roles`], deps.roles).length === 0) {
      refuse('no-course-role', claims[`${LTI}roles`].join(' '));
    }

    // Last: the nonce is used up only by a launch that is otherwise valid.
    const keepUntil = new Date(
      Math.max(exp, iat + deps.maxTokenAgeSeconds + deps.clockSkewSeconds) * 1000 + 60_000,
    );
    if (!(await deps.claimNonce(issuer, claims.nonce, keepUntil))) refuse('replayed-nonce');

    return { platform, claims, jwk: found.jwk, kid };
  };
}
