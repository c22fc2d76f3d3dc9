/**
 * Standards in the library: a facilitator adds a ratified version from their course (with its
 * provenance); anyone in the tenant lists what they may see (most adopted first); a facilitator
 * starts a new team task from one ("start from this standard" gives the task's StandardStart;
 * each team's copy records provenance, which is what counts as an adoption).
 */
import {
  addStandardToLibrary as decideAdd,
  asLibraryStandardId,
  canSeeLibraryStandard,
  startFromLibraryStandard as decideStart,
  withdrawLibraryStandard as decideWithdraw,
  canOpenLibraryStandard,
  mayWithdrawLibraryStandard,
  type LibraryStandard,
  type LibraryStandardId,
  type LibraryStandardVisibility,
} from '../../domain/library/library-standard.js';
import { NotFoundError, PhaseConflictError } from '../../domain/shared/errors.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import type { StandardVersion } from '../../domain/standard/standard-version.js';
import type { StandardStart } from '../../domain/team-task/team-task.js';
import { isDuplicateKey } from '../../store/mongo/transactions.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';

export async function addStandardToLibrary(
  deps: Pick<LibraryDeps, 'teamTasks' | 'standardVersions' | 'libraryStandards' | 'now' | 'newId'>,
  input: LibraryActor & {
    readonly source: StandardRef;
    readonly title: string;
    readonly summary: string;
    readonly visibility: LibraryStandardVisibility;
  },
): Promise<LibraryStandard> {
  const version = await deps.standardVersions.find(input.source);
  if (version === undefined)
    throw new NotFoundError('standard-version', `${input.source.standardId}@${input.source.version}`);
  const task = await deps.teamTasks.findById(version.taskId);
  if (task === undefined) throw new NotFoundError('team-task', version.taskId);
  const entry = decideAdd(
    {
      id: asLibraryStandardId(deps.newId()),
      tenant: input.tenant,
      version,
      versionCourseId: task.courseId,
      title: input.title,
      summary: input.summary,
      visibility: input.visibility,
    },
    input,
    deps.now(),
  );
  try {
    await deps.libraryStandards.insert(entry);
  } catch (error) {
    // CASE: this version is already in the library of this tenant.
    if (isDuplicateKey(error))
      throw new PhaseConflictError({ action: 'add-standard-to-library', phase: 'in-library' });
    throw error;
  }
  return entry;
}

export async function libraryStandards(
  deps: Pick<LibraryDeps, 'libraryStandards'>,
  input: LibraryActor & { readonly criterion?: string },
): Promise<readonly LibraryStandard[]> {
  const entries = await deps.libraryStandards.list(input.tenant, input.courseId, {
    ...(input.criterion !== undefined ? { criterion: input.criterion } : {}),
  });
  return entries.filter((e) => canSeeLibraryStandard(e, input));
}

async function loadVisibleEntry(
  deps: Pick<LibraryDeps, 'libraryStandards'>,
  input: LibraryActor,
  id: LibraryStandardId,
): Promise<LibraryStandard> {
  const entry = await deps.libraryStandards.findById(id);
  if (entry === undefined || !canSeeLibraryStandard(entry, input))
    throw new NotFoundError('library-standard', id);
  return entry;
}

/** "Start from this standard": the starting point to create a new team task with. */
export async function startFromLibraryStandard(
  deps: Pick<LibraryDeps, 'libraryStandards'>,
  input: LibraryActor & { readonly libraryStandardId: LibraryStandardId },
): Promise<StandardStart> {
  return decideStart(await loadVisibleEntry(deps, input, input.libraryStandardId), input);
}

/**
 * An author's (or origin course facilitator's) withdrawal, from the revision the confirmation
 * page showed.
 * @throws NotFoundError when the viewer may not open the entry.
 * @throws NotPermittedError unless they may withdraw it; VersionConflictError when stale;
 *   PhaseConflictError when already withdrawn.
 */
export async function withdrawLibraryStandard(
  deps: Pick<LibraryDeps, 'libraryStandards' | 'now'>,
  input: LibraryActor & { readonly libraryStandardId: LibraryStandardId; readonly expectedRevision: number },
): Promise<LibraryStandard> {
  const entry = await loadOpenableEntry(deps, input, input.libraryStandardId);
  assertRevision(entry, input.expectedRevision, 'library-standard');
  const withdrawn = decideWithdraw(
    entry,
    { actor: input.actor, tenant: input.tenant, courseId: input.courseId },
    deps.now(),
  );
  await deps.libraryStandards.save(withdrawn, entry.revision);
  return withdrawn;
}

async function loadOpenableEntry(
  deps: Pick<LibraryDeps, 'libraryStandards'>,
  input: LibraryActor,
  id: LibraryStandardId,
): Promise<LibraryStandard> {
  const entry = await deps.libraryStandards.findById(id);
  if (entry === undefined || !canOpenLibraryStandard(entry, input))
    throw new NotFoundError('library-standard', id);
  return entry;
}

export interface LibraryStandardPage {
  readonly entry: LibraryStandard;
  /** The frozen version it points at (criteria with descriptions, levels and weights). */
  readonly version: StandardVersion | undefined;
  readonly mayWithdraw: boolean;
  /** Only facilitators start team tasks, and only from a listed entry. */
  readonly mayStart: boolean;
}

/**
 * A library standard's own page.
 * @throws NotFoundError unless `canOpenLibraryStandard` (other tenants, other courses for a
 *   course-only entry, and a withdrawn entry for anyone who could not have withdrawn it).
 */
export async function libraryStandardPage(
  deps: Pick<LibraryDeps, 'libraryStandards' | 'standardVersions'>,
  input: LibraryActor & { readonly libraryStandardId: LibraryStandardId },
): Promise<LibraryStandardPage> {
  const entry = await loadOpenableEntry(deps, input, input.libraryStandardId);
  const version = await deps.standardVersions.find(entry.source);
  return {
    entry,
    version,
    mayWithdraw: entry.withdrawn === undefined && mayWithdrawLibraryStandard(entry, input),
    mayStart: entry.withdrawn === undefined && input.actor.role === 'facilitator',
  };
}

/** The listed library entry of a frozen version the viewer may see, if there is one. */
export async function visibleLibraryEntryOf(
  deps: Pick<LibraryDeps, 'libraryStandards'>,
  input: LibraryActor & { readonly source: StandardRef },
): Promise<LibraryStandard | undefined> {
  const entry = await deps.libraryStandards.findBySource(input.tenant, input.source);
  return entry !== undefined && canSeeLibraryStandard(entry, input) ? entry : undefined;
}
