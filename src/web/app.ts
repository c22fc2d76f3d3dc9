/**
 * The express application: middleware order matters and is fixed here.
 * request id + log → locale → drain gate → security headers → static assets → health → pages
 * → 404 → error handler. The LTI layer (ltijs, serverless) will mount its routes on this app.
 */
import express, { type Express, type Router } from 'express';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { PUBLIC_DIR, VIEWS_DIR } from '../paths.js';
import { ASSETS_MOUNT, buildAssetManifest, serveAssets } from './assets.js';
import { installViewEngine } from './handlebars/engine.js';
import type { DrainGate } from './middleware/drain-gate.js';
import { errorHandler, notFoundHandler } from './middleware/error-handler.js';
import { pickLocale } from './middleware/locale.js';
import { createRequestLogger } from './middleware/request-logger.js';
import { securityHeaders } from './middleware/security-headers.js';
import { createHealthRouter } from './routes/health.js';
import { createHomeRouter } from './routes/home.js';

export interface WebAppDeps {
  readonly config: Pick<AppConfig, 'publicUrl' | 'frameAncestors'>;
  readonly logger: Logger;
  readonly drainGate: DrainGate;
  readonly pingDatabase: () => Promise<boolean>;
  /** Origins of registered platforms, allowed to frame the tool (CSP frame-ancestors). */
  readonly registeredFrameAncestors?: () => readonly string[];
  /** Feature routers added by later layers (LTI, team tasks, demo platform), in order. */
  readonly routers?: readonly Router[];
}

export function createWebApp(deps: WebAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const assets = buildAssetManifest(PUBLIC_DIR);
  installViewEngine(app, { viewsDir: VIEWS_DIR, assets });

  app.use(createRequestLogger(deps.logger));
  app.use(pickLocale());
  app.use(deps.drainGate.middleware);
  app.use(
    securityHeaders({
      ...deps.config,
      ...(deps.registeredFrameAncestors === undefined
        ? {}
        : { registeredFrameAncestors: deps.registeredFrameAncestors }),
    }),
  );
  app.use(ASSETS_MOUNT, serveAssets(PUBLIC_DIR, assets));
  app.use(createHealthRouter({ pingDatabase: deps.pingDatabase, isDraining: deps.drainGate.isDraining }));
  app.use(createHomeRouter());
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFoundHandler());
  app.use(errorHandler({ logger: deps.logger }));
  return app;
}
