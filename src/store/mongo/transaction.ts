/**
 * Runs work in one MongoDB transaction on the app connection (mongoose `connection.transaction`:
 * commits when `work` resolves, aborts when it throws, retries transient transaction errors).
 * Services take a `RunInTransaction` so they never see the connection.
 */
import type { ClientSession, Connection } from 'mongoose';

export type RunInTransaction = <T>(work: (session: ClientSession) => Promise<T>) => Promise<T>;

export function transactionRunner(connection: Connection): RunInTransaction {
  return (work) => connection.transaction(work);
}
