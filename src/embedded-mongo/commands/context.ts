/**
 * What a command handler receives, and the helpers every handler shares: strict option
 * checking (an unknown field is an error, never ignored), argument readers with MongoDB's
 * error codes, and the registry type.
 */
import type { Document } from 'bson';
import type { CursorRegistry } from '../server/cursors.js';
import type { Session, SessionRegistry } from '../server/sessions.js';
import { MongoServerError, typeMismatch, unknownField } from '../engine/errors.js';
import type { Store, Transaction, WriteContext } from '../engine/store.js';
import type { LogRecord } from '../storage/persistence.js';
import { isPlainObject, type Doc } from '../engine/values.js';

export interface ServerInfo {
  readonly host: string;
  readonly port: number;
  readonly startedAt: Date;
  readonly connectionId: number;
  readonly setName: string;
  readonly clientAddress: string;
}

export interface CommandContext {
  readonly store: Store;
  readonly cursors: CursorRegistry;
  readonly sessions: SessionRegistry;
  readonly db: string;
  readonly session?: Session;
  readonly txn?: Transaction;
  readonly server: ServerInfo;
  /** Log records of this command; the dispatcher makes them durable before replying. */
  readonly group: LogRecord[];
  /** Runs one TTL sweep (admin hook). */
  readonly now: () => Date;
}

export type Handler = (cmd: Document, ctx: CommandContext) => Document | Promise<Document>;

export interface CommandSpec {
  readonly handler: Handler;
  /** Fields this command accepts besides its own name and the generic ones. */
  readonly fields: readonly string[];
  /** May run inside a multi-document transaction. */
  readonly inTransaction?: boolean;
  /** Accepts `txnNumber` as a retryable write. */
  readonly retryableWrite?: boolean;
}

/** Fields drivers attach to any command. */
export const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$client',
  'mayBypassWriteBlocking',
]);

export function assertKnownFields(name: string, cmd: Document, spec: CommandSpec): void {
  const allowed = spec.fields;
  let first = true;
  for (const k of Object.keys(cmd)) {
    if (first) {
      first = false;
      continue;
    }
    if (!GENERIC_FIELDS.has(k) && !allowed.includes(k)) throw unknownField(name, k);
  }
}

export const writeContext = (ctx: CommandContext): WriteContext => ({ txn: ctx.txn, group: ctx.group });

export function collectionName(cmd: Document, name: string): string {
  const v = cmd[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new MongoServerError(73, `collection name has invalid type ${typeof v}`);
  }
  return v;
}

export function optionalDoc(cmd: Document, command: string, field: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v))
    throw typeMismatch(
      `BSON field '${command}.${field}' is the wrong type '${typeName(v)}', expected type 'object'`,
    );
  return v;
}

export function optionalInt(cmd: Document, command: string, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'bigint'
        ? Number(v)
        : (v as { toNumber?: () => number }).toNumber?.();
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw typeMismatch(
      `BSON field '${command}.${field}' is the wrong type '${typeName(v)}', expected types '[long, int, decimal, double]'`,
    );
  }
  return Math.trunc(n);
}

export function optionalBool(cmd: Document, command: string, field: string): boolean | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw typeMismatch(
    `BSON field '${command}.${field}' is the wrong type '${typeName(v)}', expected type 'bool'`,
  );
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Date) return 'date';
  const t = (v as { _bsontype?: string })._bsontype;
  if (t) return t.toLowerCase();
  return 'object';
}

/** Only `{locale: 'simple'}` (binary comparison) is supported; anything else is refused, not ignored. */
export function assertSimpleCollation(cmd: Document, command: string): void {
  const c = cmd.collation;
  if (c === undefined || c === null) return;
  if (isPlainObject(c) && c.locale === 'simple' && Object.keys(c).length === 1) return;
  throw new MongoServerError(
    2,
    `${command}: collation other than {locale: 'simple'} is not supported by the embedded server`,
  );
}

/** Known options whose behaviour the embedded server does not implement: refused, never ignored. */
export function refuseUnsupported(
  cmd: Document,
  command: string,
  options: readonly string[],
  code: number,
): void {
  for (const opt of options) {
    if (cmd[opt] !== undefined && cmd[opt] !== false) {
      throw new MongoServerError(code, `${command} option '${opt}' is not supported by the embedded server`);
    }
  }
}
