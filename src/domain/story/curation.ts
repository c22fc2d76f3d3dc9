/**
 * Curation: the state machine of a story, as one table.
 *
 *   submitted ──publish──▶ published ──feature──▶ featured
 *       │  └────feature──────────────────────────▲   │
 *       └──return (comment)──▶ returned           └─unfeature─▶ published
 *                                 └──resubmit──▶ submitted
 *   any state but retracted ──retract (authors)──▶ retracted (final)
 *
 * Curators (facilitators of the story's course; coaches later) publish, feature, unfeature and
 * return; authors resubmit and retract. Publishing freezes the draft into the read-only
 * snapshot; featuring a submitted story publishes it at the same time.
 */
import type { Actor } from '../shared/actor.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { CourseId } from '../shared/ids.js';
import type { TenantKey } from '../shared/tenant.js';
import { checkText } from '../shared/text-rules.js';
import { STORY_LIMITS, isAuthor, type CurationAction, type Story, type StoryStatus } from './story.js';

type CuratorAction = 'publish' | 'feature' | 'unfeature' | 'return';
type AuthorAction = 'resubmit' | 'retract';

export const CURATION_TRANSITIONS: Readonly<
  Record<StoryStatus, Readonly<Partial<Record<Exclude<CurationAction, 'submit'>, StoryStatus>>>>
> = {
  submitted: { publish: 'published', feature: 'featured', return: 'returned', retract: 'retracted' },
  published: { feature: 'featured', retract: 'retracted' },
  featured: { unfeature: 'published', retract: 'retracted' },
  returned: { resubmit: 'submitted', retract: 'retracted' },
  retracted: {},
};

/** Who curates: a facilitator launched from the story's course, in the story's tenant. */
export interface Curator {
  readonly actor: Actor;
  readonly tenant: TenantKey;
  readonly courseId: CourseId;
}

export function canCurate(story: Story, who: Curator): boolean {
  return who.actor.role === 'facilitator' && who.tenant === story.tenant && who.courseId === story.courseId;
}

function next(story: Story, action: Exclude<CurationAction, 'submit'>): StoryStatus {
  const to = CURATION_TRANSITIONS[story.status][action];
  if (to === undefined) throw new PhaseConflictError({ action: `${action}-story`, phase: story.status });
  return to;
}

/**
 * A curator's decision. `return` needs a comment saying what to change.
 * @throws NotPermittedError unless `who` may curate the story.
 * @throws PhaseConflictError when the story's state does not allow the action.
 * @throws InvalidInputError for a missing or too-long comment.
 */
export function curateStory(
  story: Story,
  decision: { readonly action: CuratorAction; readonly comment?: string },
  who: Curator,
  now: Date,
): Story {
  if (!canCurate(story, who)) throw new NotPermittedError(`${decision.action}-story`);
  const status = next(story, decision.action);
  let comment: string | undefined;
  if (decision.action === 'return' || decision.comment !== undefined) {
    const issue = checkText('comment', decision.comment ?? '', STORY_LIMITS.comment);
    if (issue !== undefined) throw new InvalidInputError([issue]);
    comment = (decision.comment ?? '').trim();
  }
  const by = who.actor.userId;
  const publishing = story.published === undefined && (status === 'published' || status === 'featured');
  const { returnComment: _previous, ...rest } = story;
  return {
    ...rest,
    status,
    ...(publishing ? { published: { ...story.draft, at: now, by } } : {}),
    ...(decision.action === 'return' && comment !== undefined ? { returnComment: comment } : {}),
    history: [
      ...story.history,
      { action: decision.action, by, at: now, ...(comment !== undefined ? { comment } : {}) },
    ],
    updatedAt: now,
    revision: story.revision + 1,
  };
}

/**
 * An author resubmits a returned story or retracts it (from any state but retracted).
 * @throws NotPermittedError for a non-author.
 * @throws PhaseConflictError when the state does not allow it.
 */
export function authorAction(story: Story, action: AuthorAction, actor: Actor, now: Date): Story {
  if (!isAuthor(story, actor.userId)) throw new NotPermittedError(`${action}-story`);
  const status = next(story, action);
  return {
    ...story,
    status,
    history: [...story.history, { action, by: actor.userId, at: now }],
    updatedAt: now,
    revision: story.revision + 1,
  };
}
