/**
 * Update semantics on top of mingo's updater: operator validation (unknown modifiers are
 * errors, code 9), path-conflict detection (code 40), `$setOnInsert` (mingo lacks it),
 * replacement and pipeline updates, `_id` immutability (code 66), and the document an upsert
 * starts from (equality predicates of the filter).
 */
import { ObjectId, type Document } from 'bson';
import { update as mingoUpdate, updateMany as mingoUpdateMany } from 'mingo/updater';
import { MongoServerError, failedToParse, fromMingoError } from './errors.js';
import { compareValues, deepCopy, isPlainObject, keyOf, type Doc } from './values.js';
import { Aggregator, UPDATE_CONTEXT } from './mingo-context.js';
import { copyTypes, isTyped, retypeAfterUpdate } from './numeric-types.js';

const MODIFIERS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$bit',
  '$setOnInsert',
]);

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

export type UpdateKind = 'replacement' | 'operators' | 'pipeline';

export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) return 'pipeline';
  if (!isPlainObject(update)) throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(update);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return 'replacement';
  if (ops.length !== keys.length) {
    throw failedToParse(
      `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return 'operators';
}

export function validateUpdate(update: unknown): UpdateKind {
  const kind = updateKind(update);
  if (kind === 'operators') {
    const paths: string[] = [];
    for (const [op, spec] of Object.entries(update as Doc)) {
      if (!MODIFIERS.has(op)) {
        throw failedToParse(
          `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
        );
      }
      if (!isPlainObject(spec))
        throw failedToParse(`Modifiers operate on fields but we found type ${typeof spec} instead.`);
      for (const [path, v] of Object.entries(spec)) {
        paths.push(path.replace(/\.\$(\[[^\]]*\])?(?=\.|$)/g, ''));
        if (op === '$rename') paths.push(String(v));
      }
    }
    assertNoPathConflicts(paths);
  } else if (kind === 'pipeline') {
    for (const stage of update as unknown[]) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoServerError(
          name?.startsWith('$') ? 40324 : 14,
          `Invalid update pipeline stage: ${name ?? typeof stage}. Only $addFields, $set, $project, $unset, $replaceRoot and $replaceWith are allowed`,
        );
      }
    }
  } else {
    for (const k of Object.keys(update as Doc)) {
      if (k.startsWith('$'))
        throw new MongoServerError(
          52,
          `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document.`,
        );
    }
  }
  return kind;
}

