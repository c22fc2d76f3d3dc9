/**
 * The battery of invalid launches: each one must end on the launch error page with the right
 * 4xx status and reason, and must write nothing to the app database.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { generateKeyPair } from 'jose';
import { CookieJar } from '../../helpers/follow-launch.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';
import { LTI_CLAIM, startRoguePlatform, type RoguePlatform } from '../../helpers/rogue-platform.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Outcome {
  readonly status: number;
  readonly body: string;
}

describe('invalid launches (each refused with a clear 4xx page, nothing written)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let platform: RoguePlatform;

  before(async () => {
    running = await startLtiTool({ DEMO_PLATFORM: 'off' });
    platform = await startRoguePlatform();
    await running.tool.lti.registerPlatform(
      {
        issuer: platform.issuer,
        clientId: platform.clientId,
        deploymentIds: [platform.deploymentId],
        authUrl: `${platform.issuer}/auth`,
        tokenUrl: `${platform.issuer}/token`,
        jwksUrl: platform.jwksUrl,
        name: 'Rogue LMS',
      },
      'cli',
    );
  });
  after(async () => {
    await platform?.close();
    await running?.stop();
  });

  /** Login, then post whatever `makeToken` builds (it receives the login nonce). */
  async function launchWith(
    makeToken: (nonce: string) => Promise<string> | string,
    options: { cookies?: 'keep' | 'drop' | 'other-state'; state?: string } = {},
  ): Promise<Outcome> {
    const login = await platform.login(running.url);
    expect(login.status).to.equal(302);
    let jar = login.jar;
    if (options.cookies === 'drop') jar = new CookieJar();
    if (options.cookies === 'other-state') jar = (await platform.login(running.url)).jar;
    const idToken = await makeToken(login.nonce);
    const posted = await platform.post(
      login.redirectUri,
      { id_token: idToken, state: options.state ?? login.state },
      jar,
    );
    return { status: posted.status, body: posted.body };
  }

  async function expectRefused(
    run: () => Promise<Outcome>,
    expected: { status: number; reason: string; shows: string },
  ): Promise<void> {
    const before = await running.countAppDocuments();
    const outcome = await run();
    expect(outcome.status, outcome.body.slice(0, 400)).to.equal(expected.status);
    expect(outcome.body).to.contain(`data-reason="${expected.reason}"`);
    expect(outcome.body).to.contain(expected.shows);
    expect(outcome.body).to.contain('What to do');
    expect(await running.countAppDocuments()).to.deep.equal(before);
  }

  const signed =
    (overrides: Record<string, unknown> = {}) =>
    (nonce: string) =>
      platform.sign(platform.claims({ nonce, ...overrides }));
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts the valid launch the battery is built from (control)', async () => {
    const outcome = await launchWith(signed());
    expect(outcome.status).to.equal(302);
  });

  it('bad signature', () =>
    expectRefused(
      () =>
        launchWith(async (nonce) => {
          const { privateKey } = await generateKeyPair('RS256');
          return platform.sign(platform.claims({ nonce }), { key: privateKey });
        }),
      { status: 401, reason: 'bad-signature', shows: 'signature is not valid' },
    ));

  it('unknown kid', () =>
    expectRefused(
      () => launchWith((nonce) => platform.sign(platform.claims({ nonce }), { kid: 'no-such-key' })),
      { status: 401, reason: 'unknown-key', shows: 'a key the learning platform does not publish' },
    ));

  it('alg: none', () =>
    expectRefused(
      () => launchWith((nonce) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(platform.claims({ nonce }))}.`),
      { status: 400, reason: 'unsupported-algorithm', shows: 'not signed the way LTI 1.3 requires' },
    ));

  it('HS256 signed with the platform public key', () =>
    expectRefused(
      () =>
        launchWith(async (nonce) => {
          const jwks = (await (await fetch(platform.jwksUrl)).json()) as { keys: unknown[] };
          const secret = JSON.stringify(jwks.keys[0]);
          const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: platform.kid })}.${b64(platform.claims({ nonce }))}`;
          return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
        }),
      { status: 400, reason: 'unsupported-algorithm', shows: 'not signed the way LTI 1.3 requires' },
    ));

  it('expired', () =>
    expectRefused(() => launchWith(signed({ iat: now() - 30, exp: now() - 5 })), {
      status: 401,
      reason: 'expired',
      shows: 'has expired',
    }));

  it('not yet valid (nbf in the future)', () =>
    expectRefused(() => launchWith(signed({ nbf: now() + 120 })), {
      status: 401,
      reason: 'not-yet-valid',
      shows: 'not valid yet',
    }));

  it('issued in the future beyond the allowed clock skew', () =>
    expectRefused(() => launchWith(signed({ iat: now() + 120 })), {
      status: 401,
      reason: 'issued-in-future',
      shows: 'issued in the future',
    }));

  it('too old (iat beyond the maximum token age)', () =>
    expectRefused(() => launchWith(signed({ iat: now() - 600 })), {
      status: 401,
      reason: 'too-old',
      shows: 'too old',
    }));

  it('wrong aud', () =>
    expectRefused(() => launchWith(signed({ aud: 'another-tool' })), {
      status: 401,
      reason: 'wrong-audience',
      shows: 'meant for another tool',
    }));

  it('wrong iss (not the issuer the login was for)', () =>
    expectRefused(() => launchWith(signed({ iss: 'https://other-lms.example' })), {
      status: 401,
      reason: 'issuer-mismatch',
      shows: 'another platform than the one that started',
    }));

  it('azp mismatch', () =>
    expectRefused(() => launchWith(signed({ aud: [platform.clientId, 'x'], azp: 'x' })), {
      status: 401,
      reason: 'azp-mismatch',
      shows: 'authorised party',
    }));

  it('unknown deployment id', () =>
    expectRefused(() => launchWith(signed({ [`${LTI_CLAIM}deployment_id`]: 'unregistered-deployment' })), {
      status: 403,
      reason: 'unknown-deployment',
      shows: 'not set up for this deployment',
    }));

  it('missing message type', () =>
    expectRefused(() => launchWith(signed({ [`${LTI_CLAIM}message_type`]: undefined })), {
      status: 400,
      reason: 'unsupported-message-type',
      shows: 'cannot handle this kind of launch',
    }));

  it('unknown message type', () =>
    expectRefused(() => launchWith(signed({ [`${LTI_CLAIM}message_type`]: 'LtiSubmissionReviewRequest' })), {
      status: 400,
      reason: 'unsupported-message-type',
      shows: 'cannot handle this kind of launch',
    }));

  it('wrong LTI version', () =>
    expectRefused(() => launchWith(signed({ [`${LTI_CLAIM}version`]: '1.1' })), {
      status: 400,
      reason: 'wrong-lti-version',
      shows: 'LTI version',
    }));

  it('missing sub', () =>
    expectRefused(() => launchWith(signed({ sub: undefined })), {
      status: 400,
      reason: 'missing-subject',
      shows: 'does not say who you are',
    }));

  it('replayed nonce', async () => {
    let first = '';
    const valid = await launchWith(async (nonce) => {
      first = await platform.sign(platform.claims({ nonce, sub: 'replay-user' }));
      return first;
    });
    expect(valid.status).to.equal(302);
    await expectRefused(() => launchWith(() => first), {
      status: 401,
      reason: 'replayed-nonce',
      shows: 'used before',
    });
  });

  it('state cookie for another state', () =>
    expectRefused(() => launchWith(signed(), { cookies: 'other-state' }), {
      status: 401,
      reason: 'state-mismatch',
      shows: 'does not belong to a sign-in',
    }));

  it('missing state cookie', () =>
    expectRefused(() => launchWith(signed(), { cookies: 'drop' }), {
      status: 401,
      reason: 'state-mismatch',
      shows: 'does not belong to a sign-in',
    }));

  it('tampered ltik', async () => {
    const login = await platform.login(running.url);
    const token = await platform.sign(platform.claims({ nonce: login.nonce, sub: 'ltik-user' }));
    const posted = await platform.post(login.redirectUri, { id_token: token, state: login.state }, login.jar);
    expect(posted.status).to.equal(302);
    const ltik = new URL(posted.location!, running.url).searchParams.get('ltik')!;
    const [header, payload, signature] = ltik.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${b64({ ...claims, user: 'someone-else' })}.${signature}`;
    await expectRefused(
      async () => {
        const res = await fetch(`${running.url}/lti/app/my-teams?ltik=${forged}`, {
          headers: { cookie: posted.jar.header(), accept: 'text/html' },
        });
        return { status: res.status, body: await res.text() };
      },
      { status: 401, reason: 'session-invalid', shows: 'session is not valid' },
    );
  });

  it('launch for an unregistered platform', () =>
    expectRefused(
      async () => {
        const login = await platform.login(running.url, { issuer: 'https://unregistered-lms.example' });
        return { status: login.status, body: login.body };
      },
      { status: 403, reason: 'unknown-platform', shows: 'not registered with this learning platform' },
    ));

  it('oversized token', () =>
    expectRefused(() => launchWith(signed({ padding: randomBytes(20_000).toString('hex') })), {
      status: 413,
      reason: 'token-too-large',
      shows: 'too large',
    }));

  it('malformed JSON claims (context is not an object)', () =>
    expectRefused(() => launchWith(signed({ [`${LTI_CLAIM}context`]: 'course-1' })), {
      status: 400,
      reason: 'invalid-claims',
      shows: 'cannot accept',
    }));

  it('role claim not an array', () =>
    expectRefused(
      () =>
        launchWith(
          signed({ [`${LTI_CLAIM}roles`]: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor' }),
        ),
      { status: 400, reason: 'invalid-claims', shows: 'cannot accept' },
    ));

  it('a token that is not a JWT', () =>
    expectRefused(() => launchWith(() => 'not-a-jwt'), {
      status: 400,
      reason: 'malformed-token',
      shows: 'could not be read',
    }));

  it('a role that gives no access (Guest only)', () =>
    expectRefused(
      async () => {
        const login = await platform.login(running.url);
        const token = await platform.sign(
          platform.claims({
            nonce: login.nonce,
            sub: 'guest-user',
            [`${LTI_CLAIM}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Guest'],
          }),
        );
        return platform.post(login.redirectUri, { id_token: token, state: login.state }, login.jar);
      },
      { status: 403, reason: 'no-course-role', shows: 'does not give access' },
    ));

  it('a login whose target_link_uri points outside the tool (no open redirect)', () =>
    expectRefused(
      async () => {
        const login = await platform.login(running.url, { targetLinkUri: 'https://evil.example/steal' });
        return { status: login.status, body: login.body };
      },
      { status: 400, reason: 'invalid-claims', shows: 'cannot accept' },
    ));

  it('did not call the platform JWKS more than once for all these launches (cached)', () => {
    expect(running.tool.lti.jwks.fetchCount).to.be.at.most(3);
  });
});
