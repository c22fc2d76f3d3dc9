/**
 * Drives one team of a task in standard setting to a ratified standard through the services:
 * two members each propose a criterion (three levels each), both weigh them and both agree.
 * Returns the ratified standard's id (version 1) and the team's members.
 */
import type { TeamTaskId, UserId } from '../../src/domain/shared/ids.js';
import { agreeToStandard } from '../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../src/services/standards/submit-weighting.js';
import type { RunningLtiTool } from './lti-tool.js';

export interface CriterionInput {
  readonly name: string;
  readonly description: string;
  /** Points out of 100 both members give it. */
  readonly points: number;
}

const levelsOf = (name: string) =>
  ['Weak', 'Fair', 'Good'].map((label) => ({ label, descriptor: `${label} ${name}.` }));

export async function ratifyFirstTeamStandard(
  running: RunningLtiTool,
  taskId: TeamTaskId,
  criteria: readonly [CriterionInput, CriterionInput],
  /** Which team of the task (its first by default). */
  teamIndex = 0,
): Promise<{ readonly standardId: string; readonly members: readonly UserId[] }> {
  const deps = running.tool.teamwork();
  const task = (await deps.teamTasks.findById(taskId))!;
  const team = (await deps.teamSets.findByTask(taskId))!.teams[teamIndex]!;
  const as = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId: task.courseId });
  const s = { taskId, teamId: team.id };
  const [first, second] = team.members as [UserId, UserId];
  await startTeamStandard(deps, { ...as(first), ...s });
  const a = await proposeCriterion(deps, {
    ...as(first),
    ...s,
    content: {
      name: criteria[0].name,
      description: criteria[0].description,
      levels: levelsOf(criteria[0].name),
    },
  });
  const b = await proposeCriterion(deps, {
    ...as(second),
    ...s,
    content: {
      name: criteria[1].name,
      description: criteria[1].description,
      levels: levelsOf(criteria[1].name),
    },
  });
  const points = [
    { criterionId: a.criteria[0]!.id, points: criteria[0].points },
    { criterionId: b.criteria[1]!.id, points: criteria[1].points },
  ];
  for (const who of team.members) await submitWeighting(deps, { ...as(who), ...s, points });
  for (const who of team.members) {
    const page = await standardPage(deps, { ...as(who), ...s });
    await agreeToStandard(deps, { ...as(who), ...s, contentRevision: page.contentRevision });
  }
  const standard = (await deps.standards.findByTeam(taskId, team.id))!;
  if (standard.status !== 'ratified') throw new Error(`standard not ratified: ${standard.status}`);
  return { standardId: standard.id, members: team.members };
}
