/**
 * The demo platform's stores on the embedded database with an injected clock: login hints expire
 * and are single-use; client assertions at the token endpoint are checked and single-use.
 */
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import mongoose, { type Connection } from 'mongoose';
import {
  createAccessTokenIssuer,
  verifyAccessToken,
  type AccessTokenIssuer,
} from '../../../src/demo-platform/access-tokens.js';
import { createLoginHintStore, LOGIN_HINT_LIFETIME_MS } from '../../../src/demo-platform/login-hints.js';
import { loadPlatformKey, type PlatformKey } from '../../../src/demo-platform/platform-key.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { listenOnLoopback, type LoopbackServer } from '../../helpers/loopback-server.js';

const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const ISSUER = 'http://127.0.0.1/demo';
const CLIENT_ID = 'teamloop-demo';
const TOKEN_URL = `${ISSUER}/token`;
const T0 = new Date('2030-01-01T10:00:00Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

describe('demo platform stores', function () {
  this.timeout(20_000);
  let mongo: EmbeddedMongo;
  let connection: Connection;

  before(async () => {
    mongo = await startEmbeddedMongo();
    connection = await mongoose.createConnection(`${mongo.uri}/demo-stores`).asPromise();
  });
  after(async () => {
    await connection?.close();
    await mongo?.stop();
  });

  describe('login hints', () => {
    const launch = { userId: 'demo-learner-1', placementId: 'demo-team-task-1', locale: 'en' };

    it('redeems a pair once, within its lifetime', async () => {
      const hints = await createLoginHintStore(connection);
      const issued = await hints.issue(launch, T0);

      expect(await hints.redeem(issued, later(LOGIN_HINT_LIFETIME_MS - 1000))).to.deep.equal(launch);
      expect(await hints.redeem(issued, later(LOGIN_HINT_LIFETIME_MS - 500))).to.equal(undefined);
    });

    it('refuses a pair after its lifetime', async () => {
      const hints = await createLoginHintStore(connection);
      const issued = await hints.issue(launch, T0);

      expect(await hints.redeem(issued, later(LOGIN_HINT_LIFETIME_MS + 1))).to.equal(undefined);
    });

    it('hands out unguessable, distinct hints', async () => {
      const hints = await createLoginHintStore(connection);
      const a = await hints.issue(launch, T0);
      const b = await hints.issue(launch, T0);

      expect(a.loginHint).to.match(/^[\w-]{43}$/);
      expect(new Set([a.loginHint, a.messageHint, b.loginHint, b.messageHint]).size).to.equal(4);
    });

    it('lets only one of two simultaneous redemptions through', async () => {
      const hints = await createLoginHintStore(connection);
      const issued = await hints.issue(launch, T0);

      const results = await Promise.all([hints.redeem(issued, T0), hints.redeem(issued, T0)]);

      expect(results.filter((r) => r !== undefined)).to.have.length(1);
    });
  });

  describe('access tokens', () => {
    let toolJwks: LoopbackServer;
    let toolKey: CryptoKey;
    let strangerKey: CryptoKey;
    let platformKey: PlatformKey;
    let issuer: AccessTokenIssuer;
    let counter = 0;

    before(async () => {
      const pair = await generateKeyPair('RS256');
      toolKey = pair.privateKey;
      strangerKey = (await generateKeyPair('RS256')).privateKey;
      const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'tool-1', alg: 'RS256', use: 'sig' };
      toolJwks = await listenOnLoopback((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      });
      platformKey = await loadPlatformKey(connection, T0);
      issuer = await createAccessTokenIssuer(connection, platformKey, {
        issuer: ISSUER,
        clientId: CLIENT_ID,
        tokenUrl: TOKEN_URL,
        toolJwksUrl: `${toolJwks.url}/jwks`,
      });
    });
    after(async () => toolJwks?.close());

    async function assertion(
      overrides: { iss?: string; aud?: string; jti?: string; iatOffset?: number; key?: CryptoKey } = {},
    ): Promise<string> {
      counter += 1;
      const iat = Math.floor(T0.getTime() / 1000) + (overrides.iatOffset ?? 0);
      return new SignJWT({ jti: overrides.jti ?? `jti-${counter}` })
        .setProtectedHeader({ alg: 'RS256', kid: 'tool-1' })
        .setIssuer(overrides.iss ?? CLIENT_ID)
        .setSubject(overrides.iss ?? CLIENT_ID)
        .setAudience(overrides.aud ?? TOKEN_URL)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(overrides.key ?? toolKey);
    }

    const request = (clientAssertion: string, scope = SCORE) => ({
      grantType: 'client_credentials',
      clientAssertionType: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      clientAssertion,
      scope,
    });

    async function refusal(promise: Promise<unknown>): Promise<string> {
      try {
        await promise;
      } catch (err) {
        return (err as { errorCode?: string }).errorCode ?? String(err);
      }
      return 'granted';
    }

    it('grants the supported scopes asked for, in a token verifyAccessToken accepts', async () => {
      const granted = await issuer.grant(
        request(await assertion(), `${SCORE} https://example.org/unknown`),
        T0,
      );

      expect(granted).to.include({ token_type: 'Bearer', expires_in: 3600, scope: SCORE });
      expect(
        await verifyAccessToken(platformKey, { issuer: ISSUER }, granted.access_token, later(60_000)),
      ).to.deep.equal({
        clientId: CLIENT_ID,
        scopes: [SCORE],
      });
      expect(
        await verifyAccessToken(platformKey, { issuer: ISSUER }, granted.access_token, later(3601_000)),
      ).to.equal(undefined);
    });

    it('accepts each assertion once', async () => {
      const once = await assertion({ jti: 'only-once' });
      await issuer.grant(request(once), T0);

      expect(await refusal(issuer.grant(request(once), T0))).to.equal('invalid_client');
    });

    it('refuses assertions from another client, for another audience, signed by an unknown key, or too old', async () => {
      expect(await refusal(issuer.grant(request(await assertion({ iss: 'other-tool' })), T0))).to.equal(
        'invalid_client',
      );
      expect(
        await refusal(issuer.grant(request(await assertion({ aud: 'https://elsewhere/token' })), T0)),
      ).to.equal('invalid_client');
      expect(await refusal(issuer.grant(request(await assertion({ key: strangerKey })), T0))).to.equal(
        'invalid_client',
      );
      expect(await refusal(issuer.grant(request(await assertion({ iatOffset: -600 })), T0))).to.equal(
        'invalid_client',
      );
    });

    it('refuses other grant types and requests without a supported scope', async () => {
      expect(
        await refusal(issuer.grant({ ...request(await assertion()), grantType: 'password' }, T0)),
      ).to.equal('unsupported_grant_type');
      expect(
        await refusal(issuer.grant(request(await assertion(), 'https://example.org/unknown'), T0)),
      ).to.equal('invalid_scope');
    });
  });
});
