/**
 * Test helpers for the storage layer: temp data directories, an in-test model of the store that
 * applies `LogRecord`s the way the engine would, and byte-level comparison of model states (BSON
 * bytes, so a type change such as double → int32 counts as a difference).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, type Document } from 'bson';
import { expect } from 'chai';
import type {
  LogRecord,
  Persistence,
  StoreImage,
} from '../../../../src/embedded-mongo/storage/persistence.js';

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `teamloop-${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

interface ModelCollection {
  options: Document;
  indexes: Map<string, Document>;
  docs: Map<string, Document>;
}

/** Key for an `_id`: its exact BSON bytes. */
function idKey(id: unknown): string {
  return Buffer.from(serialize({ id })).toString('hex');
}

/** What the engine would hold in memory, reduced to what persistence must reproduce. */
export class StoreModel {
  readonly collections = new Map<string, ModelCollection>();

  private static key(db: string, coll: string): string {
    return `${db}\u0000${coll}`;
  }

  private ensure(db: string, coll: string): ModelCollection {
    const key = StoreModel.key(db, coll);
    let c = this.collections.get(key);
    if (c === undefined) {
      c = { options: {}, indexes: new Map(), docs: new Map() };
      this.collections.set(key, c);
    }
    return c;
  }

  readonly apply = (r: LogRecord): void => {
    switch (r.op) {
      case 'put':
        this.ensure(r.db, r.coll).docs.set(idKey(r.doc._id), r.doc);
        return;
      case 'del':
        this.collections.get(StoreModel.key(r.db, r.coll))?.docs.delete(idKey(r.id));
        return;
      case 'createCollection':
        this.ensure(r.db, r.coll).options = r.options;
        return;
      case 'dropCollection':
        this.collections.delete(StoreModel.key(r.db, r.coll));
        return;
      case 'renameCollection': {
        const c = this.collections.get(StoreModel.key(r.db, r.coll));
        this.collections.delete(StoreModel.key(r.db, r.coll));
        if (c !== undefined) this.collections.set(StoreModel.key(r.toDb, r.toColl), c);
        return;
      }
      case 'createIndex':
        this.ensure(r.db, r.coll).indexes.set(String(r.spec.name), r.spec);
        return;
      case 'dropIndex':
        this.collections.get(StoreModel.key(r.db, r.coll))?.indexes.delete(r.name);
        return;
      case 'dropDatabase':
        for (const key of [...this.collections.keys()])
          if (key.startsWith(`${r.db}\u0000`)) this.collections.delete(key);
        return;
    }
  };

  /** A consistent image, with fresh arrays so later model changes do not leak into it. */
  image(): StoreImage {
    return {
      collections: [...this.collections].map(([key, c]) => {
        const [db, coll] = key.split('\u0000') as [string, string];
        return { db, coll, options: c.options, indexes: [...c.indexes.values()], docs: [...c.docs.values()] };
      }),
    };
  }

  /** Order-independent digest of the whole state in BSON bytes. */
  digest(): string[] {
    const out: string[] = [];
    for (const [key, c] of [...this.collections].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(`coll ${key} ${hex(c.options)}`);
      for (const [name, spec] of [...c.indexes].sort(([a], [b]) => (a < b ? -1 : 1)))
        out.push(`index ${name} ${hex(spec)}`);
      for (const [id, doc] of [...c.docs].sort(([a], [b]) => (a < b ? -1 : 1)))
        out.push(`doc ${id} ${hex(doc)}`);
    }
    return out;
  }
}

function hex(doc: Document): string {
  return Buffer.from(serialize(doc)).toString('hex');
}

export async function loadModel(p: Persistence): Promise<StoreModel> {
  const model = new StoreModel();
  await p.load(model.apply);
  return model;
}

export async function loadRecords(p: Persistence): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  await p.load((r) => records.push(r));
  return records;
}

/** Byte offsets of the frames in a file (walks the length prefixes; assumes an intact file). */
export async function frameOffsets(file: string): Promise<number[]> {
  const bytes = await readFile(file);
  const offsets: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8 + bytes.readUInt32LE(at)) offsets.push(at);
  return offsets;
}

export async function expectRejection<E extends Error>(
  promise: Promise<unknown>,
  errorClass: new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(errorClass);
    return error as E;
  }
  expect.fail(`expected a rejection with ${errorClass.name}`);
}

/** A deterministic pseudo-random generator so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
