import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { createLrsClient, type LrsClient } from '../../../src/xapi/lrs-client.js';
import type { XapiRuntime } from '../../../src/xapi/xapi-runtime.js';
import type { XapiStatement } from '../../../src/xapi/statement-types.js';
import { sampleStatements } from '../../fixtures/xapi/sample-events.js';
import { startLocalLrs, type LocalLrs } from '../../helpers/local-lrs.js';
import {
  drain,
  enqueueCommitted,
  fakeClock,
  makeRuntime,
  manyStatements,
  startDatabase,
  type FakeClock,
} from '../../helpers/xapi-harness.js';

const REVIEWED = 'http://id.tincanapi.com/verb/reviewed';

describe('xAPI outbox and delivery (real mongoose on the embedded server, real LRS on loopback)', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let lrs: LocalLrs;
  let connection: Connection;
  let clock: FakeClock;
  let runtime: XapiRuntime;

  before(async () => {
    [db, lrs] = await Promise.all([startDatabase(), startLocalLrs()]);
    connection = db.connection;
  });
  after(async () => {
    await lrs?.stop();
    await db?.stop();
  });
  beforeEach(async () => {
    await connection.dropDatabase();
    clock = fakeClock();
    runtime = await makeRuntime(connection, lrs, clock);
  });

  const statusOf = async (id: string): Promise<string | undefined> =>
    (await runtime.collections.outbox.findOne({ _id: id }))?.status;
  const registrationOf = (s: XapiStatement): string => s.context.registration!;

  describe('enqueue', () => {
    it('stores each statement with the domain change, serialised once as its exact JSON', async () => {
      const statements = Object.values(sampleStatements());
      await connection.transaction(async (session) => {
        await connection.collection('reviews').insertOne({ _id: 'rev-1' as never, done: true }, { session });
        await runtime.outbox.enqueue(statements, session);
      });
      const rows = await runtime.collections.outbox.find({}).toArray();
      expect(rows).to.have.length(statements.length);
      for (const s of statements) {
        const row = rows.find((r) => r._id === s.id)!;
        expect(row.payload).to.equal(JSON.stringify(s));
        expect(row).to.include({ status: 'pending', issuer: 'https://lms.example.edu', attempts: 0 });
      }
    });

    it('leaves no statement (and no domain change) when the transaction aborts', async () => {
      const statements = manyStatements(3, 'abort');
      const failure = new Error('domain rule broken after the write');
      const outcome = await connection
        .transaction(async (session) => {
          await connection.collection('reviews').insertOne({ _id: 'rev-2' as never }, { session });
          await runtime.outbox.enqueue(statements, session);
          throw failure;
        })
        .catch((err: unknown) => err);
      expect(outcome).to.equal(failure);
      expect(await runtime.collections.outbox.countDocuments({})).to.equal(0);
      expect(await connection.collection('reviews').countDocuments({})).to.equal(0);
    });

    it('refuses to enqueue outside a transaction', async () => {
      const session = await connection.startSession();
      try {
        const err = await runtime.outbox.enqueue(manyStatements(1, 'x'), session).catch((e: unknown) => e);
        expect((err as Error).message).to.match(/inside a transaction/);
      } finally {
        await session.endSession();
      }
    });
  });

  describe('delivery', () => {
    it('delivers every event to the LRS, readable back by registration and verb', async () => {
      const samples = sampleStatements();
      await enqueueCommitted(connection, runtime, Object.values(samples));
      const [pass] = await runtime.delivery.deliverOnce();
      expect(pass).to.include({
        lrsId: 'global',
        state: 'delivered',
        sent: Object.keys(samples).length,
        dead: 0,
      });

      const registration = registrationOf(samples['review-completed']!);
      const reviewed = await lrs.query({ registration, verb: REVIEWED });
      expect(reviewed.map((s) => s['id'])).to.deep.equal([samples['review-completed']!.id]);
      const rated = await lrs.query({ registration, verb: 'http://id.tincanapi.com/verb/rated' });
      expect(rated.map((s) => s['id'])).to.have.members([
        samples['criterion-rated']!.id,
        samples['helpfulness-rated']!.id,
        samples['retrospective-criterion-rated']!.id,
      ]);

      const status = await runtime.status();
      expect(status).to.include({ pending: 0, dead: 0, sent: Object.keys(samples).length });
      expect(status.lrs.find((l) => l._id === 'global')!.lastSuccessAt).to.deep.equal(clock());
    });

    it('posts the stored JSON byte for byte on every attempt, in batches of at most 100', async () => {
      const posted: string[][] = [];
      const real = createLrsClient(lrs, { timeoutMs: 5000 });
      const recording: LrsClient = {
        ...real,
        postStatements: async (payloads) => {
          posted.push([...payloads]);
          return real.postStatements(payloads);
        },
      };
      runtime = await makeRuntime(connection, lrs, clock, { clientFor: () => recording });
      const statements = manyStatements(230, 'bytes');
      await enqueueCommitted(connection, runtime, statements);
      await lrs.injectFault({ status: 503 });
      await runtime.delivery.deliverOnce();
      clock.advance(60_000);
      await drain(runtime, clock, 60_000);
      expect(posted.map((b) => b.length)).to.deep.equal([100, 100, 100, 30]);
      const stored = new Map(
        (await runtime.collections.outbox.find({}).toArray()).map((r) => [r._id, r.payload]),
      );
      for (const batch of posted)
        for (const payload of batch) expect(payload).to.equal(stored.get(JSON.parse(payload).id));
      // The batch the LRS refused with 503 was sent again later, byte for byte.
      const later = new Set(posted.slice(1).flat());
      expect(posted[0]!.every((payload) => later.has(payload))).to.equal(true);
    });

    it('loses nothing and duplicates nothing when the LRS goes down mid-run and comes back', async () => {
      runtime = await makeRuntime(connection, lrs, clock, { tuning: { batchesPerPass: 1 } });
      const statements = manyStatements(250, 'outage');
      await enqueueCommitted(connection, runtime, statements);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ sent: 100 });
      await lrs.close();
      const down = (await runtime.delivery.deliverOnce())[0]!;
      expect(down).to.include({ state: 'failed', sent: 0, retried: 100 });
      expect(await runtime.collections.outbox.countDocuments({ status: 'pending' })).to.equal(150);
      clock.advance(5_000);
      await runtime.delivery.deliverOnce();
      await lrs.reopen();
      await drain(runtime, clock, 120_000);
      const stored = await lrs.query({ registration: registrationOf(statements[0]!), verb: REVIEWED });
      const ids = stored.map((s) => s['id']);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids).to.have.members(statements.map((s) => s.id));
    });

    it('waits as long as Retry-After says on 429, for the whole LRS', async () => {
      const statements = manyStatements(5, '429');
      await enqueueCommitted(connection, runtime, statements);
      await lrs.injectFault({ status: 429, retryAfter: '7' });
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'failed', retried: 5 });
      const row = (await runtime.collections.outbox.findOne({ _id: statements[0]!.id }))!;
      expect(row.nextAttemptAt.getTime() - clock().getTime()).to.be.at.least(7000);
      expect(row.lastStatus).to.equal(429);
      clock.advance(6_000);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'held', claimed: 0 });
      clock.advance(1_000);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'delivered', sent: 5 });
    });

    it('backs off with jitter on 503 and delivers after the wait', async () => {
      const statements = manyStatements(3, '503');
      await enqueueCommitted(connection, runtime, statements);
      await lrs.injectFault({ status: 503 });
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'failed', retried: 3 });
      // attempt 1: window 2 s, jitter 0.5 → 1 s.
      const row = (await runtime.collections.outbox.findOne({ _id: statements[0]!.id }))!;
      expect(row.nextAttemptAt.getTime() - clock().getTime()).to.equal(1000);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ claimed: 0 });
      clock.advance(1000);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'delivered', sent: 3 });
    });

    it('isolates one invalid statement in a batch: dead-letters it and delivers the rest', async () => {
      const statements = manyStatements(10, 'poison');
      const bad = {
        ...statements[4]!,
        result: { score: { raw: 9, min: 1, max: 4, scaled: 2.5 } },
      } as XapiStatement;
      statements[4] = bad;
      await enqueueCommitted(connection, runtime, statements);
      const [pass] = await runtime.delivery.deliverOnce();
      expect(pass).to.include({ sent: 9, dead: 1 });
      const dead = (await runtime.collections.outbox.findOne({ _id: bad.id }))!;
      expect(dead).to.include({ status: 'dead', lastStatus: 400 });
      expect(dead.deadReason).to.match(/LRS rejected the statement \(400\)/);
      const stored = await lrs.query({ registration: registrationOf(statements[0]!), verb: REVIEWED });
      expect(stored).to.have.length(9);
      expect((await runtime.status()).dead).to.equal(1);
    });

    it('treats a 409 for a statement the LRS already holds identically as delivered', async () => {
      const [statement] = manyStatements(1, '409-same');
      await enqueueCommitted(connection, runtime, [statement!]);
      await runtime.delivery.deliverOnce();
      // The acknowledgement was lost: the statement is due again, and this LRS answers 409.
      await runtime.collections.outbox.updateOne({ _id: statement!.id }, { $set: { status: 'pending' } });
      await lrs.injectFault({ status: 409, body: `${statement!.id} is conflicting` });
      const [pass] = await runtime.delivery.deliverOnce();
      expect(pass).to.include({ sent: 1, dead: 0 });
      expect(await statusOf(statement!.id)).to.equal('sent');
    });

    it('dead-letters a statement whose id the LRS holds with different content (409), with the reason', async () => {
      const [ours, other] = manyStatements(2, '409-diff');
      const impostor = { ...other!, id: ours!.id };
      await createLrsClient(lrs, { timeoutMs: 5000 }).postStatements([JSON.stringify(impostor)]);
      await enqueueCommitted(connection, runtime, [ours!]);
      const [pass] = await runtime.delivery.deliverOnce();
      expect(pass).to.include({ sent: 0, dead: 1 });
      const row = (await runtime.collections.outbox.findOne({ _id: ours!.id }))!;
      expect(row).to.include({ status: 'dead', lastStatus: 409 });
      expect(row.deadReason).to.match(/different statement/);
    });

    it('pauses an LRS that refuses the credentials (401) without burning attempts', async () => {
      runtime = await makeRuntime(connection, { ...lrs, password: 'wrong' }, clock);
      const statements = manyStatements(2, '401');
      await enqueueCommitted(connection, runtime, statements);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'paused' });
      expect((await runtime.collections.outbox.findOne({ _id: statements[0]!.id }))!.attempts).to.equal(0);
      const before = await lrs.statementPosts();
      clock.advance(60_000);
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'paused', claimed: 0 });
      expect(await lrs.statementPosts()).to.equal(before);
      const state = (await runtime.status()).lrs.find((l) => l._id === 'global')!;
      expect(state.pausedReason).to.match(/401/);
    });

    it('opens the circuit after repeated failures and probes /about before sending again', async () => {
      runtime = await makeRuntime(connection, lrs, clock, {
        tuning: { breakerThreshold: 2, breakerOpenMs: 30_000 },
      });
      await enqueueCommitted(connection, runtime, manyStatements(4, 'breaker'));
      await lrs.close();
      try {
        for (let i = 0; i < 2; i++) {
          await runtime.delivery.deliverOnce();
          clock.advance(10_000);
        }
        expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'circuit-open', claimed: 0 });
        clock.advance(30_000);
        // Half-open: the probe fails (still down), the circuit stays open for longer.
        expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'circuit-open' });
      } finally {
        await lrs.reopen();
      }
      clock.advance(60_000);
      const postsBefore = await lrs.statementPosts();
      expect((await runtime.delivery.deliverOnce())[0]).to.include({ state: 'delivered', sent: 4 });
      expect(await lrs.statementPosts()).to.equal(postsBefore + 1);
    });

    it('lets two workers share the outbox through the LRS lease: no statement twice, a crashed lease expires', async () => {
      const other = await makeRuntime(connection, lrs, clock, { ownerId: 'worker-b' });
      const statements = manyStatements(200, 'leases');
      await enqueueCommitted(connection, runtime, statements);
      const postsBefore = await lrs.statementPosts();
      const [a, b] = await Promise.all([runtime.delivery.deliverOnce(), other.delivery.deliverOnce()]);
      expect(a[0]!.sent + b[0]!.sent).to.equal(200);
      expect(await lrs.statementPosts()).to.equal(postsBefore + 2);

      // A worker that died while delivering still holds the lease: others wait until it expires.
      const more = manyStatements(3, 'crashed');
      await enqueueCommitted(connection, runtime, more);
      await runtime.collections.lrsStates.updateOne(
        { _id: 'global' },
        { $set: { leaseOwner: 'dead-worker:1', leaseUntil: new Date(clock().getTime() + 60_000) } },
      );
      expect((await other.delivery.deliverOnce())[0]).to.include({ state: 'busy', claimed: 0 });
      clock.advance(60_000);
      expect((await other.delivery.deliverOnce())[0]).to.include({ state: 'delivered', sent: 3 });
    });

    it("routes a platform's statements to its own LRS and the rest to the global LRS", async () => {
      const own = await startLocalLrs();
      try {
        await runtime.platformSettings.save(
          {
            issuer: 'https://own-lrs.example.edu',
            lrs: { endpoint: own.endpoint, username: own.username, password: own.password },
            privacy: { identity: 'pseudonymous', sendFreeText: false, freeTextLimit: 500 },
          },
          clock(),
        );
        const theirs = manyStatements(3, 'routing-own', 'https://own-lrs.example.edu');
        const ours = manyStatements(2, 'routing-global');
        await enqueueCommitted(connection, runtime, [...theirs, ...ours]);
        const passes = await runtime.delivery.deliverOnce();
        expect(passes.map((p) => [p.lrsId, p.sent])).to.deep.equal([
          ['global', 2],
          ['platform:https://own-lrs.example.edu', 3],
        ]);
        expect((await own.query({ registration: registrationOf(theirs[0]!) })).length).to.equal(3);
        expect((await lrs.query({ registration: registrationOf(theirs[0]!) })).length).to.equal(0);
        const raw = await connection.collection('xapiPlatformSettings').findOne({});
        expect(JSON.stringify(raw)).not.to.contain(own.password);
      } finally {
        await own.stop();
      }
    });
  });
});
