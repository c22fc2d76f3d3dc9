/** A facilitator moves a task on to its next phase (or ends it early). */
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { advancePhase as decide } from '../../domain/team-task/phase-transitions.js';
import type { TaskPhase } from '../../domain/team-task/phases.js';
import type { TeamTask } from '../../domain/team-task/team-task.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { phaseChanges } from './phase-events.js';

export async function advancePhase(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'now' | 'transaction' | 'events'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly to: TaskPhase;
    readonly expectedRevision?: number;
  },
): Promise<TeamTask> {
  requireFacilitator(input.actor, 'advance-phase');
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'advance-phase');
  if (input.expectedRevision !== undefined) assertRevision(task, input.expectedRevision, 'team-task');
  const next = decide(task, input.to, deps.now(), input.actor);
  await deps.transaction(async (tx) => {
    await deps.teamTasks.save(next, task.revision, tx);
    await deps.events.record(phaseChanges(task, next), tx);
  });
  return next;
}
