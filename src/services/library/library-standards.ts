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
  type LibraryStandard,
  type LibraryStandardId,
  type LibraryStandardVisibility,
} from '../../domain/library/library-standard.js';
import { NotFoundError, PhaseConflictError } from '../../domain/shared/errors.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
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

export async function withdrawLibraryStandard(
  deps: Pick<LibraryDeps, 'libraryStandards' | 'now'>,
  input: LibraryActor & { readonly libraryStandardId: LibraryStandardId },
): Promise<LibraryStandard> {
  const entry = await loadVisibleEntry(deps, input, input.libraryStandardId);
  const withdrawn = decideWithdraw(
    entry,
    { actor: input.actor, tenant: input.tenant, courseId: input.courseId },
    deps.now(),
  );
  await deps.libraryStandards.save(withdrawn);
  return withdrawn;
}
