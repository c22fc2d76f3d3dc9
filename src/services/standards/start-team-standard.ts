/**
 * A team's standard is set up from the task's starting point — blank, the facilitator's
 * template, or a copy of a library version (with provenance) — by a facilitator or by the first
 * member who opens it. Starting an already started standard returns it as it is.
 */
import { InvalidInputError } from '../../domain/shared/errors.js';
import { asCriterionId, asStandardId, type TeamId, type TeamTaskId } from '../../domain/shared/ids.js';
import { startTeamStandard as decide, type TeamStandard } from '../../domain/standard/team-standard.js';
import { isDuplicateKey } from '../../store/mongo/transactions.js';
import { loadTeamForActor, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { LearningEvent } from '../shared/learning-events.js';

export async function startTeamStandard(
  deps: Pick<
    TeamworkDeps,
    'teamTasks' | 'teamSets' | 'standards' | 'standardVersions' | 'now' | 'newId' | 'transaction' | 'events'
  >,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly teamId: TeamId },
): Promise<TeamStandard> {
  const { task, team } = await loadTeamForActor(deps, input, input.taskId, input.teamId, 'start-standard');
  const existing = await deps.standards.findByTeam(task.id, team.id);
  if (existing !== undefined) return existing;
  if (!task.phases.includes('standard-setting'))
    throw new InvalidInputError([{ field: 'phases', code: 'no-standard-setting' }]);
  const start = task.standardStart;
  const librarySource = start.kind === 'library' ? await deps.standardVersions.find(start.source) : undefined;
  const standard = decide({
    id: asStandardId(deps.newId()),
    task,
    team,
    newCriterionId: () => asCriterionId(deps.newId()),
    ...(librarySource !== undefined ? { librarySource } : {}),
    by: input.actor.userId,
    now: deps.now(),
  });
  const started: LearningEvent = {
    type: 'standard-started',
    at: standard.createdAt,
    courseId: input.courseId,
    taskId: task.id,
    teamId: team.id,
    standardId: standard.id,
    userId: input.actor.userId,
    revision: standard.revision,
    ...(standard.provenance !== undefined
      ? {
          from: {
            standardId: standard.provenance.source.standardId,
            version: standard.provenance.source.version,
          },
        }
      : {}),
  };
  try {
    await deps.transaction(async (tx) => {
      await deps.standards.insert(standard, input.courseId, tx);
      await deps.events.record([started], tx);
    });
  } catch (error) {
    // CASE: two members opened the standard at the same moment; the first one's start counts.
    if (!isDuplicateKey(error)) throw error;
    const winner = await deps.standards.findByTeam(task.id, team.id);
    if (winner === undefined) throw error;
    return winner;
  }
  return standard;
}
