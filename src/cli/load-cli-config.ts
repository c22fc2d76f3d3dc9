import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import type { CliContext } from './command.js';

/** The validated configuration, or undefined after printing the one-screen report. */
export function loadCliConfig(context: CliContext): AppConfig | undefined {
  try {
    return loadConfig(context.env ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      context.io.err(err.format());
      return undefined;
    }
    throw err;
  }
}
