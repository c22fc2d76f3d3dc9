/**
 * The demo platform's RSA signing key. Generated once (RS256, 2048 bit) and kept in the app
 * database, so it survives restarts and every process behind a load balancer signs with the
 * same key the tool has cached from the JWKS. Two processes starting at once both try to insert
 * the single document; the loser of the race reads the winner's key.
 *
 * The private key is stored unencrypted: this platform is for development and demos only and
 * signs launches into the same server; it is never served in production unless enabled.
 */
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { Schema, type Connection, type Model } from 'mongoose';

export const KEY_COLLECTION = 'demoPlatformKeys';
const CURRENT_KEY_ID = 'current';
const ALG = 'RS256';

interface StoredKey {
  _id: string;
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
}

export interface PlatformKey {
  readonly kid: string;
  /** The public key as published in the JWKS (with `kid`, `alg`, `use`). */
  readonly publicJwk: Readonly<JWK>;
  sign(payload: JWTPayload): Promise<string>;
  /** Verifies a JWT this key signed (RS256 only); throws when it does not verify. */
  verify(jwt: string, options: { issuer: string; audience: string; currentDate: Date }): Promise<JWTPayload>;
}

const keySchema = new Schema<StoredKey>(
  {
    _id: { type: String, required: true },
    kid: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: KEY_COLLECTION, versionKey: false },
);

function keyModel(connection: Connection): Model<StoredKey> {
  return (
    (connection.models['DemoPlatformKey'] as Model<StoredKey> | undefined) ??
    connection.model<StoredKey>('DemoPlatformKey', keySchema)
  );
}

function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

async function generateStoredKey(now: Date): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    _id: CURRENT_KEY_ID,
    kid,
    publicJwk: { ...publicJwk, kid, alg: ALG, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
    createdAt: now,
  };
}

/** Loads the stored key, creating and storing it on first use. */
export async function loadPlatformKey(connection: Connection, now: Date): Promise<PlatformKey> {
  const Keys = keyModel(connection);
  let stored = await Keys.findById(CURRENT_KEY_ID).lean<StoredKey>().exec();
  if (stored === null) {
    const fresh = await generateStoredKey(now);
    try {
      await Keys.create(fresh);
      stored = fresh;
    } catch (err) {
      // CASE: another process stored its key first; use that one so all processes agree.
      if (!isDuplicateKeyError(err)) throw err;
      stored = await Keys.findById(CURRENT_KEY_ID).lean<StoredKey>().orFail().exec();
    }
  }
  const privateKey = (await importJWK(stored.privateJwk, ALG)) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk, ALG)) as CryptoKey;
  const kid = stored.kid;
  return {
    kid,
    publicJwk: Object.freeze({ ...stored.publicJwk }),
    sign: (payload) =>
      new SignJWT(payload).setProtectedHeader({ alg: ALG, kid, typ: 'JWT' }).sign(privateKey),
    verify: async (jwt, options) =>
      (await jwtVerify(jwt, publicKey, { ...options, algorithms: [ALG] })).payload,
  };
}
