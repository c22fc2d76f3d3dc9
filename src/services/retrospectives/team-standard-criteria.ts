/**
 * The criteria of a team's pinned standard version, with their level names, for the
 * retrospective: the version the retrospective pinned when it was opened, or — before that — the
 * team's latest ratified version (the one its peer reviews are judged against). The caller has
 * checked access to the team (`loadRetrospectiveTeam`).
 */
import type { CriterionId, TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { latestVersionRef } from '../../domain/standard/standard-version.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export interface PinnedCriterionLevels {
  readonly criterionId: CriterionId;
  readonly name: string;
  /** Level names, lowest first. */
  readonly levels: readonly string[];
}

export interface TeamStandardCriteria {
  readonly ref: StandardRef;
  readonly criteria: readonly PinnedCriterionLevels[];
}

/** Undefined when the team has no ratified version (or the pinned one is gone). */
export async function teamStandardCriteria(
  deps: Pick<LibraryDeps, 'standards' | 'standardVersions'>,
  input: { readonly taskId: TeamTaskId; readonly teamId: TeamId; readonly pinned?: StandardRef },
): Promise<TeamStandardCriteria | undefined> {
  let ref = input.pinned;
  if (ref === undefined) {
    const standard = await deps.standards.findByTeam(input.taskId, input.teamId);
    ref = standard === undefined ? undefined : latestVersionRef(standard);
  }
  if (ref === undefined) return undefined;
  const version = await deps.standardVersions.find(ref);
  if (version === undefined) return undefined;
  return {
    ref,
    criteria: version.criteria.map((c) => ({
      criterionId: c.id,
      name: c.name,
      levels: c.levels.map((level) => level.label),
    })),
  };
}
