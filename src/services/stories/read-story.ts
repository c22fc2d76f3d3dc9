/**
 * Opening a story: visible ones only (anything else is "not found"), counting a view when a
 * reader (not an author) opens a listed story.
 */
import { canCurate } from '../../domain/story/curation.js';
import { countsAsView } from '../../domain/story/helpful.js';
import type { Story, StoryId } from '../../domain/story/story.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { loadVisibleStory } from './story-viewer.js';

export interface StoryPage {
  readonly story: Story;
  readonly helpfulByMe: boolean;
  readonly mayCurate: boolean;
  readonly isAuthor: boolean;
}

export async function readStory(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets'>,
  input: LibraryActor & { readonly storyId: StoryId },
): Promise<StoryPage> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  if (countsAsView(story, viewer)) await deps.stories.countView(story.id);
  // xAPI: story viewed
  return {
    story,
    helpfulByMe: await deps.stories.hasHelpfulMark(story.id, input.actor.userId),
    mayCurate: canCurate(story, { actor: input.actor, tenant: input.tenant, courseId: input.courseId }),
    isAuthor: story.authors.includes(input.actor.userId),
  };
}
