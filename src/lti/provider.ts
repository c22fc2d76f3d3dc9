/**
 * ltijs, owned by us. One `LtiLayer` per tool instance:
 * - ltijs runs serverless; `lti.app` is reached through `router` (mounted at `/lti` in our app);
 *   its routes are `/lti/login`, `/lti/launch`, `/lti/deep-linking`, `/lti/keys`, `/lti/register`;
 * - it keeps its own database (the default connection of its own mongoose 7, on `dbName`), apart
 *   from the app's `createConnection`; `stop()` closes it; its SIGINT handler is removed and a
 *   failed deploy throws instead of exiting the process;
 * - every id_token POST is checked first by `id-token-verifier.ts` (cached JWKS, deployments,
 *   nonce, skew, claim shapes); the key it verified with is handed to ltijs for that request
 *   only (AsyncLocalStorage), so ltijs does not fetch the platform JWKS again;
 * - ltijs acts as the session gate: after its checks, requests fall through `lti.app` back into
 *   our app with `res.locals.launch` (a LaunchContext) set, where our routes render pages;
 * - every ltijs callback is wrapped so an async throw becomes an error page, not a crash.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { SignJWT, type JWK } from 'jose';
import type { LtijsPlatform, LtijsProvider } from 'ltijs';
import { LaunchRefusedError } from '../domain/lti/launch-refused.js';
import type { Platform, PlatformRegistration, PlatformSource } from '../domain/lti/platform.js';
import { platformOrigins } from '../domain/lti/platform.js';
import type { RoleMappingOptions } from '../domain/lti/roles.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { LaunchNonceRepo } from '../store/lti/launch-nonce-repo.js';
import type { PlatformRepo } from '../store/lti/platform-repo.js';
import { createIdTokenVerifier } from './id-token-verifier.js';
import { createJwksCache, type JwksCache } from './jwks-cache.js';
import { launchContextFromLtijs, launchIdFromLtik } from './launch-context.js';
import { loadLtijsProvider } from './ltijs-loader.js';
import { LTI_ROUTES, toolUrls } from './tool-urls.js';

export interface LtiOptions {
  readonly publicUrl: string;
  readonly encryptionKey: string;
  /** Server URI for ltijs's own database (no database name needed). */
  readonly databaseUri: string;
  readonly databaseName: string;
  readonly maxTokenAgeSeconds: number;
  readonly clockSkewSeconds: number;
  readonly roles: RoleMappingOptions;
}

/** The LTI options that come from configuration, for the server and the CLI alike. */
export function ltiOptionsFromConfig(
  lti: AppConfig['lti'],
  where: Pick<LtiOptions, 'publicUrl' | 'encryptionKey' | 'databaseUri'>,
): LtiOptions {
  return {
    ...where,
    databaseName: lti.databaseName,
    maxTokenAgeSeconds: lti.maxTokenAgeSeconds,
    clockSkewSeconds: lti.clockSkewSeconds,
    roles: { viewerRoles: lti.viewerRoles },
  };
}

export interface LtiStores {
  readonly platforms: PlatformRepo;
  readonly nonces: LaunchNonceRepo;
}

/** Runs a dynamic registration for the request (see `dynamic-registration.ts`). */
export type DynamicRegistrationHandler = (req: Request) => Promise<Platform>;

export interface LtiLayer {
  /** Mount at `/lti`; answers 503 until `start()` resolves. */
  readonly router: Router;
  readonly jwks: JwksCache;
  start(options: LtiOptions, stores: LtiStores): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
  /** Registers (or updates) a platform in ltijs and in the app database. */
  registerPlatform(registration: PlatformRegistration, source: PlatformSource): Promise<Platform>;
  removePlatform(issuer: string, clientId: string): Promise<boolean>;
  /** Origins of registered platforms (for CSP frame-ancestors); refreshed at most every 30 s. */
  frameAncestors(): readonly string[];
  /** Refreshes `frameAncestors()` now. */
  refreshFrameAncestors(): Promise<void>;
  /** The running provider (dynamic registration needs it). */
  provider(): LtijsProvider;
  /**
   * Signs a JWT as the tool towards one platform: RS256 with the key ltijs generated for that
   * registration, whose public half `/lti/keys` publishes under the same `kid` (service-token
   * assertions, deep-linking responses).
   */
  signAsTool(
    platform: { issuer: string; clientId: string },
    payload: Record<string, unknown>,
  ): Promise<string>;
}

