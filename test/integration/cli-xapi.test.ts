import { expect } from 'chai';
import { createXapiCommand } from '../../src/cli/commands/xapi.js';
import { runCli } from '../../src/cli/main.js';
import type { XapiStatement } from '../../src/xapi/statement-types.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { makeTestConfig } from '../helpers/test-config.js';
import {
  enqueueCommitted,
  fakeClock,
  makeRuntime,
  manyStatements,
  startDatabase,
} from '../helpers/xapi-harness.js';
import { startLocalLrs, type LocalLrs } from '../helpers/local-lrs.js';

describe('teamloop xapi status | retry-dead', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let lrs: LocalLrs;
  let dataDir: TempDir;

  before(async () => {
    [db, lrs, dataDir] = await Promise.all([startDatabase(), startLocalLrs(), makeTempDir()]);
  });
  after(async () => {
    await lrs?.stop();
    await db?.stop();
    await dataDir?.remove();
  });

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const command = createXapiCommand(() =>
      makeTestConfig({
        DATA_DIR: dataDir.path,
        MONGODB_URI: `${db.mongo.uri}/teamloop-xapi`,
        LRS_ENDPOINT: lrs.endpoint,
        LRS_USERNAME: lrs.username,
        LRS_PASSWORD: lrs.password,
      }),
    );
    const code = await runCli(
      args,
      {
        io: { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) },
        signal: new AbortController().signal,
      },
      [command],
    );
    return { code, out, err };
  }

  it('shows queue depth, oldest pending, dead letters and last success; retry-dead re-queues', async () => {
    const clock = fakeClock();
    const runtime = await makeRuntime(db.connection, lrs, clock);
    const statements = manyStatements(4, 'cli');
    statements[1] = { ...statements[1]!, timestamp: 'not a time' } as XapiStatement;
    await enqueueCommitted(db.connection, runtime, statements.slice(0, 2));
    await runtime.delivery.deliverOnce();
    await enqueueCommitted(db.connection, runtime, statements.slice(2));

    const status = await cli(['xapi', 'status']);
    expect(status.code).to.equal(0);
    expect(status.out).to.match(/Queue depth:\s+2 pending/);
    expect(status.out).to.contain(`Oldest pending:  ${clock().toISOString()}`);
    expect(status.out).to.match(/Dead letters:\s+1 /);
    expect(status.out).to.contain(`LRS global: last success ${clock().toISOString()}`);

    const retry = await cli(['xapi', 'retry-dead']);
    expect(retry.out).to.contain('Re-queued 1 dead-lettered statement.');
    expect((await runtime.collections.outbox.findOne({ _id: statements[1]!.id }))!.status).to.equal(
      'pending',
    );
    expect((await cli(['xapi', 'status'])).out).to.match(/Queue depth:\s+3 pending/);
  });

  it('explains its usage on a wrong subcommand', async () => {
    const wrong = await cli(['xapi', 'purge']);
    expect(wrong.code).to.equal(2);
    expect(wrong.err).to.contain('Usage: teamloop xapi <status | retry-dead | platform>');
  });
});
