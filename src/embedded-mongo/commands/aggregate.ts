/**
 * `aggregate` through mingo's pipeline engine (with our operator overrides): a leading
 * `$match` / `$sort` / `$skip` / `$limit` prefix runs through the query planner (indexes), and
 * `$lookup` / `$unionWith` read collections of the same database as the caller's transaction
 * sees them. `$out` replaces the target collection;
 * `$merge` and server-side scripts are refused.
 */
import type { Document } from 'bson';
import { Aggregator } from '../engine/mingo-context.js';
import { MongoServerError, fromMingoError, typeMismatch } from '../engine/errors.js';
import { parseSort, type SortSpec } from '../engine/sort.js';
import { deepCopy, isPlainObject, type Doc } from '../engine/values.js';
import { prepareForInsert } from './crud.js';
import {
  assertSimpleCollation,
  optionalBool,
  optionalInt,
  writeContext,
  type CommandContext,
  type CommandSpec,
} from './context.js';

const REFUSED_STAGES = new Set([
  '$merge',
  '$changeStream',
  '$currentOp',
  '$listLocalSessions',
  '$listSessions',
  '$indexStats',
  '$collStats',
  '$planCacheStats',
  '$search',
  '$geoNear',
]);

interface Prefix {
  filter: Doc;
  sort?: SortSpec;
  skip: number;
  limit: number;
  rest: Document[];
}

/** Splits off the leading stages the planner can run with indexes. */
function plannerPrefix(pipeline: Document[]): Prefix {
  let i = 0;
  let filter: Doc = {};
  if (
    isPlainObject(pipeline[0]) &&
    isPlainObject(pipeline[0].$match) &&
    !JSON.stringify(pipeline[0].$match).includes('"$expr"')
  ) {
    filter = pipeline[0].$match;
    i = 1;
  }
  let sort: SortSpec | undefined;
  let skip = 0;
  let limit = 0;
  if (isPlainObject(pipeline[i]) && pipeline[i]!.$sort !== undefined) {
    sort = parseSort(pipeline[i]!.$sort);
    i++;
    // $skip/$limit after $sort can be pushed down; stop at anything else.
    while (i < pipeline.length && limit === 0) {
      const st = pipeline[i]!;
      if (typeof st.$skip === 'number' && st.$skip >= 0) skip += st.$skip;
      else if (typeof st.$limit === 'number' && st.$limit > 0) limit = st.$limit;
      else break;
      i++;
    }
  }
  return { filter, sort, skip, limit, rest: pipeline.slice(i) };
}

async function aggregate(cmd: Document, ctx: CommandContext): Promise<Document> {
  const target = cmd.aggregate;
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline))
    throw typeMismatch(`BSON field 'aggregate.pipeline' is the wrong type, expected type 'array'`);
  const explain = optionalBool(cmd, 'aggregate', 'explain') ?? false;
  if (!isPlainObject(cmd.cursor) && !explain) {
    throw new MongoServerError(
      9,
      `The 'cursor' option is required, except for aggregate with the explain argument`,
    );
  }
  assertSimpleCollation(cmd, 'aggregate');
  for (const stage of pipeline as Document[]) {
    const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (name && REFUSED_STAGES.has(name)) {
      throw new MongoServerError(
        name === '$merge' ? 115 : 40324,
        `${name} is not supported by the embedded server`,
      );
    }
  }
  let stages = pipeline as Document[];
  let out: string | undefined;
  const last = stages[stages.length - 1];
  if (last && '$out' in last) {
    if (ctx.txn) throw new MongoServerError(263, '$out cannot be used in a transaction');
    const spec = last.$out;
    out =
      typeof spec === 'string'
        ? spec
        : isPlainObject(spec) &&
            typeof spec.coll === 'string' &&
            (spec.db === undefined || spec.db === ctx.db)
          ? spec.coll
          : undefined;
    if (!out)
      throw new MongoServerError(13, '$out to another database is not supported by the embedded server');
    stages = stages.slice(0, -1);
  }
  const ns = typeof target === 'string' ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`;
  let source: Doc[];
  let rest: Document[];
  if (typeof target === 'string') {
    const prefix = plannerPrefix(stages);
    const coll = ctx.store.collection(ctx.db, target);
    source = ctx.store.find(coll, prefix.filter, {
      sort: prefix.sort,
      skip: prefix.skip,
      limit: prefix.limit,
      hint: cmd.hint,
      txn: ctx.txn,
    });
    rest = prefix.rest;
  } else if (target === 1) {
    source = [];
    rest = stages;
  } else {
    throw typeMismatch(`Invalid {aggregate: ...} value; must be a collection name or 1`);
  }
  if (explain) {
    return { explainVersion: '1', stages: pipeline, queryPlanner: { namespace: ns }, ok: 1 };
  }
  let results: Doc[];
  try {
    results =
      rest.length === 0
        ? source
        : (new Aggregator(rest, {
            processingMode: 1 /* CLONE_INPUT: never let a stage touch stored documents */,
            scriptEnabled: false,
            collectionResolver: (name: string) =>
              ctx.store.allDocs(ctx.store.collection(ctx.db, name), ctx.txn).map(deepCopy),
            variables: isPlainObject(cmd.let) ? cmd.let : undefined,
          }).run(source) as Doc[]);
  } catch (err) {
    throw fromMingoError(err);
  }
  if (out) {
    await replaceCollection(ctx, out, results);
    results = [];
  }
  const batchSize = optionalInt((cmd.cursor ?? {}) as Document, 'aggregate.cursor', 'batchSize');
  return ctx.cursors.open({ ns, docs: results, sessionId: ctx.session?.id }, batchSize, false);
}

async function replaceCollection(ctx: CommandContext, name: string, docs: Doc[]): Promise<void> {
  const { store } = ctx;
  const group = ctx.group;
  const existing = store.collection(ctx.db, name);
  const specs = existing?.secondarySpecs() ?? [];
  if (existing) store.dropCollection(ctx.db, name, group);
  const coll = store.ensureCollection(ctx.db, name, group);
  for (const spec of specs) store.createIndex(coll, spec, group);
  const w = writeContext(ctx);
  for (const d of docs) await store.insert(coll, prepareForInsert(d), w);
}

export const aggregateCommands: Record<string, CommandSpec> = {
  aggregate: {
    handler: aggregate,
    fields: [
      'pipeline',
      'cursor',
      'explain',
      'allowDiskUse',
      'hint',
      'collation',
      'bypassDocumentValidation',
      'let',
    ],
    inTransaction: true,
  },
};
