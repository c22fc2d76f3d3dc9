/**
 * BSON value semantics the engine needs beyond what mingo offers: the canonical comparison
 * order across types (MongoDB's "type brackets"), a canonical string key for `_id` values
 * (1, 1.0 and Long(1) are the same `_id`), path traversal with array expansion, and copying.
 *
 * Values arrive deserialized with numbers promoted to JS numbers; wrapper classes remain for
 * ObjectId, Binary, Long (beyond 2^53), Decimal128, Timestamp, MinKey/MaxKey, BSONRegExp, Code.
 */
import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';

export type Doc = Record<string, unknown>;

type Tagged = { _bsontype?: string };

const bsonType = (v: object): string | undefined => (v as Tagged)._bsontype;

/**
 * A sentinel that sorts just before (`rank - 0.5`) or after (`rank + 0.5`) every value of a type
 * bracket, used for index range bounds ("all numbers below 5").
 */
export class Bound {
  constructor(readonly rank: number) {}
}
export const MIN_BOUND = new Bound(0);
export const MAX_BOUND = new Bound(100);

/** Rank of a value's type in MongoDB's comparison order. `undefined` (missing) ranks as null. */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'object':
      break;
    default:
      return 5;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (v instanceof Bound) return v.rank;
  switch (bsonType(v)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'Code':
      return 13;
    case 'MaxKey':
      return 14;
    default:
      return 5;
  }
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = bsonType(v as object);
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Decimal128') return Number((v as Decimal128).toString());
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return NaN;
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    // NaN sorts below every other number in MongoDB.
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
  }
  const la = bsonType(a as object) === 'Long' ? (a as Long) : undefined;
  const lb = bsonType(b as object) === 'Long' ? (b as Long) : undefined;
  if (la && lb) return la.compare(lb);
  return compareNumbers(toNumber(a), toNumber(b));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

const cmpPrim = (a: string | number | boolean, b: string | number | boolean): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** Total order over BSON values, as MongoDB sorts and compares them. */
export function compareValues(a: unknown, b: unknown): number {
  // Fast paths for the commonest index keys.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) {
    const ta = a.getTime();
    const tb = b.getTime();
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a instanceof Bound || b instanceof Bound) return 0;
  switch (ra) {
    case 1:
    case 2:
    case 14:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return cmpPrim(String(a), String(b));
    case 5:
      return compareObjects(a as Doc, b as Doc);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7: {
      const ba = a as Binary;
      const bb = b as Binary;
      if (ba.position !== bb.position) return ba.position < bb.position ? -1 : 1;
      if (ba.sub_type !== bb.sub_type) return ba.sub_type < bb.sub_type ? -1 : 1;
      return compareBytes(ba.buffer.subarray(0, ba.position), bb.buffer.subarray(0, bb.position));
    }
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return cmpPrim(a as boolean, b as boolean);
    case 10:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return cmpPrim(pa, pb) || cmpPrim(fa, fb);
    }
    default:
      return cmpPrim(String(a), String(b));
  }
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}

function compareArrays(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]!];
    const vb = b[kb[i]!];
    const r = typeRank(va) - typeRank(vb);
    if (r !== 0) return r < 0 ? -1 : 1;
    const k = cmpPrim(ka[i]!, kb[i]!);
    if (k !== 0) return k;
    const c = compareValues(va, vb);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/** Equality as MongoDB's `$eq` on two concrete values (numbers by value). */
export const valuesEqual = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;

/**
 * Canonical string for a value used as a map key (`_id` lookups, index equality, distinct).
 * Equal values under {@link compareValues} produce the same key.
 */
export function keyOf(v: unknown): string {
  const r = typeRank(v);
  switch (r) {
    case 2:
      return 'z';
    case 3: {
      const n = toNumber(v);
      if (bsonType(v as object) === 'Long' && !Number.isSafeInteger(n)) return 'n' + (v as Long).toString();
      return 'n' + (Object.is(n, -0) ? '0' : String(n));
    }
    case 4:
      return 's' + String(v);
    case 8:
      return 'o' + (v as ObjectId).toHexString();
    case 9:
      return v ? 'T' : 'F';
    case 10:
      return 'd' + (v as Date).getTime();
    case 7: {
      const b = v as Binary;
      return 'x' + b.sub_type + ':' + Buffer.from(b.buffer.subarray(0, b.position)).toString('base64');
    }
    case 6:
      return '[' + (v as unknown[]).map(keyOf).join(',') + ']';
    case 5: {
      const d = v as Doc;
      return (
        '{' +
        Object.keys(d)
          .map((k) => JSON.stringify(k) + ':' + keyOf(d[k]))
          .join(',') +
        '}'
      );
    }
    default:
      return r + ':' + String(v);
  }
}

export const isPlainObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeRank(v) === 5 && bsonType(v) === undefined;

/**
 * All values reachable at a dotted path, expanding arrays like MongoDB's multikey indexes and
 * queries do (`a.b` over `a: [{b: 1}, {b: 2}]` gives 1 and 2; a numeric segment also indexes
 * into an array). `found` is false when the path does not exist anywhere.
 */
export function valuesAtPath(doc: unknown, path: readonly string[]): { values: unknown[]; found: boolean } {
  const out: unknown[] = [];
  let found = false;
  const walk = (v: unknown, i: number): void => {
    if (i === path.length) {
      found = true;
      out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      const seg = path[i]!;
      if (/^\d+$/.test(seg) && Number(seg) < v.length) walk(v[Number(seg)], i + 1);
      for (const el of v) if (isPlainObject(el)) walk(el, i);
      return;
    }
    if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, path[i]!)) walk(v[path[i]!], i + 1);
  };
  walk(doc, 0);
  return { values: out, found };
}

/** The value at a dotted path without array expansion (for `_id` and shard-key-like reads). */
export function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[seg];
  }
  return cur;
}

/**
 * Deep copy of plain objects and arrays; BSON wrapper instances and Dates are shared (the engine
 * never mutates them). Stored documents are treated as immutable: every write produces a copy.
 */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return copySymbols(v, v.map(deepCopy)) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return copySymbols(v, out) as T;
  }
  return v;
}

/** Carries symbol-keyed annotations (numeric type records) over to a copy. */
function copySymbols<T extends object>(from: object, to: T): T {
  for (const s of Object.getOwnPropertySymbols(from)) {
    const val = (from as Record<symbol, unknown>)[s];
    (to as Record<symbol, unknown>)[s] = typeof val === 'object' && val !== null ? { ...val } : val;
  }
  return to;
}

export { Long, ObjectId, Decimal128 };
