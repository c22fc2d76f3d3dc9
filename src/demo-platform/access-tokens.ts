/**
 * The token endpoint's logic (OAuth 2.0 client credentials with a signed JWT assertion, as
 * required by the IMS Security Framework §4.1): the tool proves who it is with a JWT signed by
 * a key from its JWKS; the platform answers with a short-lived access token for the service
 * scopes it supports. Each assertion's `jti` is accepted once. The access token is a JWT signed
 * with the platform key, so the service endpoints added later (NRPS, AGS) can check it with
 * `verifyAccessToken` without a lookup.
 */
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Schema, type Connection, type Model } from 'mongoose';
import type { PlatformKey } from './platform-key.js';
import { SERVICE_SCOPES } from './lti-vocabulary.js';

export const ASSERTION_COLLECTION = 'demoPlatformAssertions';
export const ACCESS_TOKEN_LIFETIME_SECONDS = 60 * 60;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Assertions older than this are refused, so remembering `jti`s for this long prevents replay. */
const MAX_ASSERTION_AGE_SECONDS = 5 * 60;

export type TokenErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

export class TokenRequestError extends Error {
  constructor(
    readonly errorCode: TokenErrorCode,
    readonly description: string,
  ) {
    super(`${errorCode}: ${description}`);
  }
}

export interface TokenRequest {
  readonly grantType: string;
  readonly clientAssertionType: string;
  readonly clientAssertion: string;
  readonly scope: string;
}

export interface GrantedToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

export interface AccessTokenIssuer {
  grant(request: TokenRequest, now: Date): Promise<GrantedToken>;
}

export interface AccessTokenSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly tokenUrl: string;
  readonly toolJwksUrl: string;
}

interface UsedAssertion {
  _id: string;
  createdAt: Date;
}

const assertionSchema = new Schema<UsedAssertion>(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true, expires: MAX_ASSERTION_AGE_SECONDS * 2 },
  },
  { collection: ASSERTION_COLLECTION, versionKey: false },
);

export async function createAccessTokenIssuer(
  connection: Connection,
  key: PlatformKey,
  settings: AccessTokenSettings,
): Promise<AccessTokenIssuer> {
  const Used =
    (connection.models['DemoPlatformAssertion'] as Model<UsedAssertion> | undefined) ??
    connection.model<UsedAssertion>('DemoPlatformAssertion', assertionSchema);
  await Used.init();
  const toolKeys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.toolJwksUrl), {
    timeoutDuration: 5000,
  });

  return {
    async grant(request, now) {
      if (request.grantType !== 'client_credentials') {
        throw new TokenRequestError('unsupported_grant_type', 'only client_credentials is supported');
      }
      if (request.clientAssertionType !== CLIENT_ASSERTION_TYPE || request.clientAssertion === '') {
        throw new TokenRequestError('invalid_request', 'a JWT bearer client assertion is required');
      }
      let jti: string;
      try {
        const { payload } = await jwtVerify(request.clientAssertion, toolKeys, {
          algorithms: ['RS256'],
          issuer: settings.clientId,
          subject: settings.clientId,
          audience: [settings.tokenUrl, settings.issuer],
          maxTokenAge: MAX_ASSERTION_AGE_SECONDS,
          requiredClaims: ['jti', 'exp', 'iat'],
          currentDate: now,
        });
        jti = String(payload.jti);
      } catch (err) {
        throw new TokenRequestError('invalid_client', `client assertion refused (${(err as Error).message})`);
      }
      try {
        await Used.create({ _id: `${settings.clientId}:${jti}`, createdAt: now });
      } catch (err) {
        if ((err as { code?: unknown }).code === 11000) {
          throw new TokenRequestError('invalid_client', 'client assertion already used');
        }
        throw err;
      }
      const requested = request.scope.split(' ').filter((s) => s !== '');
      const granted = requested.filter((s) => (SERVICE_SCOPES as readonly string[]).includes(s));
      if (granted.length === 0) throw new TokenRequestError('invalid_scope', 'no supported scope requested');
      const iat = Math.floor(now.getTime() / 1000);
      const accessToken = await key.sign({
        iss: settings.issuer,
        aud: settings.issuer,
        sub: settings.clientId,
        scope: granted.join(' '),
        jti: randomUUID(),
        iat,
        exp: iat + ACCESS_TOKEN_LIFETIME_SECONDS,
      });
      return {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
        scope: granted.join(' '),
      };
    },
  };
}

/**
 * For the service endpoints (NRPS, AGS) added later: the granted scopes of a bearer token this
 * platform issued, or undefined when it is not one (bad signature, expired, other audience).
 */
export async function verifyAccessToken(
  key: PlatformKey,
  settings: Pick<AccessTokenSettings, 'issuer'>,
  token: string,
  now: Date,
): Promise<{ readonly clientId: string; readonly scopes: readonly string[] } | undefined> {
  try {
    const payload = await key.verify(token, {
      issuer: settings.issuer,
      audience: settings.issuer,
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload['scope'] !== 'string') return undefined;
    return { clientId: payload.sub, scopes: payload['scope'].split(' ') };
  } catch {
    return undefined;
  }
}
