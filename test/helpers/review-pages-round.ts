/**
 * A peer-review round for page tests: learners and the facilitator launch through the demo
 * platform (no NRPS, so the roster is who launched), the facilitator creates a task and forms
 * random teams of two on the pages and saves the review settings on the settings page; each team
 * ratifies two criteria through the services; the task is left in the work phase.
 */
import { MongoClient } from 'mongodb';
import {
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamTaskId,
  type UserId,
} from '../../src/domain/shared/ids.js';
import type { TeamSet } from '../../src/domain/team/team.js';
import { agreeToStandard } from '../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../src/services/standards/submit-weighting.js';
import { advancePhase } from '../../src/services/tasks/advance-phase.js';
import { launchSession, redirectPath, type LtiSession } from './lti-session.js';
import type { RunningLtiTool } from './lti-tool.js';

export interface PagesRound {
  readonly taskId: TeamTaskId;
  readonly courseId: CourseId;
  readonly facilitator: LtiSession;
  readonly learners: ReadonlyMap<string, LtiSession>;
  /** Demo subject → tool user id. */
  readonly ids: ReadonlyMap<string, UserId>;
  readonly teams: TeamSet;
  /** Moves the task to a phase as its facilitator. */
  advance(to: 'peer-review' | 'reflection'): Promise<void>;
}

export async function setUpPagesRound(
  running: RunningLtiTool,
  subjects: readonly string[],
  settings: Record<string, string>,
): Promise<PagesRound> {
  const learners = new Map<string, LtiSession>();
  for (const id of subjects)
    learners.set(id, await launchSession(running, id, undefined, { services: false }));
  const facilitator = await launchSession(running, 'demo-instructor', undefined, { services: false });
  const created = await facilitator.post('/lti/app/tasks/new', {
    title: 'Review round',
    brief: 'Make something.',
    outcome: 'A thing',
    phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
    consensusRule: 'majority',
    standardStart: 'blank',
  });
  if (created.status !== 303) throw new Error(`task not created: ${created.status}`);
  const taskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
  const deps = running.tool.reviews();
  const task = (await deps.teamTasks.findById(taskId))!;
  const courseId = task.courseId;
  const fac = { actor: { userId: task.createdBy, role: 'facilitator' as const }, courseId };
  const learner = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId });
  const formed = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
    mode: 'random',
    targetSize: '2',
  });
  if (formed.status !== 303) throw new Error(`teams not formed: ${formed.status}`);
  const saved = await facilitator.post(`/lti/app/tasks/${taskId}/review/settings`, settings);
  if (saved.status !== 303) throw new Error(`settings not saved: ${saved.status}`);
  const teams = (await deps.teamSets.findByTask(taskId))!;
  await advancePhase(deps, { ...fac, taskId, to: 'standard-setting' });
  for (const team of teams.teams) {
    const s = { taskId, teamId: team.id };
    const [a, b] = team.members as [UserId, UserId];
    await startTeamStandard(deps, { ...learner(a), ...s });
    const levels = (labels: string[]) => labels.map((label) => ({ label, descriptor: `${label} work.` }));
    const one = await proposeCriterion(deps, {
      ...learner(a),
      ...s,
      content: { name: 'Clarity', description: 'Easy to follow.', levels: levels(['Weak', 'Fair', 'Good']) },
    });
    const two = await proposeCriterion(deps, {
      ...learner(b),
      ...s,
      content: { name: 'Evidence', description: 'Backed up.', levels: levels(['Thin', 'Solid']) },
    });
    for (const who of team.members) {
      await submitWeighting(deps, {
        ...learner(who),
        ...s,
        points: [
          { criterionId: one.criteria[0]!.id, points: 50 },
          { criterionId: two.criteria[1]!.id, points: 50 },
        ],
      });
    }
    for (const who of team.members) {
      const page = await standardPage(deps, { ...learner(who), ...s });
      await agreeToStandard(deps, { ...learner(who), ...s, contentRevision: page.contentRevision });
    }
  }
  await advancePhase(deps, { ...fac, taskId, to: 'work' });
  const ids = new Map<string, UserId>();
  const client = new MongoClient(running.started.databaseUri);
  try {
    for (const subject of subjects) {
      const person = await client.db('teamloop').collection('people').findOne({ subject });
      ids.set(subject, asUserId(String(person!._id)));
    }
  } finally {
    await client.close();
  }
  return {
    taskId,
    courseId,
    facilitator,
    learners,
    ids,
    teams,
    async advance(to) {
      await advancePhase(deps, { ...fac, taskId, to });
    },
  };
}
