import { expect } from 'chai';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runNode } from '../helpers/child-process.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import { startRoguePlatform, type RoguePlatform } from '../helpers/rogue-platform.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

async function cli(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (t) => out.push(t), err: (t) => err.push(t) },
    signal: new AbortController().signal,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const addArgs = (p: RoguePlatform, deployment: string) => [
  'platform',
  'add',
  '--issuer',
  p.issuer,
  '--client-id',
  p.clientId,
  '--deployment-id',
  deployment,
  '--auth-url',
  `${p.issuer}/auth`,
  '--token-url',
  `${p.issuer}/token`,
  '--jwks-url',
  p.jwksUrl,
  '--name',
  'CLI LMS',
];

describe('teamloop platform and tool-info (CLI)', function () {
  this.timeout(60_000);

  describe('against the configured database, tool not running', () => {
    let mongo: EmbeddedMongo;
    let dataDir: TempDir;
    let platform: RoguePlatform;
    let env: Record<string, string>;

    before(async () => {
      mongo = await startEmbeddedMongo();
      dataDir = await makeTempDir();
      platform = await startRoguePlatform({ clientId: 'cli-client' });
      env = {
        MONGODB_URI: `${mongo.uri}/teamloop_cli`,
        DATA_DIR: dataDir.path,
        PUBLIC_URL: 'https://teamloop.example.org',
      };
    });
    after(async () => {
      await platform.close();
      await mongo.stop();
      await dataDir.remove();
    });

    it('adds a platform, merges a second deployment, lists it, and removes it', async () => {
      expect((await cli(addArgs(platform, 'dep-a'), env)).code).to.equal(0);
      const second = await cli(addArgs(platform, 'dep-b'), env);
      expect(second.code).to.equal(0);
      expect(second.out).to.contain('deployments: dep-a, dep-b');
      const listed = await cli(['platform', 'list', '--json'], env);
      expect(listed.code).to.equal(0);
      expect(JSON.parse(listed.out)).to.deep.equal([
        {
          issuer: platform.issuer,
          clientId: 'cli-client',
          name: 'CLI LMS',
          deploymentIds: ['dep-a', 'dep-b'],
          authUrl: `${platform.issuer}/auth`,
          tokenUrl: `${platform.issuer}/token`,
          jwksUrl: platform.jwksUrl,
          source: 'cli',
        },
      ]);
      const removed = await cli(
        ['platform', 'remove', '--issuer', platform.issuer, '--client-id', 'cli-client'],
        env,
      );
      expect(removed.code).to.equal(0);
      expect(JSON.parse((await cli(['platform', 'list', '--json'], env)).out)).to.deep.equal([]);
      expect(
        (await cli(['platform', 'remove', '--issuer', platform.issuer, '--client-id', 'cli-client'], env))
          .code,
      ).to.equal(1);
    });

    it('refuses an add with a bad URL or without a deployment id, naming the option', async () => {
      const bad = await cli(
        [
          'platform',
          'add',
          '--issuer',
          'x',
          '--client-id',
          'c',
          '--auth-url',
          'nope',
          '--token-url',
          'https://a/t',
          '--jwks-url',
          'https://a/j',
        ],
        env,
      );
      expect(bad.code).to.equal(2);
      expect(bad.err).to.contain('--auth-url: must be an http(s) URL');
      expect(bad.err).to.contain('--deployment-id: list at least one deployment id');
    });

    it('refuses a registration link while dynamic registration is off', async () => {
      const link = await cli(['platform', 'registration-link'], env);
      expect(link.code).to.equal(1);
      expect(link.err).to.contain('LTI_DYNAMIC_REGISTRATION=on');
    });

    it('creates a one-time registration link when dynamic registration is on', async () => {
      const link = await cli(['platform', 'registration-link'], { ...env, LTI_DYNAMIC_REGISTRATION: 'on' });
      expect(link.code).to.equal(0);
      expect(link.out).to.match(/https:\/\/teamloop\.example\.org\/lti\/register\?rt=[A-Za-z0-9_-]{32}/);
    });

    it('prints the tool URLs for PUBLIC_URL, and the Canvas developer key', async () => {
      const info = await cli(['tool-info'], env);
      expect(info.code).to.equal(0);
      expect(JSON.parse(info.out)).to.deep.equal({
        publicUrl: 'https://teamloop.example.org',
        login: 'https://teamloop.example.org/lti/login',
        launch: 'https://teamloop.example.org/lti/launch',
        deepLinking: 'https://teamloop.example.org/lti/deep-linking',
        keyset: 'https://teamloop.example.org/lti/keys',
        registration: 'https://teamloop.example.org/lti/register',
        dynamicRegistration: false,
      });
      const canvas = JSON.parse((await cli(['tool-info', '--canvas'], env)).out) as Record<string, unknown>;
      expect(canvas).to.include({
        oidc_initiation_url: 'https://teamloop.example.org/lti/login',
        target_link_uri: 'https://teamloop.example.org/lti/launch',
        public_jwk_url: 'https://teamloop.example.org/lti/keys',
      });
    });
  });

  describe('while the tool runs on its embedded database', () => {
    let running: RunningLtiTool;
    let platform: RoguePlatform;

    before(async () => {
      running = await startLtiTool({ DEMO_PLATFORM: 'off' });
      platform = await startRoguePlatform({ clientId: 'live-client' });
    });
    after(async () => {
      await platform.close();
      await running.stop();
    });

    it('registers a platform the running tool accepts launches from at once (CLI in its own process)', async () => {
      const env = { NODE_ENV: 'test', DATA_DIR: running.dataDir.path, PUBLIC_URL: running.url };
      const child = runNode(
        [path.join(PROJECT_ROOT, 'bin', 'teamloop.js'), ...addArgs(platform, platform.deploymentId)],
        env,
        PROJECT_ROOT,
      );
      expect(await child.waitForExit(30_000), child.output()).to.equal(0);
      expect(child.output()).to.contain('Registered platform');
      const login = await platform.login(running.url);
      const token = await platform.sign(platform.claims({ nonce: login.nonce }));
      const posted = await platform.post(
        login.redirectUri,
        { id_token: token, state: login.state },
        login.jar,
      );
      expect(posted.status).to.equal(302);
      const page = await fetch(new URL(posted.location!, running.url), {
        headers: { cookie: posted.jar.header() },
      });
      expect(page.status).to.equal(200);
      expect(await page.text()).to.contain('<h1>My teams</h1>');
    });
  });
});
