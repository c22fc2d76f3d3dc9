/**
 * A collection's committed state: documents by `_id` key plus its indexes. Documents are
 * immutable values; a write swaps in a new object. This layer applies changes and enforces
 * unique indexes *before* changing anything; transactions, locking and logging live in
 * {@link ../engine/store.ts}.
 */
import type { Document } from 'bson';
import { MongoServerError } from './errors.js';
import { Index, type IndexKey, type IndexSpec } from './index-store.js';
import { keyOf, type Doc } from './values.js';

export const ID_INDEX_NAME = '_id_';

export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();
  db: string;
  name: string;
  options: Document;

  constructor(db: string, name: string, options: Document = {}) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.indexes.set(
      ID_INDEX_NAME,
      new Index({ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }, () => this.docs.entries()),
    );
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes.get(ID_INDEX_NAME)!;
  }

  /** Secondary index specs as listIndexes shows them (`_id_` excluded). */
  secondarySpecs(): IndexSpec[] {
    return [...this.indexes.values()].filter((i) => i.name !== ID_INDEX_NAME).map((i) => i.spec);
  }

  /**
   * Throws E11000 if `doc` (to be stored under `idKey`) would duplicate a unique key held by
   * another document. `insert` also checks `_id`. `visible` decides whether a conflicting holder
   * counts (a transaction sees its own snapshot).
   */
  assertUnique(
    idKey: string,
    doc: Doc,
    insert: boolean,
    visible: (idKey: string, holder: Doc) => boolean = () => true,
  ): void {
    if (insert) {
      const existing = this.docs.get(idKey);
      if (existing !== undefined && visible(idKey, existing)) {
        throw this.idIndex.duplicateKeyError(this.ns, [doc._id]);
      }
    }
    for (const index of this.indexes.values()) {
      if (!index.unique || index.name === ID_INDEX_NAME) continue;
      for (const key of index.keysFor(doc)) {
        for (const h of index.holders(key, idKey)) {
          if (visible(h.idKey, h.doc)) throw index.duplicateKeyError(this.ns, key);
        }
      }
    }
  }

  /** Inserts or replaces; caller has checked uniqueness. Computes all keys before mutating. */
  put(idKey: string, doc: Doc): Doc | undefined {
    const old = this.docs.get(idKey);
    const plans: Array<[Index, IndexKey[], IndexKey[]]> = [];
    for (const index of this.indexes.values()) {
      if (index.built) plans.push([index, old ? index.keysFor(old) : [], index.keysFor(doc)]);
    }
    for (const [index, oldKeys, newKeys] of plans) {
      if (old) index.remove(idKey, old, oldKeys);
      index.add(idKey, doc, newKeys);
    }
    this.docs.set(idKey, doc);
    return old;
  }

  delete(idKey: string): Doc | undefined {
    const old = this.docs.get(idKey);
    if (!old) return undefined;
    for (const index of this.indexes.values()) if (index.built) index.remove(idKey, old);
    this.docs.delete(idKey);
    return old;
  }

  /** Builds a new index over existing documents; fails (and adds nothing) on duplicates. */
  addIndex(spec: IndexSpec): Index {
    const index = new Index(spec);
    for (const [idKey, doc] of this.docs) {
      const keys = index.keysFor(doc);
      if (index.unique) {
        for (const key of keys) {
          if (index.holders(key, idKey).length > 0) throw index.duplicateKeyError(this.ns, key);
        }
      }
      index.add(idKey, doc, keys);
    }
    this.indexes.set(spec.name, index);
    return index;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) throw new MongoServerError(72, 'cannot drop _id index');
    if (!this.indexes.delete(name)) throw new MongoServerError(27, `index not found with name [${name}]`);
  }
}

export const idKeyOf = (doc: Doc): string => keyOf(doc._id);
