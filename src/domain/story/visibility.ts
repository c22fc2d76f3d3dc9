/**
 * Who may see a story — one pure function, applied in this order:
 *
 * 1. Tenant isolation: nothing crosses LMS registrations. A viewer from another tenant sees
 *    nothing, whoever they are (not even a story "by" the same person id).
 * 2. Authors always see their own story, in every state (also retracted, so they can find it).
 * 3. Retracted: nobody else.
 * 4. Not yet published (submitted, returned): the curators (facilitators of the story's course)
 *    and, for a team story, the team — nobody else.
 * 5. Published or featured, by visibility level: `team` → the team and the course's
 *    facilitators; `course` → everyone launched from the story's course; `platform` → everyone
 *    in any course of the tenant.
 *
 * The library search cannot run this function over 100,000 stories, so it stores one "reach"
 * key per listed story and asks for the keys a viewer holds (`libraryReachOf`,
 * `reachKeysOf`); unit tests check both agree with `canSeeStory` for every combination.
 * Team-visible stories are shown on the team's own pages, not in the library.
 */
import type { ActorRole } from '../shared/actor.js';
import type { CourseId, TeamId, UserId } from '../shared/ids.js';
import type { TenantKey } from '../shared/tenant.js';
import { isAuthor, isListed, readableContent, type Story } from './story.js';

export interface StoryViewer {
  readonly tenant: TenantKey;
  /** The course the viewer launched from. */
  readonly courseId: CourseId;
  readonly userId: UserId;
  readonly role: ActorRole;
  /** The viewer's teams (in any task of the course). */
  readonly teamIds: readonly TeamId[];
}

export function canSeeStory(story: Story, viewer: StoryViewer): boolean {
  if (story.tenant !== viewer.tenant) return false;
  if (isAuthor(story, viewer.userId)) return true;
  if (story.status === 'retracted') return false;
  const curator = viewer.role === 'facilitator' && viewer.courseId === story.courseId;
  const teamMate = story.teamId !== undefined && viewer.teamIds.includes(story.teamId);
  if (!isListed(story)) return curator || teamMate;
  switch (readableContent(story).visibility) {
    case 'team':
      return curator || teamMate;
    case 'course':
      return viewer.courseId === story.courseId;
    case 'platform':
      return true;
  }
}

export const PLATFORM_REACH = 'platform';

/** The library's reach key of a story: set only while it is listed and not team-only. */
export function libraryReachOf(story: Story): string | undefined {
  if (!isListed(story)) return undefined;
  switch (readableContent(story).visibility) {
    case 'team':
      return undefined;
    case 'course':
      return `course:${story.courseId}`;
    case 'platform':
      return PLATFORM_REACH;
  }
}

/** The reach keys a viewer holds, to intersect with `libraryReachOf` (tenant matched apart). */
export function reachKeysOf(viewer: Pick<StoryViewer, 'courseId'>): string[] {
  return [PLATFORM_REACH, `course:${viewer.courseId}`];
}
