/**
 * The whole tool (compose) on loopback with the embedded database and the demo platform, for LTI
 * tests: one per test file (ltijs generates a 4096-bit key per new platform, ~2 s).
 */
import { MongoClient } from 'mongodb';
import { compose, type StartedTool, type Tool } from '../../src/compose.js';
import type { Env } from '../../src/config.js';
import { createMemoryLog, type MemoryLog } from './memory-log.js';
import { makeTempDir, type TempDir } from './temp-dir.js';
import { makeTestConfig } from './test-config.js';

export interface RunningLtiTool {
  readonly tool: Tool;
  readonly started: StartedTool;
  /** Base URL without trailing slash. */
  readonly url: string;
  readonly log: MemoryLog;
  readonly dataDir: TempDir;
  /** Documents per collection in the app database (not ltijs's). */
  countAppDocuments(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startLtiTool(env: Env = {}): Promise<RunningLtiTool> {
  const dataDir = await makeTempDir();
  const log = createMemoryLog('info');
  const config = makeTestConfig({
    DATA_DIR: dataDir.path,
    LTI_CONFIG_DIR: `${dataDir.path}/lti-config`,
    ...env,
  });
  const tool = compose(config, { logger: log.logger });
  const started = await tool.start();
  const client = new MongoClient(started.databaseUri);
  await client.connect();
  const url = started.url.replace(/\/+$/, '');
  return {
    tool,
    started,
    url,
    log,
    dataDir,
    async countAppDocuments() {
      const db = client.db(config.mongodbDbName);
      const counts: Record<string, number> = {};
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        counts[name] = await db.collection(name).countDocuments();
      }
      return counts;
    },
    async stop() {
      await client.close();
      await tool.stop();
      await dataDir.remove();
    },
  };
}
