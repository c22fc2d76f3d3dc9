/**
 * One delivery pass: it sends up to `batchesPerPass` batches (20 by default) under one lease,
 * leaves the rest for the next pass, stops early once half the lease is used (a slow LRS never
 * outlives the lease), and releases the lease with the outcome.
 */
import { expect } from 'chai';
import { createLrsClient } from '../../../src/xapi/lrs-client.js';
import { startLocalLrs, type LocalLrs } from '../../helpers/local-lrs.js';
import {
  enqueueCommitted,
  fakeClock,
  makeRuntime,
  manyStatements,
  startDatabase,
} from '../../helpers/xapi-harness.js';

describe('xAPI delivery pass (batches per pass, lease budget)', function () {
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
  beforeEach(async () => {
    await db.connection.dropDatabase();
  });

  const pendingCount = () => db.connection.collection('xapiOutbox').countDocuments({ status: 'pending' });

  it('sends 20 batches in one pass, oldest first, and the rest in the next', async () => {
    const clock = fakeClock();
    const runtime = await makeRuntime(db.connection, lrs, clock, {
      xapi: { batchSize: 5, requestTimeoutMs: 5000 },
    });
    const statements = manyStatements(112, 'pass');
    for (let i = 0; i < statements.length; i += 10) {
      await enqueueCommitted(db.connection, runtime, statements.slice(i, i + 10));
      clock.advance(1);
    }
    const [first] = await runtime.delivery.deliverOnce();
    expect(first).to.deep.include({ state: 'delivered', claimed: 100, sent: 100 });
    const sent = await db.connection
      .collection('xapiOutbox')
      .find({ status: 'sent' }, { projection: { _id: 1 } })
      .toArray();
    expect(sent.map((r) => r['_id']).sort()).to.deep.equal(
      statements
        .slice(0, 100)
        .map((s) => s.id)
        .sort(),
    );
    const [second] = await runtime.delivery.deliverOnce();
    expect(second).to.deep.include({ state: 'delivered', claimed: 12, sent: 12 });
    expect(await pendingCount()).to.equal(0);
    const state = await runtime.collections.lrsStates.findOne({ _id: 'global' });
    expect(state).to.deep.include({ leaseOwner: null, leaseUntil: null, consecutiveFailures: 0 });
    expect(state?.lastSuccessAt).to.deep.equal(clock());
  });

  it('stops a pass once half the lease is used, leaving the rest due', async () => {
    const clock = fakeClock();
    // Every POST takes 20 s of the 60 s lease: after two batches, half the lease is gone.
    const runtime = await makeRuntime(db.connection, lrs, clock, {
      xapi: { batchSize: 10, requestTimeoutMs: 5000 },
      clientFor: (destination) => {
        const real = createLrsClient(destination.target, { timeoutMs: 5000 });
        return {
          ...real,
          async postStatements(payloads) {
            await real.postStatements(payloads);
            clock.advance(20_000);
          },
        };
      },
    });
    await enqueueCommitted(db.connection, runtime, manyStatements(50, 'slow'));
    const [pass] = await runtime.delivery.deliverOnce();
    expect(pass).to.deep.include({ state: 'delivered', claimed: 20, sent: 20 });
    expect(await pendingCount()).to.equal(30);
    expect(await runtime.collections.lrsStates.findOne({ _id: 'global' })).to.deep.include({
      leaseOwner: null,
    });
  });
});
