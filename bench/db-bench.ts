/**
 * `npm run bench:db`: figures for the embedded MongoDB-compatible server, measured through the
 * real driver and mongoose with the server in a separate process (as in development).
 * Timings on a shared 2-core machine are noisy: each figure is the median of several runs, and
 * targets are compared against ratios within this run where a baseline exists.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, type Collection, type Document } from 'mongodb';
import mongoose from 'mongoose';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverScript = path.join(here, 'db-server-process.js');

interface Child {
  uri: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(dbpath?: string): Promise<Child & { startMs: number }> {
  const t0 = performance.now();
  const child = fork(serverScript, dbpath ? [dbpath] : [], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: ['--max-old-space-size=8192'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) resolve((JSON.parse(line) as { uri: string }).uri);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const startMs = performance.now() - t0;
  return {
    uri,
    child,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function timeOps(n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await op(i);
  return (performance.now() - t0) / n; // ms per op
}

const doc = (i: number): Document => ({
  email: `user${i}@example.org`,
  name: `User ${i}`,
  n: i % 1000,
  tags: ['a', 'b'],
  createdAt: new Date(1_700_000_000_000 + i * 1000),
});

async function fill(coll: Collection, count: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) batch.push(doc(j));
    await coll.insertMany(batch, { ordered: false });
  }
  return count / ((performance.now() - t0) / 1000);
}

function print(label: string, value: string, target?: string, ok?: boolean): void {
  const verdict = ok === undefined ? '' : ok ? '  ✓' : '  ✗';
  console.log(`${label.padEnd(58)} ${value.padStart(16)}${target ? `   target ${target}` : ''}${verdict}`);
}

async function main(): Promise<void> {
  const results: boolean[] = [];
  const check = (ok: boolean): boolean => (results.push(ok), ok);
  console.log(`embedded-mongo benchmark — node ${process.version}, ${os.cpus().length} cores\n`);

  // --- mongoose findById and insertMany -------------------------------------------------
  {
    const srv = await startServer();
    const conn = await mongoose.createConnection(`${srv.uri}/bench`).asPromise();
    const User = conn.model(
      'User',
      new mongoose.Schema({
        email: { type: String, unique: true },
        name: String,
        n: Number,
        tags: [String],
        createdAt: Date,
      }),
    );
    await User.init();
    const rates: number[] = [];
    for (let r = 0; r < 3; r++) {
      await User.deleteMany({});
      const docs = Array.from({ length: 20_000 }, (_, i) => doc(i));
      const t0 = performance.now();
      for (let i = 0; i < docs.length; i += 1000)
        await User.insertMany(docs.slice(i, i + 1000), { lean: true });
      rates.push(docs.length / ((performance.now() - t0) / 1000));
    }
    const ids = (await User.find({}, { _id: 1 }).limit(5000).lean()).map((d) => d._id);
    const db = conn.db!;
    await timeOps(3000, (i) => User.findById(ids[i % ids.length]).lean());
    const lean: number[] = [];
    const hydrated: number[] = [];
    const ping: number[] = [];
    for (let r = 0; r < 5; r++) {
      lean.push(await timeOps(5000, (i) => User.findById(ids[i % ids.length]).lean()));
      hydrated.push(await timeOps(5000, (i) => User.findById(ids[i % ids.length])));
      ping.push(await timeOps(5000, () => db.command({ ping: 1 })));
    }
    const leanOps = 1000 / median(lean);
    const hydOps = 1000 / median(hydrated);
    print(
      'mongoose insertMany (batches of 1,000)',
      `${Math.round(median(rates)).toLocaleString('en')} docs/s`,
      '≥ 30,000',
      check(median(rates) >= 30_000),
    );
    print(
      'mongoose findById().lean()',
      `${Math.round(leanOps).toLocaleString('en')} ops/s`,
      '≥ 5,000',
      check(leanOps >= 5000),
    );
    print(
      'mongoose findById() (hydrated)',
      `${Math.round(hydOps).toLocaleString('en')} ops/s`,
      '≥ 5,000',
      check(hydOps >= 5000),
    );
    print(
      'baseline: driver ping round trip (the floor)',
      `${Math.round(1000 / median(ping)).toLocaleString('en')} ops/s`,
    );
    print('findById cost over the ping floor', `${(median(lean) / median(ping)).toFixed(2)}×`);
    await conn.close();
    await srv.stop();
  }

  // --- indexed lookups: 1,000 vs 1,000,000 documents ------------------------------------
  {
    const srv = await startServer();
    const client = await MongoClient.connect(`${srv.uri}/bench`);
    const small = client.db('bench').collection('small');
    const big = client.db('bench').collection('big');
    for (const c of [small, big]) {
      await c.createIndex({ email: 1 }, { unique: true });
      await c.createIndex({ createdAt: 1 });
    }
    await fill(small, 1000);
    const bigRate = await fill(big, 1_000_000);
    print(
      'driver insertMany while filling 1,000,000 docs',
      `${Math.round(bigRate).toLocaleString('en')} docs/s`,
    );
    const lookup = async (c: Collection, size: number): Promise<number> => {
      const runs: number[] = [];
      await timeOps(2000, (i) => c.findOne({ email: `user${(i * 7919) % size}@example.org` }));
      for (let r = 0; r < 5; r++)
        runs.push(await timeOps(2000, (i) => c.findOne({ email: `user${(i * 7919) % size}@example.org` })));
      return median(runs);
    };
    const tSmall = await lookup(small, 1000);
    const tBig = await lookup(big, 1_000_000);
    print('indexed equality lookup at 1,000 docs', `${(tSmall * 1000).toFixed(0)} µs`);
    print('indexed equality lookup at 1,000,000 docs', `${(tBig * 1000).toFixed(0)} µs`);
    print('ratio 1M / 1k', `${(tBig / tSmall).toFixed(2)}×`, '≤ 2×', check(tBig / tSmall <= 2));
    const sortRuns: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      const top = await big.find({}).sort({ createdAt: -1 }).limit(10).toArray();
      sortRuns.push(performance.now() - t0);
      if (top.length !== 10) throw new Error('sort+limit returned the wrong count');
    }
    print(
      'find().sort({createdAt:-1}).limit(10) at 1M',
      `${median(sortRuns).toFixed(1)} ms`,
      '< 50 ms',
      check(median(sortRuns) < 50),
    );
    const rangeRuns: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      await big
        .find({
          createdAt: {
            $gte: new Date(1_700_000_000_000 + 500_000_000),
            $lt: new Date(1_700_000_000_000 + 500_100_000),
          },
        })
        .toArray();
      rangeRuns.push(performance.now() - t0);
    }
    print('indexed range query (100 hits) at 1M', `${median(rangeRuns).toFixed(1)} ms`);
    await client.close();
    await srv.stop();
  }

  // --- start-up from a data directory with 100,000 documents ----------------------------
  {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'teamloop-bench-'));
    try {
      const srv = await startServer(dir);
      const client = await MongoClient.connect(`${srv.uri}/bench`);
      const c = client.db('bench').collection('people');
      await c.createIndex({ email: 1 }, { unique: true });
      await fill(c, 100_000);
      await client.close();
      await srv.stop();
      const starts: number[] = [];
      for (let r = 0; r < 3; r++) {
        const again = await startServer(dir);
        const cl = await MongoClient.connect(`${again.uri}/bench`);
        const n = await cl.db('bench').collection('people').countDocuments();
        if (n !== 100_000) throw new Error(`expected 100000 documents after restart, found ${n}`);
        starts.push(again.startMs);
        await cl.close();
        await again.stop();
      }
      print(
        'start-up from a data dir with 100,000 docs (process spawn included)',
        `${median(starts).toFixed(0)} ms`,
        '< 2,000 ms',
        check(median(starts) < 2000),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(`\n${results.filter(Boolean).length}/${results.length} targets met`);
}

await main();
