/**
 * Errors the server answers with. Codes and code names follow MongoDB's
 * `src/mongo/base/error_codes.yml`: drivers and mongoose branch on `code`, never on text.
 */
import type { Document } from 'bson';

const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  11: 'UserNotFound',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  50: 'MaxTimeMSExpired',
  52: 'DollarPrefixedFieldName',
  53: 'InvalidIdField',
  54: 'NotSingleValueField',
  56: 'EmptyFieldName',
  57: 'DottedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  96: 'OperationFailed',
  112: 'WriteConflict',
  115: 'CommandNotSupported',
  125: 'CommandFailed',
  166: 'CommandNotSupportedOnView',
  168: 'InvalidPipelineOperator',
  171: 'CannotIndexParallelArrays',
  197: 'InvalidIndexSpecificationOption',
  217: 'IncompatibleServerVersion',
  225: 'TransactionTooOld',
  251: 'NoSuchTransaction',
  256: 'TransactionCommitted',
  263: 'OperationNotSupportedInTransaction',
  11000: 'DuplicateKey',
  40324: 'Location40324',
  40415: 'Location40415',
};

export class MongoServerError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;
  readonly labels: readonly string[];

  constructor(code: number, message: string, extra: Document = {}, labels: readonly string[] = []) {
    super(message);
    this.name = 'MongoServerError';
    this.code = code;
    this.codeName = CODE_NAMES[code] ?? `Location${code}`;
    this.extra = extra;
    this.labels = labels;
  }

  /** The `{ok: 0}` reply document for this error. */
  toReply(): Document {
    const reply: Document = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
    };
    if (this.labels.length > 0) reply.errorLabels = [...this.labels];
    return reply;
  }

  /** The `writeErrors[]` entry for this error at batch position `index`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export const badValue = (msg: string): MongoServerError => new MongoServerError(2, msg);
export const failedToParse = (msg: string): MongoServerError => new MongoServerError(9, msg);
export const typeMismatch = (msg: string): MongoServerError => new MongoServerError(14, msg);

export function unknownField(command: string, field: string): MongoServerError {
  return new MongoServerError(40415, `BSON field '${command}.${field}' is an unknown field.`);
}

export function writeConflict(): MongoServerError {
  return new MongoServerError(
    112,
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );
}

/**
 * Maps an exception thrown by mingo (plain `Error`s with English messages) to the code MongoDB
 * would answer with. Anything unrecognised stays a BadValue so no error is ever swallowed.
 */
export function fromMingoError(err: unknown): MongoServerError {
  if (err instanceof MongoServerError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/unregistered pipeline operator|unknown pipeline/i.test(msg)) {
    return new MongoServerError(40324, `Unrecognized pipeline stage name: ${extractOp(msg)}`);
  }
  if (/accumulator .* is not registered|expression operator|unknown expression/i.test(msg)) {
    return new MongoServerError(168, `Unrecognized expression '${extractOp(msg)}'`);
  }
  if (/unknown update operator/i.test(msg)) {
    return new MongoServerError(
      9,
      `Unknown modifier: ${extractOp(msg)}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  if (/would modify the immutable field/i.test(msg)) {
    return new MongoServerError(
      66,
      `Performing an update on the path '_id' would modify the immutable field '_id'`,
    );
  }
  if (/unknown (top level |query )?operator/i.test(msg)) {
    return new MongoServerError(2, `unknown operator: ${extractOp(msg)}`);
  }
  return new MongoServerError(2, msg);
}

function extractOp(msg: string): string {
  const m = /(\$[A-Za-z0-9_]+)/.exec(msg);
  return m ? m[1]! : msg;
}
