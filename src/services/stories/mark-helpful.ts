/** A reader marks a published story helpful, or takes the mark back; one mark per person. */
import { assertCanMarkHelpful } from '../../domain/story/helpful.js';
import type { StoryId } from '../../domain/story/story.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { loadVisibleStory } from './story-viewer.js';

export async function markHelpful(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'transaction' | 'now'>,
  input: LibraryActor & { readonly storyId: StoryId; readonly helpful: boolean },
): Promise<{ readonly helpfulCount: number }> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  assertCanMarkHelpful(story, viewer);
  await deps.transaction(async (tx) => {
    if (input.helpful) await deps.stories.addHelpfulMark(story.id, input.actor.userId, deps.now(), tx);
    else await deps.stories.removeHelpfulMark(story.id, input.actor.userId, tx);
    // xAPI: story marked helpful (in the same transaction)
  });
  const after = await deps.stories.findById(story.id);
  return { helpfulCount: after?.helpfulCount ?? 0 };
}
