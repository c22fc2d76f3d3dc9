/**
 * Encoding of log groups and decoding of log and snapshot frames.
 *
 * A log frame's payload is the BSON document `{ g: [record, ...] }`. Decoding it with one generic
 * `deserialize` spends most of its time on the envelope (`g`, the array, and the `op`/`db`/`coll`
 * keys of every record), which dominated startup from a log of small groups. So the envelope and
 * the records' string fields are read directly from the bytes, and only the document-valued fields
 * (`doc`, `options`, `spec`) go through `bson.deserialize`. Anything the fast path does not expect
 * (an `id` of any BSON type, an unknown key, a layout we did not write) falls back to the generic
 * decoder for that record, so the two paths always agree. Either way a whole group is decoded and
 * validated before any of it is applied: a group is never half-applied.
 */
import { deserialize, serialize, type Document } from 'bson';
import type { LogRecord } from './persistence.js';
import { canonicalizeInPlace, STORED_DESERIALIZE_OPTIONS } from './bson-fidelity.js';
import { encodeFrame } from './frame-codec.js';
import { LogCorruptionError } from './persistence-errors.js';

const T_STRING = 0x02;
const T_DOCUMENT = 0x03;
const T_ARRAY = 0x04;
const STRING_FIELDS = new Set(['op', 'db', 'coll', 'toDb', 'toColl', 'name']);
const DOCUMENT_FIELDS = new Set(['doc', 'options', 'spec']);

/** One frame holding `group`. Throws (synchronously) if a record cannot be serialized. */
export function encodeGroupFrame(group: readonly LogRecord[]): Buffer {
  return encodeFrame(
    {},
    'g',
    group.map((record) => serialize(record)),
  );
}

