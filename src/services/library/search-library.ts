/**
 * Library search: the listed stories the actor may see — in their tenant only, platform-wide
 * ones and their own course's — by text, criterion, kind, course and recency, newest first,
 * one page at a time. The store answers from the tenant-first indexes; every result is checked
 * against the visibility rules once more before it leaves.
 */
import { toLibraryLookup, type LibraryQuery } from '../../domain/library/library-query.js';
import type { Story } from '../../domain/story/story.js';
import { canSeeStory, reachKeysOf } from '../../domain/story/visibility.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyViewer } from '../stories/story-viewer.js';

export interface LibraryPage {
  readonly stories: readonly Story[];
  /** Pass as `before` for the next page; absent on the last page. */
  readonly nextBefore?: Date;
}

export async function searchLibrary(
  deps: Pick<LibraryDeps, 'stories' | 'teamSets' | 'now'>,
  input: LibraryActor & { readonly query: LibraryQuery },
): Promise<LibraryPage> {
  const lookup = toLibraryLookup(input.query, deps.now());
  const viewer = await storyViewer(deps, input);
  const found = await deps.stories.search(input.tenant, reachKeysOf(viewer), lookup);
  const stories = found.filter((s) => canSeeStory(s, viewer));
  const last = found.at(-1)?.published?.at;
  return { stories, ...(found.length === lookup.limit && last !== undefined ? { nextBefore: last } : {}) };
}
