/**
 * CRUD commands: insert, update, delete, find, getMore, killCursors, findAndModify, count,
 * distinct. Write commands report per-statement `writeErrors` and honour `ordered`; documents
 * are validated like mongod (`_id` first, no array/regex `_id`, 16 MiB limit).
 */
import { Long, ObjectId, calculateObjectSize, type Document } from 'bson';
import { MongoServerError, failedToParse, typeMismatch } from '../engine/errors.js';
import { compileFilter, parseSort, projector } from '../engine/query.js';
import { applyUpdateToMany, buildUpsertDocument, validateUpdate } from '../engine/update.js';
import type { Collection } from '../engine/collection.js';
import { compareValues, deepCopy, isPlainObject, keyOf, valuesAtPath, type Doc } from '../engine/values.js';
import { MAX_BSON_SIZE } from '../wire/protocol.js';
import { copyTypes, restoreTypes } from '../engine/numeric-types.js';
import {
  assertSimpleCollation,
  collectionName,
  optionalBool,
  optionalDoc,
  optionalInt,
  refuseUnsupported,
  writeContext,
  type CommandContext,
  type CommandSpec,
} from './context.js';

/** Puts `_id` first (generating one if missing) and rejects what mongod rejects. */
export function prepareForInsert(input: unknown): Doc {
  if (!isPlainObject(input)) throw typeMismatch('document to insert must be an object');
  const id = input._id === undefined ? new ObjectId() : input._id;
  if (Array.isArray(id)) throw new MongoServerError(53, `The '_id' value cannot be of type array`);
  if (id instanceof RegExp) throw new MongoServerError(53, `The '_id' value cannot be of type regex`);
  if (isPlainObject(id) && Object.keys(id).some((k) => k.startsWith('$'))) {
    throw new MongoServerError(53, `_id fields may not contain '$'-prefixed fields`);
  }
  const doc: Doc = { _id: id };
  for (const k of Object.keys(input)) if (k !== '_id') doc[k] = input[k];
  copyTypes(input, doc, true);
  assertDocumentSize(doc);
  return doc;
}

export function assertDocumentSize(doc: Doc): void {
  const size = calculateObjectSize(doc);
  if (size > MAX_BSON_SIZE) {
    throw new MongoServerError(
      10334,
      `BSONObj size: ${size} (0x${size.toString(16)}) is invalid. Size must be between 0 and 16793600(16MB)`,
    );
  }
}

function writeErrorReply(n: number, errors: Document[], extra: Document = {}): Document {
  const reply: Document = { n, ...extra };
  if (errors.length > 0) reply.writeErrors = errors;
  reply.ok = 1;
  return reply;
}

/**
 * A statement's error as a write error; inside a transaction, errors carrying labels (such as
 * WriteConflict's TransientTransactionError) fail the whole command instead, as in mongod, so
 * drivers can retry the transaction.
 */
function asWriteError(err: unknown, index: number, ctx: CommandContext): Document {
  const e =
    err instanceof MongoServerError ? err : new MongoServerError(1, (err as Error).message ?? String(err));
  if (ctx.txn && e.labels.length > 0) throw e;
  return e.toWriteError(index);
}

function statements(cmd: Document, field: string, command: string): Doc[] {
  const v = cmd[field];
  if (!Array.isArray(v))
    throw typeMismatch(`BSON field '${command}.${field}' is missing but a required field`);
  if (v.length === 0)
    throw new MongoServerError(16, `Write batch sizes must be between 1 and 100000. Got 0 operations.`);
  return v as Doc[];
}

// ---- insert ----------------------------------------------------------------------------

async function insert(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = collectionName(cmd, 'insert');
  const docs = statements(cmd, 'documents', 'insert');
  const ordered = optionalBool(cmd, 'insert', 'ordered') ?? true;
  const coll = ctx.store.ensureCollection(ctx.db, name, ctx.group);
  const w = writeContext(ctx);
  const errors: Document[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    try {
      await ctx.store.insert(coll, prepareForInsert(docs[i]), w);
      n++;
    } catch (err) {
      errors.push(asWriteError(err, i, ctx));
      if (ordered || ctx.txn) break;
    }
  }
  return writeErrorReply(n, errors);
}

// ---- update ----------------------------------------------------------------------------

const UPDATE_STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'upsert',
  'multi',
  'arrayFilters',
  'hint',
  'collation',
  'c',
  'sort',
]);

