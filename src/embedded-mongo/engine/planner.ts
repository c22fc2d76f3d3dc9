/**
 * Chooses how to find candidate documents for a filter, so that indexed lookups stay fast as
 * collections grow: `_id` equality → direct map lookup; otherwise the index whose leading fields
 * carry the most equality predicates (then one range) wins; with no usable predicate, an index
 * whose order matches the requested sort is scanned in order so `sort + limit` stops early;
 * else a full scan. An `$in` on an equality field gives one key range per point; when the
 * fields after the equality prefix give the sort order, the ranges are merged in that order
 * (MongoDB's SORT_MERGE), so `$in + sort + limit` still stops early. `$all` scans the index by
 * its first value (every match holds it). A multikey index gives sort order on its fields that
 * never held an array. Candidates are always re-checked against the full filter unless the plan
 * proves the match exactly (equality on a non-multikey, non-sparse index covering the filter).
 */
import type { Collection } from './collection.js';
import { ID_INDEX_NAME } from './collection.js';
import { MongoServerError } from './errors.js';
import { ID_MAX, ID_MIN, type Index, type IndexKey } from './index-store.js';
import type { SortSpec } from './query.js';
import {
  Bound,
  MAX_BOUND,
  MIN_BOUND,
  compareValues,
  isPlainObject,
  keyOf,
  typeRank,
  type Doc,
} from './values.js';

interface Range {
  lo?: { v: unknown; inc: boolean };
  hi?: { v: unknown; inc: boolean };
}

interface FieldPredicate {
  /** Equality points (`$eq`, literal, `$in`). */
  points?: unknown[];
  range?: Range;
}

interface Analysis {
  readonly fields: Map<string, FieldPredicate>;
  /** True when every clause of the filter became a single-point equality predicate. */
  readonly allPointEquality: boolean;
}

export interface Plan {
  readonly kind: 'id' | 'index' | 'scan';
  readonly index?: Index;
  /** Documents come out in the requested sort order. */
  readonly ordered: boolean;
  /** Candidates match the filter exactly; no re-check needed. */
  readonly exact: boolean;
  readonly describe: string;
  /** Several key ranges merged in sort order (SORT_MERGE). */
  readonly merged?: boolean;
  candidates(): Iterable<Doc>;
}

// Values an index can look up by equality or range: numbers, strings, ObjectId, dates, booleans, binary.
const INDEXABLE_RANKS = new Set([3, 4, 7, 8, 9, 10]);
const indexable = (v: unknown): boolean =>
  INDEXABLE_RANKS.has(typeRank(v)) && !(typeof v === 'number' && Number.isNaN(v));

