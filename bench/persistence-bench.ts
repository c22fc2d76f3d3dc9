/**
 * Microbenchmark of the embedded server's durable storage (LogPersistence), without the engine.
 * Run: npx tsc -p . && node dist/bench/persistence-bench.js
 *
 * Documents look like the research report's small documents: {_id, email, name, n, tags:[2], createdAt}.
 * Every figure is the median of several runs; the machine is shared, so the load average is printed too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectId, serialize, type Document } from 'bson';
import {
  openLogPersistence,
  type LogPersistenceOptions,
} from '../src/embedded-mongo/storage/log-persistence.js';
import type { LogRecord, StoreImage } from '../src/embedded-mongo/storage/persistence.js';

const DOCS = 100_000;
const RUNS = 5;

function smallDoc(i: number): Document {
  return {
    _id: new ObjectId(),
    email: `user${i}@example.com`,
    name: `User ${i}`,
    n: i % 1000,
    tags: ['alpha', 'beta'],
    createdAt: new Date(1_700_000_000_000 + i * 1000),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function withDir<T>(label: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `teamloop-bench-${label}-`));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const put = (doc: Document): LogRecord => ({ op: 'put', db: 'app', coll: 'users', doc });

/** `clients` concurrent callers, each appending one-record groups back to back. */
async function appendRun(options: LogPersistenceOptions, clients: number, total: number): Promise<number> {
  return withDir('append', async (dir) => {
    const p = await openLogPersistence(dir, options);
    await p.load(() => undefined);
    const docs = Array.from({ length: total }, (_, i) => smallDoc(i));
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) await p.append([put(docs[next++]!)]);
      }),
    );
    const elapsed = ms(start);
    await p.close();
    return elapsed;
  });
}

async function timeLoad(dir: string): Promise<number> {
  const start = process.hrtime.bigint();
  const p = await openLogPersistence(dir);
  let count = 0;
  let last: Document | null = null;
  await p.load((r) => {
    if (r.op === 'put') {
      count++;
      last = r.doc;
    }
  });
  const elapsed = ms(start);
  await p.close();
  if (count !== DOCS || last === null) throw new Error(`loaded ${count} documents, expected ${DOCS}`);
  return elapsed;
}

function imageOf(docs: readonly Document[]): StoreImage {
  return {
    collections: [
      {
        db: 'app',
        coll: 'users',
        options: {},
        indexes: [{ v: 2, key: { email: 1 }, name: 'email_1', unique: true }],
        docs,
      },
    ],
  };
}

async function main(): Promise<void> {
  const docs = Array.from({ length: DOCS }, (_, i) => smallDoc(i));
  console.log(
    `persistence bench: node ${process.version}, loadavg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `document: ${serialize(docs[0]!).length} B of BSON, ${DOCS} documents; median of ${RUNS} runs\n`,
  );

  // Append throughput with group commit.
  for (const [label, options, clients, total] of [
    ['group commit 5 ms, fsync, 64 concurrent clients', { groupCommitMs: 5 }, 64, 20_000],
    ['group commit 5 ms, fsync, 1 sequential client', { groupCommitMs: 5 }, 1, 300],
    ['group commit 0 ms, fsync, 1 sequential client', { groupCommitMs: 0 }, 1, 300],
    [
      "group commit 5 ms, fsync 'none', 64 concurrent clients",
      { groupCommitMs: 5, fsync: 'none' },
      64,
      20_000,
    ],
  ] as const) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) times.push(await appendRun(options, clients, total));
    const t = median(times);
    console.log(
      `append, ${label}: ${Math.round((total / t) * 1000).toLocaleString('en')} ops/s, ${((t * 1000) / total).toFixed(1)} µs/op`,
    );
  }

  // Compaction of 100k documents (snapshot written, log dropped).
  const compactTimes: number[] = [];
  let snapshotBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    await withDir('compact', async (dir) => {
      const p = await openLogPersistence(dir);
      await p.load(() => undefined);
      const start = process.hrtime.bigint();
      await p.compact(imageOf(docs));
      compactTimes.push(ms(start));
      snapshotBytes = p.stats().snapshotBytes;
      await p.close();
    });
  }
  console.log(
    `\ncompaction of ${DOCS} docs: ${median(compactTimes).toFixed(0)} ms (snapshot ${(snapshotBytes / 1048576).toFixed(1)} MiB)`,
  );

  // Load from a snapshot only.
  await withDir('snapshot', async (dir) => {
    const p = await openLogPersistence(dir);
    await p.load(() => undefined);
    await p.compact(imageOf(docs));
    await p.close();
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) times.push(await timeLoad(dir));
    console.log(`load ${DOCS} docs from snapshot only: ${median(times).toFixed(0)} ms (open + load)`);
  });

  // Load from the log only: one put per group (sequential creates) and 1,000 puts per group (insertMany).
  for (const perGroup of [1, 1000]) {
    await withDir('log', async (dir) => {
      const p = await openLogPersistence(dir, { fsync: 'none', groupCommitMs: 0 });
      await p.load(() => undefined);
      const appends: Promise<void>[] = [];
      for (let i = 0; i < DOCS; i += perGroup) appends.push(p.append(docs.slice(i, i + perGroup).map(put)));
      await Promise.all(appends);
      const logBytes = p.stats().logBytes;
      await p.close();
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) times.push(await timeLoad(dir));
      console.log(
        `load ${DOCS} docs from log only, ${perGroup} put(s) per group: ${median(times).toFixed(0)} ms ` +
          `(log ${(logBytes / 1048576).toFixed(1)} MiB)`,
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
