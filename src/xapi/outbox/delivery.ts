/**
 * Delivery of the outbox to the LRSs: one pass (`deliverOnce`) claims a due batch per LRS with a
 * lease, posts it, and records the outcome (research §4.3):
 *
 * - 2xx: sent.  400/413: split the batch in halves until the bad statement is alone, dead-letter
 *   it with the LRS's reason, deliver the rest.  409: split down to single statements and read the
 *   stored one back: identical → sent, different → dead-letter (an id collision).
 * - 401/403: pause this LRS (no attempts burned) until `pauseMs` has passed or an operator acts.
 * - 429/503 and other failures: exponential backoff with full jitter, at least `Retry-After`
 *   (which also holds the whole LRS); after `breakerThreshold` failures in a row the circuit opens
 *   and only a cheap `GET /about` probe is tried until it answers.
 *
 * Leases: a worker delivers to an LRS only while it holds that LRS's lease in MongoDB (an atomic
 * conditional update of its `xapiLrsStates` document), so with several processes each statement
 * is in flight from one worker at a time, and a crashed worker's lease simply expires. While it
 * holds the lease a pass sends up to `batchesPerPass` batches, recording each batch's success
 * while the next one is on the wire. Clock and randomness are injected.
 *
 * Database work per pass, kept small because it is time the LRS waits: taking the lease also
 * reads the LRS's state (one `findOneAndUpdate`); the due statements are read in two queries
 * (only the fields sending needs): the first batch, then the rest of the pass while the first
 * batch is on the wire; each batch's `sent` mark is one `updateMany` written while the next
 * batch is on the wire; and the outcome is written together with releasing the lease (one
 * update).
 */
import { randomUUID } from 'node:crypto';
import type { Filter } from 'mongodb';
import { LrsHttpError, type LrsClient, type LrsTarget } from '../lrs-client.js';
import type { LrsStateDoc, OutboxCollections, OutboxDoc } from './outbox.model.js';

export interface LrsDestination {
  /** `global` or `platform:<issuer>`. */
  readonly id: string;
  readonly target: LrsTarget;
  /** The platform whose statements go here; undefined for the global LRS (all other platforms). */
  readonly issuer: string | undefined;
}

export interface DeliveryOptions {
  readonly collections: OutboxCollections;
  /** The LRSs to deliver to now (read on every pass: per-platform settings may change). */
  readonly destinations: () => Promise<readonly LrsDestination[]>;
  readonly clientFor: (destination: LrsDestination) => LrsClient;
  readonly clock: () => Date;
  /** [0, 1): jitter. */
  readonly random: () => number;
  /** At most 100 (our batches stay well under LRS body limits). */
  readonly batchSize: number;
  /** How long a worker holds an LRS before others may take over (longer than a request timeout). */
  readonly leaseMs: number;
  /** Batches one pass may send while it holds the lease (default 20; fewer once half the lease is used). */
  readonly batchesPerPass?: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly pauseMs: number;
  readonly breakerThreshold: number;
  readonly breakerOpenMs: number;
  /** Identifies this process in leases (default: a random id). */
  readonly ownerId?: string;
  readonly onEvent?: (event: DeliveryEvent) => void;
}

export type DeliveryEvent =
  | { readonly type: 'sent'; readonly lrsId: string; readonly count: number }
  | { readonly type: 'dead'; readonly lrsId: string; readonly statementId: string; readonly reason: string }
  | {
      readonly type: 'retry';
      readonly lrsId: string;
      readonly count: number;
      readonly error: string;
      readonly delayMs: number;
    }
  | { readonly type: 'paused'; readonly lrsId: string; readonly reason: string }
  | { readonly type: 'circuit-open'; readonly lrsId: string; readonly untilMs: number }
  | { readonly type: 'circuit-closed'; readonly lrsId: string };

export type PassState = 'idle' | 'delivered' | 'held' | 'paused' | 'circuit-open' | 'failed' | 'busy';

export interface DestinationPass {
  readonly lrsId: string;
  readonly state: PassState;
  readonly claimed: number;
  readonly sent: number;
  readonly dead: number;
  readonly retried: number;
}

export interface Delivery {
  /** One pass: at most one batch per LRS. */
  deliverOnce(): Promise<readonly DestinationPass[]>;
}

export const MAX_BATCH = 100;

/** What sending needs of an outbox row (the due query reads only these fields). */
type DueRow = Pick<OutboxDoc, '_id' | 'payload' | 'attempts'>;