function analyze(filter: Doc): Analysis {
  const fields = new Map<string, FieldPredicate>();
  let allPointEquality = true;
  const add = (path: string, p: FieldPredicate): void => {
    const cur = fields.get(path);
    if (!cur) {
      fields.set(path, p);
      return;
    }
    allPointEquality = false;
    if (p.points && !cur.points) cur.points = p.points;
    if (p.range) cur.range = { ...cur.range, ...p.range };
  };
  const visit = (clause: Doc): void => {
    for (const [key, cond] of Object.entries(clause)) {
      if (key === '$and' && Array.isArray(cond)) {
        allPointEquality = false;
        for (const c of cond) if (isPlainObject(c)) visit(c);
        continue;
      }
      if (key.startsWith('$')) {
        allPointEquality = false;
        continue;
      }
      if (!isPlainObject(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
        if (indexable(cond)) add(key, { points: [cond] });
        else allPointEquality = false;
        continue;
      }
      allPointEquality = false;
      const range: Range = {};
      let points: unknown[] | undefined;
      for (const [op, v] of Object.entries(cond)) {
        if (op === '$eq' && indexable(v)) points = [v];
        else if (op === '$all' && Array.isArray(v) && v.length > 0 && indexable(v[0]) && !points)
          points = [v[0]];
        else if (op === '$in' && Array.isArray(v) && v.length > 0 && v.length <= 1000 && v.every(indexable))
          points = v;
        else if ((op === '$gt' || op === '$gte') && indexable(v)) range.lo = { v, inc: op === '$gte' };
        else if ((op === '$lt' || op === '$lte') && indexable(v)) range.hi = { v, inc: op === '$lte' };
      }
      if (points) add(key, { points });
      else if (range.lo || range.hi) add(key, { range });
    }
  };
  visit(filter);
  return { fields, allPointEquality };
}

interface IndexChoice {
  index: Index;
  eqCount: number;
  rangeField: boolean;
  score: number;
}

function rateIndex(index: Index, a: Analysis): IndexChoice | undefined {
  if (index.spec.partialFilterExpression) return undefined;
  let eqCount = 0;
  let rangeField = false;
  for (const f of index.fields) {
    const p = a.fields.get(f);
    if (p?.points) {
      eqCount++;
      continue;
    }
    if (p?.range) rangeField = true;
    break;
  }
  if (eqCount === 0 && !rangeField) return undefined;
  const score =
    eqCount * 4 + (rangeField ? 2 : 0) + (index.unique && eqCount === index.fields.length ? 1 : 0);
  return { index, eqCount, rangeField, score };
}

/** Whether scanning `index` (after `eqCount` equality fields) yields `sort` order; returns direction. */
function sortDirection(index: Index, eqCount: number, sort: SortSpec | undefined): 1 | -1 | 0 {
  if (!sort) return 0;
  // An index gives no order on a field that held an array (a document has several keys there).
  if (sort.some(([path]) => index.multikeyFields.has(index.fields.indexOf(path.join('.'))))) return 0;
  let dir: 1 | -1 | 0 = 0;
  let i = eqCount;
  for (const [path, d] of sort) {
    const f = path.join('.');
    const pos = index.fields.indexOf(f);
    if (pos >= 0 && pos < eqCount) continue; // constant within the scan
    if (index.fields[i] !== f) return 0;
    const rel = (d * index.directions[i]!) as 1 | -1;
    if (dir === 0) dir = rel;
    else if (dir !== rel) return 0;
    i++;
  }
  return dir === 0 ? 1 : dir;
}

function cartesian(lists: unknown[][], cap: number): unknown[][] | undefined {
  let out: unknown[][] = [[]];
  for (const l of lists) {
    const next: unknown[][] = [];
    for (const prefix of out) for (const v of l) next.push([...prefix, v]);
    if (next.length > cap) return undefined;
    out = next;
  }
  return out;
}

function bracketBound(v: unknown, upper: boolean): Bound {
  return new Bound(typeRank(v) + (upper ? 0.5 : -0.5));
}

/** Key ranges (in tree order) for an index scan with equality prefix and an optional range. */
function keyRanges(
  index: Index,
  a: Analysis,
  eqCount: number,
  rangeField: boolean,
): Array<[IndexKey, IndexKey]> | undefined {
  const pointLists = index.fields.slice(0, eqCount).map((f) => {
    const pts = [...a.fields.get(f)!.points!];
    return pts.sort(compareValues).filter((v, i) => i === 0 || compareValues(v, pts[i - 1]) !== 0);
  });
  const prefixes = cartesian(pointLists, 5000);
  if (!prefixes) return undefined;
  const out: Array<[IndexKey, IndexKey]> = [];
  const n = index.fields.length;
  for (const prefix of prefixes) {
    const low: unknown[] = [...prefix];
    const high: unknown[] = [...prefix];
    let from = eqCount;
    if (rangeField) {
      const r = a.fields.get(index.fields[eqCount]!)!.range!;
      const anchor = r.lo?.v ?? r.hi?.v;
      const loV = r.lo ? r.lo.v : bracketBound(anchor, false);
      const hiV = r.hi ? r.hi.v : bracketBound(anchor, true);
      if (r.lo && r.hi && typeRank(r.lo.v) !== typeRank(r.hi.v)) return [];
      const asc = index.directions[eqCount] === 1;
      low.push(asc ? loV : hiV);
      high.push(asc ? hiV : loV);
      from++;
    }
    for (let i = from; i < n; i++) {
      const asc = index.directions[i] === 1;
      low.push(asc ? MIN_BOUND : MAX_BOUND);
      high.push(asc ? MAX_BOUND : MIN_BOUND);
    }
    low.push(ID_MIN);
    high.push(ID_MAX);
    out.push([low, high]);
  }
  return out;
}

function* scanRanges(index: Index, ranges: Array<[IndexKey, IndexKey]>, reverse: boolean): Iterable<Doc> {
  const cmp = index.compare;
  const seen = index.multikey ? new Set<Doc>() : undefined;
  const ordered = reverse ? [...ranges].reverse() : ranges;
  for (const [low, high] of ordered) {
    const it = reverse ? index.tree.entriesReversed(high) : index.tree.entries(low);
    for (const [k, doc] of it) {
      if (reverse ? cmp(k, low) < 0 : cmp(k, high) > 0) break;
      if (seen) {
        if (seen.has(doc)) continue;
        seen.add(doc);
      }
      yield doc;
    }
  }
}

/**
 * Merges per-range scans into one stream in index order of the fields from `from` on (the
 * equality prefix differs between ranges, the rest is the sort order), skipping documents
 * already produced by an earlier range (multikey).
 */
function* mergeRanges(
  index: Index,
  ranges: Array<[IndexKey, IndexKey]>,
  from: number,
  reverse: boolean,
): Iterable<Doc> {
  const n = index.fields.length;
  const dirs = index.directions;
  const sign = reverse ? -1 : 1;
  const cmp = (a: IndexKey, b: IndexKey): number => {
    for (let i = from; i < n; i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return sign * dirs[i]! * c;
    }
    const ia = a[n] as string;
    const ib = b[n] as string;
    return sign * (ia < ib ? -1 : ia > ib ? 1 : 0);
  };
  const heads: Array<{ it: Iterator<[IndexKey, Doc]>; cur: [IndexKey, Doc]; high: IndexKey; low: IndexKey }> =
    [];
  const within = (h: { high: IndexKey; low: IndexKey }, k: IndexKey): boolean =>
    reverse ? index.compare(k, h.low) >= 0 : index.compare(k, h.high) <= 0;
  for (const [low, high] of ranges) {
    const it = (reverse ? index.tree.entriesReversed(high) : index.tree.entries(low))[Symbol.iterator]();
    const first = it.next();
    if (!first.done && within({ high, low }, first.value[0])) heads.push({ it, cur: first.value, high, low });
  }
  const seen = index.multikey ? new Set<Doc>() : undefined;
  while (heads.length > 0) {
    let best = 0;
    for (let i = 1; i < heads.length; i++) if (cmp(heads[i]!.cur[0], heads[best]!.cur[0]) < 0) best = i;
    const head = heads[best]!;
    const doc = head.cur[1];
    const step = head.it.next();
    if (step.done || !within(head, step.value[0])) heads.splice(best, 1);
    else head.cur = step.value;
    if (seen) {
      if (seen.has(doc)) continue;
      seen.add(doc);
    }
    yield doc;
  }
}

/** MongoDB merges at most this many ranges for a sort (internalQueryMaxScansToExplode). */
const MAX_MERGED_RANGES = 200;

function* scanAll(index: Index, reverse: boolean): Iterable<Doc> {
  const seen = index.multikey ? new Set<Doc>() : undefined;
  for (const [, doc] of reverse ? index.tree.entriesReversed() : index.tree.entries()) {
    if (seen) {
      if (seen.has(doc)) continue;
      seen.add(doc);
    }
    yield doc;
  }
}

export function resolveHint(coll: Collection, hint: unknown): Index | 'natural' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (typeof hint === 'string') {
    const idx = coll.indexes.get(hint);
    if (idx) return idx;
  } else if (isPlainObject(hint)) {
    if ('$natural' in hint) return 'natural';
    const k = keyOf(hint);
    for (const idx of coll.indexes.values()) if (keyOf(idx.spec.key) === k) return idx;
  }
  throw new MongoServerError(
    2,
    'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
  );
}

