/**
 * What the reflection, retrospective, story and library use cases need: the team-task store
 * (tasks, teams, standard versions), the library store, a transaction runner, the clock and new
 * ids, and the sink of learning events. `LibraryActor` adds the tenant (the LMS registration the launch came from, see
 * `domain/shared/tenant.ts`) to who acts in which course; the web layer builds it from the
 * verified launch: `tenantKeyOf(launch.platform)`.
 */
import type { TenantKey } from '../../domain/shared/tenant.js';
import type { LibraryStore } from '../../store/app-store.js';
import type { CourseActor } from './access.js';
import type { TeamworkDeps } from './deps.js';

export type LibraryDeps = Pick<
  TeamworkDeps,
  'teamTasks' | 'teamSets' | 'standards' | 'standardVersions' | 'transaction' | 'events' | 'now' | 'newId'
> &
  LibraryStore;

export interface LibraryActor extends CourseActor {
  readonly tenant: TenantKey;
}
