/** What every learning event about a story carries (see `StoryEventBase`). */
import type { CourseId, UserId } from '../../domain/shared/ids.js';
import type { Story } from '../../domain/story/story.js';
import type { StoryEventBase } from '../shared/learning-events.js';

/**
 * The story's own course, task and team (authoring and curation happen there), or — for a reader
 * (`readerCourse`) — the course the reader opened the library from, outside any task.
 */
export function storyEventBase(
  story: Story,
  userId: UserId,
  at: Date,
  readerCourse?: CourseId,
): StoryEventBase {
  const title = story.published?.title ?? story.draft.title;
  if (readerCourse !== undefined) return { at, courseId: readerCourse, userId, storyId: story.id, title };
  return {
    at,
    courseId: story.courseId,
    userId,
    ...(story.taskId !== undefined ? { taskId: story.taskId } : {}),
    ...(story.teamId !== undefined ? { teamId: story.teamId } : {}),
    storyId: story.id,
    title,
  };
}
