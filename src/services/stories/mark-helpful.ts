/** A reader marks a published story helpful, or takes the mark back; one mark per person. */
import { assertCanMarkHelpful } from '../../domain/story/helpful.js';
import type { StoryId } from '../../domain/story/story.js';
import { isDuplicateKey } from '../../store/mongo/transactions.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { loadVisibleStory } from './story-viewer.js';

export async function markHelpful(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'transaction' | 'now'>,
  input: LibraryActor & { readonly storyId: StoryId; readonly helpful: boolean },
): Promise<{ readonly helpfulCount: number }> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  assertCanMarkHelpful(story, viewer);
  const userId = input.actor.userId;
  try {
    await deps.transaction(async (tx) => {
      const marked = await deps.stories.hasHelpfulMark(story.id, userId, tx);
      if (input.helpful && !marked) await deps.stories.addHelpfulMark(story.id, userId, deps.now(), tx);
      else if (!input.helpful && marked) await deps.stories.removeHelpfulMark(story.id, userId, tx);
      // xAPI: story marked helpful (in the same transaction)
    });
  } catch (error) {
    // CASE: the same person marked it twice at once (two tabs); the first mark counts.
    if (!isDuplicateKey(error)) throw error;
  }
  const after = await deps.stories.findById(story.id);
  return { helpfulCount: after?.helpfulCount ?? 0 };
}
