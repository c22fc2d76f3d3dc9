/** A facilitator changes a task's settings (what may change depends on the phase: domain rule). */
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import {
  updateTeamTask as decide,
  type TeamTask,
  type TeamTaskSettings,
} from '../../domain/team-task/team-task.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export async function updateTeamTask(
  deps: Pick<TeamworkDeps, 'teamTasks'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    /** The revision the form was rendered from. */
    readonly expectedRevision: number;
    readonly changes: Partial<TeamTaskSettings>;
  },
): Promise<TeamTask> {
  requireFacilitator(input.actor, 'update-team-task');
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'update-team-task');
  assertRevision(task, input.expectedRevision, 'team-task');
  const next = decide(task, input.changes, input.actor);
  await deps.teamTasks.save(next, task.revision);
  return next;
}
