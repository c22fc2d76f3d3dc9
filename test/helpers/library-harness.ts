/**
 * The teamwork harness plus the library store (reflections, retrospectives, stories, library
 * standards) on the same embedded server, and tenants/actors for the library use cases.
 */
import type { Actor } from '../../src/domain/shared/actor.js';
import type { CourseId } from '../../src/domain/shared/ids.js';
import { tenantKeyOf, type TenantKey } from '../../src/domain/shared/tenant.js';
import type { LibraryActor, LibraryDeps } from '../../src/services/shared/library-deps.js';
import { createLibraryStore, prepareLibraryCollections } from '../../src/store/app-store.js';
import { course, startTeamworkHarness, type TeamworkHarness } from './teamwork-harness.js';

export interface LibraryHarness extends TeamworkHarness {
  readonly lib: LibraryDeps;
}

export async function startLibraryHarness(name: string): Promise<LibraryHarness> {
  const h = await startTeamworkHarness(name);
  await prepareLibraryCollections(h.connection);
  return Object.assign(h, { lib: { ...h.deps, ...createLibraryStore(h.connection) } });
}

/** The demo-like registration most tests run in, and a second registration of the same LMS. */
export const tenant: TenantKey = tenantKeyOf({ issuer: 'https://lms.example.edu', clientId: 'teamloop-1' });
export const otherTenant: TenantKey = tenantKeyOf({
  issuer: 'https://lms.example.edu',
  clientId: 'teamloop-2',
});

/** Who acts, in which course and tenant (course-1 of `tenant` unless told otherwise). */
export function inTenant(actor: Actor, courseId: CourseId = course, t: TenantKey = tenant): LibraryActor {
  return { actor, courseId, tenant: t };
}
