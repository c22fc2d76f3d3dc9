/**
 * Loading what a use case acts on, with the course and team checks every use case repeats:
 * a task belongs to the actor's course; learners reach only their own team's standard.
 */
import type { Actor } from '../../domain/shared/actor.js';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { CourseId, TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { StandardContext } from '../../domain/standard/standard-access.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import type { TeamTask } from '../../domain/team-task/team-task.js';
import { findTeam, teamOf, type Team, type TeamSet } from '../../domain/team/team.js';
import type { TeamworkDeps } from './deps.js';

/** Who acts and in which course (from the launch). */
export interface CourseActor {
  readonly actor: Actor;
  readonly courseId: CourseId;
}

/**
 * @throws NotFoundError when there is no such task.
 * @throws NotPermittedError when the task belongs to another course.
 */
export async function loadTaskInCourse(
  deps: Pick<TeamworkDeps, 'teamTasks'>,
  courseId: CourseId,
  taskId: TeamTaskId,
  action: string,
): Promise<TeamTask> {
  const task = await deps.teamTasks.findById(taskId);
  if (task === undefined) throw new NotFoundError('team-task', taskId);
  if (task.courseId !== courseId) throw new NotPermittedError(action);
  return task;
}

/** @throws NotPermittedError unless the actor is a facilitator (of the course they launched from). */
export function requireFacilitator(actor: Actor, action: string): void {
  if (actor.role !== 'facilitator') throw new NotPermittedError(action);
}

export interface LoadedTeam {
  readonly task: TeamTask;
  readonly teamSet: TeamSet;
  readonly team: Team;
}

/**
 * The task and one of its teams, as the actor may see it: a facilitator any team of a task in
 * their course, a learner only the team they are in.
 * @throws NotFoundError for an unknown task or team.
 * @throws NotPermittedError for another course's task or another team.
 */
export async function loadTeamForActor(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets'>,
  who: CourseActor,
  taskId: TeamTaskId,
  teamId: TeamId,
  action: string,
): Promise<LoadedTeam> {
  const task = await loadTaskInCourse(deps, who.courseId, taskId, action);
  const teamSet = await deps.teamSets.findByTask(taskId);
  const team = teamSet === undefined ? undefined : findTeam(teamSet, teamId);
  if (teamSet === undefined || team === undefined) {
    if (who.actor.role !== 'facilitator') throw new NotPermittedError(action);
    throw new NotFoundError('team', teamId);
  }
  if (who.actor.role !== 'facilitator' && teamOf(teamSet, who.actor.userId)?.id !== teamId) {
    throw new NotPermittedError(action);
  }
  return { task, teamSet, team };
}

export interface LoadedStandard extends LoadedTeam {
  readonly standard: TeamStandard;
  readonly ctx: StandardContext;
}

/** A team's standard with the context its rules need, after the checks of `loadTeamForActor`. */
export async function loadStandardForActor(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'now'>,
  who: CourseActor,
  taskId: TeamTaskId,
  teamId: TeamId,
  action: string,
): Promise<LoadedStandard> {
  const loaded = await loadTeamForActor(deps, who, taskId, teamId, action);
  const standard = await deps.standards.findByTeam(taskId, teamId);
  if (standard === undefined) throw new NotFoundError('standard', `${taskId}/${teamId}`);
  return {
    ...loaded,
    standard,
    ctx: { task: loaded.task, team: loaded.team, actor: who.actor, now: deps.now() },
  };
}
