/**
 * Minimal typing of ltijs 5.9 for tests only: the conformance smoke test and the demo platform's
 * launch tests (the LTI module will own a full declaration). ltijs is CommonJS:
 * `module.exports.Provider` is a process-wide singleton.
 */
declare module 'ltijs' {
  interface LtijsDatabaseConfig {
    url: string;
    connection?: Record<string, unknown>;
    debug?: boolean;
  }

  interface LtijsSetupOptions {
    devMode?: boolean;
    cookies?: { secure?: boolean; sameSite?: string; domain?: string };
    [option: string]: unknown;
  }

  interface LtijsDeployOptions {
    port?: number;
    silent?: boolean;
    serverless?: boolean;
  }

  interface LtijsAuthConfig {
    method: 'RSA_KEY' | 'JWK_KEY' | 'JWK_SET';
    key: string;
  }

  interface LtijsPlatformRegistration {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: LtijsAuthConfig;
  }

  interface LtijsPlatform {
    platformUrl(): Promise<string>;
    platformClientId(): Promise<string>;
    platformName(): Promise<string>;
    platformId(): Promise<string>;
    platformKid(): Promise<string>;
    platformAuthConfig(): Promise<LtijsAuthConfig>;
    platformAuthenticationEndpoint(): Promise<string>;
    platformAccessTokenEndpoint(): Promise<string>;
    platformPublicKey(): Promise<string>;
    platformJSON(): Promise<Record<string, unknown>>;
    /** Gets (and caches) an access token from the platform's token endpoint (client credentials). */
    platformAccessToken(
      scopes: string,
    ): Promise<{ access_token: string; token_type: string; expires_in: number; scope?: string }>;
    delete(): Promise<boolean>;
  }

  /** What ltijs passes to `onConnect` (the parts the demo platform tests read). */
  interface LtijsIdToken {
    iss: string;
    user: string;
    clientId: string;
    deploymentId: string;
    userInfo: { given_name?: string; family_name?: string; name?: string; email?: string };
    platformInfo?: { guid?: string; name?: string; product_family_code?: string };
    platformContext: {
      roles: string[];
      targetLinkUri: string;
      messageType: string;
      version: string;
      context?: { id: string; label?: string; title?: string; type?: string[] };
      resource?: { id: string; title?: string };
      custom?: Record<string, string>;
      launchPresentation?: { document_target?: string; locale?: string; return_url?: string };
      lis?: Record<string, string>;
    };
  }

  type LtijsHandler = (
    req: import('express').Request,
    res: import('express').Response,
    next: import('express').NextFunction,
  ) => unknown;

  interface LtijsProvider {
    readonly app: import('express').Express;
    onConnect(
      callback: (
        token: LtijsIdToken,
        req: import('express').Request,
        res: import('express').Response,
        next: import('express').NextFunction,
      ) => unknown,
    ): true;
    onInvalidToken(callback: LtijsHandler): true;
    onSessionTimeout(callback: LtijsHandler): true;
    setup(encryptionKey: string, database: LtijsDatabaseConfig, options?: LtijsSetupOptions): LtijsProvider;
    deploy(options?: LtijsDeployOptions): Promise<true>;
    close(options?: { silent?: boolean }): Promise<true>;
    registerPlatform(platform: LtijsPlatformRegistration): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    getPlatformById(platformId: string): Promise<LtijsPlatform | false>;
  }

  const ltijs: { Provider: LtijsProvider };
  export default ltijs;
  export type { LtijsIdToken, LtijsProvider };
}
