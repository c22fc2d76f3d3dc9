/** The learning events of a task's move through its phases: one per phase change the save added. */
import type { TeamTask } from '../../domain/team-task/team-task.js';
import type { LearningEvent } from '../shared/learning-events.js';

export function phaseChanges(before: TeamTask, after: TeamTask): LearningEvent[] {
  return after.history.slice(before.history.length).map((change) => ({
    type: 'phase-changed',
    at: change.at,
    courseId: after.courseId,
    taskId: after.id,
    from: change.from,
    to: change.to,
    userId: change.cause.kind === 'facilitator' ? change.cause.userId : undefined,
    revision: after.revision,
  }));
}
