/**
 * "Helpful" marks and views. A reader who can see a listed story may mark it helpful once (and
 * take the mark back); authors cannot mark their own story. Every view by someone other than
 * an author counts.
 */
import { NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import { isAuthor, isListed, type Story } from './story.js';
import { canSeeStory, type StoryViewer } from './visibility.js';

/**
 * @throws NotPermittedError when the viewer cannot see the story or wrote it.
 * @throws PhaseConflictError when the story is not published.
 */
export function assertCanMarkHelpful(story: Story, viewer: StoryViewer): void {
  if (!canSeeStory(story, viewer) || isAuthor(story, viewer.userId)) {
    throw new NotPermittedError('mark-story-helpful');
  }
  if (!isListed(story)) throw new PhaseConflictError({ action: 'mark-story-helpful', phase: story.status });
}

/** Whether opening the story counts as a view. */
export function countsAsView(story: Story, viewer: StoryViewer): boolean {
  return isListed(story) && !isAuthor(story, viewer.userId) && canSeeStory(story, viewer);
}
