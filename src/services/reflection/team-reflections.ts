/**
 * The reflections of one team the actor may read: their own, team mates' shared with the team,
 * or (for a facilitator of the course) those shared with a facilitator. Private ones never leave
 * the store for anyone but their author.
 */
import { canReadReflection, type Reflection } from '../../domain/reflection/reflection.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { teamOf } from '../../domain/team/team.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export async function teamReflections(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'reflections'>,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly teamId: TeamId },
): Promise<readonly Reflection[]> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'read-reflections');
  const set = await deps.teamSets.findByTask(task.id);
  const ownTeam = set === undefined ? undefined : teamOf(set, input.actor.userId);
  const viewer = {
    actor: input.actor,
    courseId: input.courseId,
    ...(ownTeam !== undefined ? { teamId: ownTeam.id } : {}),
  };
  const all = await deps.reflections.listByTeam(task.id, input.teamId);
  return all.filter((r) => canReadReflection(r, viewer));
}
