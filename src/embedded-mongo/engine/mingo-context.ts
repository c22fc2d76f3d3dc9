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
import { $eq, $gt, $gte, $lt, $lte } from 'mingo/operators/query';
import { MongoServerError } from './errors.js';
import { parseSort, sortComparator } from './sort.js';
import { typeRank, valuesAtPath, type Doc } from './values.js';

type QueryOp = (selector: string, value: unknown, options: unknown) => (obj: Doc) => boolean;
type LazyIterator = ReturnType<typeof Lazy>;

const BSON_TYPES: Readonly<Record<string, (v: unknown) => boolean>> = {
  double: (v) =>
    (typeof v === 'number' && !(Number.isInteger(v) && Math.abs(v) <= 2147483647)) ||
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
  int: (v) =>
    (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2147483647) || bsonType(v) === 'Int32',
  timestamp: (v) => bsonType(v) === 'Timestamp',
  long: (v) => bsonType(v) === 'Long' || typeof v === 'bigint',
  decimal: (v) => bsonType(v) === 'Decimal128',
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

function typePredicate(spec: unknown): (v: unknown) => boolean {
  const name =
    typeof spec === 'number' ? BSON_TYPE_NUMBERS[spec] : typeof spec === 'string' ? spec : undefined;
  const p = name ? BSON_TYPES[name] : undefined;
  if (!p) throw new MongoServerError(2, `Unknown type name alias: ${String(spec)}`);
  return p;
}

const $type: QueryOp = (selector, value) => {
  const specs = Array.isArray(value) ? value : [value];
  if (specs.length === 0) throw new MongoServerError(9, '$type must match at least one type');
  const preds = specs.map(typePredicate);
  const path = selector.split('.');
  return (obj) => {
    for (const v of valuesAtPath(obj, path).values) {
      if (preds.some((p) => p(v))) return true;
      if (Array.isArray(v) && v.some((el) => preds.some((p) => p(el)))) return true;
    }
    return false;
  };
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

export const MINGO_CONTEXT = Context.init({
  query: {
    $type,
    $gte: nullAware($gte as QueryOp, true),
    $lte: nullAware($lte as QueryOp, true),
    $gt: nullAware($gt as QueryOp, false),
    $lt: nullAware($lt as QueryOp, false),
  } as never,
  pipeline: {
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
