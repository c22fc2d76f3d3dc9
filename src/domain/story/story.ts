/**
 * A story: a team or a person turns a result into a narrative others can learn from — a
 * success, a lesson learned or an improvement — tagged with the criteria it illustrates and
 * optionally linked to the standard version the team used.
 *
 * Life cycle (see `curation.ts`): written → submitted for curation → published, featured or
 * returned with a comment (the authors then edit and resubmit). A published story is a
 * read-only snapshot: the fields people read are frozen at publication and no edit reaches
 * them. Authors may retract their story at any time; it then disappears for everyone else.
 *
 * The narrative is markdown source, kept exactly as written (trimmed); it is never trusted —
 * the web layer renders and sanitises it.
 */
import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { Brand, CourseId, CriterionId, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import type { TenantKey } from '../shared/tenant.js';
import { checkText, issuesOf } from '../shared/text-rules.js';
import type { StandardRef } from '../standard/standard-ref.js';

export type StoryId = Brand<string, 'StoryId'>;
export const asStoryId = (value: string): StoryId => {
  if (value.length === 0) throw new TypeError('StoryId must not be empty');
  return value as StoryId;
};

export const STORY_KINDS = ['success', 'lesson-learned', 'improvement'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/** Who may read a published story: its team, its course, or every course of the tenant. */
export const STORY_VISIBILITIES = ['team', 'course', 'platform'] as const;
export type StoryVisibility = (typeof STORY_VISIBILITIES)[number];

export type StoryStatus = 'submitted' | 'published' | 'featured' | 'returned' | 'retracted';

export interface StoryCriterion {
  /** As the team's standard names it; what library filters match on (across courses). */
  readonly name: string;
  /** The criterion in the linked standard version, when the story links one. */
  readonly criterionId?: CriterionId;
}

/** What a reader sees; frozen into `published` when a curator publishes. */
export interface StoryContent {
  readonly title: string;
  readonly narrative: string;
  readonly kind: StoryKind;
  readonly criteria: readonly StoryCriterion[];
  readonly standard?: StandardRef;
  readonly visibility: StoryVisibility;
}

export type CurationAction =
  'submit' | 'publish' | 'feature' | 'unfeature' | 'return' | 'resubmit' | 'retract';

export interface CurationEvent {
  readonly action: CurationAction;
  readonly by: UserId;
  readonly at: Date;
  readonly comment?: string;
}

export interface Story {
  readonly id: StoryId;
  readonly tenant: TenantKey;
  readonly courseId: CourseId;
  /** The task and team the story came from (absent for a person's story outside a task). */
  readonly taskId?: TeamTaskId;
  readonly teamId?: TeamId;
  readonly authors: readonly UserId[];
  readonly draft: StoryContent;
  /** The read-only snapshot readers see, set on publication. */
  readonly published?: StoryContent & { readonly at: Date; readonly by: UserId };
  readonly status: StoryStatus;
  /** The curator's comment when the story was last returned. */
  readonly returnComment?: string;
  readonly history: readonly CurationEvent[];
  readonly helpfulCount: number;
  readonly viewCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly revision: number;
}

export const STORY_LIMITS = {
  title: { min: 1, max: 200 },
  narrative: { min: 1, max: 20000 },
  criterionName: { min: 1, max: 120 },
  maxCriteria: 12,
  comment: { min: 1, max: 2000 },
} as const;

/**
 * The trimmed content.
 * @throws InvalidInputError listing every field that breaks a rule.
 */
export function assertValidStoryContent(content: StoryContent): StoryContent {
  const issues: FieldIssue[] = issuesOf(
    checkText('title', content.title, STORY_LIMITS.title),
    checkText('narrative', content.narrative, STORY_LIMITS.narrative),
  );
  if (!(STORY_KINDS as readonly string[]).includes(content.kind))
    issues.push({ field: 'kind', code: 'unknown' });
  if (!(STORY_VISIBILITIES as readonly string[]).includes(content.visibility)) {
    issues.push({ field: 'visibility', code: 'unknown' });
  }
  if (content.criteria.length > STORY_LIMITS.maxCriteria)
    issues.push({ field: 'criteria', code: 'too-many' });
  const seen = new Set<string>();
  content.criteria.forEach((c, i) => {
    const issue = checkText(`criteria.${i}.name`, c.name, STORY_LIMITS.criterionName);
    if (issue !== undefined) issues.push(issue);
    const key = c.name.trim().toLowerCase();
    if (key.length > 0 && seen.has(key)) issues.push({ field: `criteria.${i}.name`, code: 'duplicate' });
    seen.add(key);
  });
  if (
    content.standard !== undefined &&
    !(Number.isInteger(content.standard.version) && content.standard.version >= 1)
  ) {
    issues.push({ field: 'standard.version', code: 'invalid' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  return {
    title: content.title.trim(),
    narrative: content.narrative.trim(),
    kind: content.kind,
    criteria: content.criteria.map((c) => ({
      name: c.name.trim(),
      ...(c.criterionId !== undefined ? { criterionId: c.criterionId } : {}),
    })),
    ...(content.standard !== undefined
      ? { standard: { standardId: content.standard.standardId, version: content.standard.version } }
      : {}),
    visibility: content.visibility,
  };
}

/**
 * A story written and submitted for curation. A team story is written by a member and names
 * every member as author (the team owns it); a personal story names the writer only.
 * @throws NotPermittedError when a team story's writer is not in the team.
 * @throws InvalidInputError for invalid content.
 */
export function submitStory(
  input: {
    readonly id: StoryId;
    readonly tenant: TenantKey;
    readonly courseId: CourseId;
    readonly team?: {
      readonly taskId: TeamTaskId;
      readonly teamId: TeamId;
      readonly members: readonly UserId[];
    };
    readonly content: StoryContent;
  },
  actor: Actor,
  now: Date,
): Story {
  if (input.team !== undefined && !input.team.members.includes(actor.userId)) {
    throw new NotPermittedError('submit-story');
  }
  if (input.team === undefined && input.content.visibility === 'team') {
    throw new InvalidInputError([{ field: 'visibility', code: 'team-needs-team' }]);
  }
  const authors = input.team !== undefined ? [...input.team.members] : [actor.userId];
  return {
    id: input.id,
    tenant: input.tenant,
    courseId: input.courseId,
    ...(input.team !== undefined ? { taskId: input.team.taskId, teamId: input.team.teamId } : {}),
    authors,
    draft: assertValidStoryContent(input.content),
    status: 'submitted',
    history: [{ action: 'submit', by: actor.userId, at: now }],
    helpfulCount: 0,
    viewCount: 0,
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

export function isAuthor(story: Story, userId: UserId): boolean {
  return story.authors.includes(userId);
}

/**
 * Changes the draft. Only while the story waits for curation or came back: a published story
 * is a snapshot and stays as published (retract it and write a new one).
 * @throws NotPermittedError for a non-author.
 * @throws PhaseConflictError when published, featured or retracted.
 */
export function editStory(story: Story, content: StoryContent, actor: Actor, now: Date): Story {
  assertMayEditStory(story, actor);
  if (story.teamId === undefined && content.visibility === 'team') {
    throw new InvalidInputError([{ field: 'visibility', code: 'team-needs-team' }]);
  }
  return { ...story, draft: assertValidStoryContent(content), updatedAt: now, revision: story.revision + 1 };
}

/**
 * The edit rule on its own (for the edit form): authors, while submitted or returned.
 * @throws NotPermittedError for a non-author.
 * @throws PhaseConflictError when published, featured or retracted.
 */
export function assertMayEditStory(story: Story, actor: Actor): void {
  if (!isAuthor(story, actor.userId)) throw new NotPermittedError('edit-story');
  if (story.status !== 'submitted' && story.status !== 'returned') {
    throw new PhaseConflictError({ action: 'edit-story', phase: story.status });
  }
}

/** The content readers see: the published snapshot once there is one, else the draft. */
export function readableContent(story: Story): StoryContent {
  return story.published ?? story.draft;
}

/** Listed in the library (search and browse): published or featured. */
export function isListed(story: Pick<Story, 'status'>): boolean {
  return story.status === 'published' || story.status === 'featured';
}
