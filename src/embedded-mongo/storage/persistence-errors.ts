/**
 * Typed errors raised by the storage layer. Every message names the file or directory involved so
 * that an operator can act on it without reading code: corruption is never silently skipped, it is
 * reported with the exact byte offset where the damage starts.
 */

/** A data file is damaged somewhere other than a torn final frame (which is repaired silently). */
export class LogCorruptionError extends Error {
  override readonly name = 'LogCorruptionError';
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(
      `Corrupt data file ${file} at byte offset ${offset}: ${reason}. ` +
        'Refusing to start: restore the data directory from a backup or remove the damaged file.',
    );
  }
}

/** The data directory's files do not form a consistent set (e.g. a log segment is missing). */
export class DataDirInconsistentError extends Error {
  override readonly name = 'DataDirInconsistentError';
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(`Data directory ${dir} is inconsistent: ${reason}`);
  }
}

/** An operation was attempted after `close()` began. */
export class PersistenceClosedError extends Error {
  override readonly name = 'PersistenceClosedError';
  constructor(readonly dir: string) {
    super(`Persistence for ${dir} is closed`);
  }
}

/** An operation was called out of order (e.g. `append` before `load` finished). */
export class PersistenceStateError extends Error {
  override readonly name = 'PersistenceStateError';
}

/**
 * A write or fsync failed. After that the file's tail is in an unknown state, so the store refuses
 * every further append instead of risking a gap in the log; restart to recover (load repairs a torn tail).
 */
export class PersistenceFailedError extends Error {
  override readonly name = 'PersistenceFailedError';
  constructor(
    readonly dir: string,
    override readonly cause: unknown,
  ) {
    super(
      `Persistence for ${dir} failed and accepts no more writes: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}

/** One group (or one snapshot frame) exceeds the frame size limit. */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError';
  constructor(readonly bytes: number) {
    super(`A single log group of ${bytes} bytes exceeds the ${MAX_FRAME_PAYLOAD_BYTES}-byte frame limit`);
  }
}

/** Upper bound on one frame's payload; also the plausibility bound used when reading lengths. */
export const MAX_FRAME_PAYLOAD_BYTES = 1024 * 1024 * 1024;
