/**
 * `npm run bench:xapi`: the xAPI outbox on this machine.
 * 1. Delivery rate: the outbox draining N statements to a fresh local LRS (Learning Locker's
 *    statement service, in memory) vs a bare script POSTing the same statements in batches of
 *    100 directly (target ≥ 0.9×). Alternating runs, each on a fresh LRS (its memory store slows
 *    as it fills); medians.
 * The embedded database runs in its own process (see `startDatabase`).
 *
 * Fair comparison on a small machine: both runs have the same process layout and CPUs. With
 * `taskset` (util-linux) and at least two CPUs, the LRS runs alone on the last CPU and the
 * client side — this process and the database process — on the others, in both runs; the
 * database process exists (idle) during the bare run too. So both runs give the LRS the same
 * CPU, and the outbox run pays only for its own database work. Without `taskset` the runs are
 * unpinned and the output says so.
 * 2. Added latency of enqueueing on a request: a transaction that saves a domain document with
 *    and without enqueueing its statement, interleaved; median difference (target < 1 ms).
 */
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mongoose, { type Connection } from 'mongoose';
import { startLocalLrs, type LocalLrs } from '../test/helpers/local-lrs.js';
import { fakeClock, makeRuntime, manyStatements } from '../test/helpers/xapi-harness.js';

interface Db {
  readonly connection: Connection;
  stop(): Promise<void>;
}

/** CPU lists for the client side and the LRS, or undefined when pinning is not possible. */
const PINNING = ((): { client: string; lrs: string } | undefined => {
  const cpus = os.availableParallelism();
  if (cpus < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { client: cpus === 2 ? '0' : `0-${cpus - 2}`, lrs: String(cpus - 1) };
})();

/** Pins every thread of `pid` to `cpus` (no-op without pinning). */
function pin(pid: number, role: 'client' | 'lrs'): void {
  if (PINNING === undefined) return;
  execFileSync('taskset', ['-a', '-cp', PINNING[role], String(pid)], { stdio: 'ignore' });
}

async function startPinnedLrs(): Promise<LocalLrs> {
  const lrs = await startLocalLrs();
  pin(lrs.pid, 'lrs');
  return lrs;
}

/**
 * The embedded database in its own process (as `npx teamloop db` runs it, and as MongoDB runs
 * beside the tool in production), so its work does not share the tool's event loop.
 */
async function startDatabase(): Promise<Db> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db-server-process.js');
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.pid !== undefined) pin(child.pid, 'client');
  const uri = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { uri: string }).uri);
    });
    child.once('exit', (code) => reject(new Error(`database process exited (${code})`)));
  });
  const connection = await mongoose.createConnection(`${uri}/teamloop-xapi-bench`).asPromise();
  return {
    connection,
    async stop() {
      await connection.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const N = 3000;
const RUNS = 5;
const LATENCY_SAMPLES = 400;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function bare(cycle: string): Promise<number> {
  const lrs = await startPinnedLrs();
  try {
    const payloads = manyStatements(N, cycle).map((s) => JSON.stringify(s));
    const auth = `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`;
    const t0 = performance.now();
    for (let i = 0; i < payloads.length; i += 100) {
      const res = await fetch(`${lrs.endpoint}statements`, {
        method: 'POST',
        headers: {
          Authorization: auth,
          'X-Experience-API-Version': '1.0.3',
          'Content-Type': 'application/json',
        },
        body: `[${payloads.slice(i, i + 100).join(',')}]`,
      });
      await res.text();
      if (!res.ok) throw new Error(`bare post failed: ${res.status}`);
    }
    return N / ((performance.now() - t0) / 1000);
  } finally {
    await lrs.stop();
  }
}

async function outbox(db: Db, cycle: string): Promise<number> {
  const lrs = await startPinnedLrs();
  try {
    await db.connection.dropDatabase();
    const runtime = await makeRuntime(db.connection, lrs, fakeClock(Date.now()), { clock: () => new Date() });
    const statements = manyStatements(N, cycle);
    for (let i = 0; i < statements.length; i += 500)
      await db.connection.transaction((session) =>
        runtime.outbox.enqueue(statements.slice(i, i + 500), session),
      );
    const t0 = performance.now();
    for (;;) {
      const [pass] = await runtime.delivery.deliverOnce();
      if (pass === undefined || pass.claimed === 0) break;
      if (pass.dead > 0 || pass.retried > 0) throw new Error(`delivery trouble: ${JSON.stringify(pass)}`);
    }
    const elapsed = performance.now() - t0;
    if ((await runtime.collections.outbox.countDocuments({ status: 'sent' })) !== N)
      throw new Error('not all sent');
    return N / (elapsed / 1000);
  } finally {
    await lrs.stop();
  }
}

async function enqueueLatency(db: Db): Promise<{ without: number; with: number }> {
  await db.connection.dropDatabase();
  const runtime = await makeRuntime(db.connection, undefined, fakeClock(Date.now()), {
    clock: () => new Date(),
  });
  const statements = manyStatements(LATENCY_SAMPLES + 50, 'latency');
  const domain = db.connection.collection('reviews');
  const without: number[] = [];
  const withStatement: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 50; i++) {
    const t0 = performance.now();
    await db.connection.transaction(async (session) => {
      await domain.insertOne({ _id: `plain-${i}` as never, score: i }, { session });
    });
    const t1 = performance.now();
    await db.connection.transaction(async (session) => {
      await domain.insertOne({ _id: `xapi-${i}` as never, score: i }, { session });
      await runtime.outbox.enqueue([statements[i]!], session);
    });
    const t2 = performance.now();
    if (i >= 50) {
      without.push(t1 - t0);
      withStatement.push(t2 - t1);
    }
  }
  return { without: median(without), with: median(withStatement) };
}

async function main(): Promise<void> {
  pin(process.pid, 'client');
  const db = await startDatabase();
  try {
    console.log(`xAPI outbox benchmark: ${N} statements per run, ${RUNS} runs each, fresh local LRS per run`);
    console.log(
      PINNING === undefined
        ? '  CPU pinning: none (needs taskset and 2+ CPUs): runs share all CPUs'
        : `  CPU pinning (both runs): LRS on CPU ${PINNING.lrs}; this process and the database on CPU ${PINNING.client}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const bareRates: number[] = [];
    const outboxRates: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      bareRates.push(await bare(`bench-bare-${r}`));
      outboxRates.push(await outbox(db, `bench-outbox-${r}`));
      console.log(
        `  run ${r + 1}: bare ${bareRates[r]!.toFixed(0)}/s, outbox ${outboxRates[r]!.toFixed(0)}/s`,
      );
    }
    const b = median(bareRates);
    const o = median(outboxRates);
    console.log(
      `Delivery rate (median): bare POST batches of 100 ${b.toFixed(0)} statements/s; outbox ${o.toFixed(0)} statements/s; ratio ${(o / b).toFixed(2)}x (target >= 0.9x)`,
    );
    const lat = await enqueueLatency(db);
    console.log(
      `Request transaction (median of ${LATENCY_SAMPLES}): without statement ${lat.without.toFixed(3)} ms; with enqueue ${lat.with.toFixed(3)} ms; added ${(lat.with - lat.without).toFixed(3)} ms (target < 1 ms)`,
    );
  } finally {
    await db.stop();
  }
}

await main();
