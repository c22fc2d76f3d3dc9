/**
 * BSON numeric type fidelity. The engine works on JS numbers (so mingo can compare them), but
 * MongoDB keeps int32, int64 and double apart: a Double 5.0 must come back as a Double and a
 * small Long as a Long. Values are promoted on the way in, and where the promoted number would
 * be written back as another type (an integral double, a safe-range int64) the containing
 * object remembers the original type under a symbol key; {@link restoreTypes} puts the wrappers
 * back on the way out (replies and the durable log). Documents without such numbers carry no
 * marker and cost nothing.
 */
import { Decimal128, Double, Long } from 'bson';
import { isPlainObject, type Doc } from './values.js';

/** `decimal:<original text>` keeps a Decimal128's exact digits while it is unchanged. */
export type NumericType = 'double' | 'long' | `decimal:${string}`;
type Container = Doc | unknown[];

/** Per container: field name (or array index) → original numeric type. */
export const TYPES = Symbol('bsonNumericTypes');
/** On a root document: some container inside it has {@link TYPES}. */
export const TYPED = Symbol('bsonTyped');

type Typed = { [TYPES]?: Record<string, NumericType>; [TYPED]?: true };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const bsonType = (v: unknown): string | undefined =>
  typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;

/** Converts a value deserialized with `promoteValues: false` into engine form; returns whether types were recorded. */
function promoteInto(container: Container, key: string | number, v: unknown): boolean {
  let type: NumericType | undefined;
  let out: unknown = v;
  let nested = false;
  switch (bsonType(v)) {
    case 'Int32':
      out = (v as { value: number }).value;
      break;
    case 'Double': {
      const n = (v as Double).value;
      out = n;
      if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0)) type = 'double';
      break;
    }
    case 'Long': {
      const l = v as Long;
      if (
        l.greaterThanOrEqual(Long.fromNumber(Number.MIN_SAFE_INTEGER)) &&
        l.lessThanOrEqual(Long.fromNumber(Number.MAX_SAFE_INTEGER))
      ) {
        out = l.toNumber();
        type = 'long';
      }
      break;
    }
    case 'BSONRegExp': {
      // Stored regexes come back as BSONRegExp; the engine (and mingo) match with JS RegExp.
      const r = v as { pattern: string; options: string };
      if (/^[imsu]*$/.test(r.options)) out = new RegExp(r.pattern, r.options);
      break;
    }
    case 'Decimal128': {
      const text = (v as Decimal128).toString();
      out = Number(text);
      type = `decimal:${text}`;
      break;
    }
    default:
      if (Array.isArray(v)) nested = promoteContainer(v);
      else if (isPlainObject(v)) nested = promoteContainer(v);
  }
  (container as Record<string | number, unknown>)[key] = out;
  if (type) {
    const c = container as Typed;
    (c[TYPES] ??= {})[String(key)] = type;
  }
  return nested || type !== undefined;
}

/** Promotes in place; marks every container that has typed numbers at or below it. */
function promoteContainer(c: Container): boolean {
  let typed = false;
  if (Array.isArray(c)) {
    for (let i = 0; i < c.length; i++) if (promoteInto(c, i, c[i])) typed = true;
  } else {
    for (const k of Object.keys(c)) if (promoteInto(c, k, c[k])) typed = true;
  }
  if (typed) (c as Typed)[TYPED] = true;
  return typed;
}

/** Promotes a whole document in place (wire input, log replay). */
export function promoteDocument<T extends Doc>(doc: T): T {
  promoteContainer(doc);
  return doc;
}

export const isTyped = (doc: object): boolean => (doc as Typed)[TYPED] === true;

const ARITHMETIC = new Set(['$inc', '$mul', '$min', '$max']);

/**
 * Re-derives the recorded types of the paths an operator update changed: `$set` takes the type
 * of the value given, arithmetic keeps a double a double (and widens to the operand's type).
 */
