/**
 * The "standard the team used" on a story: which ratified versions of the author's team's
 * standard a story written from a team task may link, and, for a reader, what a linked version
 * is called and whether the reader may open it (its team's members and its course's
 * facilitators may; anyone else sees only its name).
 */
import { InvalidInputError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { teamOf } from '../../domain/team/team.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';

type Deps = Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'standards' | 'standardVersions'>;

export interface TeamStandardChoice {
  readonly ref: StandardRef;
  readonly ratifiedAt: Date;
}

/** The ratified versions of the team standard of `userId`'s team in the task, newest first. */
export async function ratifiedVersionsOfTeam(
  deps: Deps,
  input: { readonly taskId: TeamTaskId; readonly userId: UserId },
): Promise<readonly TeamStandardChoice[]> {
  const set = await deps.teamSets.findByTask(input.taskId);
  const team = set === undefined ? undefined : teamOf(set, input.userId);
  if (team === undefined) return [];
  const standard = await deps.standards.findByTeam(input.taskId, team.id);
  if (standard === undefined) return [];
  const versions = await deps.standardVersions.listByStandard(standard.id);
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({ ref: { standardId: v.standardId, version: v.version }, ratifiedAt: v.ratifiedAt }));
}

/**
 * The version `version` of the standard of the team that writes the story.
 * @throws InvalidInputError (field `standard`) when that team has no such ratified version.
 */
export async function teamStandardRef(
  deps: Deps,
  input: { readonly taskId: TeamTaskId; readonly userId: UserId; readonly version: number },
): Promise<StandardRef> {
  const choice = (await ratifiedVersionsOfTeam(deps, input)).find((c) => c.ref.version === input.version);
  if (choice === undefined) throw new InvalidInputError([{ field: 'standard', code: 'invalid' }]);
  return choice.ref;
}

export interface StoryStandard {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly taskTitle: string;
  readonly version: number;
  /** The reader is a member of the version's team or a facilitator of its course. */
  readonly readerMaySee: boolean;
}

/** What a reader is shown of a story's linked standard version (undefined if it is gone). */
export async function storyStandardFor(
  deps: Deps,
  who: LibraryActor,
  ref: StandardRef,
): Promise<StoryStandard | undefined> {
  const version = await deps.standardVersions.find(ref);
  if (version === undefined) return undefined;
  const task = await deps.teamTasks.findById(version.taskId);
  if (task === undefined) return undefined;
  let readerMaySee = false;
  if (task.courseId === who.courseId) {
    if (who.actor.role === 'facilitator') readerMaySee = true;
    else {
      const set = await deps.teamSets.findByTask(task.id);
      readerMaySee = set !== undefined && teamOf(set, who.actor.userId)?.id === version.teamId;
    }
  }
  return {
    taskId: task.id,
    teamId: version.teamId,
    taskTitle: task.title,
    version: version.version,
    readerMaySee,
  };
}
