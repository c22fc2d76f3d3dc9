/**
 * Child process for benchmarks: runs the embedded server on its own core, as `npx teamloop db`
 * would, and prints `{"uri": ...}` on stdout once listening. Stops on SIGTERM.
 */
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

const dbpath = process.argv[2];
let loadMs = 0;
const t0 = performance.now();
const server = await startEmbeddedMongo({
  ...(dbpath ? { dbpath } : {}),
  log: (e) => {
    if (e.msg === 'data loaded') loadMs = Number(e.ms);
  },
});
// startMs: from calling startEmbeddedMongo to listening; processMs: since the process began (module loading included).
process.stdout.write(
  JSON.stringify({
    uri: server.uri,
    loadMs,
    startMs: performance.now() - t0,
    processMs: process.uptime() * 1000,
  }) + '\n',
);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
