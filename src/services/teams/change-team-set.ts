/** The shared shape of a change to existing teams: load the task, its teams and the roster → decide → save. */
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { TeamContext } from '../../domain/team/team-formation.js';
import type { TeamSet, TeamSetChange } from '../../domain/team/team.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export type TeamChangeDeps = Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'transaction' | 'roster'>;

export interface TeamChangeInput extends CourseActor {
  readonly taskId: TeamTaskId;
  readonly expectedRevision?: number;
}

export async function changeTeamSet(
  deps: TeamChangeDeps,
  input: TeamChangeInput,
  action: string,
  decide: (set: TeamSet, ctx: TeamContext) => TeamSetChange,
): Promise<TeamSetChange> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, action);
  const set = await deps.teamSets.findByTask(task.id);
  if (set === undefined) throw new NotFoundError('team-set', task.id);
  if (input.expectedRevision !== undefined)
    assertRevision({ id: task.id, revision: set.revision }, input.expectedRevision, 'team-set');
  const roster = await deps.roster.learnersOf(input.courseId);
  const change = decide(set, { actor: input.actor, phase: currentPhase(task), roster });
  if (change.teamSet !== set) {
    await deps.transaction((tx) => deps.teamSets.save(change.teamSet, input.courseId, set.revision, tx));
  }
  return change;
}