interface VerifiedKey {
  readonly jwk: JWK;
}

const FRAME_ANCESTOR_TTL_MS = 30_000;
const PLATFORM_CACHE_MS = 5_000;

export function createLtiLayer(deps: {
  readonly logger: Logger;
  readonly now?: () => number;
  readonly onDynamicRegistration?: DynamicRegistrationHandler;
}): LtiLayer {
  const log = deps.logger.child({ module: 'lti' });
  const now = deps.now ?? Date.now;
  const jwks = createJwksCache({ now });
  const verifiedKeys = new AsyncLocalStorage<VerifiedKey>();
  let provider: LtijsProvider | undefined;
  let stores: LtiStores | undefined;
  let origins: readonly string[] = [];
  let originsAt = 0;
  let refreshing: Promise<void> | undefined;
  const toolKeys = new Map<string, Promise<{ kid: string; key: KeyObject }>>();

  const router = Router();
  router.use((req, res, next) => {
    if (provider === undefined) {
      res.status(503).type('text/plain').send('starting');
      return;
    }
    // Like express's own sub-app mounting: lti.app swaps the request/response prototypes to
    // its own; restore ours when the request falls through, so our views and errors apply.
    const requestProto: unknown = Object.getPrototypeOf(req);
    const responseProto: unknown = Object.getPrototypeOf(res);
    provider.app(req, res, (err?: unknown) => {
      Object.setPrototypeOf(req, requestProto as object);
      Object.setPrototypeOf(res, responseProto as object);
      next(err);
    });
  });

  function requireProvider(): LtijsProvider {
    if (provider === undefined) throw new Error('the LTI layer is not started');
    return provider;
  }

  // Registrations change rarely; launches look them up on every id_token. A short cache keeps
  // that off the database while changes from the CLI (another process) apply within seconds.
  const platformCache = new Map<string, { at: number; platforms: Promise<readonly Platform[]> }>();
  function platformsByIssuer(issuer: string): Promise<readonly Platform[]> {
    const hit = platformCache.get(issuer);
    if (hit !== undefined && now() - hit.at < PLATFORM_CACHE_MS) return hit.platforms;
    const platforms = stores!.platforms.findByIssuer(issuer);
    platformCache.set(issuer, { at: now(), platforms });
    platforms.catch(() => platformCache.delete(issuer));
    if (platformCache.size > 1000) platformCache.clear();
    return platforms;
  }

  async function refreshFrameAncestors(): Promise<void> {
    if (stores === undefined) return;
    const list = await stores.platforms.list();
    origins = [...new Set(list.flatMap(platformOrigins))];
    originsAt = now();
  }

  /** An ltijs callback that cannot crash the process: any throw goes to our error handler. */
  function guarded<A extends unknown[]>(
    fn: (req: Request, res: Response, next: NextFunction, ...rest: A) => unknown,
  ): (req: Request, res: Response, next: NextFunction, ...rest: A) => void {
    return (req, res, next, ...rest) => {
      const forward = typeof next === 'function' ? next : (req.next as NextFunction);
      Promise.resolve()
        .then(() => fn(req, res, forward, ...rest))
        .catch((err: unknown) => forward(err));
    };
  }

  async function start(options: LtiOptions, given: LtiStores): Promise<void> {
    if (provider !== undefined) return;
    stores = given;
    const lti = loadLtijsProvider();
    const https = options.publicUrl.startsWith('https:');
    const urls = toolUrls(options.publicUrl);
    const verify = createIdTokenVerifier({
      jwks,
      findPlatforms: (issuer) => platformsByIssuer(issuer),
      claimNonce: (issuer, nonce, expiresAt) => given.nonces.claim(issuer, nonce, expiresAt),
      now,
      maxTokenAgeSeconds: options.maxTokenAgeSeconds,
      clockSkewSeconds: options.clockSkewSeconds,
      roles: options.roles,
    });

    lti.setup(
      options.encryptionKey,
      { url: options.databaseUri, connection: { dbName: options.databaseName } },
      {
        appRoute: LTI_ROUTES.launch,
        loginRoute: LTI_ROUTES.login,
        keysetRoute: LTI_ROUTES.keyset,
        dynRegRoute: LTI_ROUTES.registration,
        cors: false,
        devMode: false,
        // Our verifier enforces the real limit first; ltijs only must not refuse what we accepted.
        tokenMaxAge: options.maxTokenAgeSeconds + options.clockSkewSeconds + 30,
        cookies: https ? { secure: true, sameSite: 'None' } : { secure: false, sameSite: 'Lax' },
        // Only makes ltijs route /register to our (link-gated) handler; ltijs's register() is unused.
        ...(deps.onDynamicRegistration === undefined
          ? {}
          : { dynReg: { url: `${urls.publicUrl}/lti`, name: 'Teamloop' } }),
        serverAddon: (app) => {
          // The login must send the platform back to one of our own URLs (no open redirect).
          app.all(LTI_ROUTES.login, (req, _res, next) => {
            const params = {
              ...(req.query as Record<string, unknown>),
              ...(req.body as Record<string, unknown>),
            };
            const target = params['target_link_uri'];
            if (typeof target === 'string' && !target.startsWith(`${urls.publicUrl}/lti/`)) {
              next(new LaunchRefusedError('invalid-claims', 'target_link_uri outside the tool'));
              return;
            }
            next();
          });
          // Every id_token POST: our checks first; the verified key rides along for ltijs.
          app.use(
            guarded(async (req, res, next) => {
              const body = (req.body ?? {}) as Record<string, unknown>;
              const token = (req as Request & { token?: unknown }).token;
              if (req.method !== 'POST' || token !== undefined || body['id_token'] === undefined) {
                next();
                return;
              }
              const state = typeof body['state'] === 'string' ? body['state'] : '';
              const cookie: unknown = (req.signedCookies as Record<string, unknown>)[`state${state}`];
              const verified = await verify({
                idToken: body['id_token'],
                stateIssuer: typeof cookie === 'string' ? cookie : undefined,
              });
              res.locals['verifiedLaunch'] = {
                issuer: verified.platform.issuer,
                clientId: verified.platform.clientId,
              };
              verifiedKeys.run({ jwk: verified.jwk }, () => next());
            }),
          );
        },
      },
    );

    // ltijs looks the platform up through `this.getPlatform` during validation; within a launch
    // we already verified, answer with the exact key we verified against (JWK_KEY) so ltijs does
    // not fetch the platform's JWKS again. Outside such a launch nothing changes.
    const original = lti.getPlatform.bind(lti);
    const patched = async (...args: Parameters<LtijsProvider['getPlatform']>) => {
      const platform = await original(...args);
      const verified = verifiedKeys.getStore();
      if (verified === undefined || platform === false || Array.isArray(platform)) return platform;
      return withAuthConfig(platform, { method: 'JWK_KEY', key: JSON.stringify(verified.jwk) });
    };
    Object.defineProperty(lti, 'getPlatform', { value: patched, configurable: true, writable: true });

    const toLaunch = (req: Request, res: Response, next: NextFunction): void => {
      const token = res.locals['token'] as Parameters<typeof launchContextFromLtijs>[0] | undefined;
      if (token !== undefined) {
        res.locals['ltik'] = res.locals['ltik'] ?? req.query['ltik'];
        res.locals['launch'] = launchContextFromLtijs(
          token,
          options.roles,
          launchIdFromLtik(res.locals['ltik']),
        );
      }
      next();
    };
    const onLaunch = (_token: unknown, req: Request, res: Response, next: NextFunction): void =>
      guarded(toLaunch)(req, res, next);
    lti.onConnect(onLaunch);
    lti.onDeepLinking(onLaunch);
    lti.onInvalidToken(
      guarded((_req, res, next) => {
        const details = (res.locals['err'] as { details?: { message?: string } } | undefined)?.details;
        const message = details?.message ?? 'invalid';
        next(
          new LaunchRefusedError(
            message === 'NO_LTIK_OR_IDTOKEN_FOUND' ? 'missing-token' : 'session-invalid',
            message,
          ),
        );
      }),
    );
    lti.onSessionTimeout(guarded((_req, _res, next) => next(new LaunchRefusedError('session-expired'))));
    lti.onUnregisteredPlatform(
      guarded((_req, _res, next) => next(new LaunchRefusedError('unknown-platform'))),
    );
    lti.onInactivePlatform(guarded((_req, _res, next) => next(new LaunchRefusedError('inactive-platform'))));
    lti.onDynamicRegistration(
      guarded(async (req, res, next) => {
        if (deps.onDynamicRegistration === undefined) {
          next(new LaunchRefusedError('registration-link-invalid', 'dynamic registration is off'));
          return;
        }
        const platform = await deps.onDynamicRegistration(req);
        res.locals['registeredPlatform'] = { issuer: platform.issuer, clientId: platform.clientId };
        next();
      }),
    );
    // After ltijs's own routes: authenticated requests for other paths get their LaunchContext
    // and fall through to our routes.
    lti.app.use(guarded(toLaunch));

    const sigintBefore = new Set(process.listeners('SIGINT'));
    const exit = process.exit;
    process.exit = ((code?: number) => {
      throw new Error(`ltijs could not start (it tried to exit with code ${String(code)})`);
    }) as typeof process.exit;
    try {
      await lti.deploy({ serverless: true, silent: true });
    } finally {
      process.exit = exit;
      for (const listener of process.listeners('SIGINT')) {
        if (!sigintBefore.has(listener)) process.removeListener('SIGINT', listener);
      }
    }
    provider = lti;
    await refreshFrameAncestors();
    log.info({ login: urls.login, launch: urls.launch, keyset: urls.keyset }, 'lti ready');
  }

  return {
    router,
    jwks,
    start,
    async stop() {
      const running = provider;
      provider = undefined;
      if (running !== undefined) await running.close({ silent: true });
    },
    async registerPlatform(registration, source) {
      const lti = requireProvider();
      await lti.registerPlatform({
        url: registration.issuer,
        name: registration.name,
        clientId: registration.clientId,
        authenticationEndpoint: registration.authUrl,
        accesstokenEndpoint: registration.tokenUrl,
        authConfig: { method: 'JWK_SET', key: registration.jwksUrl },
      });
      toolKeys.delete(`${registration.issuer}\n${registration.clientId}`);
      const saved = await stores!.platforms.save(registration, source);
      platformCache.delete(registration.issuer);
      await refreshFrameAncestors();
      return saved;
    },
    async removePlatform(issuer, clientId) {
      const lti = requireProvider();
      const inLtijs = (await lti.getPlatform(issuer, clientId)) !== false;
      if (inLtijs) await lti.deletePlatform(issuer, clientId);
      toolKeys.delete(`${issuer}\n${clientId}`);
      const inApp = await stores!.platforms.remove(issuer, clientId);
      platformCache.delete(issuer);
      await refreshFrameAncestors();
      return inLtijs || inApp;
    },
    frameAncestors() {
      if (now() - originsAt > FRAME_ANCESTOR_TTL_MS && refreshing === undefined && stores !== undefined) {
        refreshing = refreshFrameAncestors()
          .catch((err: unknown) => log.warn({ err }, 'could not refresh frame ancestors'))
          .finally(() => {
            refreshing = undefined;
          });
      }
      return origins;
    },
    refreshFrameAncestors,
    provider: requireProvider,
    async signAsTool(platform, payload) {
      const cacheKey = `${platform.issuer}\n${platform.clientId}`;
      let entry = toolKeys.get(cacheKey);
      if (entry === undefined) {
        entry = (async () => {
          const found = await requireProvider().getPlatform(platform.issuer, platform.clientId);
          if (found === false) throw new Error(`platform not registered: ${platform.issuer}`);
          return { kid: await found.platformKid(), key: createPrivateKey(await found.platformPrivateKey()) };
        })();
        entry.catch(() => toolKeys.delete(cacheKey));
        toolKeys.set(cacheKey, entry);
      }
      const { kid, key } = await entry;
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
    },
  };
}

/** The same platform object, except that `platformAuthConfig()` answers `authConfig`. */
function withAuthConfig(
  platform: LtijsPlatform,
  authConfig: { method: 'JWK_KEY'; key: string },
): LtijsPlatform {
  return new Proxy(platform, {
    get(target, prop) {
      if (prop === 'platformAuthConfig') return async () => authConfig;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
