/**
 * Standards in the library: a facilitator puts a team's ratified standard version into the
 * library of their course or of the whole tenant, with provenance — where it came from (course,
 * task, team, when it was ratified, and what it was itself copied from), how many teams have
 * started from it since, and the team's agreement figure (Kendall's W at ratification). A new
 * team task can then start from it in one step: `startFromLibraryStandard` gives the task's
 * `StandardStart`, and the team's standard is copied from the frozen version with provenance
 * when the team opens it (`startTeamStandard`).
 */
import type { Actor } from '../shared/actor.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { Brand, CourseId, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import type { TenantKey } from '../shared/tenant.js';
import { checkText, issuesOf } from '../shared/text-rules.js';
import type { StandardRef } from '../standard/standard-ref.js';
import type { StandardVersion } from '../standard/standard-version.js';
import type { StandardStart } from '../team-task/team-task.js';
import { criterionKey } from './search-terms.js';

export type LibraryStandardId = Brand<string, 'LibraryStandardId'>;
export const asLibraryStandardId = (value: string): LibraryStandardId => {
  if (value.length === 0) throw new TypeError('LibraryStandardId must not be empty');
  return value as LibraryStandardId;
};

export type LibraryStandardVisibility = 'course' | 'platform';

export interface LibraryStandard {
  readonly id: LibraryStandardId;
  readonly tenant: TenantKey;
  readonly source: StandardRef;
  readonly title: string;
  readonly summary: string;
  /** Criterion names (in the version's order) and their normalised keys, for filters. */
  readonly criteria: readonly { readonly name: string; readonly weight: number }[];
  readonly origin: {
    readonly courseId: CourseId;
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
    readonly ratifiedAt: Date;
    /** The library version this one was itself copied from, if any (its lineage). */
    readonly copiedFrom?: StandardRef;
  };
  /** Kendall's W over the members' weightings at ratification; null when undefined. */
  readonly agreement: number | null;
  /** Teams whose standard started from this version (counted by the store from provenance). */
  readonly adoptionCount: number;
  readonly visibility: LibraryStandardVisibility;
  readonly addedBy: UserId;
  readonly addedAt: Date;
  readonly withdrawn?: { readonly by: UserId; readonly at: Date };
  /** Optimistic concurrency (see `shared/revision.ts`): 1 when added, +1 on withdrawal. */
  readonly revision: number;
}

export const LIBRARY_STANDARD_LIMITS = {
  title: { min: 1, max: 200 },
  summary: { min: 0, max: 2000 },
} as const;

/**
 * A library entry for a ratified version, added by a facilitator of the course it came from.
 * @throws NotPermittedError unless a facilitator of the version's course adds it.
 * @throws InvalidInputError for a bad title, summary or visibility.
 */