async function update(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = collectionName(cmd, 'update');
  const ops = statements(cmd, 'updates', 'update');
  const ordered = optionalBool(cmd, 'update', 'ordered') ?? true;
  const errors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < ops.length; i++) {
    try {
      const r = await updateOne(ctx, name, ops[i]!);
      n += r.matched;
      nModified += r.modified;
      if (r.upsertedId !== undefined) {
        n += 1;
        upserted.push({ index: i, _id: r.upsertedId });
      }
    } catch (err) {
      errors.push(asWriteError(err, i, ctx));
      if (ordered || ctx.txn) break;
    }
  }
  const extra: Document = { nModified };
  if (upserted.length > 0) extra.upserted = upserted;
  return writeErrorReply(n, errors, extra);
}

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** Pre- and post-images of the last document touched (findAndModify). */
  before?: Doc;
  after?: Doc;
}

async function updateOne(ctx: CommandContext, name: string, op: Doc): Promise<UpdateOutcome> {
  for (const k of Object.keys(op)) {
    if (!UPDATE_STATEMENT_FIELDS.has(k))
      throw new MongoServerError(40415, `BSON field 'update.updates.${k}' is an unknown field.`);
  }
  if (op.c !== undefined || op.sort !== undefined) {
    throw new MongoServerError(2, `update: 'c' and 'sort' are not supported by the embedded server`);
  }
  if (op.collation !== undefined) assertSimpleCollation({ collation: op.collation }, 'update');
  const filter = (op.q ?? {}) as Doc;
  if (!isPlainObject(filter))
    throw typeMismatch(`BSON field 'update.updates.q' is the wrong type, expected type 'object'`);
  const kind = validateUpdate(op.u);
  const multi = op.multi === true;
  if (multi && kind === 'replacement')
    throw failedToParse('multi update is not supported for replacement-style update');
  const arrayFilters = op.arrayFilters as Document[] | undefined;
  return applyToMatching(ctx, name, filter, {
    update: op.u,
    multi,
    upsert: op.upsert === true,
    arrayFilters,
    hint: op.hint,
  });
}

interface ModifyRequest {
  readonly update?: unknown;
  readonly remove?: boolean;
  readonly multi: boolean;
  readonly upsert: boolean;
  readonly arrayFilters?: Document[];
  readonly sort?: unknown;
  readonly hint?: unknown;
}

/** Updates (or removes) the documents matching `filter`, waiting out transaction locks. */
async function applyToMatching(
  ctx: CommandContext,
  name: string,
  filter: Doc,
  req: ModifyRequest,
): Promise<UpdateOutcome> {
  const { store } = ctx;
  const w = writeContext(ctx);
  const matcher = compileFilter(filter);
  const out: UpdateOutcome = { matched: 0, modified: 0 };
  let coll: Collection | undefined = store.collection(ctx.db, name);
  const sort = parseSort(req.sort);
  const found = store.find(coll, filter, { txn: ctx.txn, limit: req.multi ? 0 : 1, sort, hint: req.hint });
  // Wait out transactions holding any target, then re-read everything: others may have written
  // while we waited. From here on nothing awaits, so the batch is applied atomically.
  let waited = false;
  for (const d of found) if (await store.waitForDocument(coll!.ns, keyOf(d._id), ctx.txn)) waited = true;
  const targets = waited
    ? found
        .map((d) => store.current(coll!, keyOf(d._id), ctx.txn))
        .filter((d): d is Doc => d !== undefined && matcher.test(d))
    : found;
  out.matched = targets.length;
  if (targets.length > 0) out.before = targets[targets.length - 1];
  if (req.remove) {
    for (const doc of targets) store.remove(coll!, keyOf(doc._id), w);
    out.modified = targets.length;
  } else if (targets.length > 0) {
    const nexts = applyUpdateToMany(targets, req.update, { arrayFilters: req.arrayFilters, query: filter });
    nexts.forEach((next, i) => {
      if (next === targets[i]) return;
      assertDocumentSize(next);
      store.replace(coll!, keyOf(next._id), next, w);
      out.modified++;
    });
    out.after = nexts[nexts.length - 1];
  }
  if (out.matched === 0 && req.upsert && !req.remove) {
    coll ??= store.ensureCollection(ctx.db, name, ctx.group);
    const doc = buildUpsertDocument(filter, req.update, req.arrayFilters);
    const prepared = prepareForInsert(doc);
    await store.insert(coll, prepared, w);
    out.upsertedId = prepared._id;
    out.after = prepared;
  }
  return out;
}

// ---- delete ----------------------------------------------------------------------------

