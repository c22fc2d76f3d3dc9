/**
 * The xAPI runtime for operator commands (`teamloop xapi …`): on MONGODB_URI, or (development)
 * the embedded database in DATA_DIR/db, which only opens while no Teamloop runs on it.
 */
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { AppConfig } from '../config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../embedded-mongo/index.js';
import {
  DEV_XAPI_ACTOR_SECRET_FILE,
  resolveDevSecret,
  resolveEncryptionKey,
} from '../runtime/dev-encryption-key.js';
import { createXapiRuntime, type XapiRuntime } from '../xapi/xapi-runtime.js';
import type { CliIo } from './command.js';

/** Opens the database (as `teamloop xapi` does) and the xAPI runtime on it for `use`. */
export async function withXapiRuntime<T>(
  config: AppConfig,
  io: CliIo,
  use: (runtime: XapiRuntime, connection: Connection) => Promise<T>,
): Promise<T | undefined> {
  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongodbUri;
  if (uri === undefined) {
    try {
      embedded = await startEmbeddedMongo({
        port: 0,
        dbpath: path.join(config.dataDir, 'db'),
        nodeEnv: config.nodeEnv,
      });
    } catch (err) {
      io.err(
        `teamloop xapi: cannot open the embedded database (${(err as Error).message}). Is Teamloop running on it? Stop it, or set MONGODB_URI.`,
      );
      return undefined;
    }
    uri = `${embedded.uri}/${config.mongodbDbName}`;
  }
  const connection = await mongoose
    .createConnection(uri, { dbName: config.mongodbDbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    const runtime = await createXapiRuntime({
      connection,
      toolUrl: config.publicUrl,
      lrs: config.lrs,
      xapi: config.xapi,
      encryptionKey: (await resolveEncryptionKey(config.ltiEncryptionKey, config.dataDir)).key,
      actorSecret: (
        await resolveDevSecret(config.xapi.actorSecret, config.dataDir, DEV_XAPI_ACTOR_SECRET_FILE)
      ).key,
    });
    return await use(runtime, connection);
  } finally {
    await connection.close();
    await embedded?.stop();
  }
}
