import type { Router } from 'express';
import { createWebApp } from '../../src/web/app.js';
import { createDrainGate, type DrainGate } from '../../src/web/middleware/drain-gate.js';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';
import { createMemoryLog, type MemoryLog } from './memory-log.js';

export interface TestWebApp extends LoopbackServer {
  readonly log: MemoryLog;
  readonly drainGate: DrainGate;
}

/** The real web app (views, middleware, error handler) on loopback, with a controllable database ping. */
export async function startTestWebApp(
  options: {
    pingDatabase?: () => Promise<boolean>;
    frameAncestors?: readonly string[];
    publicUrl?: string;
    routers?: readonly Router[];
  } = {},
): Promise<TestWebApp> {
  const log = createMemoryLog('info');
  const drainGate = createDrainGate();
  const app = createWebApp({
    config: {
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
      frameAncestors: options.frameAncestors ?? [],
    },
    logger: log.logger,
    drainGate,
    pingDatabase: options.pingDatabase ?? (() => Promise.resolve(true)),
    ...(options.routers === undefined ? {} : { routers: options.routers }),
  });
  const server = await listenOnLoopback(app);
  return { ...server, log, drainGate };
}