async function del(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = collectionName(cmd, 'delete');
  const ops = statements(cmd, 'deletes', 'delete');
  const ordered = optionalBool(cmd, 'delete', 'ordered') ?? true;
  const errors: Document[] = [];
  let n = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    try {
      for (const k of Object.keys(op)) {
        if (!['q', 'limit', 'hint', 'collation'].includes(k))
          throw new MongoServerError(40415, `BSON field 'delete.deletes.${k}' is an unknown field.`);
      }
      if (op.collation !== undefined) assertSimpleCollation({ collation: op.collation }, 'delete');
      const limit = op.limit === undefined ? 0 : Number(op.limit);
      if (limit !== 0 && limit !== 1)
        throw failedToParse(`The limit field in delete objects must be 0 or 1. Got ${limit}`);
      const filter = (op.q ?? {}) as Doc;
      if (!isPlainObject(filter))
        throw typeMismatch(`BSON field 'delete.deletes.q' is the wrong type, expected type 'object'`);
      const r = await applyToMatching(ctx, name, filter, {
        remove: true,
        multi: limit === 0,
        upsert: false,
        hint: op.hint,
      });
      n += r.modified;
    } catch (err) {
      errors.push(asWriteError(err, i, ctx));
      if (ordered || ctx.txn) break;
    }
  }
  return writeErrorReply(n, errors);
}

// ---- find / getMore / killCursors ------------------------------------------------------

const UNSUPPORTED_FIND_OPTIONS = [
  'min',
  'max',
  'returnKey',
  'showRecordId',
  'tailable',
  'awaitData',
  'oplogReplay',
];

function find(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'find');
  refuseUnsupported(cmd, 'find', UNSUPPORTED_FIND_OPTIONS, 2);
  assertSimpleCollation(cmd, 'find');
  const filter = optionalDoc(cmd, 'find', 'filter') ?? {};
  const sort = parseSort(optionalDoc(cmd, 'find', 'sort'));
  const projection = projector(optionalDoc(cmd, 'find', 'projection'));
  const skip = optionalInt(cmd, 'find', 'skip') ?? 0;
  if (skip < 0)
    throw new MongoServerError(51024, `BSON field 'skip' value must be >= 0, actual value '${skip}'`);
  let limit = optionalInt(cmd, 'find', 'limit') ?? 0;
  let singleBatch = optionalBool(cmd, 'find', 'singleBatch') ?? false;
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = optionalInt(cmd, 'find', 'batchSize');
  if (batchSize !== undefined && batchSize < 0)
    throw new MongoServerError(
      51024,
      `BSON field 'batchSize' value must be >= 0, actual value '${batchSize}'`,
    );
  const coll = ctx.store.collection(ctx.db, name);
  const docs = ctx.store.find(coll, filter, { sort, skip, limit, hint: cmd.hint, txn: ctx.txn });
  const firstBatchSize = batchSize ?? (limit > 0 ? Math.min(limit, 101) : undefined);
  return ctx.cursors.open(
    {
      ns: `${ctx.db}.${name}`,
      docs,
      project: projection,
      sessionId: ctx.session?.id,
      noTimeout: cmd.noCursorTimeout === true,
    },
    firstBatchSize,
    singleBatch || (limit > 0 && docs.length <= (firstBatchSize ?? 101)),
  );
}

function getMore(cmd: Document, ctx: CommandContext): Document {
  const id = cmd.getMore;
  const cursorId = id instanceof Long ? id : typeof id === 'number' ? Long.fromNumber(id) : undefined;
  if (!cursorId) throw typeMismatch(`BSON field 'getMore.getMore' is the wrong type, expected type 'long'`);
  const name = collectionName(cmd, 'collection');
  return ctx.cursors.getMore(
    cursorId,
    `${ctx.db}.${name}`,
    optionalInt(cmd, 'getMore', 'batchSize'),
    ctx.session?.id,
  );
}

function killCursors(cmd: Document, ctx: CommandContext): Document {
  collectionName(cmd, 'killCursors');
  const ids = cmd.cursors;
  if (!Array.isArray(ids))
    throw typeMismatch(`BSON field 'killCursors.cursors' is missing but a required field`);
  return ctx.cursors.kill(ids.map((v) => (v instanceof Long ? v : Long.fromNumber(Number(v)))));
}

// ---- findAndModify ---------------------------------------------------------------------

