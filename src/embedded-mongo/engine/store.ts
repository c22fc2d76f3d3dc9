/**
 * The database engine: catalog of databases and collections, reads through the planner,
 * writes with unique checks, transactions, and logging of every committed change.
 *
 * Concurrency model. Node runs one command step at a time, so each document write is atomic.
 * Multi-document transactions get snapshot isolation: a transaction's writes live in its own
 * overlay (invisible to others) and lock the documents they touch; when anyone else changes a
 * document after a transaction started, the transaction keeps the pre-image so it goes on
 * reading its snapshot. A transaction writing a document changed since its snapshot, or locked
 * by another transaction, fails with WriteConflict (112, TransientTransactionError), as mongod
 * does. A write outside a transaction to a locked document waits until that transaction ends.
 * Commit applies the overlay atomically and logs it as one group.
 */
import type { Document } from 'bson';
import { Collection, ID_INDEX_NAME } from './collection.js';
import { MongoServerError, writeConflict } from './errors.js';
import type { IndexSpec } from './index-store.js';
import { compileFilter, sortSkipLimit, type Matcher, type SortSpec } from './query.js';
import { planQuery } from './planner.js';
import { keyOf, type Doc } from './values.js';
import { promoteDocument, restoreTypes } from './numeric-types.js';
import type { LogRecord, Persistence, StoreImage } from '../storage/persistence.js';

export type DocChange = Doc | null;

export class Transaction {
  readonly id: string;
  readonly txnNumber: number;
  readonly startedAt: number;
  state: 'active' | 'committed' | 'aborted' = 'active';
  /** Own uncommitted writes per namespace, in write order. */
  readonly overlay = new Map<string, Map<string, DocChange>>();
  /** Snapshot pre-images of documents others changed after this transaction started. */
  readonly pre = new Map<string, Map<string, DocChange>>();
  /** Document locks this transaction holds (released when it ends). */
  readonly locks = new Set<string>();
  readonly #ended: Promise<void>;
  #resolveEnded!: () => void;

  constructor(id: string, txnNumber: number, now: number) {
    this.id = id;
    this.txnNumber = txnNumber;
    this.startedAt = now;
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
  }

  get ended(): Promise<void> {
    return this.#ended;
  }

  markEnded(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.#resolveEnded();
  }

  /** The document under `idKey` as this transaction sees it; `undefined` = falls through to committed state. */
  lookup(ns: string, idKey: string): DocChange | undefined {
    const o = this.overlay.get(ns);
    if (o?.has(idKey)) return o.get(idKey)!;
    const p = this.pre.get(ns);
    if (p?.has(idKey)) return p.get(idKey)!;
    return undefined;
  }

  touches(ns: string): boolean {
    return (this.overlay.get(ns)?.size ?? 0) > 0 || (this.pre.get(ns)?.size ?? 0) > 0;
  }
}

export interface WriteContext {
  readonly txn?: Transaction;
  /** Log records of this command, appended as one group when it completes. */
  readonly group: LogRecord[];
}

export interface ReadOptions {
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
  readonly hint?: unknown;
  readonly txn?: Transaction;
}

