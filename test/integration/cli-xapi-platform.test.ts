/**
 * `teamloop xapi-platform <issuer>` (and `teamloop xapi platform …`) against the embedded server
 * and a real LRS on loopback: shows a platform's xAPI settings, changes identity mode and free
 * text, saves the platform's own LRS only after checking it answers and accepts the credentials,
 * stores the secret encrypted and never prints it; the platform's statements then go to that LRS.
 */
import { expect } from 'chai';
import { createXapiCommand } from '../../src/cli/commands/xapi.js';
import { createXapiPlatformCommand } from '../../src/cli/commands/xapi-platform.js';
import { runCli } from '../../src/cli/main.js';
import { createPlatformRepo } from '../../src/store/lti/platform-repo.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { makeTestConfig } from '../helpers/test-config.js';
import { startLocalLrs, type LocalLrs } from '../helpers/local-lrs.js';
import {
  drain,
  enqueueCommitted,
  ENCRYPTION_KEY,
  fakeClock,
  makeRuntime,
  manyStatements,
  startDatabase,
} from '../helpers/xapi-harness.js';

const ISSUER = 'https://moodle.example.edu';

describe('teamloop xapi-platform (a platform’s LRS and privacy settings)', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let lrs: LocalLrs;
  let dataDir: TempDir;

  before(async () => {
    [db, lrs, dataDir] = await Promise.all([startDatabase(), startLocalLrs(), makeTempDir()]);
    await createPlatformRepo(db.connection).save(
      {
        issuer: ISSUER,
        clientId: 'moodle-client',
        deploymentIds: ['1'],
        authUrl: `${ISSUER}/auth`,
        tokenUrl: `${ISSUER}/token`,
        jwksUrl: `${ISSUER}/jwks`,
        name: 'Moodle',
      },
      'cli',
    );
  });
  after(async () => {
    await lrs?.stop();
    await db?.stop();
    await dataDir?.remove();
  });

  async function cli(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const getConfig = () =>
      makeTestConfig({
        DATA_DIR: dataDir.path,
        MONGODB_URI: `${db.mongo.uri}/teamloop-xapi`,
        LTI_ENCRYPTION_KEY: ENCRYPTION_KEY,
      });
    const code = await runCli(
      args,
      {
        io: { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) },
        signal: new AbortController().signal,
        env,
      },
      [createXapiCommand(getConfig), createXapiPlatformCommand(getConfig)],
    );
    return { code, out, err };
  }
  const stored = () => db.connection.collection('xapiPlatformSettings').findOne({ _id: ISSUER as never });

  it('shows the defaults, then changes identity mode and free text; refuses bad values and unknown platforms', async () => {
    const shown = await cli(['xapi-platform', ISSUER]);
    expect(shown.code).to.equal(0);
    expect(shown.out).to.match(/Identity:\s+pseudonymous/);
    expect(shown.out).to.match(/Free text:\s+not sent \(cap when on: 500\)/);
    expect(shown.out).to.match(/LRS:\s+the global LRS/);

    const set = await cli([
      'xapi',
      'platform',
      ISSUER,
      '--identity',
      'lti-sub',
      '--send-free-text',
      'on',
      '--free-text-limit',
      '280',
    ]);
    expect(set.code, set.err).to.equal(0);
    expect(set.out).to.contain('Saved.');
    expect(await stored()).to.deep.include({ identity: 'lti-sub', sendFreeText: true, freeTextLimit: 280 });
    expect((await cli(['xapi-platform', ISSUER])).out).to.match(
      /Free text:\s+sent, capped at 280 characters/,
    );

    for (const bad of [
      ['--identity', 'name'],
      ['--send-free-text', 'yes'],
      ['--free-text-limit', '0'],
      ['--free-text-limit', '12.5'],
      ['--lrs-endpoint', 'https://lrs.example.org/xapi/'],
      ['--lrs-endpoint', 'ftp://lrs.example.org/', '--lrs-key', 'k', '--lrs-secret', 's'],
      ['--unknown'],
    ]) {
      const refused = await cli(['xapi-platform', ISSUER, ...bad]);
      expect(refused.code, bad.join(' ')).to.equal(2);
      expect(refused.err).to.contain('Usage: teamloop xapi-platform');
    }
    expect(await stored()).to.deep.include({ identity: 'lti-sub', sendFreeText: true, freeTextLimit: 280 });

    const unknown = await cli(['xapi-platform', 'https://unknown.example.edu', '--identity', 'email']);
    expect(unknown.code).to.equal(1);
    expect(unknown.err).to.contain('no platform is registered with issuer "https://unknown.example.edu"');
    expect(await db.connection.collection('xapiPlatformSettings').countDocuments()).to.equal(1);
  });

  it('saves the platform’s own LRS after checking it, with the secret encrypted and never printed; statements then go there', async () => {
    const wrong = await cli([
      'xapi-platform',
      ISSUER,
      '--lrs-endpoint',
      lrs.endpoint,
      '--lrs-key',
      lrs.username,
      '--lrs-secret',
      'not-the-secret',
    ]);
    expect(wrong.code).to.equal(1);
    expect(wrong.err).to.contain('the LRS refused the key and secret (401)');
    expect((await stored())?.['lrs'] ?? null).to.equal(null);

    const saved = await cli(
      [
        'xapi-platform',
        ISSUER,
        '--lrs-endpoint',
        lrs.endpoint,
        '--lrs-key',
        lrs.username,
        '--lrs-secret-env',
        'MOODLE_LRS_SECRET',
      ],
      { MOODLE_LRS_SECRET: lrs.password },
    );
    expect(saved.code, saved.err).to.equal(0);
    expect(saved.out).to.contain(
      `LRS:             ${lrs.endpoint} (key ${lrs.username}, secret stored encrypted)`,
    );
    expect(saved.out + saved.err).not.to.contain(lrs.password);
    const doc = await stored();
    expect(JSON.stringify(doc)).not.to.contain(lrs.password);
    expect(doc?.['lrs']).to.include({ endpoint: lrs.endpoint, username: lrs.username });
    // Privacy choices made before stay as they were.
    expect(doc).to.deep.include({ identity: 'lti-sub', sendFreeText: true });

    // The tool reads it back decrypted and delivers the platform's statements to that LRS.
    const runtime = await makeRuntime(db.connection, undefined, fakeClock());
    expect((await runtime.platformSettings.get(ISSUER)).lrs).to.deep.equal({
      endpoint: lrs.endpoint,
      username: lrs.username,
      password: lrs.password,
    });
    const statements = manyStatements(3, 'own-lrs', ISSUER);
    await enqueueCommitted(db.connection, runtime, statements);
    await drain(runtime);
    const found = await lrs.query({ registration: statements[0]!.context.registration! });
    expect(found.map((s) => s['id']).sort()).to.deep.equal(statements.map((s) => s.id).sort());
    expect((await cli(['xapi', 'status'])).out).to.contain(`LRS platform:${ISSUER}: last success`);

    const back = await cli(['xapi-platform', ISSUER, '--global-lrs']);
    expect(back.code).to.equal(0);
    expect(back.out).to.match(/LRS:\s+the global LRS/);
    expect((await stored())?.['lrs']).to.equal(null);
  });

  it('refuses an LRS that does not answer, unless told not to check', async () => {
    const closed = 'http://127.0.0.1:9/xAPI/';
    const args = ['xapi-platform', ISSUER, '--lrs-endpoint', closed, '--lrs-key', 'k', '--lrs-secret', 's'];
    const refused = await cli(args);
    expect(refused.code).to.equal(1);
    expect(refused.err).to.contain('the LRS did not answer as an xAPI LRS');
    expect((await stored())?.['lrs'] ?? null).to.equal(null);
    const forced = await cli([...args, '--no-check']);
    expect(forced.code).to.equal(0);
    expect((await stored())?.['lrs']).to.include({ endpoint: closed });
    await cli(['xapi-platform', ISSUER, '--global-lrs']);
  });
});
