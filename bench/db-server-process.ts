/**
 * Child process for benchmarks: runs the embedded server on its own core, as `npx teamloop db`
 * would, and prints `{"uri": ...}` on stdout once listening. Stops on SIGTERM.
 */
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

const dbpath = process.argv[2];
const server = await startEmbeddedMongo(dbpath ? { dbpath } : {});
process.stdout.write(JSON.stringify({ uri: server.uri }) + '\n');
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