class Halt extends Error {}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { outbox, lrsStates } = options.collections;
  const batchSize = Math.min(MAX_BATCH, Math.max(1, options.batchSize));
  const batchesPerPass = Math.max(1, options.batchesPerPass ?? 20);
  const owner = options.ownerId ?? randomUUID();
  let leaseCounter = 0;
  const emit = (event: DeliveryEvent): void => options.onEvent?.(event);

  function routeFilter(dest: LrsDestination, all: readonly LrsDestination[]): Filter<OutboxDoc> {
    if (dest.issuer !== undefined) return { issuer: dest.issuer };
    const own = all.filter((d) => d.issuer !== undefined).map((d) => d.issuer!);
    return own.length === 0 ? {} : { issuer: { $nin: own } };
  }

  /**
   * Takes (or renews) the LRS lease and returns the LRS's state with it; undefined when another
   * live worker holds it.
   */
  async function acquire(lrsId: string, lease: string, now: Date): Promise<LrsStateDoc | undefined> {
    try {
      const doc = await lrsStates.findOneAndUpdate(
        { _id: lrsId, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }, { leaseOwner: lease }] },
        { $set: { leaseOwner: lease, leaseUntil: new Date(now.getTime() + options.leaseMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc ?? undefined;
    } catch (err) {
      // CASE: the lease is held (the filter does not match, so the upsert collides with the
      // existing document), or two workers upsert a missing document at once: E11000 either way.
      if ((err as { code?: number }).code === 11000) return undefined;
      throw err;
    }
  }

  /** Releases the lease, writing `set` (the pass's outcome) in the same update. */
  async function release(lrsId: string, lease: string, set: Partial<LrsStateDoc>): Promise<void> {
    const result = await lrsStates.updateOne(
      { _id: lrsId, leaseOwner: lease },
      { $set: { ...set, leaseOwner: null, leaseUntil: null } },
    );
    // CASE: the lease expired during a very slow pass and another worker holds it now: the outcome
    // is still ours to record, the lease is not ours to clear.
    if (result.matchedCount === 0 && Object.keys(set).length > 0) await setState(lrsId, set);
  }

  /** Due statements, oldest first (served by the { status, nextAttemptAt } index). */
  async function due(filter: Filter<OutboxDoc>, now: Date, skip: number, limit: number): Promise<DueRow[]> {
    return outbox
      .find(
        { ...filter, status: 'pending', nextAttemptAt: { $lte: now } },
        { projection: { _id: 1, payload: 1, attempts: 1 } },
      )
      .sort({ status: 1, nextAttemptAt: 1 })
      .skip(skip)
      .limit(limit)
      .toArray() as Promise<DueRow[]>;
  }

  async function setState(lrsId: string, set: Partial<LrsStateDoc>): Promise<void> {
    await lrsStates.updateOne({ _id: lrsId }, { $set: set }, { upsert: true });
  }

  async function deliverTo(dest: LrsDestination, all: readonly LrsDestination[]): Promise<DestinationPass> {
    const now = options.clock();
    const counts = { claimed: 0, sent: 0, dead: 0, retried: 0 };
    const pass = (s: PassState): DestinationPass => ({ lrsId: dest.id, state: s, ...counts });
    const lease = `${owner}:${++leaseCounter}`;
    const st = await acquire(dest.id, lease, now);
    if (st === undefined) return pass('busy');
    let outcome: Partial<LrsStateDoc> = {};
    try {
      if (st.pausedUntil != null && st.pausedUntil > now) return pass('paused');
      if (st.holdUntil != null && st.holdUntil > now) return pass('held');
      if (st.circuitOpenUntil != null && st.circuitOpenUntil > now) return pass('circuit-open');
      const result = await deliverHoldingLease(dest, all, st, now, counts, pass);
      outcome = result.outcome;
      return result.pass;
    } finally {
      await release(dest.id, lease, outcome);
    }
  }

  async function deliverHoldingLease(
    dest: LrsDestination,
    all: readonly LrsDestination[],
    st: LrsStateDoc,
    now: Date,
    counts: { claimed: number; sent: number; dead: number; retried: number },
    pass: (s: PassState) => DestinationPass,
  ): Promise<{ pass: DestinationPass; outcome: Partial<LrsStateDoc> }> {
    const done = (p: PassState, outcome: Partial<LrsStateDoc> = {}) => ({ pass: pass(p), outcome });
    const client = options.clientFor(dest);
    if (st.circuitOpenUntil != null) {
      // Half-open: one cheap probe decides whether batches may flow again.
      try {
        await client.about();
        await setState(dest.id, { circuitOpenUntil: null, consecutiveFailures: 0, circuitOpenings: 0 });
        emit({ type: 'circuit-closed', lrsId: dest.id });
      } catch (err) {
        const openings = (st.circuitOpenings ?? 0) + 1;
        const wait = Math.min(options.backoffCapMs, options.breakerOpenMs * 2 ** (openings - 1));
        await setState(dest.id, {
          circuitOpenUntil: new Date(now.getTime() + wait),
          circuitOpenings: openings,
          lastFailureAt: now,
          lastError: describe(err),
        });
        emit({ type: 'circuit-open', lrsId: dest.id, untilMs: wait });
        return done('circuit-open');
      }
    }

    const writes: Promise<void>[] = [];

    // The `sent` mark is written while the next batch is on the wire (awaited before the pass ends).
    const markSent = async (batch: readonly DueRow[]): Promise<void> => {
      const at = options.clock();
      const ids = batch.map((r) => r._id);
      writes.push(
        outbox
          .updateMany(
            { _id: { $in: ids }, status: 'pending' },
            { $set: { status: 'sent', sentAt: at, lrsId: dest.id, lastError: null } },
          )
          .then(() => undefined),
      );
      counts.sent += batch.length;
      emit({ type: 'sent', lrsId: dest.id, count: batch.length });
    };

    const markDead = async (row: DueRow, status: number | null, reason: string): Promise<void> => {
      await outbox.updateOne(
        { _id: row._id, status: 'pending' },
        {
          $set: {
            status: 'dead',
            lrsId: dest.id,
            lastStatus: status,
            deadReason: reason.slice(0, 2000),
          },
          $inc: { attempts: 1 },
        },
      );
      counts.dead += 1;
      emit({ type: 'dead', lrsId: dest.id, statementId: row._id, reason });
    };

    let halted: { error: unknown; delayMs: number } | undefined;

    const scheduleRetry = async (
      batch: readonly DueRow[],
      err: unknown,
      retryAfterMs: number | undefined,
    ): Promise<void> => {
      const at = options.clock().getTime();
      // Per row: full jitter over an exponentially growing window, never sooner than Retry-After.
      let longest = 0;
      for (const row of batch) {
        const attempt = row.attempts + 1;
        const window = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (attempt - 1));
        const delay = Math.max(retryAfterMs ?? 0, Math.floor(options.random() * window));
        longest = Math.max(longest, delay);
        await outbox.updateOne(
          { _id: row._id, status: 'pending' },
          {
            $set: {
              nextAttemptAt: new Date(at + delay),
              lastStatus: err instanceof LrsHttpError ? err.status : null,
              lastError: describe(err).slice(0, 2000),
            },
            $inc: { attempts: 1 },
          },
        );
      }
      counts.retried += batch.length;
      emit({ type: 'retry', lrsId: dest.id, count: batch.length, error: describe(err), delayMs: longest });
    };

    const send = async (batch: readonly DueRow[]): Promise<void> => {
      if (halted !== undefined) {
        await scheduleRetry(batch, halted.error, halted.delayMs);
        return;
      }
      try {
        await client.postStatements(batch.map((r) => r.payload));
        await markSent(batch);
        return;
      } catch (err) {
        if (err instanceof LrsHttpError && (err.status === 400 || err.status === 409 || err.status === 413)) {
          if (batch.length > 1) {
            const mid = batch.length >> 1;
            await send(batch.slice(0, mid));
            await send(batch.slice(mid));
            return;
          }
          const row = batch[0]!;
          if (err.status === 409) return resolveConflict(row, err);
          return markDead(row, err.status, `LRS rejected the statement (${err.status}): ${err.body}`);
        }
        if (err instanceof LrsHttpError && (err.status === 401 || err.status === 403)) {
          const reason = `LRS refused our credentials (${err.status}): ${err.body.slice(0, 300)}`;
          await setState(dest.id, {
            pausedReason: reason,
            pausedUntil: new Date(options.clock().getTime() + options.pauseMs),
            lastFailureAt: options.clock(),
            lastError: reason,
          });
          emit({ type: 'paused', lrsId: dest.id, reason });
          throw new Halt();
        }
        const retryAfter = err instanceof LrsHttpError ? err.retryAfterMs : undefined;
        await scheduleRetry(batch, err, retryAfter);
        halted = { error: err, delayMs: retryAfter ?? 0 };
        await recordFailure(err, retryAfter);
      }
    };

    const resolveConflict = async (row: DueRow, err: LrsHttpError): Promise<void> => {
      let stored: Record<string, unknown> | undefined;
      try {
        stored = await client.getStatement(row._id);
      } catch (readErr) {
        await scheduleRetry([row], readErr, undefined);
        return;
      }
      if (stored === undefined) {
        // CASE: 409 but the LRS cannot show it (eventual consistency): ask again later.
        await scheduleRetry([row], err, undefined);
        return;
      }
      if (sameStatement(stored, JSON.parse(row.payload) as Record<string, unknown>)) return markSent([row]);
      return markDead(
        row,
        409,
        `conflict: the LRS already holds a different statement with id ${row._id} (${err.body.slice(0, 200)})`,
      );
    };

    const recordFailure = async (err: unknown, retryAfterMs: number | undefined): Promise<void> => {
      const at = options.clock();
      const failures = (st.consecutiveFailures ?? 0) + 1;
      const set: Partial<LrsStateDoc> = {
        lastFailureAt: at,
        lastError: describe(err).slice(0, 2000),
        consecutiveFailures: failures,
      };
      if (retryAfterMs !== undefined) set.holdUntil = new Date(at.getTime() + retryAfterMs);
      // 429 is the LRS pacing us, not failing: it does not trip the breaker.
      const trips =
        !(err instanceof LrsHttpError && err.status === 429) && failures >= options.breakerThreshold;
      if (trips) {
        set.circuitOpenUntil = new Date(at.getTime() + options.breakerOpenMs);
        set.circuitOpenings = 1;
        emit({ type: 'circuit-open', lrsId: dest.id, untilMs: options.breakerOpenMs });
      }
      await setState(dest.id, set);
    };

    // Two queries per pass: the first batch, then — while it is on the wire — the rest of the
    // pass (the rows after it: they are still pending, so `skip` steps over them; a row the
    // first batch already holds is dropped should the order have shifted in between, and rows
    // skipped twice — the first batch marked sent before the query ran — wait for the next
    // pass). Rows left
    // unsent when a batch fails stay due. The pass stops early once half the lease is used, so a
    // slow LRS never outlives the lease.
    const filter = routeFilter(dest, all);
    const first = await due(filter, now, 0, batchSize);
    const more =
      first.length < batchSize || batchesPerPass === 1
        ? Promise.resolve([])
        : due(filter, now, batchSize, (batchesPerPass - 1) * batchSize);
    more.catch(() => undefined); // awaited below; a failing first batch must not leave it unhandled
    const leaseDeadline = now.getTime() + options.leaseMs / 2;
    try {
      counts.claimed += first.length;
      if (first.length > 0) await send(first);
      const taken = new Set(first.map((r) => r._id));
      const rest = (await more).filter((r) => !taken.has(r._id));
      for (let i = 0; i < rest.length && halted === undefined; i += batchSize) {
        if (options.clock().getTime() >= leaseDeadline) break;
        const batch = rest.slice(i, i + batchSize);
        counts.claimed += batch.length;
        await send(batch);
      }
    } catch (err) {
      await Promise.all(writes);
      if (err instanceof Halt) return done('paused');
      throw err;
    }
    await Promise.all(writes);
    if (counts.claimed === 0) return done('idle');
    const at = options.clock();
    if (halted === undefined) {
      return done('delivered', {
        ...(counts.sent > 0 ? { lastSuccessAt: at } : {}),
        consecutiveFailures: 0,
        holdUntil: null,
        pausedReason: null,
        pausedUntil: null,
      });
    }
    return done('failed', counts.sent > 0 ? { lastSuccessAt: at } : {});
  }

  return {
    async deliverOnce() {
      const all = await options.destinations();
      const results: DestinationPass[] = [];
      for (const dest of all) results.push(await deliverTo(dest, all));
      return results;
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Whether the LRS's stored statement is ours: the LRS adds `stored`, `authority` and `version`
 * and may write the timestamp in another form, so those are ignored or compared as instants.
 */
export function sameStatement(stored: Record<string, unknown>, ours: Record<string, unknown>): boolean {
  const strip = (s: Record<string, unknown>): Record<string, unknown> => {
    const { stored: _s, authority: _a, version: _v, timestamp, ...rest } = s;
    return { ...rest, timestamp: typeof timestamp === 'string' ? Date.parse(timestamp) : timestamp };
  };
  return deepEqual(strip(stored), strip(ours));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
