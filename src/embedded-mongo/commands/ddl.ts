/**
 * Catalog commands: create, drop, dropDatabase, listCollections, renameCollection,
 * createIndexes, listIndexes, dropIndexes. Index options outside what the engine enforces
 * (text, geo, hashed, hidden, collation...) are refused rather than accepted and ignored.
 */
import { UUID, type Document } from 'bson';
import { ID_INDEX_NAME, type Collection } from '../engine/collection.js';
import { MongoServerError, typeMismatch } from '../engine/errors.js';
import { Query } from '../engine/mingo-context.js';
import type { IndexSpec } from '../engine/index-store.js';
import { isPlainObject, keyOf, type Doc } from '../engine/values.js';
import {
  assertSimpleCollation,
  collectionName,
  optionalBool,
  refuseUnsupported,
  type CommandContext,
  type CommandSpec,
} from './context.js';

const nsNotFound = (ns: string): MongoServerError => new MongoServerError(26, `ns does not exist: ${ns}`);

function requireCollection(ctx: CommandContext, name: string): Collection {
  const c = ctx.store.collection(ctx.db, name);
  if (!c) throw nsNotFound(`${ctx.db}.${name}`);
  return c;
}

const UNSUPPORTED_CREATE_OPTIONS = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'viewOn',
  'pipeline',
  'timeseries',
  'clusteredIndex',
  'expireAfterSeconds',
  'changeStreamPreAndPostImages',
  'storageEngine',
  'indexOptionDefaults',
  'idIndex',
  'encryptedFields',
];

function create(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'create');
  refuseUnsupported(cmd, 'create', UNSUPPORTED_CREATE_OPTIONS, 115);
  assertSimpleCollation(cmd, 'create');
  // MongoDB 7.0 (SERVER-60064): creating an existing collection with identical options succeeds;
  // the embedded server accepts no options, so an existing collection always has identical ones.
  ctx.store.ensureCollection(ctx.db, name, ctx.group);
  return { ok: 1 };
}

function drop(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'drop');
  const c = ctx.store.collection(ctx.db, name);
  if (!c) return { ok: 1 };
  const nIndexesWas = c.indexes.size;
  ctx.store.dropCollection(ctx.db, name, ctx.group);
  return { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 };
}

function dropDatabase(_cmd: Document, ctx: CommandContext): Document {
  ctx.store.dropDatabase(ctx.db, ctx.group);
  return { ok: 1 };
}

const uuids = new WeakMap<Collection, UUID>();
const uuidOf = (c: Collection): UUID => {
  let u = uuids.get(c);
  if (!u) uuids.set(c, (u = new UUID()));
  return u;
};

function listCollections(cmd: Document, ctx: CommandContext): Document {
  const nameOnly = optionalBool(cmd, 'listCollections', 'nameOnly') ?? false;
  let infos: Doc[] = ctx.store.collections(ctx.db).map((c) =>
    nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false, uuid: uuidOf(c) },
          idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
        },
  );
  if (cmd.filter !== undefined) {
    if (!isPlainObject(cmd.filter))
      throw typeMismatch(`BSON field 'listCollections.filter' is the wrong type, expected type 'object'`);
    const q = new Query(cmd.filter, {});
    infos = infos.filter((d) => q.test(d));
  }
  const batchSize =
    isPlainObject(cmd.cursor) && typeof cmd.cursor.batchSize === 'number' ? cmd.cursor.batchSize : undefined;
  return ctx.cursors.open({ ns: `${ctx.db}.$cmd.listCollections`, docs: infos }, batchSize, false);
}

