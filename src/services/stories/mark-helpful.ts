/** A reader marks a published story helpful, or takes the mark back; one mark per person. */
import { assertCanMarkHelpful } from '../../domain/story/helpful.js';
import type { StoryId } from '../../domain/story/story.js';
import { isDuplicateKey } from '../../store/mongo/transactions.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyEventBase } from './story-events.js';
import { loadVisibleStory } from './story-viewer.js';

export async function markHelpful(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'transaction' | 'events' | 'now'>,
  input: LibraryActor & { readonly storyId: StoryId; readonly helpful: boolean },
): Promise<{ readonly helpfulCount: number }> {
  const { story, viewer } = await loadVisibleStory(deps, input, input.storyId);
  assertCanMarkHelpful(story, viewer);
  const userId = input.actor.userId;
  try {
    await deps.transaction(async (tx) => {
      const marked = await deps.stories.hasHelpfulMark(story.id, userId, tx);
      if (input.helpful && !marked) {
        const at = deps.now();
        await deps.stories.addHelpfulMark(story.id, userId, at, tx);
        await deps.events.record(
          [{ ...storyEventBase(story, userId, at, input.courseId), type: 'story-marked-helpful' }],
          tx,
        );
      } else if (!input.helpful && marked) await deps.stories.removeHelpfulMark(story.id, userId, tx);
    });
  } catch (error) {
    // CASE: the same person marked it twice at once (two tabs); the first mark counts.
    if (!isDuplicateKey(error)) throw error;
  }
  const after = await deps.stories.findById(story.id);
  return { helpfulCount: after?.helpfulCount ?? 0 };
}
