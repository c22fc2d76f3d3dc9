/**
 * Embedded MongoDB-compatible server for development, demos and tests (never production).
 * Public API: start on an ephemeral loopback port, get the URI, stop.
 */
export interface EmbeddedMongoOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks an ephemeral port. */
  readonly port?: number;
  /** Data directory for durable storage; omitted = memory only. */
  readonly dbpath?: string;
  /** How often the TTL monitor sweeps expired documents (default 60 000 ms, like mongod). */
  readonly ttlMonitorIntervalMs?: number;
  /** Loopback address to bind (default 127.0.0.1); anything else is refused. */
  readonly host?: '127.0.0.1' | 'localhost' | '::1';
  /**
   * The deployment environment; `production` is refused. Defaults to NODE_ENV as a last line of
   * defence for callers that do not pass it (the app passes its validated config).
   */
  readonly nodeEnv?: string;
  /** Receives one line per notable server event (start, stop, connection errors). */
  readonly log?: (event: { level: 'info' | 'warn' | 'error'; msg: string; [key: string]: unknown }) => void;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` without a database name: append `/<db>`. */
  readonly uri: string;
  readonly port: number;
  /** Runs one TTL sweep now; resolves with the number of documents removed (test hook). */
  runTtlMonitor(): Promise<number>;
  /** Closes all connections, flushes storage, releases the data directory lock. */
  stop(): Promise<void>;
}

export { startEmbeddedMongo } from './server/launcher.js';
