/**
 * Per-platform xAPI settings (collection `xapiPlatformSettings`, keyed by the platform issuer):
 * the platform's own LRS (its statements go there instead of the global LRS) and its privacy
 * choices (identity mode, free text). The LRS password is stored encrypted (AES-256-GCM with a
 * key derived from LTI_ENCRYPTION_KEY), never in clear.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Schema, type Collection, type Connection } from 'mongoose';
import type { LrsTarget } from './lrs-client.js';
import { DEFAULT_PRIVACY, type IdentityMode, type XapiPrivacy } from './xapi-context.js';

export interface PlatformXapiSettings {
  readonly issuer: string;
  readonly lrs: LrsTarget | undefined;
  readonly privacy: XapiPrivacy;
}

interface SettingsDoc {
  _id: string;
  lrs?: { endpoint: string; username: string; passwordEnc: string } | null;
  identity: IdentityMode;
  sendFreeText: boolean;
  freeTextLimit: number;
  updatedAt: Date;
}

const schema = new Schema<SettingsDoc>(
  {
    _id: { type: String, required: true },
    lrs: { type: { endpoint: String, username: String, passwordEnc: String }, default: null, _id: false },
    identity: { type: String, enum: ['pseudonymous', 'lti-sub', 'email'], required: true },
    sendFreeText: { type: Boolean, required: true },
    freeTextLimit: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'xapiPlatformSettings', versionKey: false },
);

export interface PlatformSettingsRepo {
  /** The platform's settings; defaults (global LRS, pseudonymous, no free text) when none saved. */
  get(issuer: string): Promise<PlatformXapiSettings>;
  save(settings: PlatformXapiSettings, now: Date): Promise<void>;
  /** Platforms that have their own LRS. */
  withOwnLrs(): Promise<readonly PlatformXapiSettings[]>;
}

export function createPlatformSettingsRepo(
  connection: Connection,
  encryptionKey: string,
): PlatformSettingsRepo {
  const Model =
    connection.models['XapiPlatformSettings'] ??
    connection.model<SettingsDoc>('XapiPlatformSettings', schema);
  const collection = Model.collection as unknown as Collection<SettingsDoc>;
  const key = createHash('sha256').update(`xapi-lrs-password\n${encryptionKey}`).digest();

  const encrypt = (plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  };
  const decrypt = (sealed: string): string => {
    const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (iv === undefined || tag === undefined || data === undefined)
      throw new Error('malformed encrypted LRS password');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  };
  const toDomain = (doc: SettingsDoc): PlatformXapiSettings => ({
    issuer: doc._id,
    lrs:
      doc.lrs == null
        ? undefined
        : { endpoint: doc.lrs.endpoint, username: doc.lrs.username, password: decrypt(doc.lrs.passwordEnc) },
    privacy: { identity: doc.identity, sendFreeText: doc.sendFreeText, freeTextLimit: doc.freeTextLimit },
  });

  return {
    async get(issuer) {
      const doc = await collection.findOne({ _id: issuer });
      return doc === null ? { issuer, lrs: undefined, privacy: DEFAULT_PRIVACY } : toDomain(doc);
    },
    async save(settings, now) {
      await collection.replaceOne(
        { _id: settings.issuer },
        {
          lrs:
            settings.lrs === undefined
              ? null
              : {
                  endpoint: settings.lrs.endpoint,
                  username: settings.lrs.username,
                  passwordEnc: encrypt(settings.lrs.password),
                },
          identity: settings.privacy.identity,
          sendFreeText: settings.privacy.sendFreeText,
          freeTextLimit: settings.privacy.freeTextLimit,
          updatedAt: now,
        },
        { upsert: true },
      );
    },
    async withOwnLrs() {
      const docs = await collection.find({ lrs: { $ne: null } }).toArray();
      return docs.map(toDomain);
    },
  };
}
