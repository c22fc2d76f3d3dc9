/**
 * Sorting with our own BSON comparator: MongoDB's order across types; arrays sort by their
 * smallest (ascending) or largest (descending) element, empty arrays before null.
 */
import { badValue, MongoServerError } from './errors.js';
import { compareValues, isPlainObject, valuesAtPath, type Doc } from './values.js';

export type SortSpec = ReadonlyArray<readonly [path: readonly string[], dir: 1 | -1]>;

export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw badValue('sort must be an object');
  const out: Array<readonly [readonly string[], 1 | -1]> = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (dir === 1 || dir === -1) out.push([field.split('.'), dir]);
    else if (isPlainObject(dir) && '$meta' in dir) {
      throw new MongoServerError(2, `$meta sort by '${String(dir.$meta)}' is not supported by this server`);
    } else throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
  }
  return out.length > 0 ? out : undefined;
}

function sortKey(doc: Doc, path: readonly string[], dir: 1 | -1): unknown {
  const { values } = valuesAtPath(doc, path);
  const flat: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) {
      if (v.length === 0) flat.push(EMPTY_ARRAY_KEY);
      else flat.push(...v);
    } else flat.push(v);
  }
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0];
  let best = flat[0];
  for (const v of flat) if (dir * compareValues(v, best) < 0) best = v;
  return best;
}

/** Empty arrays sort before null, like MongoDB. */
const EMPTY_ARRAY_KEY: unknown = { __emptyArray: true };

export function sortComparator(spec: SortSpec): (a: Doc, b: Doc) => number {
  return (a, b) => {
    for (const [path, dir] of spec) {
      const ka = sortKey(a, path, dir);
      const kb = sortKey(b, path, dir);
      const c =
        ka === EMPTY_ARRAY_KEY
          ? kb === EMPTY_ARRAY_KEY
            ? 0
            : -1
          : kb === EMPTY_ARRAY_KEY
            ? 1
            : compareValues(ka, kb);
      if (c !== 0) return dir * c;
    }
    return 0;
  };
}

/** Sorts, skips and limits; keeps only the best `skip + limit` when that is small. */
export function sortSkipLimit(docs: Doc[], sort: SortSpec | undefined, skip: number, limit: number): Doc[] {
  if (sort) {
    const cmp = sortComparator(sort);
    const k = limit > 0 ? skip + limit : 0;
    if (k > 0 && k < docs.length / 4) docs = topK(docs, k, cmp);
    else docs = docs.slice().sort(cmp);
  }
  const end = limit > 0 ? skip + limit : docs.length;
  return skip > 0 || end < docs.length ? docs.slice(skip, end) : docs;
}

function topK(docs: readonly Doc[], k: number, cmp: (a: Doc, b: Doc) => number): Doc[] {
  const best: Doc[] = [];
  for (const d of docs) {
    if (best.length === k && cmp(d, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid]!, d) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, d);
    if (best.length > k) best.pop();
  }
  return best;
}
