/**
 * A learner's view of one task: the timeline, their team in it (if any), the task's teams when
 * learners choose their own, and what is left to do.
 */
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { buildTimeline, type Timeline } from '../../domain/team-task/timeline.js';
import { toDoFor, type ToDo } from '../../domain/team-task/to-do.js';
import type { TeamTask } from '../../domain/team-task/team-task.js';
import { teamOf, type Team, type TeamSet } from '../../domain/team/team.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { loadLearnerProgress, progressStoreOf, type ProgressStore } from './learner-progress.js';

export interface LearnerTask {
  readonly task: TeamTask;
  readonly timeline: Timeline;
  readonly team?: Team;
  /** The task's teams (to join one) when learners choose their own; undefined otherwise. */
  readonly selfSelection?: Pick<TeamSet, 'teams' | 'maxSize' | 'revision'>;
  readonly onRoster: boolean;
  readonly toDo: readonly ToDo[];
}

/**
 * @throws NotPermittedError unless a learner asks, or for another course's task.
 * @throws NotFoundError for an unknown task.
 */
export async function learnerTask(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'roster' | 'now'> &
    Partial<ProgressStore>,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<LearnerTask> {
  if (input.actor.role !== 'learner') throw new NotPermittedError('view-task');
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'view-task');
  const [teamSet, roster] = await Promise.all([
    deps.teamSets.findByTask(task.id),
    deps.roster.learnersOf(input.courseId),
  ]);
  const team = teamSet === undefined ? undefined : teamOf(teamSet, input.actor.userId);
  const standard = team === undefined ? undefined : await deps.standards.findByTeam(task.id, team.id);
  const now = deps.now();
  const store = progressStoreOf(deps);
  const progress =
    store === undefined || team === undefined
      ? undefined
      : (await loadLearnerProgress(store, input.actor.userId, [{ task, team }], now)).get(task.id);
  return {
    task,
    timeline: buildTimeline(task, now),
    ...(team !== undefined ? { team } : {}),
    ...(teamSet?.mode === 'self-selection'
      ? {
          selfSelection: {
            teams: teamSet.teams,
            revision: teamSet.revision,
            ...(teamSet.maxSize !== undefined ? { maxSize: teamSet.maxSize } : {}),
          },
        }
      : {}),
    onRoster: roster.includes(input.actor.userId as UserId),
    toDo: toDoFor({
      task,
      ...(teamSet !== undefined ? { teamSet } : {}),
      standards: standard === undefined ? [] : [standard],
      roster,
      actor: input.actor,
      now,
      ...(progress !== undefined ? { progress } : {}),
    }),
  };
}
