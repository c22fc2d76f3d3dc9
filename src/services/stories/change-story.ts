/**
 * Changes to a story after it was submitted: authors resubmit or retract (edits are
 * `revise-story.ts`); curators publish, feature, unfeature or return it with a comment. Each
 * carries the revision it was rendered from; stale changes are refused and nothing is written.
 */
import { assertRevision } from '../../domain/shared/revision.js';
import { authorAction, curateStory } from '../../domain/story/curation.js';
import type { Story, StoryId } from '../../domain/story/story.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import type { LearningEvent } from '../shared/learning-events.js';
import { storyEventBase } from './story-events.js';
import { loadVisibleStory } from './story-viewer.js';

export type StoryChange =
  | { readonly kind: 'resubmit' | 'retract' }
  | { readonly kind: 'publish' | 'feature' | 'unfeature' }
  | { readonly kind: 'return'; readonly comment: string };

export async function changeStory(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'transaction' | 'events' | 'now'>,
  input: LibraryActor & {
    readonly storyId: StoryId;
    readonly expectedRevision: number;
    readonly change: StoryChange;
  },
): Promise<Story> {
  const { story } = await loadVisibleStory(deps, input, input.storyId);
  assertRevision(story, input.expectedRevision, 'story');
  const now = deps.now();
  const change = input.change;
  const curator = { actor: input.actor, tenant: input.tenant, courseId: input.courseId };
  let next: Story;
  switch (change.kind) {
    case 'resubmit':
    case 'retract':
      next = authorAction(story, change.kind, input.actor, now);
      break;
    case 'return':
      next = curateStory(story, { action: 'return', comment: change.comment }, curator, now);
      break;
    default:
      next = curateStory(story, { action: change.kind }, curator, now);
  }
  const base = storyEventBase(next, input.actor.userId, now);
  const events: LearningEvent[] = [];
  if (change.kind === 'publish' || change.kind === 'feature')
    events.push({
      ...base,
      type: 'story-published',
      featured: change.kind === 'feature',
      revision: next.revision,
    });
  await deps.transaction(async (tx) => {
    await deps.stories.save(next, story.revision, tx);
    await deps.events.record(events, tx);
  });
  return next;
}
