import type { StandardId } from '../shared/ids.js';

/**
 * A pointer to one frozen version of a standard. Anything judged against a standard (a review,
 * a reflection, a library copy) stores this, never the standard's live state: the version it
 * points at never changes.
 */
export interface StandardRef {
  readonly standardId: StandardId;
  readonly version: number;
}

export function sameStandardRef(a: StandardRef, b: StandardRef): boolean {
  return a.standardId === b.standardId && a.version === b.version;
}