function renameCollection(cmd: Document, ctx: CommandContext): Document {
  const from = cmd.renameCollection;
  const to = cmd.to;
  if (typeof from !== 'string' || typeof to !== 'string')
    throw typeMismatch('renameCollection and to must be strings');
  if (ctx.db !== 'admin')
    throw new MongoServerError(13, 'renameCollection may only be run against the admin database.');
  const split = (ns: string): [string, string] => {
    const i = ns.indexOf('.');
    if (i <= 0 || i === ns.length - 1) throw new MongoServerError(73, `Invalid namespace specified '${ns}'`);
    return [ns.slice(0, i), ns.slice(i + 1)];
  };
  const [fromDb, fromColl] = split(from);
  const [toDb, toColl] = split(to);
  const source = ctx.store.collection(fromDb, fromColl);
  if (!source) throw new MongoServerError(26, `Source collection ${from} does not exist`);
  if (from === to) throw new MongoServerError(20, `Can't rename a collection to itself`);
  ctx.store.renameCollection(
    source,
    toDb,
    toColl,
    optionalBool(cmd, 'renameCollection', 'dropTarget') ?? false,
    ctx.group,
  );
  return { ok: 1 };
}

const INDEX_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'expireAfterSeconds',
  'partialFilterExpression',
  'background',
  'v',
  'collation',
  'ns',
]);

function normaliseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw typeMismatch('index specification must be an object');
  for (const k of Object.keys(raw)) {
    if (!INDEX_OPTIONS.has(k)) {
      const known = [
        'hidden',
        'weights',
        'default_language',
        'language_override',
        'textIndexVersion',
        '2dsphereIndexVersion',
        'bits',
        'min',
        'max',
        'storageEngine',
        'wildcardProjection',
      ];
      throw new MongoServerError(
        known.includes(k) ? 67 : 197,
        known.includes(k)
          ? `index option '${k}' is not supported by the embedded server`
          : `The field '${k}' is not valid for an index specification. Specification: ${JSON.stringify(raw)}`,
      );
    }
  }
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0)
    throw new MongoServerError(67, 'Index keys cannot be empty.');
  for (const [f, d] of Object.entries(key)) {
    if (d !== 1 && d !== -1) {
      if (typeof d === 'string')
        throw new MongoServerError(
          67,
          `Index type '${d}' on field '${f}' is not supported by the embedded server`,
        );
      throw new MongoServerError(
        67,
        `Values in the index key pattern can only be 1 or -1: ${f}: ${String(d)}`,
      );
    }
    if (f === '' || f.startsWith('$'))
      throw new MongoServerError(67, `Index key contains an illegal field name: '${f}'`);
  }
  if (raw.collation !== undefined) assertSimpleCollation({ collation: raw.collation }, 'createIndexes');
  const name = typeof raw.name === 'string' && raw.name.length > 0 ? raw.name : undefined;
  if (!name)
    throw new MongoServerError(
      9,
      `Error in specification ${JSON.stringify(raw)} :: caused by :: The 'name' field is a required property of an index specification`,
    );
  const spec: Record<string, unknown> = { v: 2, key, name };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.expireAfterSeconds !== undefined) {
    const s = raw.expireAfterSeconds;
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0)
      throw new MongoServerError(67, `TTL index 'expireAfterSeconds' option must be a non-negative number`);
    if (Object.keys(key).length !== 1)
      throw new MongoServerError(
        67,
        'TTL indexes are single-field indexes, compound indexes do not support TTL',
      );
    spec.expireAfterSeconds = Math.trunc(s);
  }
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression))
      throw typeMismatch('partialFilterExpression must be an object');
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (name === ID_INDEX_NAME && keyOf(key) !== keyOf({ _id: 1 }))
    throw new MongoServerError(67, `The index name '_id_' is reserved for the _id index`);
  return spec as unknown as IndexSpec;
}

const optionsKey = (s: IndexSpec): string => {
  const { v: _v, name: _n, key: _k, background: _b, ...rest } = s;
  return keyOf(rest);
};

