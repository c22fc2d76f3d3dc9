/**
 * What operator commands need from a tool without starting its HTTP server: the configured
 * database (MONGODB_URI; else the embedded database of a running `npm start`, found through
 * `DATA_DIR/embedded-db.uri`; else the embedded database started here on `DATA_DIR/db` for the
 * duration of the command), the app connection, and a started LTI layer (ltijs on its database).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { EMBEDDED_URI_FILE } from '../runtime/embedded-uri-file.js';
import type { AppConfig } from '../config.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../embedded-mongo/index.js';
import { createLogger } from '../logger.js';
import { createLtiLayer, ltiOptionsFromConfig, type LtiLayer } from '../lti/provider.js';
import { resolveEncryptionKey } from '../runtime/dev-encryption-key.js';
import { createLaunchNonceRepo } from '../store/lti/launch-nonce-repo.js';
import { createPlatformRepo, type PlatformRepo } from '../store/lti/platform-repo.js';
import {
  createRegistrationLinkRepo,
  type RegistrationLinkRepo,
} from '../store/lti/registration-link-repo.js';
import { connectAppDatabase } from '../store/mongo/connection.js';

export interface ToolContext {
  readonly lti: LtiLayer;
  readonly platforms: PlatformRepo;
  readonly registrationLinks: RegistrationLinkRepo;
  close(): Promise<void>;
}

async function runningEmbeddedUri(dataDir: string): Promise<string | undefined> {
  let uri: string;
  try {
    uri = (await readFile(path.join(dataDir, EMBEDDED_URI_FILE), 'utf8')).trim();
  } catch {
    return undefined;
  }
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return uri;
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}

export async function openToolContext(config: AppConfig): Promise<ToolContext> {
  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongodbUri ?? (await runningEmbeddedUri(config.dataDir));
  if (uri === undefined) {
    embedded = await startEmbeddedMongo({
      port: 0,
      dbpath: path.join(config.dataDir, 'db'),
      nodeEnv: config.nodeEnv,
    });
    uri = embedded.uri;
  }
  const encryptionKey = await resolveEncryptionKey(config.ltiEncryptionKey, config.dataDir);
  const database = await connectAppDatabase(uri, { dbName: config.mongodbDbName });
  const lti = createLtiLayer({ logger: createLogger({ level: 'silent' }) });
  try {
    await lti.start(
      ltiOptionsFromConfig(config.lti, {
        publicUrl: config.publicUrl,
        encryptionKey: encryptionKey.key,
        databaseUri: uri,
      }),
      {
        platforms: createPlatformRepo(database.connection),
        nonces: createLaunchNonceRepo(database.connection),
      },
    );
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    lti,
    platforms: createPlatformRepo(database.connection),
    registrationLinks: createRegistrationLinkRepo(database.connection),
    async close() {
      await lti.stop();
      await database.close();
      await embedded?.stop();
    },
  };
}
