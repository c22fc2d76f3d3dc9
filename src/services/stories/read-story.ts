/**
 * Opening a story: visible ones only (anything else is "not found"), counting a view when a
 * reader (not an author) opens a listed story.
 */
import { canCurate } from '../../domain/story/curation.js';
import { countsAsView } from '../../domain/story/helpful.js';
import type { Story, StoryId } from '../../domain/story/story.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyEventBase } from './story-events.js';
import { loadVisibleStory } from './story-viewer.js';

export interface StoryPage {
  readonly story: Story;
  readonly helpfulByMe: boolean;
  readonly mayCurate: boolean;
  readonly isAuthor: boolean;
}

export async function readStory(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'transaction' | 'events' | 'now'>,
  input: LibraryActor & {
    readonly storyId: StoryId;
    /**
     * false when the page is shown again after a refused change (a 409 or 422 answer to the
     * reader's own form): that is not another view.
     */
    readonly countView?: boolean;
  },
): Promise<StoryPage> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  if (input.countView !== false && countsAsView(story, viewer)) {
    const at = deps.now();
    await deps.transaction(async (tx) => {
      await deps.stories.countView(story.id, tx);
      // One statement per reader, story and UTC day; the count goes up on every view.
      await deps.events.record(
        [
          {
            ...storyEventBase(story, input.actor.userId, at, input.courseId),
            type: 'story-viewed',
            day: at.toISOString().slice(0, 10),
          },
        ],
        tx,
      );
    });
  }
  return {
    story,
    helpfulByMe: await deps.stories.hasHelpfulMark(story.id, input.actor.userId),
    mayCurate: canCurate(story, { actor: input.actor, tenant: input.tenant, courseId: input.courseId }),
    isAuthor: story.authors.includes(input.actor.userId),
  };
}
