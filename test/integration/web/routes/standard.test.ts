/**
 * The standard-setting pages over real HTTP after real launches through the demo platform:
 * three learners propose, comment, weigh, object and ratify by consent; an amendment makes
 * version 2; another team's learner and another course's learner are refused on every route;
 * malformed requests get 400; concurrent edits, weightings and agreements get the "someone
 * changed this" page with the person's input kept and nothing lost; the facilitator comments,
 * locks and unlocks. Tasks and teams are made through the services (the task pages are another
 * branch's work).
 */
import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import {
  asCourseId,
  asUserId,
  type CourseId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../../../src/domain/shared/ids.js';
import type { ConsensusRule } from '../../../../src/domain/team-task/team-task.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { createCourseDirectory, type CourseDirectory } from '../../../../src/store/lti/course-directory.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import {
  inputValues,
  launchSession,
  pageText,
  textOf,
  type LtiSession,
} from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const LEVELS = ['Missing', 'Beginning', 'Developing', 'Proficient'];

function criterionFields(name: string, levels = 3): Record<string, string | string[]> {
  const labels = LEVELS.slice(0, levels);
  return {
    name,
    description: `How well the work shows ${name.toLowerCase()}.`,
    // Six rows as the form sends them; the empty ones are dropped.
    levelLabel: [...labels, ...Array<string>(6 - levels).fill('')],
    levelDescriptor: [
      ...labels.map((l) => `Work that is ${l.toLowerCase()}.`),
      ...Array<string>(6 - levels).fill(''),
    ],
  };
}

describe('standard-setting pages (demo platform launches, real HTTP)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let connection: Connection;
  let directory: CourseDirectory;
  let instructor: LtiSession;
  let l: LtiSession[]; // demo-learner-1..5 in the demo course
  let otherCourseLearner: LtiSession; // demo-learner-6, launched into course 2 only
  let courseId: CourseId;
  let facilitatorId: UserId;
  const ids = new Map<string, UserId>();

  before(async () => {
    running = await startLtiTool();
    const demo = running.tool.demoPlatform()!;
    instructor = await launchSession(running, 'demo-instructor');
    l = [];
    for (let i = 1; i <= 5; i++) l.push(await launchSession(running, `demo-learner-${i}`));
    otherCourseLearner = await launchSession(running, 'demo-learner-6', 'demo-other-course-task');
    connection = await mongoose
      .createConnection(running.started.databaseUri, { dbName: 'teamloop' })
      .asPromise();
    directory = createCourseDirectory(connection);
    for (const who of ['demo-instructor', ...[1, 2, 3, 4, 5].map((i) => `demo-learner-${i}`)]) {
      const found = await directory.idsOf({
        issuer: demo.registration.issuer,
        deploymentId: demo.registration.deploymentIds[0]!,
        contextId: demo.course.id,
        subject: who,
      });
      ids.set(who, found!.userId);
      courseId = found!.courseId;
    }
    facilitatorId = ids.get('demo-instructor')!;
  });
  after(async () => {
    await connection?.close();
    await running?.stop();
  });

  const learnerId = (n: number): UserId => ids.get(`demo-learner-${n}`)!;
  const facilitator = () => ({ actor: { userId: facilitatorId, role: 'facilitator' as const }, courseId });

  /** A task in standard-setting: team 1 = learners 1–3, team 2 = learners 4–5. */
  async function newTask(
    title: string,
    rule: ConsensusRule = 'consent',
  ): Promise<{ taskId: TeamTaskId; teamId: TeamId; otherTeamId: TeamId; path: string }> {
    const deps = running.tool.teamwork();
    const task = await createTeamTask(deps, {
      ...facilitator(),
      settings: {
        title,
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work', 'peer-review'],
        schedule: {},
        consensusRule: rule,
        standardStart: { kind: 'blank' },
      },
    });
    const { teamSet } = await formTeams(deps, {
      ...facilitator(),
      taskId: task.id,
      formation: {
        mode: 'manual',
        teams: [
          { members: [learnerId(1), learnerId(2), learnerId(3)] },
          { members: [learnerId(4), learnerId(5)] },
        ],
      },
    });
    await advancePhase(deps, { ...facilitator(), taskId: task.id, to: 'standard-setting' });
    const teamId = teamSet.teams[0]!.id;
    return {
      taskId: task.id,
      teamId,
      otherTeamId: teamSet.teams[1]!.id,
      path: `/lti/app/tasks/${task.id}/teams/${teamId}/standard`,
    };
  }

  const stored = async (taskId: TeamTaskId, teamId: TeamId) =>
    (await running.tool.teamwork().standards.findByTeam(taskId, teamId))!;

  function expectBack(res: { status: number; location: string | null }, path: string, done: string): void {
    expect(res.status, `expected a 303 back to the page`).to.equal(303);
    expect(res.location).to.contain(path).and.contain(`done=${done}`).and.contain('ltik=');
  }

  /** The action path of the first form whose action contains `fragment`. */
  function formAction(html: string, fragment: string): string {
    const match = [...html.matchAll(/<form\b[^>]*\saction="([^"]*)"/g)].find((m) => m[1]!.includes(fragment));
    if (match === undefined) throw new Error(`no form posting to …${fragment}`);
    return new URL(match[1]!.replace(/&amp;/g, '&'), 'http://x').pathname;
  }

  async function weigh(who: LtiSession, path: string, points: number[]): Promise<void> {
    const page = await who.get(path);
    const criterion = inputValues(page.body, 'criterion');
    const res = await who.post(`${path}/weights`, {
      criterion,
      basis: inputValues(page.body, 'basis'),
      points: criterion.map((_, i) => String(points[i] ?? 0)),
    });
    expectBack(res, path, 'weighed');
  }

  async function agree(who: LtiSession, path: string, done = 'agreed'): Promise<void> {
    const page = await who.get(path);
    const res = await who.post(`${path}/agreement`, {
      contentRevision: inputValues(page.body, 'contentRevision')[0]!,
    });
    expectBack(res, path, done);
  }

  it('three learners propose, comment, weigh and ratify by consent; an amendment becomes version 2', async () => {
    const { taskId, teamId, path } = await newTask('Onboarding guide');
    const [ann, bob, cat] = l as [LtiSession, LtiSession, LtiSession];

    const first = await ann.get(path);
    expect(first.status).to.equal(200);
    expect(pageText(first.body))
      .to.contain('Standard of Team 1')
      .and.contain(en.standard.criteria.none.replace('{min}', '2'));

    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await bob.post(`${path}/criteria`, criterionFields('Evidence', 4)), path, 'proposed');
    expectBack(await cat.post(`${path}/comments`, { body: 'Should we add <tone>?' }), path, 'commented');
    const withComment = await ann.get(path);
    // User text is escaped, never markup.
    expect(withComment.body).to.contain('Should we add &lt;tone&gt;?').and.not.contain('<tone>');
    const replyTo = inputValues(withComment.body, 'replyTo')[0]!;
    expectBack(
      await ann.post(`${path}/comments`, { body: 'Tone fits under Clarity.', replyTo }),
      path,
      'commented',
    );
    const criterionIds = inputValues(withComment.body, 'criterion');
    expectBack(
      await bob.post(`${path}/comments`, { body: 'Evidence needs sources.', criterionId: criterionIds[1]! }),
      path,
      'commented',
    );

    await weigh(ann, path, [60, 40]);
    await weigh(bob, path, [50, 50]);
    await weigh(cat, path, [70, 30]);
    const weighed = await bob.get(path);
    const weights = textOf(weighed.body, 'weights');
    expect(weights).to.contain('3 of 3 members have weighed the current criteria.');
    expect(weights).to.contain('Agreement (Kendall’s W): ');
    expect(textOf(weighed.body, `criterion-${criterionIds[0]}`))
      .to.contain('weight 60%')
      .and.contain('Members gave 60 points on average (from 50 to 70');
    expect(textOf(weighed.body, `criterion-${criterionIds[1]}`)).to.contain('Evidence needs sources.');
    expect(textOf(weighed.body, 'discussion'))
      .to.contain('Should we add <tone>?')
      .and.contain('Tone fits under Clarity.');

    await agree(ann, path);
    expect(textOf((await bob.get(path)).body, 'agreement')).to.contain('1 of 3 agreed');

    expectBack(
      await bob.post(`${path}/objections`, { reason: 'Evidence weighs too little.' }),
      path,
      'objected',
    );
    const objected = await cat.get(path);
    expect(textOf(objected.body, 'agreement'))
      .to.contain('1 of 3 agreed, 1 objection')
      .and.contain('Evidence weighs too little.');
    // Bob cannot agree while his objection is open.
    const blocked = await bob.post(`${path}/agreement`, {
      contentRevision: inputValues(objected.body, 'contentRevision')[0]!,
    });
    expect(blocked.status).to.equal(409);
    expect(blocked.body).to.contain(en.standard.notice.refused.reasons['own-objection-open']);
    const withdrawPath = formAction((await bob.get(path)).body, '/objections/');
    expectBack(await bob.post(withdrawPath), path, 'objection-withdrawn');

    await agree(bob, path);
    await agree(cat, path, 'ratified');
    const ratified = await ann.get(`${path}?done=ratified`);
    expect(textOf(ratified.body, 'agreement')).to.contain('Agreed: version 1');
    expect(ratified.body).to.contain(en.standard.done.ratified);
    expect(textOf(ratified.body, 'version-1'))
      .to.contain('Agreed by consent.')
      .and.contain('Clarity')
      .and.contain('60%');
    expect((await stored(taskId, teamId)).versions).to.have.length(1);

    // Amendment → version 2, version 1 stays as it was.
    expectBack(await bob.post(`${path}/amendment`), path, 'amendment-opened');
    const amending = await bob.get(path);
    expect(textOf(amending.body, 'agreement')).to.contain('Amending version 1');
    const clarity = criterionIds[0]!;
    const base = inputValues(amending.body, 'baseRevision')[0]!;
    expectBack(
      await bob.post(`${path}/criteria/${clarity}`, {
        ...criterionFields('Clear writing'),
        baseRevision: base,
      }),
      path,
      'edited',
    );
    await agree(ann, path);
    await agree(bob, path);
    await agree(cat, path, 'ratified');
    const v2 = await cat.get(path);
    expect(textOf(v2.body, 'agreement')).to.contain('Agreed: version 2');
    expect(textOf(v2.body, 'version-2')).to.contain('Clear writing');
    expect(textOf(v2.body, 'version-1')).to.contain('Clarity').and.not.contain('Clear writing');
    expect(textOf(v2.body, `criterion-${clarity}`))
      .to.contain('Edit history (2 revisions)')
      .and.contain('Revision 2 by');
    const standard = await stored(taskId, teamId);
    expect(standard.versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(standard.versions[0]!.criteria[0]!.name).to.equal('Clarity');

    // The learner home lists the team and links the standard.
    const home = await ann.get('/lti/app/my-teams');
    expect(home.status).to.equal(200);
    expect(pageText(home.body))
      .to.contain('Onboarding guide')
      .and.contain('Standard: agreed (version 2)')
      .and.contain('3 of 3 agreed');
    expect(home.body).to.contain(`href="${path}?ltik`);
  });

  it('refuses a learner of another team and of another course on every route, and changes nothing', async () => {
    const { taskId, teamId, path } = await newTask('Refusals');
    const [ann] = l as [LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    const page = await ann.get(path);
    const criterionId = inputValues(page.body, 'criterion')[0]!;
    expectBack(await ann.post(`${path}/objections`, { reason: 'Too vague.' }), path, 'objected');
    const objectionPath = formAction((await ann.get(path)).body, '/objections/');
    const before = await stored(taskId, teamId);

    const routes: Array<[string, Record<string, string | string[]>]> = [
      ['/criteria', criterionFields('Sneaky')],
      [`/criteria/${criterionId}`, { ...criterionFields('Sneaky'), baseRevision: '1' }],
      [`/criteria/${criterionId}/withdraw`, {}],
      ['/comments', { body: 'hello' }],
      ['/objections', { reason: 'no' }],
      [objectionPath.slice(path.length), {}],
      ['/weights', { criterion: [criterionId], basis: ['1'], points: ['100'] }],
      ['/agreement', { contentRevision: String(before.contentRevision) }],
      ['/agreement/withdraw', {}],
      ['/ratify', { contentRevision: String(before.contentRevision) }],
      ['/amendment', {}],
      ['/approve', { contentRevision: String(before.contentRevision) }],
      ['/lock', {}],
      ['/unlock', {}],
    ];
    for (const [who, outsider] of [
      ['another team', l[3]!],
      ['another course', otherCourseLearner],
    ] as const) {
      const get = await outsider.get(path);
      expect([403, 404], `${who}: GET`).to.include(get.status);
      expect(get.body).not.to.contain('Clarity');
      for (const [sub, fields] of routes) {
        const res = await outsider.post(`${path}${sub}`, fields);
        expect([403, 404], `${who}: POST ${sub}`).to.include(res.status);
        // Even a malformed body is refused for who they are, not for its shape.
        const malformed = await outsider.post(
          `${path}${sub}`,
          {},
          { contentType: 'application/json', rawBody: '[1]' },
        );
        expect([403, 404], `${who}: malformed POST ${sub}`).to.include(malformed.status);
      }
    }
    const after = await stored(taskId, teamId);
    expect(after.revision).to.equal(before.revision);
    expect(after.comments).to.deep.equal([]);
  });

  it('answers 400 to malformed ids and bodies, and changes nothing', async () => {
    const { taskId, teamId, path } = await newTask('Malformed');
    const [ann] = l as [LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    const before = await stored(taskId, teamId);
    expect((await ann.get(`/lti/app/tasks/${taskId}/teams/bad.id/standard`)).status).to.equal(400);
    expect(
      (await ann.post(`/lti/app/tasks/x%24y/teams/${teamId}/standard/comments`, { body: 'hi' })).status,
    ).to.equal(400);
    expect(
      (await ann.post(`${path}/criteria/bad$id`, { ...criterionFields('X'), baseRevision: '1' })).status,
    ).to.equal(400);
    const bad: Array<[string, Record<string, string | string[]>]> = [
      ['/criteria', { name: 'Only a name' }],
      ['/criteria', { ...criterionFields('Rows'), levelDescriptor: ['one'] }],
      ['/criteria/' + before.criteria[0]!.id, { ...criterionFields('X'), baseRevision: 'latest' }],
      ['/weights', { criterion: [before.criteria[0]!.id], basis: ['one'], points: ['100'] }],
      ['/weights', { criterion: [before.criteria[0]!.id, 'x'], basis: ['1'], points: ['100'] }],
      ['/agreement', {}],
      ['/comments', { body: ['two', 'bodies'] }],
      ['/comments', { body: 'hi', criterionId: '../x' }],
    ];
    for (const [sub, fields] of bad) {
      const res = await ann.post(`${path}${sub}`, fields);
      expect(res.status, `POST ${sub} ${JSON.stringify(fields)}`).to.equal(400);
      expect(res.body).to.contain(en.errors.badRequest.title);
    }
    const json = await ann.post(
      `${path}/comments`,
      {},
      { contentType: 'application/json', rawBody: JSON.stringify({ ltik: ann.ltik, body: { $gt: '' } }) },
    );
    expect(json.status).to.equal(400);
    expect((await stored(taskId, teamId)).revision).to.equal(before.revision);
  });

  it('explains the rules it enforces and keeps what the person typed', async () => {
    const { taskId, teamId, path } = await newTask('Rules');
    const [ann] = l as [LtiSession];
    const longName = 'N'.repeat(130);
    const res = await ann.post(`${path}/criteria`, {
      ...criterionFields(longName, 1),
    });
    expect(res.status).to.equal(422);
    const notice = textOf(res.body, 'notice');
    expect(notice).to.contain(en.standard.notice.invalid.title);
    expect(notice).to.contain('Name: this is too long (at most 120 characters).');
    expect(notice).to.contain('Levels: give at least 2 levels, each with a label and a description.');
    expect(inputValues(res.body, 'name')).to.include(longName);
    expect(inputValues(res.body, 'levelLabel')).to.include('Missing');
    expect((await stored(taskId, teamId)).criteria).to.deep.equal([]);

    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');
    const page = await ann.get(path);
    const weights = await ann.post(`${path}/weights`, {
      criterion: inputValues(page.body, 'criterion'),
      basis: inputValues(page.body, 'basis'),
      points: ['70', '20'],
    });
    expect(weights.status).to.equal(422);
    expect(textOf(weights.body, 'notice')).to.contain('Points: the points must add up to exactly 100.');
    expect(inputValues(weights.body, 'points')).to.deep.equal(['70', '20']);
    // Agreeing before the standard is complete is refused with the reason.
    // (The page offers no agree button yet; a hand-made request gets the reason.)
    const early = await ann.post(`${path}/agreement`, {
      contentRevision: String((await stored(taskId, teamId)).contentRevision),
    });
    expect(early.status).to.equal(409);
    expect(textOf(early.body, 'notice')).to.contain(en.standard.notice.refused.reasons['not-ready']);
  });

  it('shows "someone changed this" with the new version and the person’s unsaved input; nothing is lost', async () => {
    const { taskId, teamId, path } = await newTask('Conflicts');
    const [ann, bob, cat] = l as [LtiSession, LtiSession, LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');

    // Two members edit the same criterion from the same page.
    const seenByAnn = await ann.get(path);
    const seenByBob = await bob.get(path);
    const clarity = inputValues(seenByAnn.body, 'criterion')[0]!;
    expectBack(
      await ann.post(`${path}/criteria/${clarity}`, {
        ...criterionFields('Clear writing'),
        baseRevision: inputValues(seenByAnn.body, 'baseRevision')[0]!,
      }),
      path,
      'edited',
    );
    const stale = await bob.post(`${path}/criteria/${clarity}`, {
      ...criterionFields('Readability'),
      baseRevision: inputValues(seenByBob.body, 'baseRevision')[0]!,
    });
    expect(stale.status).to.equal(409);
    expect(textOf(stale.body, 'notice')).to.contain(en.standard.notice.conflict.title);
    const card = textOf(stale.body, `criterion-${clarity}`);
    expect(card).to.contain('Clear writing').and.contain(en.standard.criteria.editConflict);
    expect(inputValues(stale.body, 'name')).to.include('Readability');
    // Saving again from the conflict page is based on the new revision and keeps both in the history.
    expect(inputValues(stale.body, 'baseRevision')[0]).to.equal('2');
    let standard = await stored(taskId, teamId);
    expect(standard.criteria[0]!.revisions.map((r) => r.content.name)).to.deep.equal([
      'Clarity',
      'Clear writing',
    ]);

    // A weighting on criteria that changed meanwhile.
    const seenByCat = await cat.get(path);
    expectBack(await bob.post(`${path}/criteria`, criterionFields('Tone')), path, 'proposed');
    const staleWeights = await cat.post(`${path}/weights`, {
      criterion: inputValues(seenByCat.body, 'criterion'),
      basis: inputValues(seenByCat.body, 'basis'),
      points: ['55', '45'],
    });
    expect(staleWeights.status).to.equal(409);
    expect(textOf(staleWeights.body, 'weights')).to.contain(en.standard.weights.conflict);
    expect(inputValues(staleWeights.body, 'points')).to.deep.equal(['55', '45', '']);
    expect((await stored(taskId, teamId)).weightings).to.deep.equal([]);

    // An agreement to content that changed meanwhile.
    await weigh(ann, path, [40, 30, 30]);
    await weigh(bob, path, [40, 40, 20]);
    await weigh(cat, path, [50, 25, 25]);
    const agreeSeen = await ann.get(path);
    await weigh(bob, path, [30, 40, 30]);
    const staleAgree = await ann.post(`${path}/agreement`, {
      contentRevision: inputValues(agreeSeen.body, 'contentRevision')[0]!,
    });
    expect(staleAgree.status).to.equal(409);
    expect(textOf(staleAgree.body, 'notice')).to.contain(en.standard.notice.conflict.title);
    standard = await stored(taskId, teamId);
    expect(standard.agreements).to.deep.equal([]);
    expect(
      standard.weightings.find((w) => w.member === learnerId(2))!.points.map((p) => p.points),
    ).to.deep.equal([30, 40, 30]);

    // Simultaneous comments from three members all land.
    await Promise.all(
      [ann, bob, cat].map((who, i) => who.post(`${path}/comments`, { body: `At once ${i}` })),
    );
    expect((await stored(taskId, teamId)).comments.map((c) => c.body)).to.have.members([
      'At once 0',
      'At once 1',
      'At once 2',
    ]);
  });

  it('withdraws a criterion (kept in the history) and takes back an agreement', async () => {
    const { taskId, teamId, path } = await newTask('Withdrawals');
    const [ann, bob, cat] = l as [LtiSession, LtiSession, LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await bob.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');
    expectBack(await cat.post(`${path}/criteria`, criterionFields('Tone')), path, 'proposed');
    const tone = inputValues((await cat.get(path)).body, 'criterion')[2]!;
    expectBack(await cat.post(`${path}/criteria/${tone}/withdraw`), path, 'withdrawn');
    const page = await ann.get(path);
    expect(inputValues(page.body, 'criterion')).to.have.length(2);
    expect(pageText(page.body)).to.contain('Withdrawn criteria (1)');
    expect(textOf(page.body, 'criteria')).to.contain('Tone');
    await weigh(ann, path, [50, 50]);
    await weigh(bob, path, [60, 40]);
    await weigh(cat, path, [40, 60]);
    await agree(ann, path);
    expect((await stored(taskId, teamId)).agreements.map((a) => a.member)).to.deep.equal([learnerId(1)]);
    expectBack(await ann.post(`${path}/agreement/withdraw`), path, 'agreement-withdrawn');
    const after = await stored(taskId, teamId);
    expect(after.agreements).to.deep.equal([]);
    expect(after.criteria.find((c) => c.id === tone)?.withdrawn?.by).to.equal(learnerId(3));
    expect(textOf((await bob.get(path)).body, 'agreement')).to.contain('0 of 3 agreed');
  });

  it('allows amendments during work and none once peer review has opened', async () => {
    const { taskId, path } = await newTask('Late changes');
    const [ann, bob, cat] = l as [LtiSession, LtiSession, LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await bob.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');
    await weigh(ann, path, [50, 50]);
    await weigh(bob, path, [50, 50]);
    await weigh(cat, path, [60, 40]);
    await agree(ann, path);
    await agree(bob, path);
    await agree(cat, path, 'ratified');
    const deps = running.tool.teamwork();
    await advancePhase(deps, { ...facilitator(), taskId, to: 'work' });
    expect(textOf((await ann.get(path)).body, 'agreement')).to.contain(
      en.standard.agreement.amend.replace('{next}', '2'),
    );
    await advancePhase(deps, { ...facilitator(), taskId, to: 'peer-review' });
    const final = await ann.get(path);
    expect(textOf(final.body, 'agreement'))
      .to.contain(en.standard.phase['peer-review'])
      .and.not.contain(en.standard.agreement.amend.replace('{next}', '2'));
    const refused = await ann.post(`${path}/amendment`);
    expect(refused.status).to.equal(409);
    expect(textOf(refused.body, 'notice')).to.contain(
      en.standard.notice.refused.reasons['peer-review-opened'],
    );
    // Comments are closed too, and the typed text is handed back.
    const late = await bob.post(`${path}/comments`, { body: 'One more thought' });
    expect(late.status).to.equal(409);
    expect(textOf(late.body, 'notice')).to.contain('One more thought');
  });

  it('lets the facilitator read, comment, lock and unlock, but not act for the team', async () => {
    const { path } = await newTask('Facilitation');
    const [ann] = l as [LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    const view = await instructor.get(path);
    expect(view.status).to.equal(200);
    expect(pageText(view.body)).to.contain('Clarity').and.contain(en.standard.agreement.lock);
    expect(view.body).not.to.contain(`action="${path}/criteria?`);
    expectBack(
      await instructor.post(`${path}/comments`, { body: 'Add a level for excellence?' }),
      path,
      'commented',
    );
    expect((await instructor.post(`${path}/criteria`, criterionFields('Mine'))).status).to.equal(403);
    expectBack(await instructor.post(`${path}/lock`), path, 'locked');
    const locked = await ann.post(`${path}/criteria`, criterionFields('Evidence'));
    expect(locked.status).to.equal(409);
    expect(textOf(locked.body, 'notice')).to.contain(en.standard.notice.refused.reasons.locked);
    // The form is gone while locked; what the person typed is shown so it is not lost.
    expect(textOf(locked.body, 'notice')).to.contain(en.standard.notice.unsaved).and.contain('Evidence');
    const seen = await ann.get(path);
    expect(textOf(seen.body, 'discussion'))
      .to.contain('Add a level for excellence?')
      .and.contain('facilitator');
    expectBack(await instructor.post(`${path}/unlock`), path, 'unlocked');
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');
  });

  it('ratifies by facilitator approval of what the facilitator saw', async () => {
    const { path } = await newTask('Approval', 'facilitator-approval');
    const [ann, bob] = l as [LtiSession, LtiSession];
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Clarity')), path, 'proposed');
    expectBack(await ann.post(`${path}/criteria`, criterionFields('Evidence')), path, 'proposed');
    await weigh(ann, path, [60, 40]);
    const seen = await instructor.get(path);
    expect(textOf(seen.body, 'agreement')).to.contain('0 of 3 support it');
    await weigh(bob, path, [40, 60]);
    const stale = await instructor.post(`${path}/approve`, {
      contentRevision: inputValues(seen.body, 'contentRevision')[0]!,
    });
    expect(stale.status).to.equal(409);
    const fresh = await instructor.get(path);
    expectBack(
      await instructor.post(`${path}/approve`, {
        contentRevision: inputValues(fresh.body, 'contentRevision')[0]!,
      }),
      path,
      'approved',
    );
    expect(textOf((await ann.get(path)).body, 'version-1'))
      .to.contain('Approved by the facilitator.')
      .and.contain('50%');
  });

  it('speaks Dutch to a learner whose platform launches in Dutch', async () => {
    const { path } = await newTask('Taal');
    const dutch = await launchSession(running, 'demo-learner-2', undefined, { locale: 'nl-NL' });
    const page = await dutch.get(path);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('<html lang="nl">');
    expect(pageText(page.body)).to.contain('Standaard van Team 1').and.contain('Regel: consent.');
    const home = await dutch.get('/lti/app/my-teams');
    expect(pageText(home.body)).to.contain('Open de standaard van je team voor “Taal”');
  });

  it('shows a learner with no team an honest home, and ids from the other course stay apart', async () => {
    const home = await otherCourseLearner.get('/lti/app/my-teams');
    expect(home.status).to.equal(200);
    expect(pageText(home.body)).to.contain(en.launched.myTeams.noTeams);
    const demo = running.tool.demoPlatform()!;
    const inOther = await directory.idsOf({
      issuer: demo.registration.issuer,
      deploymentId: demo.registration.deploymentIds[0]!,
      contextId: 'demo-course-2',
      subject: 'demo-learner-6',
    });
    expect(inOther?.courseId).to.be.a('string').and.not.equal(courseId);
    expect(asCourseId(inOther!.courseId)).to.not.equal(asUserId(learnerId(1)));
  });
});
