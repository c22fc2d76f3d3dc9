/**
 * Composition root: builds the web app from the config and owns the order in which the parts
 * start and stop. Start: database (embedded when no MONGODB_URI) → encryption key → app
 * connection → HTTP listening (LTI answers 503 until started) → xAPI outbox → LTI (ltijs on its
 * own database; platforms from lti-config/; the demo platform in development) → workers (xAPI
 * delivery). Stop: drain HTTP → workers → LTI → app connection → embedded server.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Express } from 'express';
import type { AppConfig } from './config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo/index.js';
import type { Logger } from './logger.js';
import { resolveEncryptionKey, type ResolvedEncryptionKey } from './runtime/dev-encryption-key.js';
import { startHttpServer, type RunningHttpServer } from './runtime/http-server.js';
import { createWorkerRegistry, type WorkerRegistry } from './runtime/workers.js';
import { connectAppDatabase, type AppDatabase } from './store/mongo/connection.js';
import { createWebApp } from './web/app.js';
import { createDrainGate } from './web/middleware/drain-gate.js';
import { createDemoPlatform } from './demo-platform/index.js';
import { loadPlatformFiles } from './lti/config-files.js';
import { createLtiLayer, ltiOptionsFromConfig, type LtiLayer } from './lti/provider.js';
import { LTI_MOUNT, toolUrls } from './lti/tool-urls.js';
import { createLaunchNonceRepo } from './store/lti/launch-nonce-repo.js';
import { createLaunchRecordRepo, type LaunchRecordRepo } from './store/lti/launch-record-repo.js';
import { createPlatformRepo } from './store/lti/platform-repo.js';
import { createRegistrationLinkRepo } from './store/lti/registration-link-repo.js';
import { createDynamicRegistrationHandler } from './lti/dynamic-registration.js';
import { createLaunchedRouter } from './web/routes/launched.js';
import { EMBEDDED_URI_FILE } from './runtime/embedded-uri-file.js';
import { createXapiProfileRouter } from './web/routes/xapi-profile.js';
import { createDeliveryWorker, type DeliveryWorker } from './xapi/outbox/delivery-worker.js';
import { createXapiRuntime, type XapiRuntime } from './xapi/xapi-runtime.js';
import type { LaunchStatementDeps } from './services/launch/record-launch.js';
import { transactionRunner, type RunInTransaction } from './store/mongo/transaction.js';
import { DEV_XAPI_ACTOR_SECRET_FILE, resolveDevSecret } from './runtime/dev-encryption-key.js';
import { randomInt, randomUUID } from 'node:crypto';
import type { TeamworkDeps } from './services/shared/deps.js';
import type { LibraryDeps } from './services/shared/library-deps.js';
import {
  createLibraryStore,
  createTeamworkStore,
  prepareLibraryCollections,
  prepareTeamworkCollections,
} from './store/app-store.js';
import { createCourseDirectory, type CourseDirectory } from './store/lti/course-directory.js';
import { resolveCourseActor } from './web/launch/course-actor.js';

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
  readonly lti: LtiLayer;
  /** The demo platform's registration and people, once started with DEMO_PLATFORM on. */
  demoPlatform(): Awaited<ReturnType<typeof createDemoPlatform>> | undefined;
  /** The xAPI outbox and friends; available once `start()` has connected the database. */
  xapi(): XapiRuntime;
  /** Team tasks, teams and standards (repositories, clock, roster); available after `start()`. */
  teamwork(): TeamworkDeps;
  /** Reflections, retrospectives, stories and the library (with the team-task store); after `start()`. */
  library(): LibraryDeps;
  start(): Promise<StartedTool>;
  /** Idempotent; never throws (failures are logged). */
  stop(): Promise<void>;
}

