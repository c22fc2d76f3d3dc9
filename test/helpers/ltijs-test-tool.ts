/**
 * A bare ltijs 5.9 tool for tests of the demo platform: serverless, mounted at `/lti` in the
 * caller's express app, with its own database. It is a *fresh* Provider instance (built with the
 * singleton's constructor) so it never touches the process-wide singleton that other test files
 * (and the app) set up. ltijs's SIGINT listener is removed after deploy; a failed deploy becomes
 * an error instead of `process.exit()`.
 *
 * Every launch that reaches `onConnect` is recorded and answered with a small accessible page.
 */
import { Router } from 'express';
import ltijs, { type LtijsIdToken, type LtijsProvider } from 'ltijs';

export interface LtijsTestTool {
  /** Mount in the app (paths below are under `/lti`). */
  readonly router: Router;
  readonly paths: { readonly login: string; readonly launch: string; readonly keys: string };
  readonly launches: LtijsIdToken[];
  registerPlatform(platform: {
    issuer: string;
    clientId: string;
    authUrl: string;
    tokenUrl: string;
    jwksUrl: string;
    name: string;
  }): Promise<void>;
  /** Asks the registered platform's token endpoint for an access token, as ltijs does for AGS/NRPS. */
  requestAccessToken(
    issuer: string,
    clientId: string,
    scopes: string,
  ): Promise<{ access_token: string; scope?: string }>;
  close(): Promise<void>;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startLtijsTestTool(databaseUrl: string): Promise<LtijsTestTool> {
  const ProviderClass = Object.getPrototypeOf(ltijs.Provider).constructor as new () => LtijsProvider;
  const lti = new ProviderClass();
  lti.setup(
    'demo-platform-test-encryption-key',
    { url: databaseUrl, connection: {} },
    {
      appRoute: '/launch',
      loginRoute: '/login',
      keysetRoute: '/keys',
      cookies: { secure: false, sameSite: 'Lax' },
      devMode: false,
      tokenMaxAge: 60,
    },
  );
  const launches: LtijsIdToken[] = [];
  lti.onConnect((token, _req, res) => {
    launches.push(token);
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test tool</title></head>` +
          `<body><main><h1>Test tool</h1><p id="launched-as">${escapeHtml(token.userInfo.name ?? '')}</p>` +
          `<p id="resource">${escapeHtml(token.platformContext.resource?.id ?? '')}</p></main></body></html>`,
      );
  });
  lti.onInvalidToken((_req, res) =>
    res
      .status(401)
      .type('text')
      .send(`invalid token: ${JSON.stringify(res.locals['err'])}`),
  );
  lti.onSessionTimeout((_req, res) => res.status(401).type('text').send('session timeout'));

  const sigintBefore = new Set(process.listeners('SIGINT'));
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new Error(`ltijs tried to exit the process (code ${String(code)})`);
  }) as typeof process.exit;
  try {
    await lti.deploy({ serverless: true, silent: true });
  } finally {
    process.exit = exit;
    for (const listener of process.listeners('SIGINT')) {
      if (!sigintBefore.has(listener)) process.removeListener('SIGINT', listener);
    }
  }

  const router = Router();
  router.use('/lti', lti.app);
  return {
    router,
    paths: { login: '/lti/login', launch: '/lti/launch', keys: '/lti/keys' },
    launches,
    async registerPlatform(platform) {
      await lti.registerPlatform({
        url: platform.issuer,
        name: platform.name,
        clientId: platform.clientId,
        authenticationEndpoint: platform.authUrl,
        accesstokenEndpoint: platform.tokenUrl,
        authConfig: { method: 'JWK_SET', key: platform.jwksUrl },
      });
    },
    async requestAccessToken(issuer, clientId, scopes) {
      const platform = await lti.getPlatform(issuer, clientId);
      if (platform === false) throw new Error(`ltijs has no platform ${issuer} / ${clientId}`);
      return platform.platformAccessToken(scopes);
    },
    async close() {
      await lti.close({ silent: true });
    },
  };
}