async function findAndModify(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = collectionName(cmd, 'findAndModify');
  assertSimpleCollation(cmd, 'findAndModify');
  const query = optionalDoc(cmd, 'findAndModify', 'query') ?? {};
  const remove = optionalBool(cmd, 'findAndModify', 'remove') ?? false;
  const returnNew = optionalBool(cmd, 'findAndModify', 'new') ?? false;
  const upsert = optionalBool(cmd, 'findAndModify', 'upsert') ?? false;
  const fields = projector(optionalDoc(cmd, 'findAndModify', 'fields'));
  if (remove && (cmd.update !== undefined || returnNew || upsert)) {
    throw failedToParse('Cannot specify both an update and remove=true');
  }
  if (!remove && cmd.update === undefined)
    throw failedToParse('Either an update or remove=true must be specified');
  if (!remove) validateUpdate(cmd.update);
  const r = await applyToMatching(ctx, name, query, {
    update: cmd.update,
    remove,
    multi: false,
    upsert,
    arrayFilters: cmd.arrayFilters as Document[] | undefined,
    sort: cmd.sort,
    hint: cmd.hint,
  });
  let value: Doc | null = (remove || !returnNew ? r.before : r.after) ?? null;
  if (r.upsertedId !== undefined && !returnNew) value = null;
  if (value && fields) value = fields([value])[0] ?? null;
  value = restoreTypes(value);
  const lastErrorObject: Document = { n: r.matched + (r.upsertedId !== undefined ? 1 : 0) };
  if (!remove) lastErrorObject.updatedExisting = r.matched > 0;
  if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
  return { lastErrorObject, value, ok: 1 };
}

// ---- count / distinct ------------------------------------------------------------------

function count(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'count');
  assertSimpleCollation(cmd, 'count');
  const query = optionalDoc(cmd, 'count', 'query') ?? {};
  const skip = optionalInt(cmd, 'count', 'skip') ?? 0;
  const limit = Math.abs(optionalInt(cmd, 'count', 'limit') ?? 0);
  const coll = ctx.store.collection(ctx.db, name);
  let n: number;
  if (Object.keys(query).length === 0 && !ctx.txn && coll) n = coll.docs.size;
  else n = ctx.store.find(coll, query, { hint: cmd.hint, txn: ctx.txn }).length;
  n = Math.max(0, n - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
}

function distinct(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'distinct');
  assertSimpleCollation(cmd, 'distinct');
  const key = cmd.key;
  if (typeof key !== 'string')
    throw typeMismatch(`BSON field 'distinct.key' is the wrong type, expected type 'string'`);
  const query = optionalDoc(cmd, 'distinct', 'query') ?? {};
  const docs = ctx.store.find(ctx.store.collection(ctx.db, name), query, { hint: cmd.hint, txn: ctx.txn });
  const seen = new Map<string, unknown>();
  const path = key.split('.');
  for (const d of docs) {
    for (const v of valuesAtPath(d, path).values) {
      for (const x of Array.isArray(v) ? v : [v]) {
        if (x === undefined) continue;
        const k = keyOf(x);
        if (!seen.has(k)) seen.set(k, deepCopy(x));
      }
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
}

const WRITE_FIELDS = ['ordered', 'bypassDocumentValidation'];

export const crudCommands: Record<string, CommandSpec> = {
  insert: {
    handler: insert,
    fields: ['documents', ...WRITE_FIELDS],
    inTransaction: true,
    retryableWrite: true,
  },
  update: {
    handler: update,
    fields: ['updates', ...WRITE_FIELDS],
    inTransaction: true,
    retryableWrite: true,
  },
  delete: { handler: del, fields: ['deletes', ...WRITE_FIELDS], inTransaction: true, retryableWrite: true },
  find: {
    handler: find,
    fields: [
      'filter',
      'sort',
      'projection',
      'hint',
      'skip',
      'limit',
      'batchSize',
      'singleBatch',
      'noCursorTimeout',
      'allowDiskUse',
      'allowPartialResults',
      'collation',
      'readOnce',
      ...UNSUPPORTED_FIND_OPTIONS,
    ],
    inTransaction: true,
  },
  getMore: { handler: getMore, fields: ['collection', 'batchSize'], inTransaction: true },
  killCursors: { handler: killCursors, fields: ['cursors'], inTransaction: true },
  findAndModify: {
    handler: findAndModify,
    fields: [
      'query',
      'sort',
      'remove',
      'update',
      'new',
      'fields',
      'upsert',
      'bypassDocumentValidation',
      'collation',
      'arrayFilters',
      'hint',
    ],
    inTransaction: true,
    retryableWrite: true,
  },
  count: { handler: count, fields: ['query', 'limit', 'skip', 'hint', 'collation', 'fields'] },
  distinct: { handler: distinct, fields: ['key', 'query', 'collation', 'hint'], inTransaction: true },
};
crudCommands.findandmodify = crudCommands.findAndModify!;