function assertNoPathConflicts(paths: string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a === b || b.startsWith(a + '.')) {
      throw new MongoServerError(40, `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

export interface UpdateOptions {
  readonly arrayFilters?: Document[];
  /** The filter that selected the document (for the positional `$` operator). */
  readonly query?: Doc;
  /** Applying to a freshly seeded upsert document: `$setOnInsert` applies. */
  readonly inserting?: boolean;
}

/** Applies `update` to `doc` and returns the new document (or `doc` itself if unchanged). */
export function applyUpdate(doc: Doc, update: unknown, options: UpdateOptions = {}): Doc {
  return applyUpdateToMany([doc], update, options)[0]!;
}

/**
 * Applies one update to several documents; returns, per document, the new document or the
 * document itself when nothing changed. Operator updates without a positional `$` go through
 * mingo's updater in one call: it rebuilds its operator tables on every call, which costs far
 * more than the update itself.
 */
export function applyUpdateToMany(docs: readonly Doc[], update: unknown, options: UpdateOptions = {}): Doc[] {
  const kind = validateUpdate(update);
  if (kind === 'replacement') {
    return docs.map((doc) => {
      const repl = deepCopy(update as Doc);
      const next = { _id: doc._id, ...repl };
      copyTypes(repl, next, true);
      return finishUpdate(doc, next);
    });
  }
  if (kind === 'pipeline') {
    return docs.map((doc) => {
      try {
        const out = new Aggregator(update as Document[], { scriptEnabled: false }).run([deepCopy(doc)]);
        return finishUpdate(doc, out[0] as Doc);
      } catch (err) {
        throw fromMingoError(err);
      }
    });
  }
  const modifier: Doc = {};
  for (const [op, spec] of Object.entries(update as Doc)) {
    if (op === '$setOnInsert') {
      if (options.inserting) modifier.$set = { ...(modifier.$set as Doc | undefined), ...(spec as Doc) };
    } else if (op === '$set') modifier.$set = { ...(spec as Doc), ...(modifier.$set as Doc | undefined) };
    else modifier[op] = spec;
  }
  if (Object.keys(modifier).length === 0) return [...docs];
  const paths = Object.values(modifier).flatMap((spec) => Object.keys(spec as Doc));
  const positional = paths.some((p) => /\.\$(\.|$)/.test(p));
  const queryOptions = { scriptEnabled: false, context: UPDATE_CONTEXT };
  try {
    if (positional) {
      // The positional `$` needs the filter that matched each document.
      return docs.map((doc) => {
        const next = deepCopy(doc);
        const changed = mingoUpdate(next, modifier, options.arrayFilters, options.query, {
          cloneMode: 'copy',
          queryOptions,
        });
        if (changed.length === 0) return doc;
        retypeAfterUpdate(next, update as Doc, changed, isTyped(doc));
        return finishUpdate(doc, next);
      });
    }
    const copies = docs.map(deepCopy);
    mingoUpdateMany(
      copies,
      {},
      modifier,
      { arrayFilters: options.arrayFilters, cloneMode: 'copy' },
      queryOptions,
    );
    return docs.map((doc, i) => {
      const next = copies[i]!;
      retypeAfterUpdate(next, update as Doc, paths, isTyped(doc));
      return finishUpdate(doc, next);
    });
  } catch (err) {
    throw fromMingoError(err);
  }
}

/** `_id` immutability, `_id` first, and "unchanged" detection for an updated copy. */
function finishUpdate(doc: Doc, updated: Doc): Doc {
  let next = updated;
  if (compareValues(next._id, doc._id) !== 0 || (next._id === undefined) !== (doc._id === undefined)) {
    throw new MongoServerError(
      66,
      `Performing an update on the path '_id' would modify the immutable field '_id'`,
    );
  }
  if (!('_id' in next) || Object.keys(next)[0] !== '_id') {
    const reordered: Doc = { _id: doc._id, ...next };
    copyTypes(next, reordered, true);
    next = reordered;
  }
  return keyOf(next) === keyOf(doc) ? doc : next;
}

/** The document an upsert starts from: the filter's equality predicates (dotted paths nested). */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const setPath = (path: string, v: unknown): void => {
    const parts = path.split('.');
    let cur = seed;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      if (!isPlainObject(cur[p])) cur[p] = {};
      cur = cur[p] as Doc;
    }
    cur[parts[parts.length - 1]!] = deepCopy(v);
  };
  const visit = (clause: Doc): void => {
    for (const [k, v] of Object.entries(clause)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const c of v) if (isPlainObject(c)) visit(c);
      } else if (!k.startsWith('$')) {
        if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
          if ('$eq' in v) setPath(k, v.$eq);
        } else if (!(v instanceof RegExp)) setPath(k, v);
      }
    }
  };
  visit(filter);
  return seed;
}

/** Builds the document inserted by an upsert that matched nothing. */
export function buildUpsertDocument(filter: Doc, update: unknown, arrayFilters?: Document[]): Doc {
  const kind = validateUpdate(update);
  const seed = upsertSeed(filter);
  const id = seed._id ?? new ObjectId();
  if (kind === 'replacement') {
    const repl = deepCopy(update as Doc);
    const replId = repl._id;
    if (replId !== undefined && seed._id !== undefined && compareValues(replId, seed._id) !== 0) {
      throw new MongoServerError(
        66,
        `Performing an update on the path '_id' would modify the immutable field '_id'`,
      );
    }
    delete repl._id;
    return { _id: replId ?? id, ...repl };
  }
  const { _id: _ignored, ...rest } = seed;
  const base: Doc = { _id: id, ...rest };
  return applyUpdate(base, update, { arrayFilters, inserting: true });
}
