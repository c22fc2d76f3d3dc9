/** The viewer of stories, as the visibility rules see them: tenant, course, role and teams. */
import { NotFoundError } from '../../domain/shared/errors.js';
import type { Story, StoryId } from '../../domain/story/story.js';
import { canSeeStory, type StoryViewer } from '../../domain/story/visibility.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';

export async function storyViewer(
  deps: Pick<LibraryDeps, 'teamSets'>,
  who: LibraryActor,
): Promise<StoryViewer> {
  const memberships = await deps.teamSets.membershipsOf(who.actor.userId, who.courseId);
  return {
    tenant: who.tenant,
    courseId: who.courseId,
    userId: who.actor.userId,
    role: who.actor.role,
    teamIds: memberships.map((m) => m.teamId),
  };
}

/**
 * A story the viewer may see.
 * @throws NotFoundError when there is none or the viewer may not see it — the same answer for
 *   both, so nobody learns that a story exists in another course or tenant.
 */
export async function loadVisibleStory(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets'>,
  who: LibraryActor,
  storyId: StoryId,
): Promise<{ readonly story: Story; readonly viewer: StoryViewer }> {
  const story = await deps.stories.findById(storyId);
  const viewer = await storyViewer(deps, who);
  if (story === undefined || !canSeeStory(story, viewer)) throw new NotFoundError('story', storyId);
  return { story, viewer };
}
