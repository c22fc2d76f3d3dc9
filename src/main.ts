/**
 * Process entry (`npm start`, `node dist/src/main.js`). Loads the config, starts the tool, prints
 * the URL to open, and owns the process lifecycle: SIGTERM/SIGINT stop the tool gracefully and
 * an unref'd timer forces the exit if stopping takes longer than SHUTDOWN_TIMEOUT_MS.
 */
import { compose } from './compose.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';

function forceExitAfter(ms: number, logger: Logger): void {
  setTimeout(() => {
    logger.fatal({ timeoutMs: ms }, 'shutdown took too long, exiting');
    process.exit(1);
  }, ms).unref();
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.format());
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  const tool = compose(config, { logger });

  let shuttingDown = false;
  const shutdown = (reason: string, exitCode: number): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'stopping');
    forceExitAfter(config.shutdownTimeoutMs, logger);
    void tool.stop().then(() => {
      // Exit by letting the event loop empty: a leaked handle shows up as a forced exit.
      process.exitCode = exitCode;
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => {
    if (shuttingDown) {
      console.error('Stopping immediately.');
      process.exit(130);
    }
    shutdown('SIGINT', 0);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });

  try {
    const started = await tool.start();
    if (shuttingDown) return;
    console.log(`\nTeamloop is running. Open ${started.url} in your browser.\n`);
  } catch (err) {
    logger.fatal({ err }, 'teamloop failed to start');
    console.error(`Teamloop could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    forceExitAfter(config.shutdownTimeoutMs, logger);
  }
}

await main();