export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>();
  readonly #active = new Set<Transaction>();
  readonly #locks = new Map<string, Transaction>();
  readonly persistence: Persistence;

  constructor(persistence: Persistence) {
    this.persistence = persistence;
  }

  // ---- catalog -------------------------------------------------------------------------

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  /** Creates the collection if needed (implicit creation on first write), logging it. */
  ensureCollection(db: string, name: string, group: LogRecord[], options: Document = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    assertValidNamespace(db, name);
    const coll = new Collection(db, name, options);
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    colls.set(name, coll);
    group.push({ op: 'createCollection', db, coll: name, options });
    return coll;
  }

  dropCollection(db: string, name: string, group: LogRecord[]): boolean {
    const colls = this.dbs.get(db);
    const coll = colls?.get(name);
    if (!colls || !coll) return false;
    this.#assertNoTxnOn(coll.ns);
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db);
    group.push({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string, group: LogRecord[]): void {
    for (const c of this.collections(db)) this.#assertNoTxnOn(c.ns);
    if (this.dbs.delete(db)) group.push({ op: 'dropDatabase', db });
  }

  renameCollection(
    from: Collection,
    toDb: string,
    toName: string,
    dropTarget: boolean,
    group: LogRecord[],
  ): void {
    this.#assertNoTxnOn(from.ns);
    const target = this.collection(toDb, toName);
    if (target) {
      if (!dropTarget) throw new MongoServerError(48, 'target namespace exists');
      this.dropCollection(toDb, toName, group);
    }
    assertValidNamespace(toDb, toName);
    this.dbs.get(from.db)!.delete(from.name);
    if (this.dbs.get(from.db)!.size === 0) this.dbs.delete(from.db);
    group.push({ op: 'renameCollection', db: from.db, coll: from.name, toDb, toColl: toName });
    from.db = toDb;
    from.name = toName;
    let colls = this.dbs.get(toDb);
    if (!colls) this.dbs.set(toDb, (colls = new Map()));
    colls.set(toName, from);
  }

  createIndex(coll: Collection, spec: IndexSpec, group: LogRecord[]): void {
    coll.addIndex(spec);
    group.push({ op: 'createIndex', db: coll.db, coll: coll.name, spec: spec as Document });
  }

  dropIndex(coll: Collection, name: string, group: LogRecord[]): void {
    coll.dropIndex(name);
    group.push({ op: 'dropIndex', db: coll.db, coll: coll.name, name });
  }

  #assertNoTxnOn(ns: string): void {
    for (const t of this.#active) {
      if (t.overlay.has(ns)) {
        throw new MongoServerError(
          263,
          `Cannot run a catalog operation on ${ns} while a transaction has uncommitted writes to it`,
        );
      }
    }
  }

  // ---- reads ---------------------------------------------------------------------------

  /** Documents matching `filter`, sorted, skipped and limited, as the caller's snapshot sees them. */
  find(coll: Collection | undefined, filter: Doc, opts: ReadOptions = {}): Doc[] {
    if (!coll) return [];
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? 0;
    const plan = planQuery(coll, filter, opts.sort, opts.hint);
    // An exact plan proves the match; otherwise compile now so a bad filter fails even with no candidates.
    let compiled: Matcher | undefined = plan.exact ? undefined : compileFilter(filter);
    const matcher: Matcher = { test: (d) => (compiled ??= compileFilter(filter)).test(d) };
    const txn = opts.txn && opts.txn.touches(coll.ns) ? opts.txn : undefined;
    const out: Doc[] = [];
    if (!txn && plan.ordered) {
      // Stream in order and stop as soon as the page is full.
      const want = limit > 0 ? skip + limit : Infinity;
      for (const d of plan.candidates()) {
        if (plan.exact || matcher.test(d)) {
          out.push(d);
          if (out.length >= want) break;
        }
      }
      return skip > 0 ? out.slice(skip) : out;
    }
    const ns = coll.ns;
    for (const d of plan.candidates()) {
      if (txn && txn.lookup(ns, keyOf(d._id)) !== undefined) continue;
      if (plan.exact || matcher.test(d)) out.push(d);
    }
    if (txn) {
      const seen = new Set<string>();
      for (const layer of [txn.overlay.get(ns), txn.pre.get(ns)]) {
        for (const [k, d] of layer ?? []) {
          if (seen.has(k)) continue;
          seen.add(k);
          if (d && matcher.test(d)) out.push(d);
        }
      }
    }
    return sortSkipLimit(out, plan.ordered && !txn ? undefined : opts.sort, skip, limit);
  }

  /** All documents of a collection as `txn` sees them (aggregation source). */
  allDocs(coll: Collection | undefined, txn?: Transaction): Doc[] {
    if (!coll) return [];
    return this.find(coll, {}, { txn });
  }

  // ---- writes --------------------------------------------------------------------------

  async insert(coll: Collection, doc: Doc, w: WriteContext): Promise<void> {
    const idKey = keyOf(doc._id);
    if (w.txn) {
      this.#claim(w.txn, coll.ns, idKey);
      coll.assertUnique(idKey, doc, true, (k, holder) => this.#visibleTo(w.txn!, coll.ns, k, holder));
      this.#assertUniqueInTxn(w.txn, coll, idKey, doc, true);
      this.#assertNoConcurrentUniqueKey(w.txn, coll, idKey, doc);
      this.#stage(w.txn, coll.ns, idKey, doc);
      return;
    }
    await this.#waitUnlocked(coll.ns, idKey);
    coll.assertUnique(idKey, doc, true);
    this.#applyBase(coll, idKey, doc, w.group);
  }

  /**
   * Replaces `current` (as the caller read it) with `next`. Outside a transaction the caller
   * must re-read after {@link waitForDocument} if it awaited; inside one, conflicts throw.
   */
  replace(coll: Collection, idKey: string, next: Doc, w: WriteContext): void {
    if (w.txn) {
      this.#claim(w.txn, coll.ns, idKey);
      coll.assertUnique(idKey, next, false, (k, holder) => this.#visibleTo(w.txn!, coll.ns, k, holder));
      this.#assertUniqueInTxn(w.txn, coll, idKey, next, false);
      this.#assertNoConcurrentUniqueKey(w.txn, coll, idKey, next);
      this.#stage(w.txn, coll.ns, idKey, next);
      return;
    }
    coll.assertUnique(idKey, next, false);
    this.#applyBase(coll, idKey, next, w.group);
  }

  remove(coll: Collection, idKey: string, w: WriteContext): void {
    if (w.txn) {
      this.#claim(w.txn, coll.ns, idKey);
      this.#stage(w.txn, coll.ns, idKey, null);
      return;
    }
    this.#applyBase(coll, idKey, null, w.group);
  }

  /** The committed or snapshot version of a document for `txn` (or committed state). */
  current(coll: Collection, idKey: string, txn?: Transaction): Doc | undefined {
    if (txn) {
      const v = txn.lookup(coll.ns, idKey);
      if (v !== undefined) return v ?? undefined;
    }
    return coll.docs.get(idKey);
  }

  /** Outside a transaction: waits while another transaction holds the document. Returns true if it waited. */
  async waitForDocument(ns: string, idKey: string, txn?: Transaction): Promise<boolean> {
    if (txn) return false;
    return this.#waitUnlocked(ns, idKey);
  }

  async #waitUnlocked(ns: string, idKey: string): Promise<boolean> {
    let waited = false;
    for (
      let owner = this.#locks.get(lockKey(ns, idKey));
      owner;
      owner = this.#locks.get(lockKey(ns, idKey))
    ) {
      waited = true;
      if (owner.state !== 'active') {
        // Never spin on a lock whose owner has ended.
        this.#locks.delete(lockKey(ns, idKey));
        break;
      }
      await owner.ended;
    }
    return waited;
  }

  #visibleTo(txn: Transaction, ns: string, idKey: string, holder: Doc): boolean {
    const v = txn.lookup(ns, idKey);
    if (v === undefined) return true;
    return v !== null && v === holder;
  }

  /** Unique checks against documents only this transaction sees (own writes, snapshot pre-images). */
  #assertUniqueInTxn(txn: Transaction, coll: Collection, idKey: string, doc: Doc, insert: boolean): void {
    if (insert) {
      const own = txn.lookup(coll.ns, idKey);
      if (own) throw coll.idIndex.duplicateKeyError(coll.ns, [doc._id]);
    }
    for (const index of coll.indexes.values()) {
      if (!index.unique || index.name === ID_INDEX_NAME) continue;
      const keys = index.keysFor(doc);
      const wanted = new Set(keys.map(keyOf));
      for (const layer of [txn.overlay.get(coll.ns), txn.pre.get(coll.ns)]) {
        for (const [k, d] of layer ?? []) {
          if (!d || k === idKey || txn.lookup(coll.ns, k) !== d) continue;
          const clash = index.keysFor(d).find((key) => wanted.has(keyOf(key)));
          if (clash) throw index.duplicateKeyError(coll.ns, clash);
        }
      }
    }
  }

  /**
   * Another active transaction has staged a document holding one of `doc`'s unique keys (or its
   * `_id`): WriteConflict, as mongod answers when two transactions write the same index key.
   */
  #assertNoConcurrentUniqueKey(txn: Transaction, coll: Collection, idKey: string, doc: Doc): void {
    if (this.#active.size < 2) return;
    const unique = [...coll.indexes.values()].filter((i) => i.unique && i.name !== ID_INDEX_NAME);
    const wanted = unique.map((index) => new Set(index.keysFor(doc).map(keyOf)));
    for (const other of this.#active) {
      if (other === txn) continue;
      const staged = other.overlay.get(coll.ns);
      if (!staged) continue;
      if (staged.get(idKey)) throw writeConflict();
      for (const d of staged.values()) {
        if (d && unique.some((index, i) => index.keysFor(d).some((k) => wanted[i]!.has(keyOf(k)))))
          throw writeConflict();
      }
    }
  }

  #claim(txn: Transaction, ns: string, idKey: string): void {
    if (txn.state !== 'active') throw new MongoServerError(251, 'Transaction is no longer active');
    const lk = lockKey(ns, idKey);
    const owner = this.#locks.get(lk);
    if (owner && owner !== txn) throw writeConflict();
    if (txn.pre.get(ns)?.has(idKey)) throw writeConflict();
    this.#locks.set(lk, txn);
    txn.locks.add(lk);
  }

  #stage(txn: Transaction, ns: string, idKey: string, doc: DocChange): void {
    let o = txn.overlay.get(ns);
    if (!o) txn.overlay.set(ns, (o = new Map()));
    o.delete(idKey); // keep write order for the log
    o.set(idKey, doc);
  }

  #applyBase(coll: Collection, idKey: string, doc: DocChange, group: LogRecord[]): void {
    const old = coll.docs.get(idKey);
    if (this.#active.size > 0) {
      for (const t of this.#active) {
        let p = t.pre.get(coll.ns);
        if (p?.has(idKey) || t.overlay.get(coll.ns)?.has(idKey)) continue;
        if (!p) t.pre.set(coll.ns, (p = new Map()));
        p.set(idKey, old ?? null);
      }
    }
    if (doc) {
      coll.put(idKey, doc);
      group.push({ op: 'put', db: coll.db, coll: coll.name, doc: restoreTypes(doc) });
    } else if (old) {
      coll.delete(idKey);
      group.push({ op: 'del', db: coll.db, coll: coll.name, id: old._id });
    }
  }

  // ---- transactions --------------------------------------------------------------------

  begin(id: string, txnNumber: number, now: number): Transaction {
    const t = new Transaction(id, txnNumber, now);
    this.#active.add(t);
    return t;
  }

  get activeTransactions(): ReadonlySet<Transaction> {
    return this.#active;
  }

  /** Applies the transaction's writes atomically; returns the log group to make durable. */
  commit(txn: Transaction): LogRecord[] {
    if (txn.state !== 'active') throw new MongoServerError(251, 'Transaction is not active');
    this.#active.delete(txn);
    const group: LogRecord[] = [];
    const undo: Array<[Collection, string, Doc | undefined]> = [];
    try {
      for (const [ns, writes] of txn.overlay) {
        const coll = this.#byNs(ns);
        if (!coll) continue;
        for (const [idKey, doc] of writes) {
          const before = coll.docs.get(idKey);
          if (doc) coll.assertUnique(idKey, doc, before === undefined);
          this.#applyBase(coll, idKey, doc, group);
          undo.push([coll, idKey, before]);
        }
      }
    } catch (err) {
      for (const [coll, idKey, before] of undo.reverse()) {
        if (before) coll.put(idKey, before);
        else coll.delete(idKey);
      }
      this.#release(txn, 'aborted');
      // A unique key taken since this transaction's writes were checked was taken by a
      // concurrent writer: to the client that is a write conflict, and retrying the transaction
      // (as drivers do for TransientTransactionError) sees the other write.
      if (err instanceof MongoServerError && err.code === 11000) throw writeConflict();
      throw err;
    }
    this.#release(txn, 'committed');
    return group;
  }

  abort(txn: Transaction): void {
    if (txn.state !== 'active') return;
    this.#active.delete(txn);
    this.#release(txn, 'aborted');
  }

  #release(txn: Transaction, state: 'committed' | 'aborted'): void {
    // Every lock taken, including those of writes that failed before they were staged.
    for (const lk of txn.locks) if (this.#locks.get(lk) === txn) this.#locks.delete(lk);
    txn.locks.clear();
    txn.markEnded(state);
  }

  #byNs(ns: string): Collection | undefined {
    const dot = ns.indexOf('.');
    return this.collection(ns.slice(0, dot), ns.slice(dot + 1));
  }

  // ---- persistence ---------------------------------------------------------------------

  /** Rebuilds state from a replayed log record (start-up). */
  replay(r: LogRecord): void {
    const scratch: LogRecord[] = [];
    switch (r.op) {
      case 'createCollection':
        this.ensureCollection(r.db, r.coll, scratch, r.options);
        break;
      case 'dropCollection':
        this.dropCollection(r.db, r.coll, scratch);
        break;
      case 'dropDatabase':
        this.dropDatabase(r.db, scratch);
        break;
      case 'renameCollection': {
        const c = this.collection(r.db, r.coll);
        if (c) this.renameCollection(c, r.toDb, r.toColl, true, scratch);
        break;
      }
      case 'createIndex': {
        const c = this.ensureCollection(r.db, r.coll, scratch);
        const spec = r.spec as IndexSpec;
        if (!c.indexes.has(spec.name)) c.addIndex(spec);
        break;
      }
      case 'dropIndex':
        this.collection(r.db, r.coll)?.dropIndex(r.name);
        break;
      case 'put': {
        const c = this.ensureCollection(r.db, r.coll, scratch);
        const doc = promoteDocument(r.doc as Doc);
        c.put(keyOf(doc._id), doc);
        break;
      }
      case 'del':
        this.collection(r.db, r.coll)?.delete(keyOf(r.id));
        break;
    }
  }

  image(): StoreImage {
    const collections: Array<StoreImage['collections'][number]> = [];
    for (const [db, colls] of this.dbs) {
      for (const [name, c] of colls) {
        collections.push({
          db,
          coll: name,
          options: c.options,
          indexes: c.secondarySpecs(),
          docs: [...c.docs.values()],
        });
      }
    }
    return { collections };
  }
}

const lockKey = (ns: string, idKey: string): string => ns + '\u0000' + idKey;

export function assertValidNamespace(db: string, coll: string): void {
  if (!db || /[/\\. "$]/.test(db) || db.includes('\u0000') || db.length > 64) {
    throw new MongoServerError(73, `Invalid database name: '${db}'`);
  }
  if (
    !coll ||
    coll.includes('\u0000') ||
    coll.startsWith('.') ||
    (coll.includes('$') && !coll.startsWith('system.'))
  ) {
    throw new MongoServerError(73, `Invalid collection name: '${coll}'`);
  }
}
