/**
 * MongoDB collections of the xAPI outbox.
 * - `xapiOutbox`: one document per statement: the exact JSON sent (`payload`), its delivery
 *   status, backoff and the lease of the worker that holds it.
 *   Delivered statements are purged `sentRetentionDays` after delivery by a TTL index on
 *   `sentAt` that only covers `sent` rows: dead letters are never purged.
 * - `xapiLrsStates`: per LRS: last success, hold (`Retry-After`), pause (401/403), circuit breaker, and the lease of the worker delivering to it.
 *   Shared by every process, so all of them respect a pause or an open circuit.
 */
import { Schema, type Collection, type Connection } from 'mongoose';

export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxDoc {
  /** The statement id. */
  _id: string;
  /** The platform the statement belongs to (routes it to that platform's LRS, if it has one). */
  issuer: string | null;
  /** The statement, serialised once at enqueue time; re-sent byte for byte. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt?: Date | null;
  /** The LRS it was delivered to or dead-lettered by. */
  lrsId?: string | null;
  lastStatus?: number | null;
  lastError?: string | null;
  deadReason?: string | null;
}

export interface LrsStateDoc {
  /** `global` or `platform:<issuer>`. */
  _id: string;
  lastSuccessAt?: Date | null;
  lastFailureAt?: Date | null;
  lastError?: string | null;
  /** No request before this time (Retry-After on 429/503). */
  holdUntil?: Date | null;
  /** Set on 401/403: credentials or scope need an operator; retried at `pausedUntil`. */
  pausedReason?: string | null;
  pausedUntil?: Date | null;
  consecutiveFailures?: number;
  /** Circuit open: only a `/about` probe until this time has passed and the probe succeeds. */
  circuitOpenUntil?: Date | null;
  circuitOpenings?: number;
  /** The worker delivering to this LRS now, and until when its lease holds. */
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    issuer: { type: String, default: null },
    payload: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'sent', 'dead'] },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    sentAt: Date,
    lrsId: String,
    lastStatus: Number,
    lastError: String,
    deadReason: String,
  },
  { collection: 'xapiOutbox', versionKey: false },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1 });

const lrsStateSchema = new Schema<LrsStateDoc>(
  {
    _id: { type: String, required: true },
    lastSuccessAt: Date,
    lastFailureAt: Date,
    lastError: String,
    holdUntil: Date,
    pausedReason: String,
    pausedUntil: Date,
    consecutiveFailures: Number,
    circuitOpenUntil: Date,
    circuitOpenings: Number,
    leaseOwner: String,
    leaseUntil: Date,
  },
  { collection: 'xapiLrsStates', versionKey: false },
);

/** Days a delivered statement stays in the outbox by default (`XAPI_SENT_RETENTION_DAYS`). */
export const DEFAULT_SENT_RETENTION_DAYS = 30;
/** The TTL index that purges delivered statements. */
export const SENT_TTL_INDEX = 'sentAt_ttl_sent_only';

export interface OutboxCollectionOptions {
  /** Days after delivery a `sent` row is purged (default 30). */
  readonly sentRetentionDays?: number;
}

export interface OutboxCollections {
  readonly outbox: Collection<OutboxDoc>;
  readonly lrsStates: Collection<LrsStateDoc>;
  /** Creates the collections and indexes (before the first transaction uses them). */
  ready(): Promise<void>;
}

/** The outbox collections on the app's own connection (models are registered once per connection). */
export function outboxCollections(
  connection: Connection,
  options: OutboxCollectionOptions = {},
): OutboxCollections {
  const retentionSeconds = Math.round((options.sentRetentionDays ?? DEFAULT_SENT_RETENTION_DAYS) * 86_400);
  const Outbox = connection.models['XapiOutbox'] ?? connection.model<OutboxDoc>('XapiOutbox', outboxSchema);
  const LrsState =
    connection.models['XapiLrsState'] ?? connection.model<LrsStateDoc>('XapiLrsState', lrsStateSchema);
  return {
    outbox: Outbox.collection as unknown as Collection<OutboxDoc>,
    lrsStates: LrsState.collection as unknown as Collection<LrsStateDoc>,
    async ready() {
      // CASE: MongoDB cannot create a collection inside a multi-document transaction on older
      // servers; create it (and its indexes) up front.
      await Outbox.createCollection().catch(() => undefined);
      await LrsState.createCollection().catch(() => undefined);
      await Outbox.init();
      await LrsState.init();
      await ensureSentTtl(Outbox.collection as unknown as Collection<OutboxDoc>, retentionSeconds);
    },
  };
}

/**
 * The TTL index on `sentAt`, partial on `status: 'sent'` so a dead letter is never purged. A
 * changed retention replaces the index (drop + create: no `collMod` needed).
 */
async function ensureSentTtl(outbox: Collection<OutboxDoc>, seconds: number): Promise<void> {
  const existing = (await outbox.listIndexes().toArray()).find((index) => index['name'] === SENT_TTL_INDEX);
  if (existing !== undefined && existing['expireAfterSeconds'] === seconds) return;
  if (existing !== undefined) await outbox.dropIndex(SENT_TTL_INDEX);
  await outbox
    .createIndex(
      { sentAt: 1 },
      { name: SENT_TTL_INDEX, expireAfterSeconds: seconds, partialFilterExpression: { status: 'sent' } },
    )
    .catch((err: unknown) => {
      // CASE: another process starting at the same moment created it first (same or other retention).
      if ((err as { codeName?: string }).codeName !== 'IndexOptionsConflict') throw err;
    });
}
