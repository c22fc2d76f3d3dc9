/**
 * BSON type fidelity for stored values.
 *
 * Invariant: for every value `v` the engine hands to persistence, the value handed back by `load`
 * serializes to exactly the same bytes (`BSON.serialize` with default options). Plain `deserialize`
 * breaks that: an integral double (5.0) comes back as the JS number 5 and would be re-serialized as
 * int32, and an int64 that fits in 53 bits comes back as a number. Fully unpromoted values
 * (`promoteValues: false`) keep the types but wrap every number in `Int32`/`Double`, which the query
 * engine would then have to unwrap everywhere.
 *
 * So we deserialize unpromoted and then canonicalise in place: int32 → JS number (always serializes
 * as int32 again); double → JS number when the number serializes as a double anyway, else a `Double`
 * wrapper (integral values in int32 range and -0); int64 stays `Long`; Decimal128 stays; regular
 * expressions stay `BSONRegExp` (JS `RegExp` cannot carry every BSON option and bson maps `s`↔`g`);
 * symbols stay `BSONSymbol`. This is also the form the engine should use for values it creates.
 */
import { Double, type DeserializeOptions } from 'bson';

/** Options for `BSON.deserialize` of stored frames; apply `canonicalizeInPlace` to the result. */
export const STORED_DESERIALIZE_OPTIONS: DeserializeOptions = Object.freeze({
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
  useBigInt64: false,
  // Frames are crc32-checked and were encoded from JS strings, so UTF-8 is valid by construction.
  validation: { utf8: false },
});

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True when bson would serialize the JS number `n` as a double (mirrors bson's serializeNumber). */
export function serializesAsDouble(n: number): boolean {
  return Object.is(n, -0) || !Number.isSafeInteger(n) || n < INT32_MIN || n > INT32_MAX;
}

/** The canonical in-memory value for a double: a plain number unless that would change its BSON type. */
export function canonicalDouble(n: number): number | Double {
  return serializesAsDouble(n) ? n : new Double(n);
}

interface BsonTagged {
  readonly _bsontype?: unknown;
}

/**
 * Canonicalises a freshly deserialized (unpromoted) value in place and returns it (or its
 * replacement when `value` itself is a wrapper). Binary payloads are copied so loaded documents do
 * not pin the large read buffers they were decoded from.
 */
export function canonicalizeInPlace(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = canonicalizeInPlace(value[i]);
    return value;
  }
  const tag = (value as BsonTagged)._bsontype;
  if (tag === undefined) {
    if (value instanceof Date) return value;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const obj = value as Record<string, unknown>;
    // for...in is safe here: deserialized documents are plain objects with only own enumerable keys.
    for (const key in obj) {
      const before = obj[key];
      if (typeof before !== 'object' || before === null) continue;
      const after = canonicalizeInPlace(before);
      if (after === before) continue;
      if (key === '__proto__') {
        Object.defineProperty(obj, key, {
          value: after,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        obj[key] = after;
      }
    }
    return value;
  }
  switch (tag) {
    case 'Int32':
      return (value as { value: number }).value;
    case 'Double':
      return canonicalDouble((value as { value: number }).value);
    case 'Binary': {
      const bin = value as { buffer: Uint8Array };
      bin.buffer = Buffer.from(bin.buffer);
      return value;
    }
    case 'DBRef': {
      const ref = value as { oid: unknown; fields: unknown };
      ref.oid = canonicalizeInPlace(ref.oid);
      canonicalizeInPlace(ref.fields);
      return value;
    }
    default:
      return value;
  }
}
