/**
 * Filters and projections for `find`-style reads, through mingo (its MongoDB query language is
 * part of our contract, pinned) with our operator overrides from {@link ./mingo-context.ts}.
 */
import type { Document } from 'bson';
import { MongoServerError, badValue, fromMingoError } from './errors.js';
export { parseSort, sortComparator, sortSkipLimit, type SortSpec } from './sort.js';
import { Query } from './mingo-context.js';
import { isPlainObject, keyOf, type Doc } from './values.js';

export interface Matcher {
  test(doc: Doc): boolean;
}

const MATCH_ALL: Matcher = { test: () => true };

/** Compiled filters by exact content: apps repeat the same queries, and compiling costs ~20 µs. */
const cache = new Map<string, Matcher>();
const CACHE_SIZE = 500;

export function compileFilter(filter: unknown): Matcher {
  if (filter === undefined || filter === null) return MATCH_ALL;
  if (!isPlainObject(filter)) throw new MongoServerError(14, 'filter must be an object');
  if (Object.keys(filter).length === 0) return MATCH_ALL;
  const key = keyOf(filter);
  let m = cache.get(key);
  if (m) return m;
  m = compileUncached(filter);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, m);
  return m;
}

function compileUncached(filter: Doc): Matcher {
  assertNoScript(filter);
  try {
    const q = new Query(filter as Record<string, unknown>, { scriptEnabled: false });
    return {
      test(doc: Doc): boolean {
        try {
          return q.test(doc);
        } catch (err) {
          throw fromMingoError(err);
        }
      },
    };
  } catch (err) {
    throw fromMingoError(err);
  }
}

function assertNoScript(filter: Doc): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$where') throw new MongoServerError(2, '$where is not allowed in this context');
    if (isPlainObject(v)) assertNoScript(v);
    else if (Array.isArray(v)) for (const el of v) if (isPlainObject(el)) assertNoScript(el);
  }
}

/** Applies a find-style projection (inclusion/exclusion, `$slice`, `$elemMatch`). */
export function projector(projection: unknown): ((docs: Doc[]) => Doc[]) | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw badValue('projection must be an object');
  if (Object.keys(projection).length === 0) return undefined;
  return (docs) => {
    try {
      return new Query({}, {}).find<Doc>(docs, projection as Document).all();
    } catch (err) {
      throw fromMingoError(err);
    }
  };
}
