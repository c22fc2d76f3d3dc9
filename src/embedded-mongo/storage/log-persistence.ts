/**
 * Durable `Persistence` on a data directory: an append-only BSON log with group commit, plus
 * snapshots that let old log segments be deleted.
 *
 * Directory layout (all files owned by the holder of `mongod.lock`):
 *   oplog-NNNNNNNNNN.bson  log segments, numbered consecutively; only the highest one is appended to
 *   snapshot.bson          the state up to and including segment `covers` (named in its header frame)
 *   snapshot.bson.tmp      a snapshot being written; never read, deleted on load
 *
 * Invariants:
 * - A group is one frame, and a batch of frames reaches the file in one write followed by one
 *   fdatasync before any of its appends resolve, so an acknowledged group survives kill -9 and
 *   power loss, and a crash can only damage frames that were never acknowledged.
 * - Frames are queued synchronously inside `append`, so the log order is the call order.
 * - `compact` queues a segment rotation synchronously too: every group appended before the call is
 *   in a segment <= `covers`, every later one in a newer segment. The image passed to `compact`
 *   must therefore reflect exactly the groups appended before the call (take it and call `compact`
 *   in the same tick).
 * - Every step of compaction leaves a loadable directory: the snapshot becomes visible only by an
 *   atomic rename after it is fsynced, covered segments are deleted only after the rename is
 *   durable, and load deletes whatever a crash left behind (temp snapshot, covered segments).
 * - Load tolerates damage only in the final frame of the final segment (a torn write): it is cut
 *   off before any append. Any other damage stops the load with `LogCorruptionError`.
 * - After a failed write or fsync the store accepts no more appends (the file tail is unknown).
 */
import { mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { serialize, type Document } from 'bson';
import type { LogRecord, Persistence, StoreImage } from './persistence.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { encodeDocumentFrame, encodeFrame, scanFrames } from './frame-codec.js';
import { decodeFrameDocument, decodeGroupFrame, encodeGroupFrame, isDocument } from './log-record-codec.js';
import {
  DataDirInconsistentError,
  LogCorruptionError,
  PersistenceClosedError,
  PersistenceFailedError,
  PersistenceStateError,
} from './persistence-errors.js';

export interface LogPersistenceOptions {
  /** How long the first append of a batch waits for company before the batch is written (default 5). */
  readonly groupCommitMs?: number;
  /** `group`: fdatasync each batch before resolving (default). `none`: resolve after the write. */
  readonly fsync?: 'group' | 'none';
  /** `wantsCompaction()` needs at least this many log bytes since the snapshot (default 64 MiB). */
  readonly compactAfterBytes?: number;
}

export interface LogLoadReport {
  readonly snapshotDocs: number;
  readonly logGroups: number;
  /** Set when load cut a torn final frame off the last segment. */
  readonly truncatedTail: {
    readonly file: string;
    readonly offset: number;
    readonly bytes: number;
    readonly reason: string;
  } | null;
}

export interface LogPersistenceStats {
  readonly dir: string;
  /** Segment currently appended to. */
  readonly segment: number;
  /** Last segment included in the snapshot (0 = no snapshot). */
  readonly snapshotCovers: number;
  readonly snapshotBytes: number;
  /** Bytes in the segments newer than the snapshot. */
  readonly logBytes: number;
  /** Batches written (each one write + one fdatasync) and groups appended since open. */
  readonly batches: number;
  readonly groups: number;
  readonly lastLoad: LogLoadReport | null;
}

export interface LogPersistence extends Persistence {
  stats(): LogPersistenceStats;
}

export const SNAPSHOT_FILE = 'snapshot.bson';
export const SNAPSHOT_TEMP_FILE = 'snapshot.bson.tmp';
const SNAPSHOT_FORMAT_VERSION = 1;
const SEGMENT_PATTERN = /^oplog-(\d{10})\.bson$/;

export function segmentFileName(segment: number): string {
  return `oplog-${String(segment).padStart(10, '0')}.bson`;
}

const DEFAULT_GROUP_COMMIT_MS = 5;
const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
/** A batch this large is written without waiting for the rest of the window. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** Snapshot writes are issued in chunks of about this size. */
const SNAPSHOT_WRITE_CHUNK_BYTES = 4 * 1024 * 1024;
/** A snapshot `docs` frame is closed at this payload size or document count. */
const SNAPSHOT_FRAME_BYTES = 1024 * 1024;
const SNAPSHOT_FRAME_DOCS = 10_000;

export async function openLogPersistence(
  dir: string,
  options: LogPersistenceOptions = {},
): Promise<LogPersistence> {
  const groupCommitMs = options.groupCommitMs ?? DEFAULT_GROUP_COMMIT_MS;
  const fsync = options.fsync ?? 'group';
  const compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
  if (!Number.isFinite(groupCommitMs) || groupCommitMs < 0) {
    throw new RangeError(`groupCommitMs must be a non-negative number, got ${groupCommitMs}`);
  }
  if (fsync !== 'group' && fsync !== 'none')
    throw new RangeError(`fsync must be 'group' or 'none', got ${String(fsync)}`);
  if (!Number.isFinite(compactAfterBytes) || compactAfterBytes < 0) {
    throw new RangeError(`compactAfterBytes must be a non-negative number, got ${compactAfterBytes}`);
  }
  await mkdir(dir, { recursive: true });
  const lock = await acquireDataDirLock(dir);
  return new LogStore(dir, lock, groupCommitMs, fsync === 'group', compactAfterBytes);
}

type QueueItem =
  | {
      readonly kind: 'frame';
      readonly bytes: Buffer | null;
      readonly resolve: () => void;
      readonly reject: (e: Error) => void;
    }
  | {
      readonly kind: 'rotate';
      readonly resolve: (covers: number) => void;
      readonly reject: (e: Error) => void;
    };

type State = 'opened' | 'loading' | 'ready' | 'load-failed' | 'closing' | 'closed';

class LogStore implements LogPersistence {
  private state: State = 'opened';
  private failure: PersistenceFailedError | null = null;
  private fh: FileHandle | null = null;
  private segment = 0;
  /** Live segments (newer than the snapshot) and their sizes in bytes. */
  private readonly segments = new Map<number, number>();
  private snapshotCovers = 0;
  private snapshotBytes = 0;
  private batches = 0;
  private groups = 0;
  private lastLoad: LogLoadReport | null = null;

  private readonly queue = new Fifo<QueueItem>();
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private compacting = 0;
  private compactTail: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly lock: DataDirLock,
    private readonly groupCommitMs: number,
    private readonly syncEachBatch: boolean,
    private readonly compactAfterBytes: number,
  ) {}

  // ---------------------------------------------------------------- load

  async load(apply: (record: LogRecord) => void): Promise<void> {
    if (this.state !== 'opened') {
      throw new PersistenceStateError(`load() may be called once, right after open (state: ${this.state})`);
    }
    this.state = 'loading';
    try {
      await this.replayDirectory(apply);
      this.state = 'ready';
    } catch (error) {
      this.state = 'load-failed';
      throw error;
    }
  }

  private async replayDirectory(apply: (record: LogRecord) => void): Promise<void> {
    const names = await readdir(this.dir);
    let dirChanged = false;
    if (names.includes(SNAPSHOT_TEMP_FILE)) {
      await unlink(join(this.dir, SNAPSHOT_TEMP_FILE)); // a compaction died before its rename
      dirChanged = true;
    }
    let snapshotDocs = 0;
    if (names.includes(SNAPSHOT_FILE)) {
      const loaded = await this.replaySnapshot(apply);
      this.snapshotCovers = loaded.covers;
      this.snapshotBytes = loaded.bytes;
      snapshotDocs = loaded.docs;
    }
    const found = names
      .map((name) => SEGMENT_PATTERN.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const segment of found.filter((s) => s <= this.snapshotCovers)) {
      await unlink(join(this.dir, segmentFileName(segment))); // a compaction died before deleting these
      dirChanged = true;
    }
    const live = found.filter((s) => s > this.snapshotCovers);
    live.forEach((segment, i) => {
      const expected = this.snapshotCovers + 1 + i;
      if (segment !== expected) {
        throw new DataDirInconsistentError(
          this.dir,
          `log segment ${segmentFileName(expected)} is missing (snapshot covers segments up to ${this.snapshotCovers}, ` +
            `found ${live.map(segmentFileName).join(', ')})`,
        );
      }
    });

    let logGroups = 0;
    let truncatedTail: LogLoadReport['truncatedTail'] = null;
    for (let i = 0; i < live.length; i++) {
      const segment = live[i]!;
      const isLast = i === live.length - 1;
      const replayed = await this.replaySegment(segment, isLast, apply);
      logGroups += replayed.groups;
      truncatedTail ??= replayed.truncated;
      this.segments.set(segment, replayed.bytes);
    }

    if (live.length === 0) {
      this.segment = this.snapshotCovers + 1;
      this.fh = await open(join(this.dir, segmentFileName(this.segment)), 'ax');
      this.segments.set(this.segment, 0);
      dirChanged = true;
    } else {
      this.segment = live[live.length - 1]!;
      this.fh = await open(join(this.dir, segmentFileName(this.segment)), 'a');
    }
    if (dirChanged) await fsyncDirectory(this.dir);
    this.lastLoad = { snapshotDocs, logGroups, truncatedTail };
  }

  private async replaySegment(
    segment: number,
    isLast: boolean,
    apply: (record: LogRecord) => void,
  ): Promise<{ groups: number; bytes: number; truncated: LogLoadReport['truncatedTail'] }> {
    const file = join(this.dir, segmentFileName(segment));
    const fh = await open(file, isLast ? 'r+' : 'r');
    try {
      const { size } = await fh.stat();
      const scan = await scanFrames(file, fh, size, (payload, offset) => {
        const group = decodeGroupFrame(file, offset, payload);
        for (const record of group) apply(record);
      });
      if (scan.tornAt === null) return { groups: scan.frames, bytes: size, truncated: null };
      if (!isLast) {
        throw new LogCorruptionError(
          file,
          scan.tornAt,
          `${scan.tornReason ?? 'damaged frame'} in a non-final segment`,
        );
      }
      await fh.truncate(scan.goodEnd);
      await fh.datasync();
      return {
        groups: scan.frames,
        bytes: scan.goodEnd,
        truncated: {
          file,
          offset: scan.tornAt,
          bytes: size - scan.goodEnd,
          reason: scan.tornReason ?? 'damaged frame',
        },
      };
    } finally {
      await fh.close();
    }
  }

  private async replaySnapshot(
    apply: (record: LogRecord) => void,
  ): Promise<{ covers: number; bytes: number; docs: number }> {
    const file = join(this.dir, SNAPSHOT_FILE);
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      let covers: number | null = null;
      let expectedDocs = 0;
      let docs = 0;
      let ended = false;
      const scan = await scanFrames(file, fh, size, (payload, offset) => {
        const frame = decodeFrameDocument(file, offset, payload);
        const fail = (reason: string): never => {
          throw new LogCorruptionError(file, offset, reason);
        };
        if (ended) fail('frame after the snapshot trailer');
        if (covers === null) {
          if (frame.k !== 'snapshot') fail('snapshot does not start with its header frame');
          if (frame.v !== SNAPSHOT_FORMAT_VERSION)
            fail(`unsupported snapshot format version ${String(frame.v)}`);
          if (!isCount(frame.covers) || !isCount(frame.docs)) fail('malformed snapshot header');
          covers = frame.covers as number;
          expectedDocs = frame.docs as number;
          return;
        }
        switch (frame.k) {
          case 'coll': {
            const { db, coll, options, indexes } = frame;
            if (
              typeof db !== 'string' ||
              typeof coll !== 'string' ||
              !isDocument(options) ||
              !Array.isArray(indexes)
            ) {
              return fail('malformed collection frame');
            }
            apply({ op: 'createCollection', db, coll, options });
            for (const spec of indexes) {
              if (!isDocument(spec)) fail('malformed index spec');
              apply({ op: 'createIndex', db, coll, spec: spec as Document });
            }
            return;
          }
          case 'docs': {
            const { db, coll, d } = frame;
            if (typeof db !== 'string' || typeof coll !== 'string' || !Array.isArray(d)) {
              return fail('malformed documents frame');
            }
            for (const doc of d) {
              if (!isDocument(doc)) fail('malformed document');
              apply({ op: 'put', db, coll, doc: doc as Document });
            }
            docs += d.length;
            return;
          }
          case 'end':
            if (frame.docs !== docs || docs !== expectedDocs) {
              fail(
                `snapshot trailer counts ${String(frame.docs)} documents, header ${expectedDocs}, read ${docs}`,
              );
            }
            ended = true;
            return;
          default:
            fail(`unknown snapshot frame kind ${String(frame.k)}`);
        }
      });
      if (scan.tornAt !== null)
        throw new LogCorruptionError(file, scan.tornAt, scan.tornReason ?? 'damaged frame');
      if (covers === null || !ended)
        throw new LogCorruptionError(file, scan.goodEnd, 'snapshot is incomplete (no trailer)');
      return { covers, bytes: size, docs };
    } finally {
      await fh.close();
    }
  }

  // ---------------------------------------------------------------- append + group commit

  append(group: readonly LogRecord[]): Promise<void> {
    const refused = this.refuseWrites('append');
    if (refused !== null) return Promise.reject(refused);
    let bytes: Buffer | null = null;
    if (group.length > 0) {
      try {
        bytes = encodeGroupFrame(group);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'frame', bytes, resolve, reject });
      this.queuedBytes += bytes?.length ?? 0;
      this.groups++;
      this.scheduleFlush(this.queuedBytes >= MAX_BATCH_BYTES);
    });
  }

  private refuseWrites(what: string): Error | null {
    if (this.state === 'closing' || this.state === 'closed') return new PersistenceClosedError(this.dir);
    if (this.state !== 'ready')
      return new PersistenceStateError(`${what}() needs a completed load() (state: ${this.state})`);
    return this.failure;
  }

  private scheduleFlush(now: boolean): void {
    if (this.flushing !== null) return; // the running flush loop picks the new item up
    if (now || this.groupCommitMs === 0) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.startFlush();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.startFlush();
      }, this.groupCommitMs);
    }
  }

  private startFlush(): void {
    if (this.flushing !== null || this.queue.size === 0 || this.failure !== null) return;
    this.flushing = this.flushLoop();
  }

  /**
   * Writes batches until the queue is empty; items queued meanwhile form the next batch. `flushing`
   * is cleared synchronously when the queue is seen empty, before the last batch's callers resume,
   * so an append they make next schedules a new flush instead of waiting on a finished loop.
   */
  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.size > 0 && this.failure === null) await this.writeNextBatch();
    } finally {
      this.flushing = null;
    }
  }

  /** Takes the next batch off the queue (stopping at a rotation), makes it durable, resolves it. */
  private async writeNextBatch(): Promise<void> {
    const batch: Extract<QueueItem, { kind: 'frame' }>[] = [];
    let rotate: Extract<QueueItem, { kind: 'rotate' }> | null = null;
    let bytes = 0;
    while (this.queue.size > 0) {
      const item = this.queue.peek()!;
      if (item.kind === 'rotate') {
        if (batch.length === 0) rotate = item;
        else break; // write the frames before the rotation first
        this.queue.shift();
        break;
      }
      const size = item.bytes?.length ?? 0;
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      this.queue.shift();
      batch.push(item);
      bytes += size;
    }
    this.queuedBytes -= bytes;
    try {
      if (batch.length > 0) await this.writeBatch(batch, bytes);
      if (rotate !== null) await this.rotate();
    } catch (error) {
      this.fail(error, [...batch, ...(rotate === null ? [] : [rotate])]);
      return;
    }
    for (const item of batch) item.resolve();
    rotate?.resolve(this.segment - 1);
  }

  private async writeBatch(
    batch: readonly Extract<QueueItem, { kind: 'frame' }>[],
    bytes: number,
  ): Promise<void> {
    if (bytes === 0) return;
    const fh = this.fh!;
    const buffers = batch.map((item) => item.bytes).filter((b): b is Buffer => b !== null);
    const data = buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers, bytes);
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await fh.write(data, written, data.length - written);
      written += bytesWritten;
    }
    if (this.syncEachBatch) await fh.datasync();
    this.segments.set(this.segment, (this.segments.get(this.segment) ?? 0) + bytes);
    this.batches++;
  }

  /** Starts the next segment; everything written so far is already durable in the current one. */
  private async rotate(): Promise<void> {
    const next = this.segment + 1;
    const fh = await open(join(this.dir, segmentFileName(next)), 'ax');
    await fsyncDirectory(this.dir); // the new segment's name must survive before anything in it is acknowledged
    const old = this.fh;
    this.fh = fh;
    this.segment = next;
    this.segments.set(next, 0);
    await old?.close();
  }

  private fail(error: unknown, taken: readonly QueueItem[]): void {
    this.failure ??= new PersistenceFailedError(this.dir, error);
    const failure = this.failure;
    for (const item of [...taken, ...this.queue.drain()]) item.reject(failure);
    this.queuedBytes = 0;
  }

  // ---------------------------------------------------------------- compaction

  wantsCompaction(): boolean {
    if (this.state !== 'ready' || this.failure !== null || this.compacting > 0) return false;
    const logBytes = this.logBytes();
    return logBytes > this.compactAfterBytes && logBytes > this.snapshotBytes;
  }

  compact(image: StoreImage): Promise<void> {
    const refused = this.refuseWrites('compact');
    if (refused !== null) return Promise.reject(refused);
    // Queue the rotation now so the cut matches `image` exactly, whatever the engine does next.
    const rotated = new Promise<number>((resolve, reject) => {
      this.queue.push({ kind: 'rotate', resolve, reject });
    });
    this.scheduleFlush(true);
    this.compacting++;
    const run = this.compactTail.then(() => this.writeSnapshot(image, rotated));
    this.compactTail = run.catch(() => undefined);
    return run.finally(() => {
      this.compacting--;
    });
  }

  private async writeSnapshot(image: StoreImage, rotated: Promise<number>): Promise<void> {
    const covers = await rotated;
    const tempPath = join(this.dir, SNAPSHOT_TEMP_FILE);
    const fh = await open(tempPath, 'w');
    let bytes: number;
    try {
      bytes = await writeSnapshotFrames(fh, image, covers);
      await fh.sync();
    } catch (error) {
      await fh.close();
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
    await fh.close();
    await rename(tempPath, join(this.dir, SNAPSHOT_FILE));
    await fsyncDirectory(this.dir);
    this.snapshotCovers = covers;
    this.snapshotBytes = bytes;
    for (const segment of [...this.segments.keys()].filter((s) => s <= covers)) {
      await unlink(join(this.dir, segmentFileName(segment)));
      this.segments.delete(segment);
    }
    await fsyncDirectory(this.dir);
  }

  private logBytes(): number {
    let total = 0;
    for (const bytes of this.segments.values()) total += bytes;
    return total;
  }

  // ---------------------------------------------------------------- close + stats

  async close(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return;
    this.state = 'closing';
    try {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.startFlush();
      await this.flushing;
      await this.compactTail;
      await this.flushing;
      await this.fh?.close();
      this.fh = null;
    } finally {
      this.state = 'closed';
      await this.lock.release();
    }
  }

  stats(): LogPersistenceStats {
    return {
      dir: this.dir,
      segment: this.segment,
      snapshotCovers: this.snapshotCovers,
      snapshotBytes: this.snapshotBytes,
      logBytes: this.logBytes(),
      batches: this.batches,
      groups: this.groups,
      lastLoad: this.lastLoad,
    };
  }
}

