/**
 * Local typing of the ltijs 5.9 API that Teamloop uses (`@types/ltijs` describes 4.x and is not
 * installed). ltijs is CommonJS: `module.exports.Provider` is a process-wide instance. Only
 * `src/lti/` may import it (eslint `no-restricted-imports`); the conformance smoke test is the
 * one exception.
 */
declare module 'ltijs' {
  import type { Express, NextFunction, Request, Response } from 'express';

  namespace ltijs {
    export type LtijsHandler = (req: Request, res: Response, next: NextFunction) => unknown;

    export interface LtijsDatabaseConfig {
      url: string;
      /** Merged into mongoose 7's connect options (e.g. `dbName`). */
      connection?: Record<string, unknown>;
      debug?: boolean;
    }

    export interface LtijsCookieOptions {
      secure?: boolean;
      sameSite?: string;
      domain?: string;
    }

    export interface LtijsSetupOptions {
      appRoute?: string;
      loginRoute?: string;
      keysetRoute?: string;
      dynRegRoute?: string;
      cors?: boolean;
      devMode?: boolean;
      ltiaas?: boolean;
      /** Seconds an id_token's `iat` may lie in the past; false disables the check. */
      tokenMaxAge?: number | false;
      cookies?: LtijsCookieOptions;
      /** Runs inside the Server constructor, after body/cookie parsing, before ltijs's auth. */
      serverAddon?: (app: Express) => void;
      dynReg?: Record<string, unknown>;
      staticPath?: string;
    }

    export interface LtijsDeployOptions {
      port?: number;
      silent?: boolean;
      serverless?: boolean;
    }

    export interface LtijsAuthConfig {
      method: 'RSA_KEY' | 'JWK_KEY' | 'JWK_SET';
      key: string;
    }

    export interface LtijsPlatformRegistration {
      url: string;
      name: string;
      clientId: string;
      authenticationEndpoint: string;
      accesstokenEndpoint: string;
      authorizationServer?: string;
      authConfig: LtijsAuthConfig;
    }

    export interface LtijsPlatform {
      platformUrl(): Promise<string>;
      platformClientId(): Promise<string>;
      platformName(name?: string): Promise<string>;
      platformId(): Promise<string>;
      platformKid(): Promise<string>;
      platformActive(active?: boolean): Promise<boolean>;
      platformAuthConfig(method?: string, key?: string): Promise<LtijsAuthConfig>;
      platformAuthenticationEndpoint(url?: string): Promise<string>;
      platformAccessTokenEndpoint(url?: string): Promise<string>;
      platformPublicKey(): Promise<string>;
      /** The tool's private key for this platform (PEM, PKCS#1). */
      platformPrivateKey(): Promise<string>;
      platformJSON(): Promise<Record<string, unknown>>;
      /** Gets (and caches) an access token from the platform's token endpoint (client credentials). */
      platformAccessToken(
        scopes: string,
      ): Promise<{ access_token: string; token_type: string; expires_in: number; scope?: string }>;
      delete(): Promise<boolean>;
    }

    /** `res.locals.context` after a launch (ltijs's stored context token). */
    export interface LtijsContextToken {
      contextId: string;
      user: string;
      roles: string[];
      path?: string;
      targetLinkUri: string;
      context?: { id: string; label?: string; title?: string; type?: string[] };
      resource?: { id: string; title?: string };
      custom?: Record<string, string>;
      launchPresentation?: { document_target?: string; locale?: string; return_url?: string };
      messageType: string;
      version: string;
      deepLinkingSettings?: Record<string, unknown>;
      lis?: Record<string, string>;
      endpoint?: Record<string, unknown>;
      namesRoles?: unknown;
    }

    /** `res.locals.token` after a launch (ltijs's stored id token plus `platformContext`). */
    export interface LtijsIdToken {
      iss: string;
      user: string;
      userInfo: { given_name?: string; family_name?: string; name?: string; email?: string };
      platformInfo?: { guid?: string; name?: string; product_family_code?: string };
      clientId: string;
      platformId: string;
      deploymentId: string;
      platformContext: LtijsContextToken;
    }

    export type LtijsConnectCallback = (
      token: LtijsIdToken,
      req: Request,
      res: Response,
      next: NextFunction,
    ) => unknown;

    export interface LtijsProvider {
      readonly app: Express;
      setup(encryptionKey: string, database: LtijsDatabaseConfig, options?: LtijsSetupOptions): LtijsProvider;
      deploy(options?: LtijsDeployOptions): Promise<true>;
      close(options?: { silent?: boolean }): Promise<true>;
      onConnect(callback: LtijsConnectCallback): true;
      onDeepLinking(callback: LtijsConnectCallback): true;
      onInvalidToken(callback: LtijsHandler): true;
      onSessionTimeout(callback: LtijsHandler): true;
      onUnregisteredPlatform(callback: LtijsHandler): true;
      onInactivePlatform(callback: LtijsHandler): true;
      onDynamicRegistration(callback: LtijsHandler): true;
      registerPlatform(platform: LtijsPlatformRegistration): Promise<LtijsPlatform>;
      getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
      getPlatformById(platformId: string): Promise<LtijsPlatform | false>;
      getAllPlatforms(): Promise<LtijsPlatform[]>;
      deletePlatform(url: string, clientId: string): Promise<true>;
      redirect(
        res: Response,
        path: string,
        options?: { newResource?: boolean; query?: Record<string, string> },
      ): unknown;
    }
  }

  const ltijs: { Provider: ltijs.LtijsProvider };
  export = ltijs;
}
