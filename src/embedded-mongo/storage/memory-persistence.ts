/**
 * `Persistence` for memory-only servers (tests, CI): nothing is stored, so `load` replays nothing
 * and `append` resolves at once. It still enforces the lifecycle (no writes after `close`) so code
 * that works against it also respects the contract of the durable implementation.
 */
import type { LogRecord, Persistence, StoreImage } from './persistence.js';
import { PersistenceClosedError } from './persistence-errors.js';

export function createMemoryPersistence(): Persistence {
  let closed = false;
  return {
    load(_apply: (record: LogRecord) => void): Promise<void> {
      return closed ? Promise.reject(new PersistenceClosedError(':memory:')) : Promise.resolve();
    },
    append(_group: readonly LogRecord[]): Promise<void> {
      return closed ? Promise.reject(new PersistenceClosedError(':memory:')) : Promise.resolve();
    },
    wantsCompaction(): boolean {
      return false;
    },
    compact(_image: StoreImage): Promise<void> {
      return closed ? Promise.reject(new PersistenceClosedError(':memory:')) : Promise.resolve();
    },
    close(): Promise<void> {
      closed = true;
      return Promise.resolve();
    },
  };
}
