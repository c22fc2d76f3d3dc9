/**
 * Delivered statements are purged from the outbox after the retention (TTL index on `sentAt`,
 * only over `sent` rows); pending statements and dead letters stay however old they are. The
 * purge is the embedded server's TTL sweep (`runTtlMonitor()`), as mongod's TTL monitor would.
 */
import { expect } from 'chai';
import { SENT_TTL_INDEX } from '../../../src/xapi/outbox/outbox.model.js';
import { startLocalLrs, type LocalLrs } from '../../helpers/local-lrs.js';
import {
  drain,
  enqueueCommitted,
  fakeClock,
  makeRuntime,
  manyStatements,
  startDatabase,
} from '../../helpers/xapi-harness.js';

const DAY = 86_400_000;

describe('xAPI outbox retention (TTL purge of delivered statements)', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let lrs: LocalLrs;

  before(async () => {
    [db, lrs] = await Promise.all([startDatabase(), startLocalLrs()]);
  });
  after(async () => {
    await lrs?.stop();
    await db?.stop();
  });

  it('purges statements delivered longer ago than the retention, and never pending ones or dead letters', async () => {
    const { connection } = db;
    // The outbox's clock starts 40 days back: what it delivers then is past a 30-day retention.
    const clock = fakeClock(Date.now() - 40 * DAY);
    const runtime = await makeRuntime(connection, lrs, clock, {
      xapi: { batchSize: 100, requestTimeoutMs: 5000, sentRetentionDays: 30 },
    });
    const old = manyStatements(5, 'old');
    const dead = manyStatements(1, 'dead');
    const recent = manyStatements(4, 'recent');
    const pending = manyStatements(3, 'pending');

    await enqueueCommitted(connection, runtime, old);
    await drain(runtime);
    // The LRS rejects the next statement: a dead letter, 40 days old.
    await enqueueCommitted(connection, runtime, dead);
    await lrs.injectFault({ status: 400, count: 1, body: 'rejected on purpose' });
    await drain(runtime);
    clock.advance(39 * DAY);
    await enqueueCommitted(connection, runtime, recent);
    await drain(runtime);
    // Enqueued but not yet due (scheduled later): pending, however old its createdAt.
    await connection.transaction(async (session) => runtime.outbox.enqueue(pending, session));
    await runtime.collections.outbox.updateMany(
      { _id: { $in: pending.map((s) => s.id) } },
      { $set: { nextAttemptAt: new Date(Date.now() + DAY), createdAt: new Date(Date.now() - 60 * DAY) } },
    );
    const statusOf = async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        (await runtime.collections.outbox.find({}).toArray()).map((row) => [row._id, row.status]),
      );
    const before = await statusOf();
    expect(Object.values(before).sort()).to.deep.equal([
      'dead',
      ...Array(3).fill('pending'),
      ...Array(9).fill('sent'),
    ]);

    const removed = await db.mongo.runTtlMonitor();

    expect(removed).to.equal(old.length);
    const after = await statusOf();
    for (const s of old) expect(after[s.id], 'old delivered').to.equal(undefined);
    for (const s of recent) expect(after[s.id], 'recently delivered').to.equal('sent');
    expect(after[dead[0]!.id]).to.equal('dead');
    for (const s of pending) expect(after[s.id], 'pending').to.equal('pending');
    expect(await runtime.status()).to.deep.include({ dead: 1 });
  });

  it('keeps one TTL index and moves it to a changed retention', async () => {
    const { connection } = db;
    const clock = fakeClock();
    await makeRuntime(connection, undefined, clock, {
      xapi: { batchSize: 100, requestTimeoutMs: 5000, sentRetentionDays: 7 },
    });
    const ttlIndexes = async (): Promise<Array<Record<string, unknown>>> =>
      (await connection.collection('xapiOutbox').listIndexes().toArray()).filter(
        (index) => index['expireAfterSeconds'] !== undefined,
      );
    expect(await ttlIndexes()).to.have.length(1);
    expect((await ttlIndexes())[0]).to.deep.include({
      name: SENT_TTL_INDEX,
      key: { sentAt: 1 },
      expireAfterSeconds: 7 * 86_400,
      partialFilterExpression: { status: 'sent' },
    });
    await makeRuntime(connection, undefined, clock);
    expect((await ttlIndexes()).map((index) => index['expireAfterSeconds'])).to.deep.equal([30 * 86_400]);
  });
});
