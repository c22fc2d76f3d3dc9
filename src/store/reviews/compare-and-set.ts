/**
 * The save every review-area repository shares: insert when there was nothing
 * (`expectedRevision` undefined; a duplicate key means someone else inserted first), else
 * replace only when the stored revision is still the one the caller read.
 */
import type { Model } from 'mongoose';
import { VersionConflictError } from '../../domain/shared/errors.js';
import { isDuplicateKey, sessionOf, type Tx } from '../mongo/transactions.js';

export async function compareAndSet<D extends { _id: string; revision: number }>(
  model: Model<D>,
  doc: D,
  expectedRevision: number | undefined,
  entity: string,
  tx: Tx | undefined,
): Promise<void> {
  const options = sessionOf(tx);
  if (expectedRevision === undefined) {
    try {
      await model.create([doc] as never, options);
    } catch (error) {
      if (isDuplicateKey(error))
        throw new VersionConflictError({ entity, id: doc._id, expected: 0 }, { cause: error });
      throw error;
    }
    return;
  }
  const result = await model.replaceOne(
    { _id: doc._id, revision: expectedRevision } as never,
    doc as never,
    options,
  );
  if (result.matchedCount === 0) {
    throw new VersionConflictError({ entity, id: doc._id, expected: expectedRevision });
  }
}

/** Copies `value` into `key` only when it is defined (documents never store `undefined`). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
