/**
 * `npm run bench:launch`: full LTI launches (the demo platform's launch → OIDC login → platform
 * authorisation → id_token POST → first page) at 20 concurrent, for a fixed count, against
 *  (a) Teamloop (compose: our checks, cached JWKS, records, landing page), and
 *  (b) a bare ltijs 5.9 app with a hello-world `onConnect` (JWKS fetched on every launch, as ltijs
 *      does), with the same demo platform in front,
 * both on the same embedded database server (in its own process, as `npx teamloop db` or a real
 * MongoDB would be), in the same run. Prints throughput and p50/p99 per
 * round; each tool runs several rounds alternately and the median round is compared.
 * Target: Teamloop ≥ 0.8× the bare ltijs throughput.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import mongoose from 'mongoose';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createDemoPlatform, type DemoPlatform } from '../src/demo-platform/index.js';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/logger.js';
import { loadLtijsProvider } from '../src/lti/ltijs-loader.js';
import { createWebApp } from '../src/web/app.js';
import { createDrainGate } from '../src/web/middleware/drain-gate.js';
import { followLaunch } from '../test/helpers/follow-launch.js';

const CONCURRENCY = 20;
const LAUNCHES = Number(process.env['BENCH_LAUNCHES'] ?? 300);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

interface Target {
  readonly name: string;
  readonly url: string;
  readonly demo: DemoPlatform;
  /** A page body marker proving the launch reached the tool's first page. */
  readonly marker: string;
  stop(): Promise<void>;
}

interface Round {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function run(target: Target, count: number): Promise<Round> {
  const users = target.demo.users;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const user = users[i % users.length]!;
      const t0 = performance.now();
      const launch = await followLaunch(target.url + target.demo.launchPath(user.id));
      if (launch.response.status !== 200 || !launch.body.includes(target.marker)) {
        throw new Error(
          `${target.name}: launch ${i} ended with ${launch.response.status}: ${launch.body.slice(0, 200)}`,
        );
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

async function startTeamloop(mongoUri: string, dataDir: string): Promise<Target> {
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    MONGODB_URI: `${mongoUri}/teamloop_bench`,
    LTI_ENCRYPTION_KEY: 'bench-encryption-key-0123456789abcdef',
    LTI_CONFIG_DIR: path.join(dataDir, 'no-config'),
  });
  const tool = compose(config, { logger: createLogger({ level: 'silent' }) });
  tool.app.enable('view cache'); // as in production (express enables it when NODE_ENV=production)
  const started = await tool.start();
  return {
    name: 'teamloop',
    url: started.url.replace(/\/+$/, ''),
    demo: tool.demoPlatform()!,
    marker: '<h1>',
    stop: () => tool.stop(),
  };
}

async function startBareLtijs(mongoUri: string): Promise<Target> {
  const lti = loadLtijsProvider();
  const late: { demo?: DemoPlatform } = {};
  const routes = Router();
  routes.use('/demo', (req, res, next) =>
    late.demo === undefined ? next() : late.demo.router(req, res, next),
  );
  routes.use('/lti', (req, res, next) => lti.app(req, res, next));
  // The same web shell as Teamloop (views for the demo platform, security headers, logging).
  const app = createWebApp({
    config: { publicUrl: 'http://127.0.0.1', frameAncestors: [] },
    logger: createLogger({ level: 'silent' }),
    drainGate: createDrainGate(),
    pingDatabase: () => Promise.resolve(true),
    routers: [routes],
  });
  app.enable('view cache');
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lti.setup(
    'bench-encryption-key-0123456789abcdef',
    { url: mongoUri, connection: { dbName: 'bare_ltijs_bench' } },
    {
      appRoute: '/launch',
      loginRoute: '/login',
      keysetRoute: '/keys',
      cookies: { secure: false, sameSite: 'Lax' },
      devMode: false,
      tokenMaxAge: 60,
    },
  );
  lti.onConnect((token, _req, res) => {
    res.send(`<!doctype html><title>hello</title><h1>Hello ${token.user}</h1>`);
  });
  await lti.deploy({ serverless: true, silent: true });
  const connection = await mongoose.createConnection(`${mongoUri}/bare_app_bench`).asPromise();
  const demo = await createDemoPlatform({
    publicUrl: url,
    tool: { loginUrl: `${url}/lti/login`, launchUrl: `${url}/lti/launch`, jwksUrl: `${url}/lti/keys` },
    connection,
  });
  late.demo = demo;
  const r = demo.registration;
  await lti.registerPlatform({
    url: r.issuer,
    name: r.name,
    clientId: r.clientId,
    authenticationEndpoint: r.authUrl,
    accesstokenEndpoint: r.tokenUrl,
    authConfig: { method: 'JWK_SET', key: r.jwksUrl },
  });
  return {
    name: 'bare ltijs',
    url,
    demo,
    marker: '<h1>Hello',
    async stop() {
      await lti.close({ silent: true });
      await connection.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function format(r: Round): string {
  return `${r.perSecond.toFixed(1).padStart(7)} launches/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p99 ${r.p99.toFixed(0).padStart(5)} ms`;
}

function median(rounds: Round[]): Round {
  return [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)]!;
}

/** The embedded database in its own process (its own core), as `npx teamloop db` runs it. */
async function startDatabase(): Promise<{ uri: string; stop(): Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db-server-process.js');
  const child = fork(script, [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const uri = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve((JSON.parse(line) as { uri: string }).uri);
    });
    child.once('exit', (code) => reject(new Error(`database exited with ${code}`)));
  });
  return {
    uri,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const mongo = await startDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'teamloop-bench-'));
  console.log(
    `Launch benchmark: ${LAUNCHES} launches per round at ${CONCURRENCY} concurrent, ${ROUNDS} rounds each`,
  );
  const results: Record<string, Round[]> = { 'bare ltijs': [], teamloop: [] };
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const targets = [() => startBareLtijs(mongo.uri), () => startTeamloop(mongo.uri, dataDir)];
      // BENCH_ONLY=teamloop|bare: one side only (for profiling with --cpu-prof).
      const only = process.env['BENCH_ONLY'];
      for (const start of only === 'teamloop' ? [targets[1]!] : only === 'bare' ? [targets[0]!] : targets) {
        const target = await start();
        try {
          await run(target, 40); // warm-up: JIT, connection pools, first-launch upserts
          const result = await run(target, LAUNCHES);
          results[target.name]!.push(result);
          console.log(`round ${round}  ${target.name.padEnd(10)}  ${format(result)}`);
        } finally {
          await target.stop();
        }
      }
    }
    if (results['bare ltijs']!.length === 0 || results['teamloop']!.length === 0) return;
    const bare = median(results['bare ltijs']!);
    const ours = median(results['teamloop']!);
    console.log('');
    console.log(`median  bare ltijs  ${format(bare)}`);
    console.log(`median  teamloop    ${format(ours)}`);
    const ratio = ours.perSecond / bare.perSecond;
    console.log(
      `throughput ratio teamloop / bare ltijs: ${ratio.toFixed(2)}× (target ≥ 0.80×: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await mongo.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