export function planQuery(coll: Collection, filter: Doc, sort: SortSpec | undefined, hint?: unknown): Plan {
  const hinted = resolveHint(coll, hint);
  const keys = Object.keys(filter);
  if (hinted === undefined && keys.length === 1 && keys[0] === '_id') {
    const cond = filter._id;
    const isOp = isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'));
    if (!isOp && !Array.isArray(cond) && !(cond instanceof RegExp) && cond !== null && cond !== undefined) {
      return {
        kind: 'id',
        ordered: true,
        exact: true,
        describe: 'IDHACK',
        candidates: () => {
          const d = coll.docs.get(keyOf(cond));
          return d ? [d] : [];
        },
      };
    }
  }
  const a = analyze(filter);
  let best: IndexChoice | undefined;
  if (hinted !== undefined && hinted !== 'natural') {
    best = rateIndex(hinted, a) ?? { index: hinted, eqCount: 0, rangeField: false, score: 0 };
  } else if (hinted === undefined) {
    for (const index of coll.indexes.values()) {
      const c = rateIndex(index, a);
      if (
        c &&
        (!best ||
          c.score > best.score ||
          (c.score === best.score && c.index.fields.length < best.index.fields.length))
      ) {
        best = c;
      }
    }
  }
  if (best && best.index.name === ID_INDEX_NAME && best.eqCount === 1) {
    // `_id` points (`$in`): look each up in the document map, in index order; no tree needed.
    const points = [...a.fields.get('_id')!.points!].sort(compareValues);
    const dir = sortDirection(best.index, 0, sort);
    if (dir === -1) points.reverse();
    return {
      kind: 'index',
      index: best.index,
      ordered: !sort || dir !== 0,
      exact: false,
      describe: `IXSCAN ${ID_INDEX_NAME}`,
      candidates: function* () {
        const seen = new Set<string>();
        for (const p of points) {
          const k = keyOf(p);
          if (seen.has(k)) continue;
          seen.add(k);
          const d = coll.docs.get(k);
          if (d) yield d;
        }
      },
    };
  }
  if (best && (best.eqCount > 0 || best.rangeField)) {
    const choice = best;
    const ranges = keyRanges(choice.index, a, choice.eqCount, choice.rangeField);
    if (ranges) {
      const singlePrefix = ranges.length <= 1;
      // Several ranges keep the sort order only when merged on the fields after the prefix, and
      // only if no sort field is an equality field with several points (its order would be lost).
      const mergeable =
        !singlePrefix &&
        ranges.length <= MAX_MERGED_RANGES &&
        sort !== undefined &&
        sort.every(([path]) => {
          const pos = choice.index.fields.indexOf(path.join('.'));
          return pos < 0 || pos >= choice.eqCount || a.fields.get(path.join('.'))!.points!.length === 1;
        });
      const dir = singlePrefix || mergeable ? sortDirection(choice.index, choice.eqCount, sort) : 0;
      const merged = mergeable && dir !== 0;
      const exact =
        a.allPointEquality &&
        !choice.index.multikey &&
        !choice.index.spec.sparse &&
        choice.eqCount === a.fields.size &&
        choice.index.fields.slice(0, choice.eqCount).every((f) => a.fields.get(f)!.points!.length === 1);
      return {
        kind: 'index',
        index: choice.index,
        ordered: !sort || dir !== 0,
        exact,
        merged,
        describe: merged ? `SORT_MERGE IXSCAN ${choice.index.name}` : `IXSCAN ${choice.index.name}`,
        candidates: () =>
          merged
            ? mergeRanges(choice.index, ranges, choice.eqCount, dir === -1)
            : scanRanges(choice.index, ranges, dir === -1),
      };
    }
  }
  // No predicate an index can use: scan an index in sort order if one fits, else everything.
  const sortIndex =
    best?.index ??
    (hinted === undefined && sort
      ? [...coll.indexes.values()].find(
          (i) => !i.spec.sparse && !i.spec.partialFilterExpression && sortDirection(i, 0, sort) !== 0,
        )
      : undefined);
  if (sortIndex && !sortIndex.spec.sparse && !sortIndex.spec.partialFilterExpression) {
    const dir = sortDirection(sortIndex, 0, sort);
    if (dir !== 0 || best) {
      return {
        kind: 'index',
        index: sortIndex,
        ordered: !sort || dir !== 0,
        exact: keys.length === 0,
        describe: `IXSCAN ${sortIndex.name} (full)`,
        candidates: () => scanAll(sortIndex, dir === -1),
      };
    }
  }
  return {
    kind: 'scan',
    ordered: !sort,
    exact: keys.length === 0,
    describe: 'COLLSCAN',
    candidates: () => coll.docs.values(),
  };
}

export { ID_INDEX_NAME };