/** Generic decode of a frame payload, canonicalised (see bson-fidelity.ts). */
export function decodeFrameDocument(file: string, offset: number, payload: Buffer): Document {
  let doc: Document;
  try {
    doc = deserialize(payload, STORED_DESERIALIZE_OPTIONS);
  } catch (error) {
    throw new LogCorruptionError(
      file,
      offset,
      `undecodable BSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  canonicalizeInPlace(doc);
  return doc;
}

/** Decodes and validates the group in a log frame. */
export function decodeGroupFrame(file: string, offset: number, payload: Buffer): LogRecord[] {
  const records = fastDecodeGroup(file, offset, payload) ?? genericDecodeGroup(file, offset, payload);
  for (const record of records) {
    const problem = recordProblem(record);
    if (problem !== null) throw new LogCorruptionError(file, offset, `invalid log record: ${problem}`);
  }
  return records as LogRecord[];
}

function genericDecodeGroup(file: string, offset: number, payload: Buffer): unknown[] {
  const frame = decodeFrameDocument(file, offset, payload);
  const group: unknown = frame.g;
  if (!Array.isArray(group) || Object.keys(frame).length !== 1) {
    throw new LogCorruptionError(file, offset, 'log frame is not { g: [records] }');
  }
  return group;
}

/** The `{ g: [...] }` layout encodeGroupFrame writes, read in place; null = use the generic path. */
function fastDecodeGroup(file: string, offset: number, payload: Buffer): unknown[] | null {
  const end = payload.length - 1; // the payload's terminating 0x00 (length and crc already checked)
  if (payload.length < 12 || payload[4] !== T_ARRAY || payload[5] !== 0x67 /* g */ || payload[6] !== 0)
    return null;
  const arrayStart = 7;
  const arrayLength = payload.readInt32LE(arrayStart);
  const arrayEnd = arrayStart + arrayLength - 1; // the array's terminating 0x00
  if (arrayLength < 5 || arrayEnd + 1 !== end || payload[arrayEnd] !== 0 || payload[end] !== 0) return null;
  const records: unknown[] = [];
  let i = arrayStart + 4;
  while (i < arrayEnd) {
    if (payload[i++] !== T_DOCUMENT) return null;
    while (i < arrayEnd && payload[i] !== 0) i++; // skip the array index key
    i++;
    if (i + 4 > arrayEnd) return null;
    const recordLength = payload.readInt32LE(i);
    if (recordLength < 5 || i + recordLength > arrayEnd) return null;
    const record = fastDecodeRecord(file, offset, payload, i, i + recordLength);
    if (record === null) return null;
    records.push(record);
    i += recordLength;
  }
  return i === arrayEnd ? records : null;
}

function fastDecodeRecord(
  file: string,
  offset: number,
  b: Buffer,
  start: number,
  stop: number,
): Document | null {
  const out: Document = {};
  const end = stop - 1;
  if (b[end] !== 0) return null;
  let i = start + 4;
  while (i < end) {
    const type = b[i++];
    const keyStart = i;
    while (i < end && b[i] !== 0) i++;
    if (i >= end) return null;
    const key = knownKey(b, keyStart, i);
    i++;
    if (key === null) return null;
    if (type === T_STRING && !DOCUMENT_FIELDS.has(key)) {
      if (i + 4 > end) return null;
      const n = b.readInt32LE(i);
      if (n < 1 || i + 4 + n > end || b[i + 4 + n - 1] !== 0) return null;
      out[key] = internedString(b, i + 4, i + 4 + n - 1);
      i += 4 + n;
    } else if (type === T_DOCUMENT && DOCUMENT_FIELDS.has(key)) {
      if (i + 4 > end) return null;
      const n = b.readInt32LE(i);
      if (n < 5 || i + n > end) return null;
      let value: Document;
      try {
        value = deserialize(b.subarray(i, i + n), STORED_DESERIALIZE_OPTIONS);
      } catch (error) {
        throw new LogCorruptionError(
          file,
          offset,
          `undecodable BSON (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      out[key] = canonicalizeInPlace(value);
      i += n;
    } else {
      return null;
    }
  }
  return i === end ? out : null;
}

const KNOWN_KEYS = [...STRING_FIELDS, ...DOCUMENT_FIELDS].map((key) => ({
  key,
  bytes: Buffer.from(key, 'latin1'),
}));

/** The record key at b[start, stop) if it is one the fast path handles, without allocating. */
function knownKey(b: Buffer, start: number, stop: number): string | null {
  const length = stop - start;
  for (const known of KNOWN_KEYS) {
    if (known.bytes.length !== length) continue;
    let i = 0;
    while (i < length && known.bytes[i] === b[start + i]) i++;
    if (i === length) return known.key;
  }
  return null;
}

/**
 * Decodes a short string field, reusing the previous string when the bytes repeat (records of a
 * log mostly name the same few ops, databases and collections), which avoids one small native
 * `toString` call per field.
 */
const stringCache: { bytes: Buffer; value: string }[] = [];
const STRING_CACHE_SIZE = 16;
const MAX_CACHED_STRING_BYTES = 64;

function internedString(b: Buffer, start: number, stop: number): string {
  const length = stop - start;
  if (length > MAX_CACHED_STRING_BYTES) return b.toString('utf8', start, stop);
  for (const entry of stringCache) {
    if (entry.bytes.length !== length) continue;
    let i = 0;
    while (i < length && entry.bytes[i] === b[start + i]) i++;
    if (i === length) return entry.value;
  }
  const value = b.toString('utf8', start, stop);
  if (stringCache.length >= STRING_CACHE_SIZE) stringCache.pop();
  stringCache.unshift({ bytes: Buffer.from(b.subarray(start, stop)), value });
  return value;
}

export function recordProblem(value: unknown): string | null {
  if (!isDocument(value)) return 'not a document';
  const r = value as Record<string, unknown>;
  if (typeof r.db !== 'string') return 'missing db';
  const needsColl = r.op !== 'dropDatabase';
  if (needsColl && typeof r.coll !== 'string') return 'missing coll';
  switch (r.op) {
    case 'put':
      return isDocument(r.doc) ? null : 'put without doc';
    case 'del':
      return 'id' in r ? null : 'del without id';
    case 'createCollection':
      return isDocument(r.options) ? null : 'createCollection without options';
    case 'dropCollection':
    case 'dropDatabase':
      return null;
    case 'renameCollection':
      return typeof r.toDb === 'string' && typeof r.toColl === 'string'
        ? null
        : 'renameCollection without target';
    case 'createIndex':
      return isDocument(r.spec) ? null : 'createIndex without spec';
    case 'dropIndex':
      return typeof r.name === 'string' ? null : 'dropIndex without name';
    default:
      return `unknown op ${String(r.op)}`;
  }
}

/** A plain BSON document as deserialize produces it (not an array, Date or bson wrapper). */
export function isDocument(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
