/**
 * Opening a story: visible ones only (anything else is "not found"), counting a view when a
 * reader (not an author) opens a listed story — once per reader and UTC day, so reloading the
 * page does not inflate the count.
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
  },
): Promise<StoryPage> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  let counted = false;
  if (countsAsView(story, viewer)) {
    const at = deps.now();
    const day = at.toISOString().slice(0, 10);
    await deps.transaction(async (tx) => {
      // A view counts once per reader, story and UTC day; so does its statement.
      counted = await deps.stories.countView(story.id, input.actor.userId, day, at, tx);
      if (!counted) return;
      await deps.events.record(
        [{ ...storyEventBase(story, input.actor.userId, at, input.courseId), type: 'story-viewed', day }],
        tx,
      );
    });
  }
  return {
    // The page shows the count with this view in it.
    story: counted ? { ...story, viewCount: story.viewCount + 1 } : story,
    helpfulByMe: await deps.stories.hasHelpfulMark(story.id, input.actor.userId),
    mayCurate: canCurate(story, { actor: input.actor, tenant: input.tenant, courseId: input.courseId }),
    isAuthor: story.authors.includes(input.actor.userId),
  };
}
