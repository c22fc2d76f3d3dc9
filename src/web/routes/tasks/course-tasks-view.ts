/**
 * The team tasks on the facilitator's course page (`/lti/app/course`, rendered by
 * `launched.ts`): each task with its phase, teams and what is left to do, plus the link to
 * create one.
 */
import type { TeamworkDeps } from '../../../services/shared/deps.js';
import type { CourseActor } from '../../../services/shared/access.js';
import { courseTasks } from '../../../services/tasks/course-tasks.js';
import { translate, type Locale } from '../../i18n/translate.js';
import { phaseLabel, toDoLines } from '../../view-models/task-labels.js';
import { TASK_PATHS } from './task-route-deps.js';

export interface CourseTasksView {
  readonly newTaskPath: string;
  readonly tasks: readonly {
    readonly path: string;
    readonly title: string;
    readonly phase: string;
    readonly teams: string;
    readonly toDo: readonly string[];
  }[];
}

export async function courseTasksView(
  deps: TeamworkDeps,
  who: CourseActor,
  locale: Locale,
): Promise<CourseTasksView> {
  const tasks = await courseTasks(deps, who);
  return {
    newTaskPath: TASK_PATHS.newTask,
    tasks: tasks.map((task) => ({
      path: TASK_PATHS.task(task.taskId),
      title: task.title,
      phase: translate(locale, 'tasks.course.phase', { phase: phaseLabel(locale, task.timeline.phase) }),
      teams: translate(locale, 'tasks.course.teams', { count: task.teams.length }),
      toDo: toDoLines(locale, task.toDo, task.teams),
    })),
  };
}
