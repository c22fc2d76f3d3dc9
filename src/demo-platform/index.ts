/**
 * The built-in demo LTI 1.3 platform: a small LMS inside the same server, for trying Teamloop
 * without a real LMS and for integration and browser tests. It has its own signing key and
 * JWKS, an OIDC authorisation endpoint, a token endpoint, and a demo course with an instructor
 * and eight learners whose page launches the tool through the real third-party-initiated login
 * and a signed id_token, into an iframe as an LMS does.
 *
 * Nothing here is reachable unless the caller mounts `router` (the composition root does so
 * only when `DEMO_PLATFORM` is on). Works with any LTI 1.3 tool given its URLs.
 */
import type { PlatformRegistration } from '../domain/lti/platform.js';
import type { Router } from 'express';
import type { Connection } from 'mongoose';
import { createAccessTokenIssuer } from './access-tokens.js';
import { DEFAULT_PLACEMENT_ID, DEMO_COURSE, DEMO_USERS } from './course.js';
import { createLoginHintStore } from './login-hints.js';
import { createDemoCourseStore, type ScoreFailure } from './course-store.js';
import type { DemoPlatformContext } from './platform-context.js';
import { loadPlatformKey } from './platform-key.js';
import { createDemoPlatformRouter } from './router.js';

export interface DemoPlatformOptions {
  /** The server's PUBLIC_URL, e.g. http://localhost:3000. */
  readonly publicUrl: string;
  /** Default '/demo'; issuer = publicUrl + basePath. */
  readonly basePath?: string;
  readonly tool: {
    readonly loginUrl: string;
    readonly launchUrl: string;
    readonly jwksUrl: string;
    readonly deepLinkUrl?: string;
  };
  /** The app's own connection (NOT mongoose's default one, which ltijs owns). */
  readonly connection: Connection;
  readonly now?: () => Date;
  /** Members per NRPS page; default 4, so the demo roster of 9 takes 3 pages. */
  readonly nrpsPageSize?: number;
}

/** What the tool must register for the demo platform: a platform registration like any other. */
export type DemoPlatformRegistration = PlatformRegistration;

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly role: 'instructor' | 'learner';
}

export interface DemoPlatform {
  /** Mount at basePath: `app.use(basePath, platform.router)`. */
  readonly router: Router;
  /** What the tool must register. */
  readonly registration: DemoPlatformRegistration;
  readonly course: { readonly id: string; readonly title: string; readonly label: string };
  /** 1 instructor + 8 learners, stable ids. */
  readonly users: readonly DemoUser[];
  /**
   * Path (including basePath, e.g. `/demo/launch?user=demo-learner-1&link=demo-team-task-1`)
   * that starts a launch as `userId` into resource link `linkId`; GET it and follow the
   * redirects and self-submitting forms. Throws for an unknown user.
   */
  launchPath(userId: string, linkId?: string, options?: { readonly services?: boolean }): string;
  /** Path that starts a deep-linking request ("add activity") as `userId`. */
  deepLinkPath(userId: string): string;
  /** Demo administration: the member leaves the course (NRPS stops listing them) or comes back. */
  removeMember(userId: string): Promise<void>;
  restoreMember(userId: string): Promise<void>;
  /** Test hook: the next `count` AGS score posts fail with `failure` (e.g. 503, Retry-After). */
  failNextScores(count: number, failure: ScoreFailure): void;
}

export const DEFAULT_BASE_PATH = '/demo';
export const DEMO_CLIENT_ID = 'teamloop-demo';
export const DEMO_DEPLOYMENT_ID = 'teamloop-demo-deployment-1';
export const DEMO_PLATFORM_NAME = 'Teamloop demo LMS';

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/')) {
    throw new Error(`demo platform basePath must start with "/": ${basePath}`);
  }
  return trimmed;
}

export async function createDemoPlatform(options: DemoPlatformOptions): Promise<DemoPlatform> {
  const now = options.now ?? (() => new Date());
  const basePath = normaliseBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const issuer = publicUrl + basePath;
  const registration: DemoPlatformRegistration = Object.freeze({
    issuer,
    clientId: DEMO_CLIENT_ID,
    deploymentIds: Object.freeze([DEMO_DEPLOYMENT_ID]),
    authUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    name: DEMO_PLATFORM_NAME,
  });

  const key = await loadPlatformKey(options.connection, now());
  const courseStore = await createDemoCourseStore(options.connection);
  const context: DemoPlatformContext = {
    publicUrl,
    basePath,
    issuer,
    clientId: DEMO_CLIENT_ID,
    deploymentId: DEMO_DEPLOYMENT_ID,
    tool: options.tool,
    platformInfo: {
      guid: `teamloop-demo:${new URL(publicUrl).host}`,
      name: DEMO_PLATFORM_NAME,
      productFamilyCode: 'teamloop-demo',
      version: '1.0',
    },
    key,
    loginHints: await createLoginHintStore(options.connection),
    accessTokens: await createAccessTokenIssuer(options.connection, key, {
      issuer,
      clientId: DEMO_CLIENT_ID,
      tokenUrl: registration.tokenUrl,
      toolJwksUrl: options.tool.jwksUrl,
    }),
    courseStore,
    nrpsPageSize: options.nrpsPageSize ?? 4,
    now,
  };

  return {
    router: createDemoPlatformRouter(context),
    registration,
    course: DEMO_COURSE,
    users: DEMO_USERS,
    launchPath(userId, linkId = DEFAULT_PLACEMENT_ID, launchOptions = {}) {
      if (!DEMO_USERS.some((u) => u.id === userId)) throw new Error(`no demo user ${userId}`);
      const query = new URLSearchParams({ user: userId, link: linkId });
      if (launchOptions.services === false) query.set('services', 'none');
      return `${basePath}/launch?${query.toString()}`;
    },
    deepLinkPath(userId) {
      if (!DEMO_USERS.some((u) => u.id === userId)) throw new Error(`no demo user ${userId}`);
      return `${basePath}/deep-link?${new URLSearchParams({ user: userId }).toString()}`;
    },
    removeMember: (userId) => courseStore.removeMember(userId, now()),
    restoreMember: (userId) => courseStore.restoreMember(userId),
    failNextScores: (count, failure) => courseStore.failNextScores(count, failure),
  };
}
