/**
 * Service tokens against the demo platform's token endpoint over real HTTP: the tool signs a
 * client assertion with its key for the platform, the platform checks it against the tool's
 * JWKS and grants a token, which the tool caches per platform and scope set.
 */
import { expect } from 'chai';
import { decodeProtectedHeader, decodeJwt, SignJWT, generateKeyPair } from 'jose';
import { MongoClient } from 'mongodb';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

describe('LTI Advantage service tokens (client credentials with a signed assertion)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let client: MongoClient;

  before(async () => {
    running = await startLtiTool();
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
  });
  after(async () => {
    await client?.close();
    await running?.stop();
  });

  const platform = () => {
    const registration = running.tool.demoPlatform()!.registration;
    return { issuer: registration.issuer, clientId: registration.clientId };
  };
  const assertionsUsed = () => client.db('teamloop').collection('demoPlatformAssertions').countDocuments();

  it('gets a token whose scopes are the ones asked for, signed by the platform', async () => {
    const token = await running.tool.advantage().tokens.token(platform(), [SCORE]);
    const claims = decodeJwt(token);
    expect(claims['scope']).to.equal(SCORE);
    expect(claims.sub).to.equal(platform().clientId);
    const toolKeys = (await (await fetch(`${running.url}/lti/keys`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(toolKeys.keys.length).to.be.greaterThan(0);
    expect(decodeProtectedHeader(token).alg).to.equal('RS256');
  });

  it('reuses the cached token for the same platform and scope set, in any order', async () => {
    const before = await assertionsUsed();
    const tokens = running.tool.advantage().tokens;
    const a = await tokens.token(platform(), [NRPS, SCORE]);
    const b = await tokens.token(platform(), [SCORE, NRPS]);
    const [c, d] = await Promise.all([tokens.token(platform(), [NRPS]), tokens.token(platform(), [NRPS])]);
    expect(a).to.equal(b);
    expect(c).to.equal(d);
    expect(c).to.not.equal(a);
    expect(await assertionsUsed()).to.equal(before + 2);
  });

  it('asks again after the cached token is invalidated', async () => {
    const tokens = running.tool.advantage().tokens;
    const first = await tokens.token(platform(), [SCORE]);
    tokens.invalidate(platform(), [SCORE]);
    const second = await tokens.token(platform(), [SCORE]);
    expect(second).to.not.equal(first);
  });

  it('the platform refuses an assertion not signed with a key from the tool JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: 'forged-1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-tool' })
      .setIssuer(platform().clientId)
      .setSubject(platform().clientId)
      .setAudience(running.tool.demoPlatform()!.registration.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    const res = await fetch(running.tool.demoPlatform()!.registration.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: SCORE,
      }),
    });
    expect(res.status).to.equal(401);
    expect(((await res.json()) as { error: string }).error).to.equal('invalid_client');
  });
});
