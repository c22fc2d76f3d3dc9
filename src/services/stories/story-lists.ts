/**
 * Lists around stories: the curation queue of a course (facilitators), a team's stories and a
 * person's own stories. Each is filtered by the visibility rules as well as by the query.
 */
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { Story } from '../../domain/story/story.js';
import { canSeeStory } from '../../domain/story/visibility.js';
import { requireFacilitator } from '../shared/access.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyViewer } from './story-viewer.js';

/** Stories of the actor's course waiting for a curator, oldest first. */
export async function curationQueue(
  deps: Pick<LibraryDeps, 'stories'>,
  who: LibraryActor,
): Promise<readonly Story[]> {
  requireFacilitator(who.actor, 'curation-queue');
  const stories = await deps.stories.listByCourse(who.courseId, ['submitted']);
  return stories.filter((s) => s.tenant === who.tenant);
}

/** How many stories of the actor's course (of one task, when given) wait for a curator. */
export async function storiesWaiting(
  deps: Pick<LibraryDeps, 'stories'>,
  who: LibraryActor,
  taskId?: TeamTaskId,
): Promise<number> {
  const queue = await curationQueue(deps, who);
  return taskId === undefined ? queue.length : queue.filter((s) => s.taskId === taskId).length;
}

export async function teamStories(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets'>,
  who: LibraryActor & { readonly teamId: TeamId },
): Promise<readonly Story[]> {
  const viewer = await storyViewer(deps, who);
  return (await deps.stories.listByTeam(who.teamId)).filter((s) => canSeeStory(s, viewer));
}

export async function myStories(
  deps: Pick<LibraryDeps, 'stories'>,
  who: LibraryActor,
): Promise<readonly Story[]> {
  return deps.stories.listByAuthor(who.tenant, who.actor.userId);
}
