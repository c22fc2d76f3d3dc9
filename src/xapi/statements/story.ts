/**
 * Stories: authored and shared by a team member, published into the library by a facilitator
 * or coach, viewed and marked helpful by anyone. Titles are free text (privacy rules apply).
 */
import { REGISTERED_ACTIVITY_TYPES, REGISTERED_VERBS, type VerbDef } from '../vocabulary.js';
import type { XapiActivity, XapiStatement } from '../statement-types.js';
import type { XapiContext } from '../xapi-context.js';
import { activity, assemble, irisOf, langMap, capName, type ActorRef, type EventFacts } from './common.js';

export interface StoryFacts extends EventFacts {
  readonly by: ActorRef;
  readonly story: { readonly id: string; readonly title?: string | undefined };
}

function storyActivity(ctx: XapiContext, story: StoryFacts['story']): XapiActivity {
  const iris = irisOf(ctx);
  const title = story.title;
  const sendTitle = ctx.privacy.sendFreeText && title !== undefined && title !== '';
  return activity(iris.activity('story', story.id), {
    type: iris.activityType('story'),
    ...(sendTitle ? { name: langMap(capName([...title].slice(0, ctx.privacy.freeTextLimit).join(''))) } : {}),
  });
}

function libraryActivity(ctx: XapiContext): XapiActivity {
  return activity(irisOf(ctx).activity('library'), { type: REGISTERED_ACTIVITY_TYPES.collection });
}

function storyEvent(
  kind: string,
  verb: (ctx: XapiContext) => VerbDef,
  inLibrary: boolean,
): (ctx: XapiContext, facts: StoryFacts) => XapiStatement {
  return (ctx, facts) =>
    assemble(ctx, {
      kind,
      facts,
      by: facts.by,
      verb: verb(ctx),
      object: storyActivity(ctx, facts.story),
      ...(inLibrary ? { other: [libraryActivity(ctx)] } : {}),
    });
}

export const storyAuthored = storyEvent('story-authored', () => REGISTERED_VERBS.authored, false);
export const storyShared = storyEvent('story-shared', () => REGISTERED_VERBS.shared, false);
export const storyPublished = storyEvent(
  'story-published',
  (ctx) => ({ id: irisOf(ctx).verb('published'), display: 'published' }),
  true,
);
export const storyViewed = storyEvent('story-viewed', () => REGISTERED_VERBS.viewed, true);
export const storyMarkedHelpful = storyEvent('story-marked-helpful', () => REGISTERED_VERBS.liked, true);
