/** Loading a team's retrospective with the context its rules need (task phase, team members). */
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { Retrospective, RetrospectiveContext } from '../../domain/retrospective/retrospective.js';
import { currentPhase, type TeamTask } from '../../domain/team-task/team-task.js';
import { findTeam, teamOf, type Team } from '../../domain/team/team.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export interface LoadedRetrospectiveTeam {
  readonly task: TeamTask;
  readonly team: Team;
  readonly ctx: RetrospectiveContext;
}

/**
 * The task and the team (a learner's own team; for a facilitator, the team asked for).
 * @throws NotPermittedError for another course's task or a learner without a team in it.
 */
export async function loadRetrospectiveTeam(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'now'>,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly teamId?: TeamId },
  action: string,
): Promise<LoadedRetrospectiveTeam> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, action);
  const set = await deps.teamSets.findByTask(task.id);
  const team =
    set === undefined
      ? undefined
      : input.actor.role === 'facilitator' && input.teamId !== undefined
        ? findTeam(set, input.teamId)
        : teamOf(set, input.actor.userId);
  if (team === undefined || (input.teamId !== undefined && team.id !== input.teamId)) {
    throw new NotPermittedError(action);
  }
  return {
    task,
    team,
    ctx: { teamMembers: team.members, phase: currentPhase(task), actor: input.actor, now: deps.now() },
  };
}

/** @throws NotFoundError when the team has not opened its retrospective yet. */
export async function loadRetrospective(
  deps: Pick<LibraryDeps, 'retrospectives'>,
  task: TeamTask,
  team: Team,
): Promise<Retrospective> {
  const retro = await deps.retrospectives.findByTeam(task.id, team.id);
  if (retro === undefined) throw new NotFoundError('retrospective', `${task.id}/${team.id}`);
  return retro;
}