export function retypeAfterUpdate(
  next: Doc,
  update: Doc,
  changedPaths: readonly string[],
  wasTyped: boolean,
): void {
  let any = wasTyped || isTyped(update);
  const integral = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
  for (const path of changedPaths) {
    const segs = path.split('.');
    let container: unknown = next;
    for (const seg of segs.slice(0, -1))
      container =
        isPlainObject(container) || Array.isArray(container)
          ? (container as Record<string, unknown>)[seg]
          : undefined;
    if (!isPlainObject(container) && !Array.isArray(container)) continue;
    const last = segs[segs.length - 1]!;
    const old = typeOf(container, last);
    let t: NumericType | undefined;
    for (const [op, spec] of Object.entries(update)) {
      if (!isPlainObject(spec) || !(path in spec)) continue;
      const given = typeOf(spec, path);
      if (op === '$set' || op === '$setOnInsert') t = given;
      else if (ARITHMETIC.has(op)) {
        const result = (container as Record<string, unknown>)[last];
        const operand = spec[path];
        // Untyped integers are int32; an untyped non-integral operand is a double.
        t = widen(old, given ?? (integral(operand) ? undefined : 'double'), result);
        if (t === 'long' && old === undefined && given === undefined && !integral(result)) t = undefined;
      }
    }
    setType(container, last, t);
    if (t) any = true;
  }
  if (any) markTyped(next);
}

/** A copy with BSON wrappers where original types were recorded; `doc` itself when none were. */
export function restoreTypes<T>(doc: T): T {
  if (typeof doc !== 'object' || doc === null || !isTyped(doc)) return doc;
  return restore(doc) as T;
}

function restore(v: unknown): unknown {
  if (Array.isArray(v)) {
    const types = (v as Typed)[TYPES];
    return v.map((el, i) => wrap(restore(el), types?.[i]));
  }
  if (isPlainObject(v)) {
    const types = (v as Typed)[TYPES];
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = wrap(restore(v[k]), types?.[k]);
    return out;
  }
  return v;
}

function wrap(v: unknown, type: NumericType | undefined): unknown {
  if (type === undefined || typeof v !== 'number') return v;
  if (type === 'double') return new Double(v);
  if (type === 'long') return Long.fromNumber(v);
  const text = type.slice('decimal:'.length);
  const same = Number(text) === v || (Number.isNaN(v) && Number.isNaN(Number(text)));
  return Decimal128.fromString(same ? text : String(v));
}

const RANK = { int: 0, long: 1, double: 2, decimal: 3 } as const;
const rankOf = (t: NumericType | undefined): number =>
  t === undefined ? 0 : t.startsWith('decimal:') ? 3 : RANK[t as 'long' | 'double'];

/** The type of `a op b` as MongoDB widens it: int < long < double < decimal; int overflow gives long. */
function widen(
  a: NumericType | undefined,
  b: NumericType | undefined,
  result: unknown,
): NumericType | undefined {
  const r = Math.max(rankOf(a), rankOf(b));
  if (r === 3) return `decimal:${String(result)}`;
  if (r === 2) return 'double';
  if (r === 1) return 'long';
  const overflow =
    typeof result === 'number' && Number.isInteger(result) && (result > INT32_MAX || result < INT32_MIN);
  return overflow ? 'long' : undefined;
}

/** Copies the type records of `from` onto the fresh container `to` (same keys). */
export function copyTypes(from: object, to: object, rootMarker = false): void {
  const t = (from as Typed)[TYPES];
  if (t) (to as Typed)[TYPES] = { ...t };
  if (rootMarker && isTyped(from)) (to as Typed)[TYPED] = true;
}

export function markTyped(doc: object): void {
  (doc as Typed)[TYPED] = true;
}

/** The recorded type of `key` in `container`, if any. */
export const typeOf = (container: object, key: string): NumericType | undefined =>
  (container as Typed)[TYPES]?.[key];

export function setType(container: object, key: string, type: NumericType | undefined): void {
  const c = container as Typed;
  if (type) (c[TYPES] ??= {})[key] = type;
  else if (c[TYPES]) delete c[TYPES][key];
}
