/**
 * Logical sessions (`lsid`): transaction state per session and the result of the latest
 * retryable write, so a retried `txnNumber` is answered from memory instead of applied twice.
 * Sessions idle for `logicalSessionTimeoutMinutes` (30) are dropped; transactions older than
 * `transactionLifetimeLimitSeconds` (60) are aborted, as mongod does.
 */
import type { Document } from 'bson';
import { Binary } from 'bson';
import type { Transaction } from '../engine/store.js';

export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
export const TRANSACTION_LIFETIME_MS = 60_000;

export interface Session {
  readonly id: string;
  lastUse: number;
  /** Highest txnNumber seen on this session. */
  txnNumber: number;
  txn?: Transaction;
  /** Outcome of the transaction with number `txnNumber`, if it ended. */
  txnOutcome?: 'committed' | 'aborted';
  retried?: { txnNumber: number; reply: Document };
}

export function sessionKey(lsid: unknown): string | undefined {
  if (!lsid || typeof lsid !== 'object') return undefined;
  const id = (lsid as { id?: unknown }).id;
  if (id instanceof Binary) return Buffer.from(id.buffer.subarray(0, id.position)).toString('hex');
  return undefined;
}

export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();

  get(key: string, now: number): Session {
    let s = this.#sessions.get(key);
    if (!s) this.#sessions.set(key, (s = { id: key, lastUse: now, txnNumber: -1 }));
    s.lastUse = now;
    return s;
  }

  end(key: string): Session | undefined {
    const s = this.#sessions.get(key);
    this.#sessions.delete(key);
    return s;
  }

  /** Sessions idle past the timeout (removed) and transactions past their lifetime. */
  expire(now: number): { idle: Session[]; expiredTxns: Session[] } {
    const idle: Session[] = [];
    const expiredTxns: Session[] = [];
    for (const [k, s] of this.#sessions) {
      if (s.txn && s.txn.state === 'active' && now - s.txn.startedAt > TRANSACTION_LIFETIME_MS)
        expiredTxns.push(s);
      if (now - s.lastUse > LOGICAL_SESSION_TIMEOUT_MINUTES * 60_000) {
        this.#sessions.delete(k);
        idle.push(s);
      }
    }
    return { idle, expiredTxns };
  }

  all(): IterableIterator<Session> {
    return this.#sessions.values();
  }
}
