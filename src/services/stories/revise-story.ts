/**
 * Authors revise their story while it waits for curation or after a curator returned it: title,
 * narrative, kind, criteria, visibility and the link to their team's standard. A returned story
 * goes back to the curators in the same step ("save and resubmit"); a published story is a
 * read-only snapshot and refuses every edit. One save, checked against the revision the form
 * was rendered from.
 */
import { InvalidInputError } from '../../domain/shared/errors.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { authorAction } from '../../domain/story/curation.js';
import { editStory, type Story, type StoryContent, type StoryId } from '../../domain/story/story.js';
import type { LearningEvent } from '../shared/learning-events.js';
import type { LibraryActor, LibraryDeps } from '../shared/library-deps.js';
import { storyEventBase } from './story-events.js';
import { teamStandardRef } from './story-standard.js';
import { loadVisibleStory } from './story-viewer.js';

export async function reviseStory(
  deps: Pick<
    LibraryDeps,
    'stories' | 'teamSets' | 'teamTasks' | 'standards' | 'standardVersions' | 'transaction' | 'events' | 'now'
  >,
  input: LibraryActor & {
    readonly storyId: StoryId;
    readonly expectedRevision: number;
    /** Everything but the standard link, which `standardVersion` sets. */
    readonly content: Omit<StoryContent, 'standard'>;
    /** undefined: keep the current link; null: no link; n: version n of the team's standard. */
    readonly standardVersion: number | null | undefined;
  },
): Promise<Story> {
  const { story } = await loadVisibleStory(deps, input, input.storyId);
  assertRevision(story, input.expectedRevision, 'story');
  let standard = story.draft.standard;
  if (input.standardVersion === null) standard = undefined;
  else if (input.standardVersion !== undefined) {
    // CASE: only a story written from a team task links that team's standard.
    if (story.taskId === undefined) throw new InvalidInputError([{ field: 'standard', code: 'invalid' }]);
    standard = await teamStandardRef(deps, {
      taskId: story.taskId,
      userId: input.actor.userId,
      version: input.standardVersion,
    });
  }
  const now = deps.now();
  const edited = editStory(
    story,
    { ...input.content, ...(standard !== undefined ? { standard } : {}) },
    input.actor,
    now,
  );
  const next = story.status === 'returned' ? authorAction(edited, 'resubmit', input.actor, now) : edited;
  const events: LearningEvent[] = [];
  if (next.draft.visibility !== story.draft.visibility)
    events.push({
      ...storyEventBase(next, input.actor.userId, now),
      type: 'story-shared',
      visibility: next.draft.visibility,
      revision: next.revision,
    });
  await deps.transaction(async (tx) => {
    await deps.stories.save(next, story.revision, tx);
    await deps.events.record(events, tx);
  });
  return next;
}
