/**
 * The MongoDB server a conformance test talks to.
 *
 * `MONGODB_URI` set → that server (real MongoDB; every database a test asks for gets a unique name
 * and is dropped in `stop()`). Unset → the embedded server, started in-process on an ephemeral
 * loopback port. This is the only place in the test tree that reads `process.env`.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Document, type MongoClientOptions, type ObjectId } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';

export interface MongoTargetOptions {
  /** Data directory for the embedded server (ignored against an external server). */
  readonly dbpath?: string;
}

export interface MongoTarget {
  /** Server URI without a database; for a database use `uriFor(db)`. */
  readonly uri: string;
  /** The embedded server, or null when the tests run against `MONGODB_URI`. */
  readonly embedded: EmbeddedMongo | null;
  /** A database name unique to this run (and therefore to the calling test file). */
  dbName(prefix: string): string;
  /** `uri` with `/<db>` inserted before any query string. */
  uriFor(db: string): string;
  /** A connected driver-7 client; closed by `stop()`. */
  connect(options?: MongoClientOptions): Promise<MongoClient>;
  /**
   * Embedded: runs one TTL sweep now. External: polls `until` every second for up to 75 s (mongod's
   * TTL monitor runs every 60 s) and resolves when it returns true; rejects on timeout.
   */
  sweepTtl(until: () => Promise<boolean>): Promise<void>;
  /** Embedded only: stops the server and starts it again on the same port and dbpath. */
  readonly restart?: () => Promise<void>;
  /** Closes the clients from `connect()`, drops the databases from `dbName()` (external), stops the server. */
  stop(): Promise<void>;
}

const EXTERNAL_TTL_WAIT_MS = 75_000;

/** True when the suite runs against an external server (`MONGODB_URI`). */
export function usingExternalMongo(): boolean {
  return externalUri() !== undefined;
}

/** Why embedded-only tests (restart, kill -9, raw server hooks) are pending against real MongoDB. */
export const EXTERNAL_PENDING_REASON =
  'needs the embedded server (it restarts or kills the server process); MONGODB_URI points to an external server';

/**
 * Declares a test that only makes sense on the embedded server (restart, kill -9, lock files).
 * Against `MONGODB_URI` it is declared pending, with the reason in its title.
 */
export function itEmbeddedOnly(title: string, fn: Mocha.AsyncFunc): void {
  if (usingExternalMongo()) it(`${title} (pending: ${EXTERNAL_PENDING_REASON})`);
  else it(title, fn);
}

export function uriWithDb(uri: string, db: string): string {
  const queryAt = uri.indexOf('?');
  const base = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const query = queryAt === -1 ? '' : uri.slice(queryAt);
  const hostsStart = base.indexOf('://') + 3;
  const pathAt = base.indexOf('/', hostsStart);
  const hosts = pathAt === -1 ? base : base.slice(0, pathAt);
  return `${hosts}/${db}${query}`;
}

export async function startMongoTarget(options: MongoTargetOptions = {}): Promise<MongoTarget> {
  const external = externalUri();
  const clients: MongoClient[] = [];
  const databases = new Set<string>();
  let embedded: EmbeddedMongo | null = null;
  let uri: string;

  if (external !== undefined) {
    uri = external;
  } else {
    embedded = await startEmbeddedMongo({ dbpath: options.dbpath });
    uri = embedded.uri;
  }

  const target: MongoTarget = {
    get uri() {
      return uri;
    },
    get embedded() {
      return embedded;
    },
    dbName(prefix: string): string {
      const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
      databases.add(name);
      return name;
    },
    uriFor(db: string): string {
      return uriWithDb(uri, db);
    },
    async connect(clientOptions?: MongoClientOptions): Promise<MongoClient> {
      const client = new MongoClient(uri, clientOptions);
      clients.push(client);
      await client.connect();
      return client;
    },
    async sweepTtl(until: () => Promise<boolean>): Promise<void> {
      if (embedded !== null) {
        await embedded.runTtlMonitor();
        return;
      }
      const deadline = Date.now() + EXTERNAL_TTL_WAIT_MS;
      while (!(await until())) {
        if (Date.now() > deadline) throw new Error('mongod TTL monitor did not remove the documents in 75 s');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    },
    restart:
      external === undefined
        ? async () => {
            const running = embedded;
            if (running === null) throw new Error('embedded server is not running');
            await running.stop();
            embedded = null;
            embedded = await startEmbeddedMongo({ dbpath: options.dbpath, port: running.port });
            uri = embedded.uri;
          }
        : undefined,
    async stop(): Promise<void> {
      if (external !== undefined && databases.size > 0) {
        const admin = new MongoClient(uri);
        try {
          await admin.connect();
          for (const name of databases) await admin.db(name).dropDatabase();
        } finally {
          await admin.close();
        }
      }
      await Promise.all(clients.splice(0).map((client) => client.close(true)));
      if (embedded !== null) {
        await embedded.stop();
        embedded = null;
      }
    },
  };
  return target;
}

function externalUri(): string | undefined {
  const value = process.env.MONGODB_URI;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A document with an `_id` of any BSON type (the driver's default typing assumes ObjectId). */
export type IdValue = string | number | boolean | ObjectId | Date | null | Document;

export interface AnyDoc extends Document {
  _id?: IdValue;
}
