/**
 * Composition root: builds the web app from the config and owns the order in which the parts
 * start and stop. Start: database (embedded when no MONGODB_URI) → encryption key → app
 * connection → workers → HTTP. Stop: drain HTTP → workers → app connection → embedded server.
 */
import path from 'node:path';
import type { Express } from 'express';
import type { AppConfig } from './config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo/index.js';
import type { Logger } from './logger.js';
import { resolveEncryptionKey, type ResolvedEncryptionKey } from './runtime/dev-encryption-key.js';
import { startHttpServer, type RunningHttpServer } from './runtime/http-server.js';
import { createWorkerRegistry, type WorkerRegistry } from './runtime/workers.js';
import { connectAppDatabase, type AppDatabase } from './store/mongo/connection.js';
import { createWebApp } from './web/app.js';
import { createDrainGate } from './web/middleware/drain-gate.js';
import { createXapiProfileRouter } from './web/routes/xapi-profile.js';
import { createDeliveryWorker, type DeliveryWorker } from './xapi/outbox/delivery-worker.js';
import { createXapiRuntime, type XapiRuntime } from './xapi/xapi-runtime.js';
import { DEV_XAPI_ACTOR_SECRET_FILE, resolveDevSecret } from './runtime/dev-encryption-key.js';

export interface StartedTool {
  /** The one URL to open in a browser. */
  readonly url: string;
  readonly port: number;
  /** The MongoDB connection string in use (may hold credentials: do not log it). */
  readonly databaseUri: string;
  /** Where the embedded database keeps its files; undefined when MONGODB_URI is used. */
  readonly embeddedDbPath: string | undefined;
  readonly encryptionKey: ResolvedEncryptionKey;
}

export interface Tool {
  readonly app: Express;
  readonly workers: WorkerRegistry;
  /** The xAPI outbox and friends; available once `start()` has connected the database. */
  xapi(): XapiRuntime;
  start(): Promise<StartedTool>;
  /** Idempotent; never throws (failures are logged). */
  stop(): Promise<void>;
}

export function compose(config: AppConfig, options: { readonly logger: Logger }): Tool {
  const logger = options.logger;
  const log = logger.child({ module: 'lifecycle' });
  const drainGate = createDrainGate();
  const workers = createWorkerRegistry(logger);
  let embedded: EmbeddedMongo | undefined;
  let database: AppDatabase | undefined;
  let server: RunningHttpServer | undefined;
  let starting: Promise<StartedTool> | undefined;
  let stopping: Promise<void> | undefined;
  let xapi: XapiRuntime | undefined;
  let deliveryWorker: DeliveryWorker | undefined;

  const app = createWebApp({
    config,
    logger,
    drainGate,
    pingDatabase: () => (database === undefined ? Promise.resolve(false) : database.ping()),
    routers: [createXapiProfileRouter({ publicUrl: config.publicUrl })],
  });

  // The outbox is set up once the database is connected (workers start after that); the
  // delivery loop itself runs only where XAPI_DELIVERY is on.
  let encryptionKeyValue: string | undefined;
  workers.register({
    name: 'xapi-delivery',
    async start() {
      if (database === undefined || encryptionKeyValue === undefined)
        throw new Error('database is not connected');
      const actorSecret = await resolveDevSecret(
        config.xapi.actorSecret,
        config.dataDir,
        DEV_XAPI_ACTOR_SECRET_FILE,
      );
      xapi = await createXapiRuntime({
        connection: database.connection,
        toolUrl: config.publicUrl,
        lrs: config.lrs,
        xapi: config.xapi,
        encryptionKey: encryptionKeyValue,
        actorSecret: actorSecret.key,
        onEvent: (event) => xapiLog[event.type === 'sent' ? 'debug' : 'warn'](event, 'xapi delivery'),
      });
      if (!config.xapi.delivery) return;
      deliveryWorker = createDeliveryWorker({
        delivery: xapi.delivery,
        pollIntervalMs: config.xapi.pollIntervalMs,
        batchSize: config.xapi.batchSize,
        logger,
      });
      deliveryWorker.start();
    },
    async stop() {
      await deliveryWorker?.stop();
    },
  });
  const xapiLog = logger.child({ module: 'xapi' });

  async function startParts(): Promise<StartedTool> {
    const embeddedDbPath = config.mongodbUri === undefined ? path.join(config.dataDir, 'db') : undefined;
    if (embeddedDbPath !== undefined) {
      const dbLog = logger.child({ module: 'embedded-mongo' });
      embedded = await startEmbeddedMongo({
        port: 0,
        dbpath: embeddedDbPath,
        nodeEnv: config.nodeEnv,
        log: ({ level, msg, ...fields }) => dbLog[level](fields, msg),
      });
      log.info({ uri: embedded.uri, dbpath: embeddedDbPath }, 'embedded database started');
    }
    const uri = config.mongodbUri ?? embedded!.uri;
    const encryptionKey = await resolveEncryptionKey(config.ltiEncryptionKey, config.dataDir);
    log.info({ source: encryptionKey.source, file: encryptionKey.file }, 'encryption key ready');
    encryptionKeyValue = encryptionKey.key;
    database = await connectAppDatabase(uri, { dbName: config.mongodbDbName });
    log.info({ dbName: config.mongodbDbName }, 'database connected');
    await workers.startAll();
    server = await startHttpServer(app, { host: config.host, port: config.port });
    const url = publicUrlFor(config, server.port);
    log.info({ url, host: config.host, port: server.port }, 'teamloop ready');
    return { url, port: server.port, databaseUri: uri, embeddedDbPath, encryptionKey };
  }

  async function stopParts(): Promise<void> {
    drainGate.beginDraining();
    const steps: Array<[string, () => Promise<void>]> = [
      ['http server', async () => server?.close(Math.max(100, Math.floor(config.shutdownTimeoutMs / 2)))],
      ['workers', () => workers.stopAll()],
      ['database connection', async () => database?.close()],
      ['embedded database', async () => embedded?.stop()],
    ];
    for (const [part, step] of steps) {
      try {
        await step();
      } catch (err) {
        log.error({ err, part }, 'failed to stop cleanly');
      }
    }
    log.info('teamloop stopped');
  }

  return {
    app,
    workers,
    xapi() {
      if (xapi === undefined) throw new Error('xAPI is available after start()');
      return xapi;
    },
    start() {
      if (stopping !== undefined) return Promise.reject(new Error('teamloop is stopping'));
      starting ??= startParts().catch(async (err: unknown) => {
        await stopParts();
        throw err;
      });
      return starting;
    },
    stop() {
      stopping ??= (async () => {
        // CASE: a signal during start-up: let start finish (or fail) before taking it apart.
        await starting?.catch(() => undefined);
        await stopParts();
      })();
      return stopping;
    },
  };
}

/** With PORT=0 the default public URL only becomes known once the server listens. */
function publicUrlFor(config: AppConfig, port: number): string {
  const url = new URL(config.publicUrl);
  if (url.port === '0') url.port = String(port);
  return url.toString();
}