export function addStandardToLibrary(
  input: {
    readonly id: LibraryStandardId;
    readonly tenant: TenantKey;
    readonly version: StandardVersion;
    readonly versionCourseId: CourseId;
    readonly title: string;
    readonly summary: string;
    readonly visibility: LibraryStandardVisibility;
  },
  who: { readonly actor: Actor; readonly courseId: CourseId },
  now: Date,
): LibraryStandard {
  if (who.actor.role !== 'facilitator' || who.courseId !== input.versionCourseId) {
    throw new NotPermittedError('add-standard-to-library');
  }
  const issues = issuesOf(
    checkText('title', input.title, LIBRARY_STANDARD_LIMITS.title),
    checkText('summary', input.summary, LIBRARY_STANDARD_LIMITS.summary),
  );
  if (input.visibility !== 'course' && input.visibility !== 'platform') {
    issues.push({ field: 'visibility', code: 'unknown' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const v = input.version;
  return {
    id: input.id,
    tenant: input.tenant,
    source: { standardId: v.standardId, version: v.version },
    title: input.title.trim(),
    summary: input.summary.trim(),
    criteria: v.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    origin: {
      courseId: input.versionCourseId,
      taskId: v.taskId,
      teamId: v.teamId,
      ratifiedAt: v.ratifiedAt,
      ...(v.provenance !== undefined ? { copiedFrom: v.provenance.source } : {}),
    },
    agreement: v.agreement,
    adoptionCount: 0,
    visibility: input.visibility,
    addedBy: who.actor.userId,
    addedAt: now,
    revision: 1,
  };
}

/** Same tenant; platform-wide, or launched from the course it came from; not withdrawn. */
export function canSeeLibraryStandard(
  entry: LibraryStandard,
  viewer: { readonly tenant: TenantKey; readonly courseId: CourseId },
): boolean {
  if (entry.tenant !== viewer.tenant || entry.withdrawn !== undefined) return false;
  return entry.visibility === 'platform' || entry.origin.courseId === viewer.courseId;
}

/**
 * "Start from this standard": the starting point for a new team task.
 * @throws NotPermittedError when the viewer cannot see the entry or is not a facilitator
 *   (only facilitators set up team tasks).
 */
export function startFromLibraryStandard(
  entry: LibraryStandard,
  viewer: { readonly tenant: TenantKey; readonly courseId: CourseId; readonly actor: Actor },
): StandardStart {
  if (!canSeeLibraryStandard(entry, viewer) || viewer.actor.role !== 'facilitator') {
    throw new NotPermittedError('start-from-library-standard');
  }
  return { kind: 'library', source: { standardId: entry.source.standardId, version: entry.source.version } };
}

/**
 * Who may withdraw an entry: a facilitator in its tenant who added it (from whichever course
 * they launch now), or any facilitator launched from the course it came from.
 */
export function mayWithdrawLibraryStandard(
  entry: LibraryStandard,
  who: { readonly actor: Actor; readonly tenant: TenantKey; readonly courseId: CourseId },
): boolean {
  if (who.actor.role !== 'facilitator' || who.tenant !== entry.tenant) return false;
  return who.actor.userId === entry.addedBy || who.courseId === entry.origin.courseId;
}

/**
 * Whether the entry's own page opens for a viewer: while listed, for everyone who may see it
 * (`canSeeLibraryStandard`); once withdrawn, only for those who could withdraw it (the adder and
 * the origin course's facilitators), who see it marked withdrawn. Everyone else gets "not
 * found", so a withdrawn entry leaks nothing.
 */
export function canOpenLibraryStandard(
  entry: LibraryStandard,
  viewer: { readonly tenant: TenantKey; readonly courseId: CourseId; readonly actor: Actor },
): boolean {
  if (entry.withdrawn === undefined) return canSeeLibraryStandard(entry, viewer);
  return mayWithdrawLibraryStandard(entry, viewer);
}

/**
 * Takes an entry out of the library: no longer listed, searchable or startable. Teams and tasks
 * that already started from it keep their copy and its provenance (they point at the frozen
 * version, not at the entry).
 * @throws NotPermittedError unless `mayWithdrawLibraryStandard`.
 * @throws PhaseConflictError when already withdrawn.
 */
export function withdrawLibraryStandard(
  entry: LibraryStandard,
  who: { readonly actor: Actor; readonly tenant: TenantKey; readonly courseId: CourseId },
  now: Date,
): LibraryStandard {
  if (!mayWithdrawLibraryStandard(entry, who)) throw new NotPermittedError('withdraw-library-standard');
  if (entry.withdrawn !== undefined)
    throw new PhaseConflictError({ action: 'withdraw-library-standard', phase: 'withdrawn' });
  return { ...entry, withdrawn: { by: who.actor.userId, at: now }, revision: entry.revision + 1 };
}

/** Criterion keys of an entry, for the criterion filter. */
export function libraryStandardCriterionKeys(entry: Pick<LibraryStandard, 'criteria'>): string[] {
  return [...new Set(entry.criteria.map((c) => criterionKey(c.name)))];
}
