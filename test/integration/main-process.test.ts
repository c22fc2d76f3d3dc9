/**
 * The tool as an operator runs it: `node dist/src/main.js` with nothing configured but a data
 * directory. It must start the embedded database, serve, stop cleanly on Ctrl-C, and find its
 * data again on the next start.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { PROJECT_ROOT } from '../../src/paths.js';
import { jsonLine, runNode, type RunningChild } from '../helpers/child-process.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const MAIN = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
const SHUTDOWN_TIMEOUT_MS = 5000;

interface Started {
  readonly url: string;
  readonly databaseUri: string;
}

async function waitUntilReady(run: RunningChild): Promise<Started> {
  const dbLine = jsonLine(
    await run.waitForLine((l) => jsonLine(l)?.['msg'] === 'embedded database started', 30_000),
  );
  const readyLine = jsonLine(await run.waitForLine((l) => jsonLine(l)?.['msg'] === 'teamloop ready', 30_000));
  await run.waitForLine((l) => l.startsWith('Teamloop is running. Open '), 5000);
  return { url: String(readyLine?.['url']), databaseUri: String(dbLine?.['uri']) };
}

describe('node dist/src/main.js (process lifecycle)', function () {
  this.timeout(90_000);
  let dataDir: TempDir;
  const children: RunningChild[] = [];

  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(async () => {
    children.splice(0).forEach((child) => child.kill());
    await dataDir.remove();
  });

  function startTool(extraEnv: Record<string, string> = {}): RunningChild {
    const run = runNode(
      [MAIN],
      {
        NODE_ENV: 'development',
        DATA_DIR: dataDir.path,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        ...extraEnv,
      },
      PROJECT_ROOT,
    );
    children.push(run);
    return run;
  }

  it('serves, exits 0 on SIGINT within the shutdown bound, and finds its data after a restart', async () => {
    const first = startTool();
    const { url, databaseUri } = await waitUntilReady(first);

    const home = await fetch(url);
    expect(home.status).to.equal(200);
    expect(await home.text()).to.contain('Teamloop');
    expect((await fetch(new URL('/health/live', url))).status).to.equal(200);
    expect((await fetch(new URL('/health/ready', url))).status).to.equal(200);
    expect((await stat(path.join(dataDir.path, 'dev-encryption-key'))).mode & 0o777).to.equal(0o600);

    const client = await MongoClient.connect(databaseUri);
    await client.db('teamloop').collection('lifecycleChecks').insertOne({ marker: 'survives a restart' });
    await client.close();

    first.child.kill('SIGINT');
    expect(await first.waitForExit(SHUTDOWN_TIMEOUT_MS + 2000)).to.equal(0);

    const second = startTool();
    const restarted = await waitUntilReady(second);
    const again = await MongoClient.connect(restarted.databaseUri);
    const found = await again
      .db('teamloop')
      .collection('lifecycleChecks')
      .findOne({ marker: 'survives a restart' });
    await again.close();
    expect(found?.['marker']).to.equal('survives a restart');

    second.child.kill('SIGTERM');
    expect(await second.waitForExit(SHUTDOWN_TIMEOUT_MS + 2000)).to.equal(0);
  });

  it('refuses to start in production without MONGODB_URI and says why', async () => {
    const run = startTool({ NODE_ENV: 'production', LTI_ENCRYPTION_KEY: 'k'.repeat(32) });
    expect(await run.waitForExit(10_000)).to.equal(1);
    expect(run.output()).to.contain('MONGODB_URI').and.contain('required in production');
    expect(await stat(path.join(dataDir.path, 'db')).catch(() => 'absent')).to.equal('absent');
  });
});
