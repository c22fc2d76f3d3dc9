/**
 * Roster sync: the course's members from the platform's names-and-roles service (NRPS) replace
 * what launches alone taught us. Listed members become active with the roles the platform gives
 * them (full role URIs or short names); members no longer listed, or listed as inactive, become
 * inactive (kept, so their teams and work keep a name). A platform without NRPS keeps the roster
 * that launches build. An empty answer is refused rather than deactivating everyone.
 *
 * Runs on demand (a facilitator's button) and on a facilitator's launch when the last sync is
 * older than the configured age; one sync per course at a time in this process.
 */
import { mapLtiRoles, type RoleMappingOptions } from '../../domain/lti/roles.js';
import type { CourseId } from '../../domain/shared/ids.js';
import type { RosterMemberInput, RosterRepo } from '../../store/lti/roster-repo.js';

/** The platform side: the members NRPS lists for a course (see `lti/advantage/nrps-client.ts`). */
export interface RosterServicePort {
  fetch(
    platform: { readonly issuer: string; readonly clientId: string },
    membershipsUrl: string,
  ): Promise<{
    readonly pages: number;
    readonly members: ReadonlyArray<{
      readonly userId: string;
      readonly roles: readonly string[];
      readonly status: 'Active' | 'Inactive' | 'Deleted';
      readonly name: string | undefined;
      readonly givenName: string | undefined;
      readonly familyName: string | undefined;
      readonly email: string | undefined;
    }>;
  }>;
}

export type RosterSyncOutcome =
  | { readonly kind: 'synced'; readonly active: number; readonly inactive: number; readonly pages: number }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'failed'; readonly error: string };

export interface RosterSyncDeps {
  readonly rosters: RosterRepo;
  readonly service: RosterServicePort;
  readonly roles: RoleMappingOptions;
  readonly now: () => Date;
}

export interface RosterSync {
  sync(courseId: CourseId): Promise<RosterSyncOutcome>;
  /** Syncs when the course offers NRPS and its last sync is older than `maxAgeMs`; otherwise nothing. */
  syncIfStale(courseId: CourseId, maxAgeMs: number): Promise<RosterSyncOutcome | undefined>;
}

async function runSync(deps: RosterSyncDeps, courseId: CourseId): Promise<RosterSyncOutcome> {
  const course = await deps.rosters.courseServices(courseId);
  if (course === undefined || course.membershipsUrl === undefined || course.clientId === undefined) {
    return { kind: 'unavailable' };
  }
  const at = deps.now();
  try {
    const roster = await deps.service.fetch(
      { issuer: course.issuer, clientId: course.clientId },
      course.membershipsUrl,
    );
    if (roster.members.length === 0) throw new Error('the platform listed no members');
    const members: RosterMemberInput[] = roster.members.map((m) => ({
      subject: m.userId,
      name: m.name,
      givenName: m.givenName,
      familyName: m.familyName,
      email: m.email,
      roles: mapLtiRoles(m.roles, deps.roles),
      ltiRoles: m.roles,
      active: m.status === 'Active',
    }));
    const counts = await deps.rosters.applyRoster(course, members, at);
    await deps.rosters.recordSync(courseId, {
      status: 'ok',
      at,
      syncedAt: at,
      activeCount: counts.active,
      inactiveCount: counts.inactive,
      pages: roster.pages,
    });
    return { kind: 'synced', ...counts, pages: roster.pages };
  } catch (err) {
    const error = (err as Error).message.slice(0, 500);
    await deps.rosters.recordSync(courseId, { status: 'failed', at, error });
    return { kind: 'failed', error };
  }
}

export function createRosterSync(deps: RosterSyncDeps): RosterSync {
  const running = new Map<string, Promise<RosterSyncOutcome>>();
  const sync = (courseId: CourseId): Promise<RosterSyncOutcome> => {
    const current = running.get(courseId);
    if (current !== undefined) return current;
    const started = runSync(deps, courseId).finally(() => running.delete(courseId));
    running.set(courseId, started);
    return started;
  };
  return {
    sync,
    async syncIfStale(courseId, maxAgeMs) {
      const course = await deps.rosters.courseServices(courseId);
      if (course?.membershipsUrl === undefined) return undefined;
      const last = course.roster?.at;
      if (last !== undefined && deps.now().getTime() - last.getTime() < maxAgeMs) return undefined;
      return sync(courseId);
    },
  };
}
