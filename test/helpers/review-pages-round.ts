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
import { REVIEW_PATHS } from '../../src/web/view-models/review-paths.js';
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

/**
 * Fills and submits a review (or self-assessment) form on its page: per criterion in form order
 * the level at `levels[i]` (index into the criterion's levels), a comment each, an overall one.
 */
export async function fillReviewForm(
  session: LtiSession,
  path: string,
  levels: readonly number[],
): Promise<void> {
  const form = await session.get(path);
  if (form.status !== 200) throw new Error(`review form ${path}: ${form.status}`);
  const byField = new Map<string, string[]>();
  for (const [, name, value] of form.body.matchAll(/name="(level\.[^"]+)" value="([^"]+)"/g))
    byField.set(name!, [...(byField.get(name!) ?? []), value!]);
  const fields: Record<string, string> = {
    expectedRevision: /name="expectedRevision" value="(\d+)"/.exec(form.body)![1]!,
    overallComment: 'Overall',
    intent: 'submit',
  };
  [...byField.keys()].forEach((name, i) => {
    fields[name] = byField.get(name)![levels[i]!]!;
    fields[name.replace('level.', 'comment.')] = 'About it';
  });
  const done = await session.post(path, fields);
  if (done.status !== 303) throw new Error(`review ${path} not submitted: ${done.status}`);
}

/**
 * A whole round on the pages, for a round set up with team submissions across teams and
 * self-assessment: the first member of each team submits, the facilitator allocates, every
 * learner fills the reviews they were given (`peerLevels` of the team reviewed) and a
 * self-assessment (`selfLevels`); then the task moves to reflection (release at phase close).
 */
export async function completeReviewRound(
  round: PagesRound,
  subjects: readonly string[],
  levels: {
    readonly peer: (reviewer: string) => readonly number[];
    readonly self: (subject: string) => readonly number[];
  },
): Promise<void> {
  const { taskId } = round;
  const subjectOf = (id: UserId) => subjects.find((s) => round.ids.get(s) === id)!;
  for (const team of round.teams.teams) {
    const res = await round.learners
      .get(subjectOf(team.members[0]!))!
      .post(REVIEW_PATHS.submission(taskId), { text: 'Our work.', intent: 'submit' });
    if (res.status !== 303) throw new Error(`submission not made: ${res.status}`);
  }
  await round.advance('peer-review');
  const allocated = await round.facilitator.post(REVIEW_PATHS.allocate(taskId), {});
  if (allocated.status !== 303) throw new Error(`not allocated: ${allocated.status}`);
  for (const subject of subjects) {
    const me = round.learners.get(subject)!;
    const mine = (await me.get(REVIEW_PATHS.mine(taskId))).body;
    for (const [, path] of mine.matchAll(/href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g))
      await fillReviewForm(me, path!, levels.peer(subject));
    const self = await me.post(REVIEW_PATHS.self(taskId), {});
    if (self.status !== 303) throw new Error(`self-assessment not started: ${self.status}`);
    await fillReviewForm(me, redirectPath(self), levels.self(subject));
  }
  await round.advance('reflection');
}
