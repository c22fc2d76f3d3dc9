/**
 * `teamloop xapi status | retry-dead`: the xAPI outbox for operators. Connects to MONGODB_URI,
 * or (development) opens the embedded database in DATA_DIR/db, which only works while no
 * Teamloop runs on it.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig, type AppConfig } from '../../config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../embedded-mongo/index.js';
import {
  DEV_XAPI_ACTOR_SECRET_FILE,
  resolveDevSecret,
  resolveEncryptionKey,
} from '../../runtime/dev-encryption-key.js';
import { createXapiRuntime, type XapiRuntime } from '../../xapi/xapi-runtime.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../command.js';

const HELP = [
  'Usage: teamloop xapi <status | retry-dead>',
  '',
  '  status       queue depth, oldest pending statement, dead letters, and per LRS: last success,',
  '               pause (credentials refused) and circuit breaker',
  '  retry-dead   put every dead-lettered statement back in the queue (same id, same content)',
  '               and lift LRS pauses; run it after fixing the cause',
  '',
  'Uses MONGODB_URI; without it, the embedded database in DATA_DIR/db (stop Teamloop first).',
].join('\n');

async function withRuntime<T>(
  config: AppConfig,
  io: CliIo,
  use: (runtime: XapiRuntime) => Promise<T>,
): Promise<T | undefined> {
  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongodbUri;
  if (uri === undefined) {
    try {
      embedded = await startEmbeddedMongo({
        port: 0,
        dbpath: path.join(config.dataDir, 'db'),
        nodeEnv: config.nodeEnv,
      });
    } catch (err) {
      io.err(
        `teamloop xapi: cannot open the embedded database (${(err as Error).message}). Is Teamloop running on it? Stop it, or set MONGODB_URI.`,
      );
      return undefined;
    }
    uri = `${embedded.uri}/${config.mongodbDbName}`;
  }
  const connection = await mongoose
    .createConnection(uri, { dbName: config.mongodbDbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    const runtime = await createXapiRuntime({
      connection,
      toolUrl: config.publicUrl,
      lrs: config.lrs,
      xapi: config.xapi,
      encryptionKey: (await resolveEncryptionKey(config.ltiEncryptionKey, config.dataDir)).key,
      actorSecret: (
        await resolveDevSecret(config.xapi.actorSecret, config.dataDir, DEV_XAPI_ACTOR_SECRET_FILE)
      ).key,
    });
    return await use(runtime);
  } finally {
    await connection.close();
    await embedded?.stop();
  }
}

const iso = (d: Date | null | undefined): string => (d == null ? '-' : d.toISOString());

export function createXapiCommand(getConfig: () => AppConfig = () => loadConfig()): CliCommand {
  return {
    name: 'xapi',
    summary: 'xAPI outbox: status (queue, dead letters, LRS health) and retry-dead',
    help: HELP,
    async run(args, { io }) {
      const [sub, ...rest] = args;
      if (sub === '--help' || sub === '-h') {
        io.out(HELP);
        return EXIT_OK;
      }
      if ((sub !== 'status' && sub !== 'retry-dead') || rest.length > 0) {
        io.err(
          `teamloop xapi: ${sub === undefined ? 'missing subcommand' : `unknown arguments "${args.join(' ')}"`}\n\n${HELP}`,
        );
        return EXIT_USAGE;
      }
      const config = getConfig();
      const result = await withRuntime(config, io, async (runtime) => {
        if (sub === 'retry-dead') {
          const count = await runtime.retryDead();
          io.out(`Re-queued ${count} dead-lettered statement${count === 1 ? '' : 's'}.`);
          return EXIT_OK;
        }
        const s = await runtime.status();
        io.out(`Queue depth:     ${s.pending} pending`);
        io.out(`Oldest pending:  ${iso(s.oldestPendingAt)}`);
        io.out(
          `Dead letters:    ${s.dead}${s.dead > 0 ? '  (fix the cause, then: teamloop xapi retry-dead)' : ''}`,
        );
        io.out(`Delivered:       ${s.sent}`);
        const configured = [
          ...(config.lrs === undefined ? [] : ['global']),
          ...(await runtime.platformSettings.withOwnLrs()).map((p) => `platform:${p.issuer}`),
        ];
        const ids = [...new Set([...configured, ...s.lrs.map((l) => l._id)])];
        if (ids.length === 0)
          io.out('LRS:             none configured (set LRS_ENDPOINT, LRS_USERNAME, LRS_PASSWORD)');
        for (const id of ids) {
          const l = s.lrs.find((x) => x._id === id);
          const flags = [
            l?.pausedReason != null ? `paused until ${iso(l.pausedUntil)}: ${l.pausedReason}` : undefined,
            l?.circuitOpenUntil != null ? `circuit open until ${iso(l.circuitOpenUntil)}` : undefined,
            l?.lastError != null && l.lastFailureAt != null
              ? `last error ${iso(l.lastFailureAt)}: ${l.lastError}`
              : undefined,
          ].filter((f) => f !== undefined);
          io.out(
            `LRS ${id}: last success ${iso(l?.lastSuccessAt)}${flags.length > 0 ? `; ${flags.join('; ')}` : ''}`,
          );
        }
        return EXIT_OK;
      });
      return result ?? EXIT_FAILURE;
    },
  };
}

export const xapiCommand = createXapiCommand();
