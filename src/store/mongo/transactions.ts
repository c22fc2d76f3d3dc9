/**
 * Multi-document changes in one MongoDB transaction. Services receive a `TransactionRunner` and
 * pass the `Tx` it gives them to every repository write that must commit together; nothing in
 * a `Tx` is meant to be read outside `store/`.
 */
import type { ClientSession, Connection } from 'mongoose';

export interface Tx {
  readonly session: ClientSession;
}

export type TransactionRunner = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/** Runs `work` in a transaction (retried by the driver on transient errors); aborts if it throws. */
export function transactionRunner(connection: Connection): TransactionRunner {
  return async <T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
    connection.transaction(async (session) => work({ session }));
}

/** Options for a model call: the transaction's session when there is one. */
export function sessionOf(tx: Tx | undefined): { session?: ClientSession } {
  return tx === undefined ? {} : { session: tx.session };
}

/** The server's duplicate-key error (code 11000). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
