/**
 * The demo platform's routes, relative to where it is mounted (`basePath`). Services added
 * later (Deep Linking return, NRPS memberships, AGS line items and scores) become sibling
 * `*-routes.ts` files listed here.
 */
import { Router } from 'express';
import { createCourseRouter } from './course-routes.js';
import { createKeyRouter } from './key-routes.js';
import { createOidcRouter } from './oidc-routes.js';
import type { DemoPlatformContext } from './platform-context.js';
import { createTokenRouter } from './token-routes.js';
import { createServiceRouter } from './service-routes.js';
import { createDeepLinkingRouter } from './deep-linking-routes.js';

export function createDemoPlatformRouter(context: DemoPlatformContext): Router {
  const router = Router();
  router.use(createCourseRouter(context));
  router.use(createOidcRouter(context));
  router.use(createKeyRouter(context));
  router.use(createTokenRouter(context));
  router.use(createServiceRouter(context));
  router.use(createDeepLinkingRouter(context));
  return router;
}