export function compose(
  config: AppConfig,
  options: { readonly logger: Logger; readonly now?: () => Date },
): Tool {
  const logger = options.logger;
  const log = logger.child({ module: 'lifecycle' });
  const drainGate = createDrainGate();
  const workers = createWorkerRegistry(logger);
  let embedded: EmbeddedMongo | undefined;
  let database: AppDatabase | undefined;
  let server: RunningHttpServer | undefined;
  let starting: Promise<StartedTool> | undefined;
  let stopping: Promise<void> | undefined;
  let launchRecords: LaunchRecordRepo | undefined;
  let demo: Awaited<ReturnType<typeof createDemoPlatform>> | undefined;
  const now = options.now ?? (() => new Date());

  let registrationLinks: ReturnType<typeof createRegistrationLinkRepo> | undefined;
  const lti = createLtiLayer({
    logger,
    now: () => now().getTime(),
    ...(config.lti.dynamicRegistration
      ? {
          onDynamicRegistration: createDynamicRegistrationHandler({
            publicUrl: () => publicUrl,
            links: () => registrationLinks,
            register: (registration) => lti.registerPlatform(registration, 'dynamic'),
            now,
            logger,
          }),
        }
      : {}),
  });
  let publicUrl = config.publicUrl;

  const ltiRoutes = Router();
  ltiRoutes.use(LTI_MOUNT, lti.router);
  let inTransaction: RunInTransaction | undefined;
  let launchStatements: LaunchStatementDeps | undefined;
  ltiRoutes.use(
    createLaunchedRouter({
      launchRecords: {
        record: (input, session) => requireStarted(launchRecords).record(input, session),
        courseSummary: (id) => requireStarted(launchRecords).courseSummary(id),
        findCourseId: (...args) => requireStarted(launchRecords).findCourseId(...args),
      },
      get xapi() {
        return requireStarted(launchStatements);
      },
      inTransaction: (work) => requireStarted(inTransaction)(work),
      now,
    }),
  );
  // Pages of team tasks: every request under /lti/app knows who acts in which course.
  let teamwork: TeamworkDeps | undefined;
  let library: LibraryDeps | undefined;
  let directory: CourseDirectory | undefined;
  ltiRoutes.use(
    '/lti/app',
    resolveCourseActor(() => requireStarted(directory)),
  );
  const demoRoutes = Router();
  demoRoutes.use('/demo', (req, res, next) => (demo === undefined ? next() : demo.router(req, res, next)));
  let xapi: XapiRuntime | undefined;
  let deliveryWorker: DeliveryWorker | undefined;

  const app = createWebApp({
    config,
    logger,
    drainGate,
    pingDatabase: () => (database === undefined ? Promise.resolve(false) : database.ping()),
    registeredFrameAncestors: () => lti.frameAncestors(),
    routers: [ltiRoutes, demoRoutes, createXapiProfileRouter({ publicUrl: config.publicUrl })],
  });

  // The outbox is set up in start() right after the HTTP server knows its URL and before LTI
  // accepts launches (a launch enqueues its statement); this worker only runs the delivery
  // loop, and only where XAPI_DELIVERY is on (off: this process enqueues but does not deliver).
  workers.register({
    name: 'xapi-delivery',
    async start() {
      if (xapi === undefined) throw new Error('the xAPI outbox is not set up');
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
    database = await connectAppDatabase(uri, { dbName: config.mongodbDbName });
    log.info({ dbName: config.mongodbDbName }, 'database connected');
    if (embedded !== undefined) {
      await writeFile(path.join(config.dataDir, EMBEDDED_URI_FILE), embedded.uri, { mode: 0o600 });
    }
    const connection = database.connection;
    launchRecords = createLaunchRecordRepo(connection);
    registrationLinks = createRegistrationLinkRepo(connection);
    inTransaction = transactionRunner(connection);
    directory = createCourseDirectory(connection);
    await prepareTeamworkCollections(connection);
    teamwork = {
      ...createTeamworkStore(connection),
      roster: directory,
      now,
      newId: randomUUID,
      random: () => randomInt(0, 2 ** 48) / 2 ** 48,
    };
    await prepareLibraryCollections(connection);
    library = { ...teamwork, ...createLibraryStore(connection) };
    // With PORT=0 the public URL is known only once the server listens: listen first, then
    // serve LTI (the lti router answers 503 until it is started; readiness waits for both).
    server = await startHttpServer(app, { host: config.host, port: config.port });
    const url = publicUrlFor(config, server.port);
    publicUrl = url.replace(/\/+$/, '');
    const actorSecret = await resolveDevSecret(
      config.xapi.actorSecret,
      config.dataDir,
      DEV_XAPI_ACTOR_SECRET_FILE,
    );
    xapi = await createXapiRuntime({
      connection,
      toolUrl: publicUrl,
      lrs: config.lrs,
      xapi: config.xapi,
      encryptionKey: encryptionKey.key,
      actorSecret: actorSecret.key,
      onEvent: (event) => xapiLog[event.type === 'sent' ? 'debug' : 'warn'](event, 'xapi delivery'),
    });
    launchStatements = {
      outbox: xapi.outbox,
      platformSettings: xapi.platformSettings,
      pseudonymizer: xapi.pseudonymizer,
      toolUrl: publicUrl,
    };
    await lti.start(
      ltiOptionsFromConfig(config.lti, { publicUrl, encryptionKey: encryptionKey.key, databaseUri: uri }),
      { platforms: createPlatformRepo(connection), nonces: createLaunchNonceRepo(connection) },
    );
    for (const registration of await loadPlatformFiles(config.lti.configDir)) {
      await lti.registerPlatform(registration, 'file');
      log.info(
        { issuer: registration.issuer, clientId: registration.clientId },
        'platform registered from file',
      );
    }
    if (config.demoPlatform) {
      const urls = toolUrls(publicUrl);
      demo = await createDemoPlatform({
        publicUrl,
        tool: {
          loginUrl: urls.login,
          launchUrl: urls.launch,
          jwksUrl: urls.keyset,
          deepLinkUrl: urls.deepLinking,
        },
        connection,
        now,
      });
      if (config.nodeEnv !== 'production') await lti.registerPlatform(demo.registration, 'demo');
      log.info({ url: `${publicUrl}/demo` }, 'demo platform ready');
    }
    await workers.startAll();
    log.info({ url, host: config.host, port: server.port }, 'teamloop ready');
    return { url, port: server.port, databaseUri: uri, embeddedDbPath, encryptionKey };
  }

  async function stopParts(): Promise<void> {
    drainGate.beginDraining();
    const steps: Array<[string, () => Promise<void>]> = [
      ['http server', async () => server?.close(Math.max(100, Math.floor(config.shutdownTimeoutMs / 2)))],
      ['workers', () => workers.stopAll()],
      ['lti', () => lti.stop()],
      ['database connection', async () => database?.close()],
      [
        'embedded database uri file',
        async () => embedded && rm(path.join(config.dataDir, EMBEDDED_URI_FILE), { force: true }),
      ],
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
    lti,
    demoPlatform: () => demo,
    xapi() {
      if (xapi === undefined) throw new Error('xAPI is available after start()');
      return xapi;
    },
    teamwork() {
      if (teamwork === undefined) throw new Error('team tasks are available after start()');
      return teamwork;
    },
    library() {
      if (library === undefined) throw new Error('the library is available after start()');
      return library;
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

function requireStarted<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('teamloop is not started');
  return value;
}
