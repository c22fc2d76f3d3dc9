/**
 * A library standard to start from, made as a facilitator would through real launches: a team
 * task with teams of two in the facilitator's course (HTTP), its first team proposes criteria,
 * weighs them with the given points and ratifies (services, as the members), and the facilitator
 * adds the ratified version to the library (HTTP). The course must have at least two learners
 * who launched.
 */
import { expect } from 'chai';
import type { LibraryStandard } from '../../src/domain/library/library-standard.js';
import { tenantKeyOf } from '../../src/domain/shared/tenant.js';
import type { CourseId, TeamTaskId, UserId } from '../../src/domain/shared/ids.js';
import { agreeToStandard } from '../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../src/services/standards/submit-weighting.js';
import { redirectPath, type LtiSession } from './lti-session.js';
import type { RunningLtiTool } from './lti-tool.js';

export const TASK_PHASES = ['standard-setting', 'work', 'peer-review', 'reflection'];

const levels = (name: string) =>
  ['Weak', 'Fair', 'Good'].map((label) => ({ label, descriptor: `${label} ${name}.` }));

/** Creates a task, forms random teams of two and opens standard setting; returns its id. */
export async function taskWithTeams(
  running: RunningLtiTool,
  session: LtiSession,
  fields: Record<string, string>,
): Promise<TeamTaskId> {
  const created = await session.post('/lti/app/tasks/new', {
    title: 'Pitch deck',
    brief: 'Build it.',
    outcome: 'Ten slides',
    phases: TASK_PHASES,
    consensusRule: 'consent',
    ...fields,
  });
  expect(created.status, created.body.slice(0, 2000)).to.equal(303);
  const id = redirectPath(created).split('/').at(-1)! as TeamTaskId;
  const formed = await session.post(`/lti/app/tasks/${id}/teams`, { mode: 'random', targetSize: '2' });
  expect(formed.status).to.equal(303);
  const task = (await running.tool.teamwork().teamTasks.findById(id))!;
  const moved = await session.post(`/lti/app/tasks/${id}/phase`, {
    to: 'standard-setting',
    revision: String(task.revision),
  });
  expect(moved.status).to.equal(303);
  return id;
}

/**
 * A library entry whose criteria are `names`, weighed by the two members of the first team with
 * `points[0]` and `points[1]` (so the origin's weights are their normalised mean).
 */
export async function libraryStandardFrom(
  running: RunningLtiTool,
  facilitator: LtiSession,
  input: {
    readonly title: string;
    readonly names: readonly string[];
    readonly points: readonly [readonly number[], readonly number[]];
    readonly visibility: 'course' | 'platform';
  },
): Promise<{ readonly entry: LibraryStandard; readonly courseId: CourseId }> {
  const taskId = await taskWithTeams(running, facilitator, {
    title: `${input.title} task`,
    standardStart: 'blank',
  });
  const deps = running.tool.teamwork();
  const courseId = (await deps.teamTasks.findById(taskId))!.courseId;
  const team = (await deps.teamSets.findByTask(taskId))!.teams[0]!;
  const as = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId });
  const s = { taskId, teamId: team.id };
  const members = team.members as readonly UserId[];
  await startTeamStandard(deps, { ...as(members[0]!), ...s });
  for (const name of input.names) {
    await proposeCriterion(deps, {
      ...as(members[0]!),
      ...s,
      content: { name, description: `How good the ${name.toLowerCase()} is.`, levels: levels(name) },
    });
  }
  const standard = (await deps.standards.findByTeam(taskId, team.id))!;
  const ids = standard.criteria.map((c) => c.id);
  for (const [i, who] of members.entries()) {
    const points = input.points[i]!;
    await submitWeighting(deps, {
      ...as(who),
      ...s,
      points: ids.map((criterionId, j) => ({ criterionId, points: points[j]! })),
    });
  }
  for (const who of members) {
    const page = await standardPage(deps, { ...as(who), ...s });
    await agreeToStandard(deps, { ...as(who), ...s, contentRevision: page.contentRevision });
  }
  const ratified = (await deps.standards.findByTeam(taskId, team.id))!;
  expect(ratified.status).to.equal('ratified');
  const added = await facilitator.post('/lti/app/library/standards', {
    task: taskId,
    standardId: ratified.id,
    version: '1',
    title: input.title,
    summary: '',
    visibility: input.visibility,
  });
  expect(added.status, added.body.slice(0, 2000)).to.equal(303);
  const demo = running.tool.demoPlatform()!.registration;
  const entry = await running.tool
    .library()
    .libraryStandards.findBySource(tenantKeyOf({ issuer: demo.issuer, clientId: demo.clientId }), {
      standardId: ratified.id,
      version: 1,
    });
  expect(entry?.title).to.equal(input.title);
  return { entry: entry!, courseId };
}
