/**
 * The team tasks on the facilitator's course page (`/lti/app/course`, rendered by
 * `launched.ts`): each task with its phase, teams and what is left to do, plus the link to
 * create one.
 */
import type { TeamTaskId } from '../../../domain/shared/ids.js';
import type { TeamworkDeps } from '../../../services/shared/deps.js';
import type { LibraryActor, LibraryDeps } from '../../../services/shared/library-deps.js';
import { storiesWaiting } from '../../../services/stories/story-lists.js';
import { reviewLinks } from '../../view-models/review-paths.js';
import { CURATION_PATH } from '../../view-models/library-paths.js';
import type { CourseActor } from '../../../services/shared/access.js';
import { courseTasks } from '../../../services/tasks/course-tasks.js';
import { translate, type Locale } from '../../i18n/translate.js';
import { phaseLabel, toDoItems, type ToDoItemView } from '../../view-models/task-labels.js';
import { TASK_PATHS } from './task-route-deps.js';

export interface CourseTasksView {
  readonly newTaskPath: string;
  readonly tasks: readonly {
    readonly path: string;
    readonly title: string;
    readonly phase: string;
    readonly teams: string;
    readonly toDo: readonly ToDoItemView[];
    /** The peer-review dashboard, for tasks with a peer-review phase. */
    readonly reviewPath?: string;
  }[];
  /** "3 stories wait for curation", linked to the queue; absent when none wait. */
  readonly curation?: { readonly path: string; readonly text: string };
}

/** The curation queue's link with how many stories wait (undefined when none). */
export async function curationLink(
  library: Pick<LibraryDeps, 'stories'>,
  who: LibraryActor,
  locale: Locale,
  taskId?: TeamTaskId,
): Promise<CourseTasksView['curation']> {
  const waiting = await storiesWaiting(library, who, taskId);
  return waiting === 0
    ? undefined
    : { path: CURATION_PATH, text: translate(locale, 'tasks.course.storiesWaiting', { count: waiting }) };
}

export async function courseTasksView(
  deps: TeamworkDeps,
  who: CourseActor,
  locale: Locale,
  /** The library and who asks in which tenant: adds the curation queue's count. */
  library?: { readonly deps: Pick<LibraryDeps, 'stories'>; readonly who: LibraryActor },
): Promise<CourseTasksView> {
  const [tasks, curation] = await Promise.all([
    courseTasks(deps, who),
    library === undefined ? undefined : curationLink(library.deps, library.who, locale),
  ]);
  return {
    ...(curation !== undefined ? { curation } : {}),
    newTaskPath: TASK_PATHS.newTask,
    tasks: tasks.map((task) => ({
      path: TASK_PATHS.task(task.taskId),
      title: task.title,
      phase: translate(locale, 'tasks.course.phase', { phase: phaseLabel(locale, task.timeline.phase) }),
      teams: translate(locale, 'tasks.course.teams', { count: task.teams.length }),
      toDo: toDoItems(locale, task.toDo, task.teams, task.taskId),
      ...(task.timeline.steps.some((s) => s.phase === 'peer-review')
        ? { reviewPath: reviewLinks(task.taskId, 'facilitator').dashboardPath }
        : {}),
    })),
  };
}
