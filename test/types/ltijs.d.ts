/**
 * Minimal typing of ltijs 5.9 for the conformance smoke test only (the LTI module will own a full
 * declaration). ltijs is CommonJS: `module.exports.Provider` is a process-wide singleton.
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
    delete(): Promise<boolean>;
  }

  interface LtijsProvider {
    setup(encryptionKey: string, database: LtijsDatabaseConfig, options?: LtijsSetupOptions): LtijsProvider;
    deploy(options?: LtijsDeployOptions): Promise<true>;
    close(options?: { silent?: boolean }): Promise<true>;
    registerPlatform(platform: LtijsPlatformRegistration): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    getPlatformById(platformId: string): Promise<LtijsPlatform | false>;
  }

  const ltijs: { Provider: LtijsProvider };
  export default ltijs;
}
