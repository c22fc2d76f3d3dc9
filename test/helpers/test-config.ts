import { loadConfig, type AppConfig, type Env } from '../../src/config.js';

/** A valid test configuration: loopback, free port, quiet; override any variable. */
export function makeTestConfig(overrides: Env = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...overrides,
  });
}
