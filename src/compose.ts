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
import { createLearningEventStatements } from './xapi/learning-event-statements.js';
import { createStatementDirectory } from './store/lti/statement-directory.js';
import type { LearningEventSink } from './services/shared/learning-events.js';
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
import { createLibraryRouter } from './web/routes/library.js';
import { createReflectionRouter } from './web/routes/reflection.js';
import { createReviewRouter } from './web/routes/review.js';
import { createStandardRouter } from './web/routes/standard.js';
import { createLearnerHome } from './web/routes/my-teams.js';
import { createPhaseScheduler, type PhaseScheduler } from './runtime/phase-scheduler.js';
import { applyDueTransitions } from './services/tasks/apply-due-transitions.js';
import { createTasksRouter } from './web/routes/tasks.js';
import { tenantKeyOf } from './domain/shared/tenant.js';
import { courseTasksView } from './web/routes/tasks/course-tasks-view.js';
import type { ReviewDeps } from './services/shared/review-deps.js';
import { createSubmissionFileRouter } from './web/routes/submission-files.js';
import { createReviewStore, prepareReviewCollections } from './store/review-store.js';
import { DEFAULT_SUBMISSION_LIMITS } from './domain/submission/submission.js';
import { createAdvantageClients, type AdvantageClients } from './lti/advantage/index.js';
import type { PlatformRepo } from './store/lti/platform-repo.js';
import { createRosterRepo, type RosterRepo } from './store/lti/roster-repo.js';
import { createRosterSync, type RosterSync } from './services/roster/sync-roster.js';
import { createRosterRouter } from './web/routes/roster.js';
import { asCourseId } from './domain/shared/ids.js';
import type { LaunchHooks } from './web/routes/launched.js';
import { createPlacementRepo, type PlacementRepo } from './store/lti/placement-repo.js';
import { createGradeQueueRepo, type GradeQueueRepo } from './store/grades/grade-queue-repo.js';
import { createGradebook } from './services/grades/publish-grade.js';
import { createPublishWorker, type PublishWorker } from './services/grades/publish-worker.js';
import type { GradebookPort } from './services/shared/gradebook.js';
import { resolvePlacement } from './services/placements/resolve-placement.js';
import { createGradesRouter } from './web/routes/grades.js';
import { createPlacementsRouter, PLACEMENT_PATHS } from './web/routes/placements.js';
import { signDeepLinkingResponse } from './lti/deep-linking-response.js';
import { placementModel } from './store/mongo/models/placement.model.js';
import { gradePublicationModel } from './store/mongo/models/grade-publication.model.js';

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
  /** Submissions, reviews and grades (team-task deps plus their store, files, names, gradebook); after `start()`. */
  reviews(): ReviewDeps;
  /** LTI Advantage clients (service tokens, NRPS, AGS); available after `start()`. */
  advantage(): AdvantageClients;
  /** Queues scores for the LMS gradebook (AGS); available after `start()`. */
  gradebook(): GradebookPort;
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
  let platforms: PlatformRepo | undefined;
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

  const advantage = createAdvantageClients({
    sign: (platform, payload) => lti.signAsTool(platform, payload),
    tokenUrl: async (platform) =>
      (await requireStarted(platforms).find(platform.issuer, platform.clientId))?.tokenUrl,
    now: () => now().getTime(),
    timeoutMs: config.advantage.serviceTimeoutMs,
    retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 },
  });

  let teamwork: TeamworkDeps | undefined;
  let directory: CourseDirectory | undefined;
  let rosters: RosterRepo | undefined;
  let rosterSync: RosterSync | undefined;
  let placements: PlacementRepo | undefined;
  let gradeQueue: GradeQueueRepo | undefined;
  let gradebook: GradebookPort | undefined;
  let publishWorker: PublishWorker | undefined;
  const placementResolution = (
    launch: Parameters<NonNullable<LaunchHooks['landingPath']>>[0],
    courseId: string,
  ) =>
    launch.placement === undefined
      ? Promise.resolve(undefined)
      : resolvePlacement(
          { placements: requireStarted(placements), teamTasks: requireStarted(teamwork).teamTasks },
          {
            issuer: launch.platform.issuer,
            deploymentId: launch.deployment.id,
            courseId: asCourseId(courseId),
            resourceLinkId: launch.placement.id,
            custom: launch.custom,
            lineItemUrl: launch.services?.grades?.lineItemUrl,
          },
        );
  const advantageLog = logger.child({ module: 'lti-advantage' });
  const launchHooks: LaunchHooks = {
    afterLaunch(launch, ids) {
      // A facilitator's launch refreshes a stale roster in the background (never waits on the LMS).
      if (!launch.roles.course.includes('facilitator') || rosterSync === undefined) return;
      rosterSync
        .syncIfStale(asCourseId(ids.courseId), config.advantage.rosterSyncMaxAgeMinutes * 60_000)
        .then((outcome) => {
          if (outcome !== undefined) advantageLog.info({ courseId: ids.courseId, outcome }, 'roster synced');
        })
        .catch((err: unknown) => advantageLog.warn({ err, courseId: ids.courseId }, 'roster sync failed'));
    },
    async landingPath(launch, ids) {
      const facilitator = launch.roles.course.includes('facilitator');
      if (launch.messageType === 'LtiDeepLinkingRequest') {
        return facilitator && launch.services?.deepLinking !== undefined
          ? PLACEMENT_PATHS.deepLinking
          : undefined;
      }
      const resolved = await placementResolution(launch, ids.courseId);
      return resolved?.kind === 'task' ? PLACEMENT_PATHS.task(resolved.taskId) : undefined;
    },
    async landingExtras(launch, courseId) {
      const resolved = await placementResolution(launch, courseId);
      return {
        advantage: {
          setupPath: resolved?.kind === 'unconfigured' ? PLACEMENT_PATHS.setup : undefined,
          failedGrades: await requireStarted(gradeQueue).countFailed(asCourseId(courseId)),
        },
      };
    },
  };

  const ltiRoutes = Router();
  ltiRoutes.use(LTI_MOUNT, lti.router);
  let inTransaction: RunInTransaction | undefined;
  let launchStatements: LaunchStatementDeps | undefined;
  // Pages of team tasks: every request under /lti/app knows who acts in which course (resolved
  // before the landing pages, so the facilitator's course page can list the course's tasks).
  ltiRoutes.use(
    '/lti/app',
    resolveCourseActor(() => requireStarted(directory)),
  );
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
      courseTasks: (who, locale, launch) =>
        courseTasksView(requireStarted(teamwork), who, locale, {
          deps: requireStarted(library),
          who: { ...who, tenant: tenantKeyOf(launch.platform) },
        }),
      learnerHome: createLearnerHome({
        teamwork: () => requireStarted(teamwork),
        directory: () => requireStarted(directory),
        progress: () => requireStarted(reviews),
      }),
      hooks: launchHooks,
    }),
  );
  let reviews: ReviewDeps | undefined;
  let learningEvents: LearningEventSink | undefined;
  let library: LibraryDeps | undefined;
  ltiRoutes.use(
    createTasksRouter({
      teamwork: () => requireStarted(teamwork),
      people: (ids) => requireStarted(directory).people(ids),
      library: () => requireStarted(library),
      progress: () => requireStarted(reviews),
    }),
  );
  ltiRoutes.use(createSubmissionFileRouter({ reviews: () => requireStarted(reviews) }));
  // Peer review pages (issue 7): learners' submission, reviews and feedback; facilitators' dashboard.
  ltiRoutes.use(createReviewRouter({ reviews: () => requireStarted(reviews) }));
  // A team's standard-setting page and its actions (members of the team, facilitators).
  ltiRoutes.use(
    createStandardRouter({
      teamwork: () => requireStarted(teamwork),
      directory: () => requireStarted(directory),
      libraryStandards: () => requireStarted(library).libraryStandards,
    }),
  );
  // The library, stories and curation (everyone in the course; the services decide what each sees).
  ltiRoutes.use(
    createLibraryRouter({
      library: () => requireStarted(library),
      people: (ids) => requireStarted(directory).people(ids),
      courseNames: (ids, tenant) => requireStarted(directory).courseNames(ids, tenant),
    }),
  );
  // A learner's reflection and a team's retrospective on a task.
  ltiRoutes.use(
    createReflectionRouter({
      library: () => requireStarted(library),
      reviews: () => requireStarted(reviews),
      people: (ids) => requireStarted(directory).people(ids),
    }),
  );
  ltiRoutes.use(
    createRosterRouter({
      rosterSync: () => requireStarted(rosterSync),
      rosters: () => requireStarted(rosters),
    }),
  );
  ltiRoutes.use(
    createGradesRouter({
      queue: () => requireStarted(gradeQueue),
      people: (ids) => requireStarted(directory).people(ids),
      teamTasks: () => requireStarted(teamwork).teamTasks,
      now,
      wake: () => publishWorker?.wake(),
    }),
  );
  ltiRoutes.use(
    createPlacementsRouter({
      place: () => ({
        teamwork: requireStarted(teamwork),
        placements: requireStarted(placements),
        library: requireStarted(library),
      }),
      launchUrl: () => toolUrls(publicUrl).launch,
      deepLinkingResponse: (launch, items) =>
        signDeepLinkingResponse(
          (platform, payload) => lti.signAsTool(platform, payload),
          launch,
          items,
          now(),
        ),
      isConfigured: async (launch, courseId) =>
        (await placementResolution(launch, courseId))?.kind === 'task',
    }),
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
  // Team tasks move on by their dates: one run at start, then every TEAM_TASK_SCHEDULE_INTERVAL_MS.
  let phaseScheduler: PhaseScheduler | undefined;
  workers.register({
    name: 'phase-scheduler',
    start() {
      phaseScheduler = createPhaseScheduler({
        apply: () => applyDueTransitions(requireStarted(teamwork)),
        intervalMs: config.phaseScheduleIntervalMs,
        logger,
      });
      phaseScheduler.start();
    },
    async stop() {
      await phaseScheduler?.stop();
    },
  });
  const xapiLog = logger.child({ module: 'xapi' });

  // Scores for LMS gradebooks (AGS) are queued by requests and sent only by this worker.
  workers.register({
    name: 'grade-publishing',
    start() {
      if (!config.advantage.gradePublishing) return;
      publishWorker = createPublishWorker({
        queue: requireStarted(gradeQueue),
        placements: requireStarted(placements),
        rosters: requireStarted(rosters),
        grades: {
          findLineItem: (platform, url, match) => advantage.ags.findLineItem(platform, url, match),
          createLineItem: (platform, url, spec) => advantage.ags.createLineItem(platform, url, spec),
          postScore: (platform, url, score) => advantage.ags.postScore(platform, url, score),
        },
        now,
        pollIntervalMs: config.advantage.gradePollIntervalMs,
        retryBaseMs: config.advantage.gradeRetryBaseMs,
        maxAttempts: config.advantage.gradeMaxAttempts,
        logger,
      });
      publishWorker.start();
    },
    async stop() {
      await publishWorker?.stop();
    },
  });

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
    platforms = createPlatformRepo(connection);
    rosters = createRosterRepo(connection);
    placements = createPlacementRepo(connection);
    gradeQueue = createGradeQueueRepo(connection);
    for (const model of [placementModel(connection), gradePublicationModel(connection)]) {
      await model.createCollection().catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
      });
      await model.syncIndexes();
    }
    gradebook = createGradebook({
      queue: gradeQueue,
      placements,
      rosters,
      now,
      wake: () => publishWorker?.wake(),
    });
    rosterSync = createRosterSync({
      rosters,
      service: { fetch: (platform, url) => advantage.roster(platform, url) },
      roles: { viewerRoles: config.lti.viewerRoles },
      now,
    });
    inTransaction = transactionRunner(connection);
    directory = createCourseDirectory(connection);
    await prepareTeamworkCollections(connection);
    teamwork = {
      ...createTeamworkStore(connection),
      roster: directory,
      now,
      newId: randomUUID,
      // randomInt's range must stay below 2^48; 2^47 steps are plenty for shuffling teams.
      random: () => randomInt(0, 2 ** 47) / 2 ** 47,
      gradebook,
      // Learning events become xAPI statements in the outbox (set up below, before any request).
      events: { record: (events, tx) => requireStarted(learningEvents).record(events, tx) },
    };
    await prepareReviewCollections(connection);
    reviews = {
      ...teamwork,
      ...createReviewStore(connection),
      directory,
      gradebook,
      submissionLimits: {
        ...DEFAULT_SUBMISSION_LIMITS,
        maxFileBytes: config.submissions.maxFileBytes,
        allowedContentTypes: config.submissions.allowedContentTypes,
      },
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
    learningEvents = createLearningEventStatements({
      outbox: xapi.outbox,
      platformSettings: xapi.platformSettings,
      pseudonymizer: xapi.pseudonymizer,
      toolUrl: publicUrl,
      directory: createStatementDirectory(connection, teamwork),
    });
    launchStatements = {
      outbox: xapi.outbox,
      platformSettings: xapi.platformSettings,
      pseudonymizer: xapi.pseudonymizer,
      toolUrl: publicUrl,
    };
    await lti.start(
      ltiOptionsFromConfig(config.lti, { publicUrl, encryptionKey: encryptionKey.key, databaseUri: uri }),
      { platforms, nonces: createLaunchNonceRepo(connection) },
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
    reviews() {
      if (reviews === undefined) throw new Error('peer review is available after start()');
      return reviews;
    },
    advantage: () => advantage,
    gradebook: () => requireStarted(gradebook),
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
