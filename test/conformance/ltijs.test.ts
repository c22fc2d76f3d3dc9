/**
 * Smoke test of ltijs 5.9.9 (its own mongoose 7.8 → driver 5.9) against the target: setup, deploy
 * in serverless mode (which creates its collections and unique/TTL indexes), registerPlatform,
 * getPlatform / getPlatformById returning the same platform, re-registration updating it, delete,
 * and close. ltijs is a process-wide singleton, so this is the only file that sets it up.
 */
import { expect } from 'chai';
import ltijs from 'ltijs';
import { startMongoTarget, type MongoTarget } from '../helpers/mongo-target.js';

const lti = ltijs.Provider;

const registration = {
  url: 'https://platform.example.org',
  name: 'Example LMS',
  clientId: 'tool-client-id',
  authenticationEndpoint: 'https://platform.example.org/auth',
  accesstokenEndpoint: 'https://platform.example.org/token',
  authConfig: { method: 'JWK_SET' as const, key: 'https://platform.example.org/keyset' },
};

describe('conformance: ltijs 5.9.9', function () {
  let target: MongoTarget;
  let sigintBefore: Set<NodeJS.SignalsListener>;
  let deployed = false;

  before(async function () {
    this.timeout(30_000);
    target = await startMongoTarget();
    lti.setup(
      'conformance-encryption-key',
      { url: target.uriFor(target.dbName('ltidb')), connection: {} },
      { devMode: true, cookies: { secure: false, sameSite: '' } },
    );
    sigintBefore = new Set(process.listeners('SIGINT'));
    // ltijs calls process.exit() when deploy fails; turn that into a test failure instead.
    const exit = process.exit;
    process.exit = ((code?: number) => {
      throw new Error(`ltijs tried to exit the process (code ${String(code)})`);
    }) as typeof process.exit;
    try {
      await lti.deploy({ serverless: true, silent: true });
      deployed = true;
    } finally {
      process.exit = exit;
      for (const listener of process.listeners('SIGINT')) {
        if (!sigintBefore.has(listener)) process.removeListener('SIGINT', listener);
      }
    }
  });

  after(async function () {
    if (deployed) await lti.close({ silent: true });
    await target?.stop();
  });

  it('leaves no SIGINT listener of its own behind once deploy returns (we own the lifecycle)', function () {
    expect(process.listeners('SIGINT').filter((l) => !sigintBefore.has(l))).to.deep.equal([]);
  });

  it('registers a platform and returns the same one from getPlatform(url, clientId)', async function () {
    const registered = await lti.registerPlatform(registration);

    const found = await lti.getPlatform(registration.url, registration.clientId);

    expect(found).to.not.equal(false);
    if (found === false) return;
    expect(await found.platformUrl()).to.equal(registration.url);
    expect(await found.platformClientId()).to.equal(registration.clientId);
    expect(await found.platformName()).to.equal(registration.name);
    expect(await found.platformAuthenticationEndpoint()).to.equal(registration.authenticationEndpoint);
    expect(await found.platformAccessTokenEndpoint()).to.equal(registration.accesstokenEndpoint);
    expect(JSON.parse(JSON.stringify(await found.platformAuthConfig()))).to.deep.equal(
      registration.authConfig,
    );
    expect(await found.platformKid()).to.equal(await registered.platformKid());
    expect(await found.platformPublicKey()).to.match(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('finds the platform by its id and updates it when registered again', async function () {
    const first = await lti.getPlatform(registration.url, registration.clientId);
    if (first === false) expect.fail('platform from the previous test is missing');
    const kid = await first.platformKid();

    await lti.registerPlatform({ ...registration, name: 'Renamed LMS' });
    const byId = await lti.getPlatformById(kid);

    expect(byId).to.not.equal(false);
    if (byId === false) return;
    expect(await byId.platformName()).to.equal('Renamed LMS');
    expect(await byId.platformKid()).to.equal(kid);
  });

  it('returns false for an unknown platform and after the platform is deleted', async function () {
    expect(await lti.getPlatform('https://unknown.example.org', 'nobody')).to.equal(false);
    const platform = await lti.getPlatform(registration.url, registration.clientId);
    if (platform === false) expect.fail('platform from the previous tests is missing');

    await platform.delete();

    expect(await lti.getPlatform(registration.url, registration.clientId)).to.equal(false);
  });
});
