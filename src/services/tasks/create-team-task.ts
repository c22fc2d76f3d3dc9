/** A facilitator creates a team task in their course; it starts in setup. */
import { asTeamTaskId } from '../../domain/shared/ids.js';
import {
  createTeamTask as decide,
  type TeamTask,
  type TeamTaskSettings,
} from '../../domain/team-task/team-task.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

import type { Tx } from '../../store/mongo/transactions.js';

/**
 * @param alsoInTransaction more writes that must exist exactly when the task does (e.g. the LMS
 *   placement that opens it), run in the same transaction.
 */
export async function createTeamTask(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'now' | 'newId' | 'transaction' | 'events'>,
  input: CourseActor & { readonly settings: TeamTaskSettings },
  alsoInTransaction?: (task: TeamTask, tx: Tx) => Promise<void>,
): Promise<TeamTask> {
  requireFacilitator(input.actor, 'create-team-task');
  const task = decide(
    { id: asTeamTaskId(deps.newId()), courseId: input.courseId, settings: input.settings },
    input.actor,
    deps.now(),
  );
  await deps.transaction(async (tx) => {
    await deps.teamTasks.insert(task, tx);
    await deps.events.record(
      [
        {
          type: 'task-created',
          at: task.createdAt,
          courseId: task.courseId,
          taskId: task.id,
          userId: task.createdBy,
        },
      ],
      tx,
    );
    await alsoInTransaction?.(task, tx);
  });
  return task;
}