function createIndexes(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'createIndexes');
  const raw = cmd.indexes;
  if (!Array.isArray(raw) || raw.length === 0)
    throw typeMismatch(`BSON field 'createIndexes.indexes' must be a non-empty array`);
  const specs = raw.map(normaliseIndexSpec);
  const created = !ctx.store.collection(ctx.db, name);
  const coll = ctx.store.ensureCollection(ctx.db, name, ctx.group);
  const before = coll.indexes.size;
  const toCreate: IndexSpec[] = [];
  for (const spec of specs) {
    const sameNameSpec: IndexSpec | undefined =
      coll.indexes.get(spec.name)?.spec ?? toCreate.find((s) => s.name === spec.name);
    if (sameNameSpec) {
      if (keyOf(sameNameSpec.key) === keyOf(spec.key)) {
        if (optionsKey(sameNameSpec) === optionsKey(spec)) continue;
        // Differing only in expireAfterSeconds is an "equivalent" index to mongod: IndexOptionsConflict.
        const withoutTtl = ({ expireAfterSeconds: _ttl, ...s }: IndexSpec): string =>
          optionsKey(s as IndexSpec);
        if (withoutTtl(sameNameSpec) === withoutTtl(spec)) {
          throw new MongoServerError(
            85,
            `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameNameSpec)}`,
          );
        }
      }
      throw new MongoServerError(
        86,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameNameSpec)}`,
      );
    }
    for (const existing of [...coll.indexes.values()].map((i) => i.spec).concat(toCreate)) {
      if (
        keyOf(existing.key) === keyOf(spec.key) &&
        keyOf(existing.partialFilterExpression ?? null) === keyOf(spec.partialFilterExpression ?? null)
      ) {
        if (optionsKey(existing) === optionsKey(spec)) {
          throw new MongoServerError(85, `Index already exists with a different name: ${existing.name}`);
        }
        throw new MongoServerError(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
        );
      }
    }
    toCreate.push(spec);
  }
  for (const spec of toCreate) ctx.store.createIndex(coll, spec, ctx.group);
  const reply: Document = {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.size,
    createdCollectionAutomatically: created,
  };
  if (toCreate.length === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
}

function listIndexes(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'listIndexes');
  const coll = requireCollection(ctx, name);
  const docs = [...coll.indexes.values()].map((i) => ({ ...i.spec }) as Doc);
  const batchSize =
    isPlainObject(cmd.cursor) && typeof cmd.cursor.batchSize === 'number' ? cmd.cursor.batchSize : undefined;
  return ctx.cursors.open({ ns: `${ctx.db}.${name}`, docs }, batchSize, false);
}

function dropIndexes(cmd: Document, ctx: CommandContext): Document {
  const name = collectionName(cmd, 'dropIndexes');
  const coll = requireCollection(ctx, name);
  const nIndexesWas = coll.indexes.size;
  const which = cmd.index;
  let names: string[];
  if (which === '*') names = [...coll.indexes.keys()].filter((n) => n !== ID_INDEX_NAME);
  else if (typeof which === 'string') names = [which];
  else if (Array.isArray(which) && which.every((n) => typeof n === 'string')) names = which as string[];
  else if (isPlainObject(which)) {
    const k = keyOf(which);
    const match = [...coll.indexes.values()].find((i) => keyOf(i.spec.key) === k);
    if (!match) throw new MongoServerError(27, `can't find index with key: ${JSON.stringify(which)}`);
    names = [match.name];
  } else throw typeMismatch(`BSON field 'dropIndexes.index' is the wrong type`);
  for (const n of names) {
    if (n === ID_INDEX_NAME) throw new MongoServerError(72, 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw new MongoServerError(27, `index not found with name [${n}]`);
  }
  for (const n of names) ctx.store.dropIndex(coll, n, ctx.group);
  return { nIndexesWas, ok: 1 };
}

export const ddlCommands: Record<string, CommandSpec> = {
  create: {
    handler: create,
    fields: ['collation', ...UNSUPPORTED_CREATE_OPTIONS, 'autoIndexId'],
    inTransaction: true,
  },
  drop: { handler: drop, fields: [] },
  dropDatabase: { handler: dropDatabase, fields: [] },
  listCollections: {
    handler: listCollections,
    fields: ['filter', 'nameOnly', 'authorizedCollections', 'cursor'],
  },
  renameCollection: { handler: renameCollection, fields: ['to', 'dropTarget', 'stayTemp'] },
  createIndexes: { handler: createIndexes, fields: ['indexes', 'commitQuorum'], inTransaction: true },
  listIndexes: { handler: listIndexes, fields: ['cursor'] },
  dropIndexes: { handler: dropIndexes, fields: ['index'] },
  deleteIndexes: { handler: dropIndexes, fields: ['index'] },
};
