import { VersionConflictError } from './errors.js';

/**
 * Optimistic concurrency. Every aggregate carries a `revision` that each change increments; a
 * form posts the revision it was rendered from and the service checks it before deciding, so a
 * change made in between is reported ("someone changed this") instead of silently overwritten.
 * The store repeats the check atomically when it saves (compare-and-set on `revision`).
 *
 * @throws VersionConflictError when `expected` is not the current revision.
 */
export function assertRevision(
  entity: { readonly id: string; readonly revision: number },
  expected: number,
  kind: string,
): void {
  if (entity.revision !== expected) {
    throw new VersionConflictError({ entity: kind, id: entity.id, expected, actual: entity.revision });
  }
}
