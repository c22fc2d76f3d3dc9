/**
 * Transactional outbox: `enqueue` writes statements in the caller's MongoDB transaction, so a
 * statement exists exactly when the domain change it describes was committed. Each statement is
 * serialised here, once; the delivery worker sends that text verbatim on every attempt.
 */
import type { ClientSession } from 'mongoose';
import type { XapiStatement } from '../statement-types.js';
import { ownIris } from '../vocabulary.js';
import type { OutboxCollections, OutboxDoc } from './outbox.model.js';

export interface Outbox {
  /**
   * Adds the statements to the outbox inside `session`'s transaction (pass the session of the
   * transaction that saves the domain change). Statement ids are deterministic, so enqueuing the
   * same event twice fails with a duplicate key error and the transaction aborts.
   */
  enqueue(statements: readonly XapiStatement[], session: ClientSession): Promise<void>;
  /**
   * Like `enqueue`, but skips statements whose id is already in the outbox (the same event was
   * recorded before, e.g. a reloaded launch page): replaying an event is then a no-op, not an
   * aborted transaction. Returns how many statements were added.
   */
  enqueueNew(statements: readonly XapiStatement[], session: ClientSession): Promise<number>;
}

export interface OutboxOptions {
  readonly collections: OutboxCollections;
  /** The tool's public URL: where the LTI context extension (and so the issuer) is found. */
  readonly toolUrl: string;
  readonly clock: () => Date;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const ltiExtension = ownIris(options.toolUrl).extension('lti');
  const outbox: Outbox = {
    async enqueueNew(statements, session) {
      if (statements.length === 0) return 0;
      if (!session.inTransaction()) throw new Error('outbox.enqueue needs a session inside a transaction');
      const existing = await options.collections.outbox
        .find({ _id: { $in: statements.map((s) => s.id) } }, { session, projection: { _id: 1 } })
        .toArray();
      const known = new Set(existing.map((doc) => doc._id));
      const fresh = statements.filter((s) => !known.has(s.id));
      await outbox.enqueue(fresh, session);
      return fresh.length;
    },
    async enqueue(statements, session) {
      if (statements.length === 0) return;
      if (!session.inTransaction()) throw new Error('outbox.enqueue needs a session inside a transaction');
      const now = options.clock();
      const docs: OutboxDoc[] = statements.map((statement) => {
        const lti = statement.context.extensions?.[ltiExtension] as { iss?: unknown } | undefined;
        return {
          _id: statement.id,
          issuer: typeof lti?.iss === 'string' ? lti.iss : null,
          payload: JSON.stringify(statement),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        };
      });
      await options.collections.outbox.insertMany(docs, { session, ordered: true });
    },
  };
  return outbox;
}
