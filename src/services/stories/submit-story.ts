/**
 * A team member turns the team's result into a story (every member becomes an author), or a
 * person writes one of their own; either way it goes to the course's curators. The narrative is
 * stored as markdown source and never trusted: rendering sanitises it.
 */
import { InvalidInputError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { asStoryId, submitStory as decide, type Story, type StoryContent } from '../../domain/story/story.js';
import { teamOf } from '../../domain/team/team.js';
import { loadTaskInCourse } from '../shared/access.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyEventBase } from './story-events.js';
import { teamStandardRef } from './story-standard.js';

export interface WritingTeam {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly members: readonly UserId[];
}

/**
 * The team a story about a task is written for: the actor's own team of that task, in the
 * course they launched from (the story form asks this too, before showing a task's form).
 * @throws NotFoundError when there is no such task.
 * @throws NotPermittedError when the task is of another course or the actor has no team in it.
 */
export async function writingTeamOf(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets'>,
  input: Pick<LibraryActor, 'actor' | 'courseId'> & { readonly taskId: TeamTaskId },
): Promise<WritingTeam> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'submit-story');
  const set = await deps.teamSets.findByTask(task.id);
  const own = set === undefined ? undefined : teamOf(set, input.actor.userId);
  if (own === undefined) throw new NotPermittedError('submit-story');
  return { taskId: task.id, teamId: own.id, members: own.members };
}

export async function submitStory(
  deps: Pick<
    LibraryDeps,
    | 'teamTasks'
    | 'teamSets'
    | 'standards'
    | 'standardVersions'
    | 'stories'
    | 'transaction'
    | 'events'
    | 'now'
    | 'newId'
  >,
  input: LibraryActor & {
    readonly taskId?: TeamTaskId;
    readonly content: StoryContent;
    /** A ratified version of the writing team's standard to link ("the standard the team used"). */
    readonly standardVersion?: number;
  },
): Promise<Story> {
  const team =
    input.taskId === undefined ? undefined : await writingTeamOf(deps, { ...input, taskId: input.taskId });
  let content = input.content;
  if (input.standardVersion !== undefined) {
    // CASE: only a story written from a team task links that team's standard.
    if (team === undefined) throw new InvalidInputError([{ field: 'standard', code: 'invalid' }]);
    const standard = await teamStandardRef(deps, {
      taskId: team.taskId,
      userId: input.actor.userId,
      version: input.standardVersion,
    });
    content = { ...content, standard };
  }
  const story = decide(
    {
      id: asStoryId(deps.newId()),
      tenant: input.tenant,
      courseId: input.courseId,
      ...(team !== undefined ? { team } : {}),
      content,
    },
    input.actor,
    deps.now(),
  );
  await deps.transaction(async (tx) => {
    await deps.stories.insert(story, tx);
    const base = storyEventBase(story, input.actor.userId, story.createdAt);
    await deps.events.record(
      [
        { ...base, type: 'story-submitted', revision: story.revision },
        { ...base, type: 'story-shared', visibility: story.draft.visibility, revision: story.revision },
      ],
      tx,
    );
  });
  return story;
}
