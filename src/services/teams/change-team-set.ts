/** The shared shape of a change to existing teams: load the task, its teams and the roster → decide → save. */
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { TeamContext } from '../../domain/team/team-formation.js';
import type { TeamSet, TeamSetChange } from '../../domain/team/team.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { loadTaskInCourse, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { LearningEvent, PersonEventBase } from '../shared/learning-events.js';

export type TeamChangeDeps = Pick<
  TeamworkDeps,
  'teamTasks' | 'teamSets' | 'transaction' | 'roster' | 'events' | 'now'
>;

/** The learning events of a change, given the change, the teams before it and the common facts. */
export type TeamChangeEvents = (
  change: TeamSetChange,
  before: TeamSet,
  base: PersonEventBase & { readonly revision: number },
) => readonly LearningEvent[];

export interface TeamChangeInput extends CourseActor {
  readonly taskId: TeamTaskId;
  readonly expectedRevision?: number;
}

export async function changeTeamSet(
  deps: TeamChangeDeps,
  input: TeamChangeInput,
  action: string,
  decide: (set: TeamSet, ctx: TeamContext) => TeamSetChange,
  events: TeamChangeEvents = () => [],
): Promise<TeamSetChange> {
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, action);
  const set = await deps.teamSets.findByTask(task.id);
  if (set === undefined) throw new NotFoundError('team-set', task.id);
  if (input.expectedRevision !== undefined)
    assertRevision({ id: task.id, revision: set.revision }, input.expectedRevision, 'team-set');
  const roster = await deps.roster.learnersOf(input.courseId);
  const change = decide(set, { actor: input.actor, phase: currentPhase(task), roster });
  if (change.teamSet !== set) {
    const base = {
      at: deps.now(),
      courseId: input.courseId,
      taskId: task.id,
      userId: input.actor.userId,
      revision: change.teamSet.revision,
    };
    const happened = events(change, set, base);
    await deps.transaction(async (tx) => {
      await deps.teamSets.save(change.teamSet, input.courseId, set.revision, tx);
      await deps.events.record(happened, tx);
    });
  }
  return change;
}