/** FIFO with O(1) shift (Array#shift is O(n), which made a burst of 100k queued appends quadratic). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T; // release the reference
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  drain(): T[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }
}

/** Streams the snapshot frames for `image` to `fh` in large chunks; returns the bytes written. */
async function writeSnapshotFrames(fh: FileHandle, image: StoreImage, covers: number): Promise<number> {
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await fh.write(data, written, data.length - written);
      written += bytesWritten;
    }
  };
  const push = async (frame: Buffer): Promise<void> => {
    pending.push(frame);
    pendingBytes += frame.length;
    total += frame.length;
    if (pendingBytes >= SNAPSHOT_WRITE_CHUNK_BYTES) await flush();
  };

  let docCount = 0;
  for (const c of image.collections) docCount += c.docs.length;
  await push(
    encodeDocumentFrame({
      k: 'snapshot',
      v: SNAPSHOT_FORMAT_VERSION,
      covers,
      collections: image.collections.length,
      docs: docCount,
      createdAt: new Date(),
    }),
  );
  for (const c of image.collections) {
    await push(
      encodeDocumentFrame({ k: 'coll', db: c.db, coll: c.coll, options: c.options, indexes: c.indexes }),
    );
    let items: Uint8Array[] = [];
    let itemBytes = 0;
    for (let i = 0; i < c.docs.length; i++) {
      const doc = serialize(c.docs[i]!);
      items.push(doc);
      itemBytes += doc.length;
      if (
        itemBytes >= SNAPSHOT_FRAME_BYTES ||
        items.length >= SNAPSHOT_FRAME_DOCS ||
        i === c.docs.length - 1
      ) {
        await push(encodeFrame({ k: 'docs', db: c.db, coll: c.coll }, 'd', items));
        items = [];
        itemBytes = 0;
      }
    }
  }
  await push(encodeDocumentFrame({ k: 'end', docs: docCount }));
  await flush();
  return total;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
