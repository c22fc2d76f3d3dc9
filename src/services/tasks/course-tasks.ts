/**
 * The facilitator's course page: every team task of the course with its timeline, how many
 * teams it has, and what is left to do, newest last.
 */
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { buildTimeline, type Timeline } from '../../domain/team-task/timeline.js';
import { toDoFor, type ToDo } from '../../domain/team-task/to-do.js';
import type { Team } from '../../domain/team/team.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export interface CourseTask {
  readonly taskId: TeamTaskId;
  readonly title: string;
  readonly timeline: Timeline;
  readonly teams: readonly Team[];
  readonly toDo: readonly ToDo[];
}

/** @throws NotPermittedError unless a facilitator asks. */
export async function courseTasks(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'roster' | 'now'>,
  input: CourseActor,
): Promise<readonly CourseTask[]> {
  requireFacilitator(input.actor, 'view-course-tasks');
  const now = deps.now();
  const [tasks, roster] = await Promise.all([
    deps.teamTasks.listByCourse(input.courseId),
    deps.roster.learnersOf(input.courseId),
  ]);
  const teamSets = await deps.teamSets.listByTasks(tasks.map((t) => t.id));
  return Promise.all(
    tasks.map(async (task): Promise<CourseTask> => {
      const teamSet = teamSets.find((s) => s.taskId === task.id);
      const standards = await deps.standards.listByTask(task.id);
      return {
        taskId: task.id,
        title: task.title,
        timeline: buildTimeline(task, now),
        teams: teamSet?.teams ?? [],
        toDo: toDoFor({
          task,
          ...(teamSet !== undefined ? { teamSet } : {}),
          standards,
          roster,
          actor: input.actor,
          now,
        }),
      };
    }),
  );
}
