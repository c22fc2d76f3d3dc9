/**
 * One index of a collection: an ordered B+ tree of `[keyValues..., idKey]` → document.
 *
 * Keys follow MongoDB: a missing field indexes as null; arrays are expanded (multikey) and a
 * compound index may not expand two arrays in one document (code 171). Unique indexes are
 * checked before anything is written; sparse indexes skip documents missing every key field;
 * partial indexes skip documents that do not match `partialFilterExpression`.
 */
import sortedBtree from 'sorted-btree';
import type { Document } from 'bson';
import { MongoServerError } from './errors.js';
import { Query } from './mingo-context.js';
import { compareValues, keyOf, valuesAtPath, type Doc } from './values.js';

export type IndexKey = readonly unknown[];

export interface IndexSpec {
  readonly v: number;
  readonly key: Readonly<Record<string, number | string>>;
  readonly name: string;
  readonly unique?: boolean;
  readonly sparse?: boolean;
  readonly expireAfterSeconds?: number;
  readonly partialFilterExpression?: Document;
  readonly [option: string]: unknown;
}

/** Sentinels that sort below / above every idKey string. */
export const ID_MIN = '';
export const ID_MAX = '\uffff\uffff';

// sorted-btree is CommonJS with `exports.default`.
const BTree = sortedBtree.default;
type BTree<K, V> = InstanceType<typeof BTree<K, V>>;

export class Index {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  readonly paths: ReadonlyArray<readonly string[]>;
  readonly directions: readonly number[];
  #tree: BTree<IndexKey, Doc> | undefined;
  /** For a lazily built index: the documents to build it from on first use. */
  readonly #source: (() => Iterable<[string, Doc]>) | undefined;
  /** The tree's key order (field directions applied, then idKey). */
  readonly compare: (a: IndexKey, b: IndexKey) => number;
  /** True once any document produced more than one key (array values). */
  multikey = false;
  /**
   * Positions of the fields that held an array in some document (MongoDB's path-level multikey
   * info): an index can still give sort order on its other fields.
   */
  readonly multikeyFields = new Set<number>();
  readonly #partial: Query | undefined;

  /**
   * `source` makes the tree lazy: it is built on first use and maintained from then on. The
   * `_id_` index uses this, since `_id` equality is served by the collection's map and only
   * `_id` ranges and sorts need the tree.
   */
  constructor(spec: IndexSpec, source?: () => Iterable<[string, Doc]>) {
    this.spec = spec;
    this.#source = source;
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split('.'));
    this.directions = this.fields.map((f) => (spec.key[f] === -1 ? -1 : 1));
    this.#partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, {}) : undefined;
    const dirs = this.directions;
    const n = dirs.length;
    this.compare = (a, b) => {
      for (let i = 0; i < n; i++) {
        const c = compareValues(a[i], b[i]);
        if (c !== 0) return dirs[i]! * c;
      }
      const ia = a[n] as string;
      const ib = b[n] as string;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    if (!source) this.#tree = new BTree<IndexKey, Doc>(undefined, this.compare);
  }

  get tree(): BTree<IndexKey, Doc> {
    if (!this.#tree) {
      this.#tree = new BTree<IndexKey, Doc>(undefined, this.compare);
      for (const [idKey, doc] of this.#source!())
        for (const k of this.keysFor(doc)) this.#tree.set([...k, idKey], doc);
    }
    return this.#tree;
  }

  /** False while a lazy index has not been built (writes then skip it). */
  get built(): boolean {
    return this.#tree !== undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** Whether this index holds an entry for `doc` at all (sparse / partial filters). */
  covers(doc: Doc): boolean {
    if (this.#partial && !this.#partial.test(doc)) return false;
    if (this.spec.sparse) return this.paths.some((p) => valuesAtPath(doc, p).found);
    return true;
  }

  /** The distinct key tuples (without idKey) `doc` produces in this index. */
  keysFor(doc: Doc): IndexKey[] {
    if (!this.covers(doc)) return [];
    let arrayField = -1;
    const perField = this.paths.map((p, i) => {
      const { values } = valuesAtPath(doc, p);
      const expanded: unknown[] = [];
      let isArray = false;
      for (const v of values) {
        if (Array.isArray(v)) {
          isArray = true;
          if (v.length === 0) expanded.push(undefined);
          else expanded.push(...v);
        } else expanded.push(v);
      }
      if (values.length > 1) isArray = true;
      if (isArray) {
        if (arrayField >= 0 && arrayField !== i) {
          throw new MongoServerError(
            171,
            `cannot index parallel arrays [${this.fields[i]}] [${this.fields[arrayField]}]`,
          );
        }
        arrayField = i;
      }
      return expanded.length === 0 ? [null] : expanded.map((v) => (v === undefined ? null : v));
    });
    if (arrayField >= 0) {
      this.multikey = true;
      this.multikeyFields.add(arrayField);
    }
    if (perField.every((vals) => vals.length === 1)) return [perField.map((v) => v[0])];
    const seen = new Map<string, IndexKey>();
    const product = (i: number, acc: unknown[]): void => {
      if (i === perField.length) {
        seen.set(keyOf(acc), [...acc]);
        return;
      }
      for (const v of perField[i]!) product(i + 1, [...acc, v]);
    };
    product(0, []);
    return [...seen.values()];
  }

  add(idKey: string, doc: Doc, keys: readonly IndexKey[] = this.keysFor(doc)): void {
    if (!this.#tree) return;
    for (const k of keys) this.#tree.set([...k, idKey], doc);
  }

  remove(idKey: string, doc: Doc, keys: readonly IndexKey[] = this.keysFor(doc)): void {
    if (!this.#tree) return;
    for (const k of keys) this.#tree.delete([...k, idKey]);
  }

  /** idKeys of documents other than `selfIdKey` that hold `key` in this index. */
  holders(key: IndexKey, selfIdKey: string): Array<{ idKey: string; doc: Doc }> {
    const out: Array<{ idKey: string; doc: Doc }> = [];
    this.tree.forRange([...key, ID_MIN], [...key, ID_MAX], true, (k, doc) => {
      const id = k[k.length - 1] as string;
      if (id !== selfIdKey) out.push({ idKey: id, doc });
    });
    return out;
  }

  duplicateKeyError(ns: string, key: IndexKey): MongoServerError {
    const keyPattern: Document = {};
    const keyValue: Document = {};
    this.fields.forEach((f, i) => {
      keyPattern[f] = this.spec.key[f];
      keyValue[f] = key[i] ?? null;
    });
    const shown = this.fields.map((f, i) => `${f}: ${JSON.stringify(key[i] ?? null)}`).join(', ');
    return new MongoServerError(
      11000,
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern, keyValue },
    );
  }
}

/** MongoDB's default index name: `a_1_b_-1`. */
export function defaultIndexName(key: Readonly<Record<string, unknown>>): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}
