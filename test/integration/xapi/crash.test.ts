import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { runNode, type RunningChild } from '../../helpers/child-process.js';
import { startLocalLrs, type LocalLrs } from '../../helpers/local-lrs.js';
import { drain, fakeClock, makeRuntime, manyStatements, startDatabase } from '../../helpers/xapi-harness.js';

const CHILD = path.join(PROJECT_ROOT, 'dist', 'test', 'fixtures', 'xapi-outbox-child.js');
const REVIEWED = 'http://id.tincanapi.com/verb/reviewed';

describe('xAPI outbox when the process is killed (child process, kill -9)', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let lrs: LocalLrs;
  let child: RunningChild | undefined;

  before(async () => {
    [db, lrs] = await Promise.all([startDatabase(), startLocalLrs()]);
  });
  after(async () => {
    await lrs?.stop();
    await db?.stop();
  });
  beforeEach(async () => {
    await db.connection.dropDatabase();
  });
  afterEach(() => child?.kill());

  const uri = (): string => `${db.mongo.uri}/teamloop-xapi`;
  // The parent's clock runs past the child's leases (60 s), as if the next worker came later.
  const later = (): ReturnType<typeof fakeClock> => fakeClock(Date.now() + 120_000);

  it('killed after the domain writes and before delivery: nothing lost, nothing duplicated', async () => {
    child = runNode([CHILD, uri(), '40', 'commit'], {}, PROJECT_ROOT);
    await child.waitForLine((l) => l === 'all-committed', 30_000);
    child.child.kill('SIGKILL');
    await child.waitForExit(10_000);

    const clock = later();
    const runtime = await makeRuntime(db.connection, lrs, clock);
    expect(await db.connection.collection('reviews').countDocuments({})).to.equal(40);
    expect(await runtime.collections.outbox.countDocuments({ status: 'pending' })).to.equal(40);
    await drain(runtime, clock);
    const stored = await lrs.query({
      registration: manyStatements(1, 'crash-commit')[0]!.context.registration!,
      verb: REVIEWED,
    });
    const ids = stored.map((s) => s['id']);
    expect(ids).to.have.length(40);
    expect(new Set(ids).size).to.equal(40);
  });

  it('killed after the LRS accepted a batch but before recording it: re-sent once the lease expires, stored once', async () => {
    child = runNode(
      [CHILD, uri(), '25', 'post-then-die', lrs.endpoint, lrs.username, lrs.password],
      {},
      PROJECT_ROOT,
    );
    await child.waitForLine((l) => l === 'posted', 30_000);
    expect(await child.waitForExit(10_000)).to.equal('SIGKILL');

    const clock = later();
    const runtime = await makeRuntime(db.connection, lrs, clock);
    const held = await runtime.collections.outbox.find({ status: 'pending' }).toArray();
    expect(held).to.have.length(25);
    // The dead worker still holds the LRS lease; the next worker waits for it to expire.
    expect((await runtime.collections.lrsStates.findOne({ _id: 'global' }))!.leaseOwner).to.be.a('string');
    await drain(runtime, clock);
    expect(await runtime.collections.outbox.countDocuments({ status: 'sent' })).to.equal(25);
    const registration = manyStatements(1, 'crash-post-then-die')[0]!.context.registration!;
    const ids = (await lrs.query({ registration, verb: REVIEWED })).map((s) => s['id']);
    expect(ids).to.have.length(25);
    expect(new Set(ids).size).to.equal(25);
  });
});
