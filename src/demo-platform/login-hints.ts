/**
 * Login hints: the platform's half of the OIDC third-party-initiated login. Starting a launch
 * stores who launches into which placement under two random values, the `login_hint` and the
 * `lti_message_hint`; the authorisation endpoint accepts a pair only once and only for a short
 * time. A forged hint (say, another person's user id) or a replayed one therefore cannot launch
 * anyone: the id_token's subject comes from the stored record, never from the request.
 */
import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

export const LOGIN_HINT_COLLECTION = 'demoPlatformLoginHints';
/** How long a started launch may take to reach the authorisation endpoint. */
export const LOGIN_HINT_LIFETIME_MS = 2 * 60 * 1000;
/** Used and expired hints are swept by a TTL index after a day (kept that long for debugging). */
const RETENTION_SECONDS = 24 * 60 * 60;

interface StoredLoginHint {
  _id: string;
  messageHint: string;
  userId: string;
  placementId: string;
  locale: string;
  /** Whether the launch carries the NRPS and AGS claims (off: a platform without services). */
  services?: boolean;
  /** A deep-linking request instead of a resource-link launch. */
  deepLinking?: boolean;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface PendingLaunch {
  readonly userId: string;
  readonly placementId: string;
  readonly locale: string;
  /** Default true: the launch carries the NRPS and AGS claims. */
  readonly services?: boolean;
  /** A deep-linking request (the placement id is then unused). */
  readonly deepLinking?: boolean;
}

export interface IssuedHints {
  readonly loginHint: string;
  readonly messageHint: string;
}

export interface LoginHintStore {
  issue(launch: PendingLaunch, now: Date): Promise<IssuedHints>;
  /** The launch for this pair of hints, marking it used; undefined when unknown, expired or used. */
  redeem(hints: IssuedHints, now: Date): Promise<PendingLaunch | undefined>;
}

const hintSchema = new Schema<StoredLoginHint>(
  {
    _id: { type: String, required: true },
    messageHint: { type: String, required: true },
    userId: { type: String, required: true },
    placementId: { type: String, required: true },
    locale: { type: String, required: true },
    services: { type: Boolean, default: true },
    deepLinking: { type: Boolean, default: false },
    createdAt: { type: Date, required: true, expires: RETENTION_SECONDS },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: LOGIN_HINT_COLLECTION, versionKey: false },
);

const randomToken = (): string => randomBytes(32).toString('base64url');

export async function createLoginHintStore(connection: Connection): Promise<LoginHintStore> {
  const Hints =
    (connection.models['DemoPlatformLoginHint'] as Model<StoredLoginHint> | undefined) ??
    connection.model<StoredLoginHint>('DemoPlatformLoginHint', hintSchema);
  await Hints.init();
  return {
    async issue(launch, now) {
      const hints = { loginHint: randomToken(), messageHint: randomToken() };
      await Hints.create({
        _id: hints.loginHint,
        messageHint: hints.messageHint,
        userId: launch.userId,
        placementId: launch.placementId,
        locale: launch.locale,
        services: launch.services ?? true,
        deepLinking: launch.deepLinking ?? false,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LOGIN_HINT_LIFETIME_MS),
        usedAt: null,
      });
      return hints;
    },
    async redeem(hints, now) {
      // One atomic conditional update: of two concurrent redemptions only one matches.
      const found = await Hints.findOneAndUpdate(
        { _id: hints.loginHint, messageHint: hints.messageHint, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
      )
        .lean<StoredLoginHint>()
        .exec();
      if (found === null) return undefined;
      return {
        userId: found.userId,
        placementId: found.placementId,
        locale: found.locale,
        ...(found.services === false ? { services: false } : {}),
        ...(found.deepLinking === true ? { deepLinking: true } : {}),
      };
    },
  };
}
