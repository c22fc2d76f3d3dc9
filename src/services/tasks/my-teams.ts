/**
 * A learner's start page: every task of the course that has started, with its timeline, the
 * learner's team in it, that team's standard at a glance, and what to do next.
 */
import { NotPermittedError } from '../../domain/shared/errors.js';
import { summariseStandard, type StandardSummary } from '../../domain/standard/standard-summary.js';
import { buildTimeline, type Timeline } from '../../domain/team-task/timeline.js';
import { toDoFor, type ToDo } from '../../domain/team-task/to-do.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { teamOf, type Team } from '../../domain/team/team.js';
import type { CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { loadLearnerProgress, progressStoreOf, type ProgressStore } from './learner-progress.js';

export interface MyTask {
  readonly taskId: string;
  readonly title: string;
  readonly timeline: Timeline;
  readonly team?: Team;
  readonly standard?: StandardSummary;
  readonly toDo: readonly ToDo[];
}

export async function myTeams(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'roster' | 'now'> &
    Partial<ProgressStore>,
  input: CourseActor,
): Promise<readonly MyTask[]> {
  if (input.actor.role !== 'learner') throw new NotPermittedError('view-my-teams');
  const now = deps.now();
  const tasks = (await deps.teamTasks.listByCourse(input.courseId)).filter(
    (t) => currentPhase(t) !== 'setup',
  );
  const [roster, teamSets] = await Promise.all([
    deps.roster.learnersOf(input.courseId),
    deps.teamSets.listByTasks(tasks.map((t) => t.id)),
  ]);
  const loaded = await Promise.all(
    tasks.map(async (task) => {
      const teamSet = teamSets.find((s) => s.taskId === task.id);
      const team = teamSet === undefined ? undefined : teamOf(teamSet, input.actor.userId);
      const standard = team === undefined ? undefined : await deps.standards.findByTeam(task.id, team.id);
      return { task, teamSet, team, standard };
    }),
  );
  const store = progressStoreOf(deps);
  const progress =
    store === undefined
      ? new Map()
      : await loadLearnerProgress(
          store,
          input.actor.userId,
          loaded.flatMap(({ task, team }) => (team === undefined ? [] : [{ task, team }])),
          now,
        );
  return loaded.map(({ task, teamSet, team, standard }): MyTask => {
    const taskProgress = progress.get(task.id);
    return {
      taskId: task.id,
      title: task.title,
      timeline: buildTimeline(task, now),
      ...(team !== undefined ? { team } : {}),
      ...(team !== undefined && standard !== undefined
        ? { standard: summariseStandard(standard, task, team) }
        : {}),
      toDo: toDoFor({
        task,
        ...(teamSet !== undefined ? { teamSet } : {}),
        standards: standard === undefined ? [] : [standard],
        roster,
        actor: input.actor,
        now,
        ...(taskProgress !== undefined ? { progress: taskProgress } : {}),
      }),
    };
  });
}
