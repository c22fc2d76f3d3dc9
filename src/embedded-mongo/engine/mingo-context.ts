/**
 * Where mingo's semantics differ from MongoDB's, our own operators replace its ones in every
 * mingo call the engine makes (queries, pipelines, updates):
 * - `$type` matches array elements and knows BSON type names and numbers;
 * - comparisons with null (`$gte`/`$lte: null` match null and missing; `$gt`/`$lt: null` nothing);
 * - `$sort` uses our BSON comparator (MongoDB order across types, and fast on dates);
 * - `$count` of nothing yields no document rather than a zero count.
 */
import { Context } from 'mingo';
import { Lazy } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Aggregator as AggregatorBase } from 'mingo/aggregator';
import { Query as QueryBase } from 'mingo/query';
import type { Options } from 'mingo/types';
import { MongoServerError } from './errors.js';
import { parseSort, sortComparator } from './sort.js';
import { typeOf, type NumericType } from './numeric-types.js';
import { isPlainObject, typeRank, type Doc } from './values.js';

type QueryOp = (selector: string, value: unknown, options: unknown) => (obj: Doc) => boolean;
type LazyIterator = ReturnType<typeof Lazy>;

type TypeTest = (v: unknown, recorded: NumericType | undefined) => boolean;

const isInt32 = (v: unknown): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

const BSON_TYPES: Readonly<Record<string, TypeTest>> = {
  double: (v, t) =>
    (typeof v === 'number' && (t === 'double' || (t === undefined && !isInt32(v)))) ||
    bsonType(v) === 'Double',
  string: (v) => typeof v === 'string',
  object: (v) => typeRank(v) === 5 && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  binData: (v) => bsonType(v) === 'Binary',
  undefined: (v) => v === undefined,
  objectId: (v) => bsonType(v) === 'ObjectId',
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || bsonType(v) === 'BSONRegExp',
  javascript: (v) => bsonType(v) === 'Code',
  int: (v, t) => (t === undefined && isInt32(v)) || bsonType(v) === 'Int32',
  timestamp: (v) => bsonType(v) === 'Timestamp',
  long: (v, t) => (typeof v === 'number' && t === 'long') || bsonType(v) === 'Long' || typeof v === 'bigint',
  decimal: (v, t) =>
    (typeof v === 'number' && t?.startsWith('decimal:') === true) || bsonType(v) === 'Decimal128',
  minKey: (v) => bsonType(v) === 'MinKey',
  maxKey: (v) => bsonType(v) === 'MaxKey',
  number: (v) => typeRank(v) === 3,
};
const BSON_TYPE_NUMBERS: Readonly<Record<number, string>> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

function bsonType(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

function typePredicate(spec: unknown): TypeTest {
  const name =
    typeof spec === 'number' ? BSON_TYPE_NUMBERS[spec] : typeof spec === 'string' ? spec : undefined;
  const p = name ? BSON_TYPES[name] : undefined;
  if (!p) throw new MongoServerError(2, `Unknown type name alias: ${String(spec)}`);
  return p;
}

/** Calls `visit` with each value at `path` (arrays expanded) and its recorded numeric type. */
function visitPath(
  obj: unknown,
  path: readonly string[],
  visit: (v: unknown, t: NumericType | undefined) => boolean,
): boolean {
  const walk = (container: Doc | unknown[], key: string, i: number): boolean => {
    const v = (container as Record<string, unknown>)[key];
    if (v === undefined && !(key in container)) return false;
    if (i === path.length) {
      if (visit(v, typeOf(container, key))) return true;
      if (Array.isArray(v)) return v.some((el, idx) => visit(el, typeOf(v, String(idx))));
      return false;
    }
    if (Array.isArray(v)) {
      const seg = path[i]!;
      if (/^\d+$/.test(seg) && walk(v, seg, i + 1)) return true;
      return v.some((el) => isPlainObject(el) && walk(el, seg, i + 1));
    }
    return isPlainObject(v) && walk(v, path[i]!, i + 1);
  };
  return isPlainObject(obj) && walk(obj, path[0]!, 1);
}

const $type: QueryOp = (selector, value) => {
  const specs = Array.isArray(value) ? value : [value];
  if (specs.length === 0) throw new MongoServerError(9, '$type must match at least one type');
  const preds = specs.map(typePredicate);
  const path = selector.split('.');
  return (obj) => visitPath(obj, path, (v, t) => preds.some((p) => p(v, t)));
};

const never = (): boolean => false;
const nullAware =
  (original: QueryOp, inclusive: boolean): QueryOp =>
  (selector, value, options) =>
    value === null
      ? inclusive
        ? ($eq as QueryOp)(selector, null, options)
        : never
      : original(selector, value, options);

const { $eq, $gt, $gte, $lt, $lte } = queryOperators;

/**
 * The complete operator set: mingo's, with ours in place of its ones. (mingo's own `Query` and
 * `Aggregator` merge a given context *under* its defaults, so ours would never win; we use its
 * base classes with this context instead.)
 */
const QUERY_OPERATORS = {
  ...queryOperators,
  $type,
  $gte: nullAware($gte as QueryOp, true),
  $lte: nullAware($lte as QueryOp, true),
  $gt: nullAware($gt as QueryOp, false),
  $lt: nullAware($lt as QueryOp, false),
};

export const MINGO_CONTEXT = Context.init({
  accumulator: accumulatorOperators as never,
  expression: expressionOperators as never,
  projection: projectionOperators as never,
  window: windowOperators as never,
  query: QUERY_OPERATORS as never,
  pipeline: {
    ...pipelineOperators,
    $sort: ((coll: LazyIterator, spec: unknown) => {
      const sort = parseSort(spec);
      if (!sort) throw new MongoServerError(15976, '$sort stage must have at least one sort key');
      const cmp = sortComparator(sort);
      return coll.transform((docs: unknown[]) => Lazy((docs as Doc[]).slice().sort(cmp)));
    }) as never,
    $count: ((coll: LazyIterator, field: unknown) => {
      if (typeof field !== 'string' || field.length === 0 || field.startsWith('$') || field.includes('.')) {
        throw new MongoServerError(
          40156,
          'the count field must be a non-empty string that does not start with $ or contain .',
        );
      }
      return coll.transform((docs: unknown[]) => Lazy(docs.length === 0 ? [] : [{ [field]: docs.length }]));
    }) as never,
  },
});

const withContext = (options: Partial<Options> = {}): Partial<Options> => ({
  ...options,
  context: MINGO_CONTEXT,
});

/** mingo's Query with our operators. */
export class Query extends QueryBase {
  constructor(condition: Record<string, unknown>, options?: Partial<Options>) {
    super(condition, withContext(options));
  }
}

/** mingo's Aggregator with our operators. */
export class Aggregator extends AggregatorBase {
  constructor(pipeline: Record<string, unknown>[], options?: Partial<Options>) {
    super(pipeline, withContext(options));
  }
}

/**
 * For mingo's updater, which copies every operator table of the context it is given on each
 * call (~1 ms with the full set): only our query operators (for arrayFilters and positional
 * matches); the updater adds the few expression and pipeline operators it needs itself.
 */
export const UPDATE_CONTEXT = Context.init({ query: QUERY_OPERATORS as never });
