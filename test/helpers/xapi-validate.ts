/** `@learninglocker/xapi-validation` (what Learning Locker runs): the warnings for one statement. */
import validationPkg from '@learninglocker/xapi-validation';

type Validate = (
  data: unknown,
) => ReadonlyArray<{ readonly message?: string; readonly path?: readonly unknown[] }>;

const validate: Validate = (validationPkg as unknown as { default: Validate }).default;

/** Human-readable problems; empty when the statement is valid xAPI 1.0.3. */
export function xapiProblems(statement: unknown): string[] {
  return validate(statement).map((w) => `${(w.path ?? []).join('.')}: ${w.message ?? JSON.stringify(w)}`);
}
