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
}

export interface OutboxOptions {
  readonly collections: OutboxCollections;
  /** The tool's public URL: where the LTI context extension (and so the issuer) is found. */
  readonly toolUrl: string;
  readonly clock: () => Date;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const ltiExtension = ownIris(options.toolUrl).extension('lti');
  return {
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
}
