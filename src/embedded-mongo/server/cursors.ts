/**
 * Open cursors: results are materialised as an array of (immutable) document references when
 * the cursor opens, which gives each cursor a stable snapshot; batches are cut by count and by
 * MongoDB's 16 MiB reply limit. Idle cursors are reaped after 10 minutes like mongod's
 * `cursorTimeoutMillis`, unless opened with `noCursorTimeout`.
 */
import { Long, calculateObjectSize, type Document } from 'bson';
import { randomBytes } from 'node:crypto';
import { MongoServerError } from '../engine/errors.js';
import type { Doc } from '../engine/values.js';
import { MAX_BSON_SIZE } from '../wire/protocol.js';
import { restoreTypes } from '../engine/numeric-types.js';

export const DEFAULT_FIRST_BATCH = 101;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Room left in a reply for the envelope around the batch. */
const BATCH_BYTES = MAX_BSON_SIZE - 64 * 1024;

interface OpenCursor {
  readonly id: Long;
  readonly ns: string;
  readonly docs: Doc[];
  readonly project: ((docs: Doc[]) => Doc[]) | undefined;
  readonly sessionId: string | undefined;
  readonly noTimeout: boolean;
  pos: number;
  lastUsed: number;
}

export interface CursorSource {
  readonly ns: string;
  readonly docs: Doc[];
  readonly project?: (docs: Doc[]) => Doc[];
  readonly sessionId?: string;
  readonly noTimeout?: boolean;
}

export class CursorRegistry {
  readonly #open = new Map<string, OpenCursor>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Builds the first-batch reply; keeps a cursor open only when documents remain. */
  open(source: CursorSource, batchSize: number | undefined, singleBatch: boolean): Document {
    const c: OpenCursor = {
      id: Long.ZERO,
      ns: source.ns,
      docs: source.docs,
      project: source.project,
      sessionId: source.sessionId,
      noTimeout: source.noTimeout ?? false,
      pos: 0,
      lastUsed: this.#now(),
    };
    const firstBatch = this.#batch(c, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = Long.ZERO;
    if (!singleBatch && c.pos < c.docs.length) {
      id = newCursorId();
      const open: OpenCursor = { ...c, id };
      this.#open.set(id.toString(), open);
    }
    return { cursor: { firstBatch, id, ns: source.ns }, ok: 1 };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined, sessionId: string | undefined): Document {
    const key = id.toString();
    const c = this.#open.get(key);
    if (!c) throw new MongoServerError(43, `cursor id ${key} not found`);
    if (c.ns !== ns) {
      throw new MongoServerError(
        13,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`,
      );
    }
    if (c.sessionId !== undefined && sessionId !== undefined && c.sessionId !== sessionId) {
      throw new MongoServerError(
        50738,
        `Cannot run getMore on cursor ${key}, which was created in a different session`,
      );
    }
    c.lastUsed = this.#now();
    const nextBatch = this.#batch(c, batchSize ?? 0);
    let outId = c.id;
    if (c.pos >= c.docs.length) {
      this.#open.delete(key);
      outId = Long.ZERO;
    }
    return { cursor: { nextBatch, id: outId, ns: c.ns }, ok: 1 };
  }

  kill(ids: readonly Long[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.#open.delete(id.toString()) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  killSession(sessionId: string): void {
    for (const [k, c] of this.#open) if (c.sessionId === sessionId) this.#open.delete(k);
  }

  reapIdle(): number {
    const cutoff = this.#now() - IDLE_TIMEOUT_MS;
    let n = 0;
    for (const [k, c] of this.#open) {
      if (!c.noTimeout && c.lastUsed < cutoff) {
        this.#open.delete(k);
        n++;
      }
    }
    return n;
  }

  #batch(c: OpenCursor, batchSize: number): Doc[] {
    const max = batchSize > 0 ? batchSize : Infinity;
    const end = Math.min(c.docs.length, c.pos + (Number.isFinite(max) ? max : c.docs.length));
    let slice = c.docs.slice(c.pos, end);
    if (c.project) slice = c.project(slice);
    slice = slice.map(restoreTypes);
    let bytes = 0;
    let take = 0;
    for (const d of slice) {
      bytes += calculateObjectSize(d) + 16;
      if (take > 0 && bytes > BATCH_BYTES) break;
      take++;
    }
    c.pos += take;
    return take === slice.length ? slice : slice.slice(0, take);
  }
}

function newCursorId(): Long {
  const b = randomBytes(8);
  b[7] = b[7]! & 0x7f;
  const id = Long.fromBytesLE([...b]);
  return id.isZero() ? Long.ONE : id;
}
