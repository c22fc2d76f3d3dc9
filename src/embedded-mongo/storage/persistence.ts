/**
 * Durable storage contract for the embedded server. The engine keeps every document in memory;
 * persistence records logical changes and restores them on start.
 *
 * Records are appended in groups: one group = one acknowledged command or one committed
 * transaction, and a group is all-or-nothing after a crash (a torn final group is dropped).
 * `append` resolves only when the group is durable (fdatasync'd), so a write acknowledged to a
 * client survives `kill -9`.
 */
import type { Document } from 'bson';

export type LogRecord =
  | { readonly op: 'put'; readonly db: string; readonly coll: string; readonly doc: Document }
  | { readonly op: 'del'; readonly db: string; readonly coll: string; readonly id: unknown }
  | {
      readonly op: 'createCollection';
      readonly db: string;
      readonly coll: string;
      readonly options: Document;
    }
  | { readonly op: 'dropCollection'; readonly db: string; readonly coll: string }
  | {
      readonly op: 'renameCollection';
      readonly db: string;
      readonly coll: string;
      readonly toDb: string;
      readonly toColl: string;
    }
  | { readonly op: 'createIndex'; readonly db: string; readonly coll: string; readonly spec: Document }
  | { readonly op: 'dropIndex'; readonly db: string; readonly coll: string; readonly name: string }
  | { readonly op: 'dropDatabase'; readonly db: string };

/** A consistent picture of the whole store, used to write a snapshot. Documents are immutable. */
export interface StoreImage {
  readonly collections: ReadonlyArray<{
    readonly db: string;
    readonly coll: string;
    readonly options: Document;
    /** Index specs as listIndexes returns them, `_id_` excluded. */
    readonly indexes: readonly Document[];
    readonly docs: readonly Document[];
  }>;
}

export interface Persistence {
  /** Replays the stored state through `apply`, in order (snapshot first, then the log). */
  load(apply: (record: LogRecord) => void): Promise<void>;
  /** Appends one group; resolves when it is durable. */
  append(group: readonly LogRecord[]): Promise<void>;
  /** True when the log has grown enough that a snapshot would pay off. */
  wantsCompaction(): boolean;
  /** Writes a snapshot of `image` and drops the log it covers. Appends may continue meanwhile. */
  compact(image: StoreImage): Promise<void>;
  /** Flushes and releases the data directory. */
  close(): Promise<void>;
}
