/**
 * Domain errors: what went wrong, as data. They never carry HTTP status codes or UI text;
 * `web/middleware/error-handler.ts` is the one place that maps them to a status, a page and a
 * message from the catalogue. Anything that is not a `DomainError` is an internal error (500).
 */

export interface FieldIssue {
  /** Form field or input path, e.g. `criteria.0.name`. */
  readonly field: string;
  /** Stable machine code, e.g. `required`, `too-long`; the UI looks up its message by this code. */
  readonly code: string;
}

export abstract class DomainError extends Error {
  /** Stable identifier of the kind of failure, useful in logs and JSON responses. */
  abstract readonly code: string;

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    // Keep `name` off the instance so loggers do not treat it as a data field.
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
  }
}

/** The input breaks a rule; `issues` says which fields and why. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid-input';
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[], options?: { readonly cause?: unknown }) {
    super(`invalid input: ${issues.map((i) => `${i.field} (${i.code})`).join(', ')}`, options);
    this.issues = Object.freeze([...issues]);
  }
}

/** The actor may not do this (role, membership, ownership). */
export class NotPermittedError extends DomainError {
  readonly code = 'not-permitted';

  constructor(
    readonly action: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`not permitted: ${action}`, options);
  }
}

/** The thing asked for does not exist (or is not visible to the actor). */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';

  constructor(
    readonly entity: string,
    readonly id: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${entity} not found: ${id}`, options);
  }
}

/** The action is not allowed in the current phase of the team task (a workflow conflict). */
export class PhaseConflictError extends DomainError {
  readonly code = 'phase-conflict';

  constructor(
    readonly details: { readonly action: string; readonly phase: string; readonly [key: string]: string },
    options?: { readonly cause?: unknown },
  ) {
    super(`${details.action} is not allowed in phase ${details.phase}`, options);
  }
}

/** Someone else changed the thing since it was read (optimistic concurrency). */
export class VersionConflictError extends DomainError {
  readonly code = 'version-conflict';

  constructor(
    readonly details: {
      readonly entity: string;
      readonly id: string;
      readonly expected: number;
      readonly actual?: number;
    },
    options?: { readonly cause?: unknown },
  ) {
    super(`${details.entity} ${details.id} changed: expected version ${details.expected}`, options);
  }
}
