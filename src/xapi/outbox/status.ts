/** Operator view of the outbox (`teamloop xapi status`) and the dead-letter retry. */
import type { LrsStateDoc, OutboxCollections } from './outbox.model.js';

export interface OutboxStatusReport {
  readonly pending: number;
  readonly oldestPendingAt: Date | undefined;
  readonly dead: number;
  readonly sent: number;
  readonly lrs: readonly LrsStateDoc[];
}

export async function outboxStatus(collections: OutboxCollections): Promise<OutboxStatusReport> {
  const { outbox, lrsStates } = collections;
  const [pending, dead, sent, oldest, lrs] = await Promise.all([
    outbox.countDocuments({ status: 'pending' }),
    outbox.countDocuments({ status: 'dead' }),
    outbox.countDocuments({ status: 'sent' }),
    outbox
      .find({ status: 'pending' }, { projection: { createdAt: 1 } })
      .sort({ createdAt: 1 })
      .limit(1)
      .toArray(),
    lrsStates.find({}).sort({ _id: 1 }).toArray(),
  ]);
  return { pending, oldestPendingAt: oldest[0]?.createdAt, dead, sent, lrs };
}

/**
 * Puts every dead-lettered statement back in the queue, due now, with the same payload (so the
 * same id and content), and lifts LRS pauses. Returns how many statements were re-queued.
 */
export async function retryDead(collections: OutboxCollections, now: Date): Promise<number> {
  const result = await collections.outbox.updateMany(
    { status: 'dead' },
    { $set: { status: 'pending', nextAttemptAt: now, attempts: 0, deadReason: null } },
  );
  await collections.lrsStates.updateMany(
    {},
    { $set: { pausedUntil: null, pausedReason: null, circuitOpenUntil: null } },
  );
  return result.modifiedCount;
}
