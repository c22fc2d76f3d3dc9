/**
 * The team-task pages end to end over HTTP, through real launches on the demo platform: a
 * facilitator creates a task, forms teams and moves it through its phases; learners see their
 * team; learners and the facilitator of another course are refused every facilitator route;
 * bad input is answered 400 and changes nothing.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { asTeamTaskId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { currentPhase, type TeamTask } from '../../../../src/domain/team-task/team-task.js';
import type { TeamSet } from '../../../../src/domain/team/team.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { nl } from '../../../../src/web/i18n/messages/nl.js';
import { launchSession, redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

/** The demo platform's placement in its second course (same people, another course). */
const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';

const LEARNERS = [
  'demo-learner-1',
  'demo-learner-2',
  'demo-learner-3',
  'demo-learner-4',
  'demo-learner-5',
  'demo-learner-6',
];

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

function validTask(overrides: Record<string, string | readonly string[]> = {}) {
  return {
    title: 'Pitch deck',
    brief: 'Build a **pitch deck** for the client.\n\n<script>alert("x")</script>',
    outcome: 'Ten slides',
    phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
    'closesAt-standard-setting': '2099-01-10T12:00',
    consensusRule: 'majority',
    standardStart: 'blank',
    ...overrides,
  };
}

// Launches without NRPS claims: the roster is the six learners who launched, not all eight of the
// demo course (a facilitator's launch would otherwise sync the roster in the background).
const NO_ROSTER_SYNC = { services: false } as const;

describe('team task pages through a real launch', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  let learners: LtiSession[];
  let taskId: TeamTaskId;

  before(async () => {
    running = await startLtiTool();
    // Learners appear on the roster once they have launched.
    learners = [];
    for (const id of LEARNERS) learners.push(await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
  });
  after(async () => running?.stop());

  const teamwork = () => running.tool.teamwork();
  const taskNow = async (id: TeamTaskId = taskId): Promise<TeamTask> =>
    (await teamwork().teamTasks.findById(id))!;
  const teamsNow = async (id: TeamTaskId = taskId): Promise<TeamSet | undefined> =>
    teamwork().teamSets.findByTask(id);
  const taskCount = async () => (await running.countAppDocuments())['teamTasks'] ?? 0;
  const nameOf = (userId: string) => running.tool.demoPlatform()!.users.find((u) => u.id === userId)!.name;

  it('runs the phase scheduler as a worker of the tool', () => {
    expect(running.tool.workers.names()).to.include('phase-scheduler');
  });

  it('lets a facilitator create a task from the form; the brief is rendered as sanitised markdown', async () => {
    const form = await facilitator.get('/lti/app/tasks/new');
    expect(form.status).to.equal(200);
    expect(form.body).to.contain(`<h1>${en.tasks.form.newTitle}</h1>`);
    expect(form.body).to.contain('name="title"').and.contain('type="datetime-local"');
    // "From the library" is offered; with nothing in the library there is no standard to pick.
    expect(form.body).to.contain('value="library"').and.contain(en.library.noLibraryStandards);
    expect(form.body).not.to.contain('name="fromLibrary"');

    const created = await facilitator.post('/lti/app/tasks/new', validTask());
    expect(created.status).to.equal(303);
    const path = redirectPath(created);
    expect(path).to.match(/^\/lti\/app\/tasks\/[0-9a-f-]{36}$/);
    taskId = asTeamTaskId(path.split('/').at(-1)!);
    const stored = await taskNow();
    expect(stored).to.include({ title: 'Pitch deck', consensusRule: 'majority', outcome: 'Ten slides' });
    expect(stored.schedule['standard-setting']?.closesAt?.toISOString()).to.equal('2099-01-10T12:00:00.000Z');

    const page = await facilitator.get(path);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('<h1>Pitch deck</h1>');
    expect(page.body).to.contain('<strong>pitch deck</strong>');
    expect(page.body).to.contain('&lt;script&gt;');
    expect(page.body).not.to.contain('<script>alert');
    expect(page.body).to.contain('closes 10 Jan 2099, 12:00 UTC');
    expect(page.body).to.contain(escapeHtml('Form the teams (6 learners without a team).'));
  });

  it('lists the task with its phase, teams and to-do on the course page and the landing page', async () => {
    for (const body of [
      (await facilitator.get('/lti/app/course')).body,
      (await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC)).landing,
    ]) {
      expect(body).to.contain(en.tasks.course.newTask);
      expect(body).to.contain('>Pitch deck</a>');
      expect(body).to.contain('Phase: Setting up · Teams: 0');
    }
  });

  it('speaks Dutch to a Dutch launch', async () => {
    const dutch = await launchSession(running, 'demo-instructor', undefined, {
      locale: 'nl-NL',
      services: false,
    });
    expect(dutch.landing).to.contain(nl.tasks.course.newTask);
    const page = await dutch.get(`/lti/app/tasks/${taskId}`);
    expect(page.body).to.contain('Huidige fase: In voorbereiding');
    expect(page.body).to.contain(nl.tasks.page.teamsHeading);
  });

  it('answers invalid input with 400, the form again with its problems, and saves nothing', async () => {
    const before = await taskCount();
    const bad = await facilitator.post(
      '/lti/app/tasks/new',
      validTask({ title: '  ', phases: ['peer-review'], 'opensAt-peer-review': 'next tuesday' }),
    );
    expect(bad.status).to.equal(400);
    expect(bad.body).to.contain(en.tasks.form.issuesHeading);
    expect(bad.body).to.contain('Peer review: opens is not a date and time.');
    expect(bad.body).to.contain('value="next tuesday"');

    const domainBad = await facilitator.post(
      '/lti/app/tasks/new',
      validTask({ title: ' ', phases: ['peer-review'], 'closesAt-standard-setting': '' }),
    );
    expect(domainBad.status).to.equal(400);
    expect(domainBad.body).to.contain('Title is required.');
    expect(domainBad.body).to.contain('Phases peer review needs standard-setting.');
    expect(domainBad.body).to.contain(escapeHtml('Build a **pitch deck**'));
    expect(domainBad.body).to.match(/id="title"[^>]*aria-invalid="true"/);

    const library = await facilitator.post('/lti/app/tasks/new', validTask({ standardStart: 'library' }));
    expect(library.status).to.equal(400);
    const thinTemplate = await facilitator.post(
      '/lti/app/tasks/new',
      validTask({
        standardStart: 'template',
        'c0-name': 'Clarity',
        'c0-description': 'Clear',
        'c0-l0-label': 'Low',
        'c0-l0-descriptor': 'Vague',
      }),
    );
    expect(thinTemplate.status).to.equal(400);
    expect(thinTemplate.body).to.contain('Criterion 1 has too few entries.');
    expect(thinTemplate.body).to.contain('value="Clarity"');
    expect(await taskCount()).to.equal(before);
  });

  it('saves a facilitator template and shows it again on the edit form', async () => {
    const created = await facilitator.post(
      '/lti/app/tasks/new',
      validTask({
        title: 'Templated',
        standardStart: 'template',
        'c0-name': 'Clarity',
        'c0-description': 'Is the message clear?',
        'c0-l0-label': 'Unclear',
        'c0-l0-descriptor': 'Hard to follow',
        'c0-l1-label': 'Clear',
        'c0-l1-descriptor': 'Easy to follow',
      }),
    );
    expect(created.status).to.equal(303);
    const id = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    expect((await taskNow(id)).standardStart).to.deep.equal({
      kind: 'template',
      criteria: [
        {
          name: 'Clarity',
          description: 'Is the message clear?',
          levels: [
            { label: 'Unclear', descriptor: 'Hard to follow' },
            { label: 'Clear', descriptor: 'Easy to follow' },
          ],
        },
      ],
    });
    const edit = await facilitator.get(`/lti/app/tasks/${id}/edit`);
    expect(edit.status).to.equal(200);
    expect(edit.body).to.contain('value="Clarity"').and.contain('value="Easy to follow"');
    expect(edit.body).to.match(/id="start-template"[^>]*checked/);
  });

  it('forms random teams of the target size; the task page lists every team with member names', async () => {
    const res = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '3' });
    expect(res.status).to.equal(303);
    expect(redirectPath(res)).to.equal(`/lti/app/tasks/${taskId}`);
    const set = await teamsNow();
    expect(set?.mode).to.equal('random');
    expect(set?.teams.map((t) => t.members.length)).to.deep.equal([3, 3]);
    const page = (await facilitator.get(`/lti/app/tasks/${taskId}`)).body;
    expect(page).to.contain('<h3>Team 1</h3>').and.contain('<h3>Team 2</h3>');
    for (const id of LEARNERS) expect(page).to.contain(escapeHtml(nameOf(id)));
    expect(page).to.contain(en.tasks.page.standardsHeading);
  });

  it('moves the task on explicitly; stale, skipping and unconfirmed moves change nothing', async () => {
    const start = await taskNow();
    const moved = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
      to: 'standard-setting',
      revision: String(start.revision),
    });
    expect(moved.status).to.equal(303);
    expect(currentPhase(await taskNow())).to.equal('standard-setting');
    const page = (await facilitator.get(`/lti/app/tasks/${taskId}`)).body;
    expect(page).to.contain('Current phase: Standard-setting');
    expect(page).to.contain('Move to Work');
    expect(page).to.contain(en.tasks.page.endEarly);

    const revision = (await taskNow()).revision;
    const stale = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
      to: 'work',
      revision: String(start.revision),
    });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.contain(en.errors.versionConflict.message);
    expect(stale.body).to.contain('Current phase: Standard-setting');

    const skipping = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
      to: 'peer-review',
      revision: String(revision),
    });
    expect(skipping.status).to.equal(409);
    const unconfirmed = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
      to: 'closed',
      revision: String(revision),
    });
    expect(unconfirmed.status).to.equal(400);
    expect(unconfirmed.body).to.contain('Confirmation tick the box to confirm.');
    const nonsense = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
      to: 'nowhere',
      revision: 'x',
    });
    expect(nonsense.status).to.equal(400);
    expect((await taskNow()).revision).to.equal(revision);
    expect(currentPhase(await taskNow())).to.equal('standard-setting');
  });

  it('shows a learner their team, their teammates and the link to their team’s standard', async () => {
    const set = (await teamsNow())!;
    const learner = learners[0]!;
    const page = await learner.get(`/lti/app/tasks/${taskId}`);
    expect(page.status).to.equal(200);
    const subjectIds = await Promise.all(LEARNERS.map(async (id) => [id, await idOfSubject(id)] as const));
    const mine = set.teams.find((t) => t.members.includes(subjectIds[0]![1] as never))!;
    expect(page.body).to.contain(en.tasks.page.yourTeamHeading);
    for (const [subject, userId] of subjectIds) {
      const name = escapeHtml(nameOf(subject));
      if (subject === LEARNERS[0]) expect(page.body).to.contain(`${name} (you)`);
      else if (mine.members.includes(userId as never)) expect(page.body).to.contain(name);
      else expect(page.body).not.to.contain(name);
    }
    expect(page.body).to.contain(`/lti/app/tasks/${taskId}/teams/${mine.id}/standard?ltik`);
    expect(page.body).to.contain('Current phase: Standard-setting');
    expect(page.body).not.to.contain(en.tasks.page.phaseHeading);
    expect(page.body).not.to.contain(en.tasks.page.standardsHeading);
  });

  async function idOfSubject(subject: string): Promise<string> {
    const client = new MongoClient(running.started.databaseUri);
    try {
      const person = await client.db('teamloop').collection('people').findOne({ subject });
      return String(person!._id);
    } finally {
      await client.close();
    }
  }

  it('refuses a learner every facilitator route and changes nothing', async () => {
    const learner = learners[1]!;
    const before = { task: await taskNow(), teams: await teamsNow(), count: await taskCount() };
    const attempts = [
      await learner.get('/lti/app/tasks/new'),
      await learner.post('/lti/app/tasks/new', validTask({ title: 'Learner task' })),
      await learner.get(`/lti/app/tasks/${taskId}/edit`),
      await learner.post(
        `/lti/app/tasks/${taskId}/edit`,
        validTask({ title: 'Hijacked', revision: String(before.task.revision) }),
      ),
      await learner.post(`/lti/app/tasks/${taskId}/phase`, {
        to: 'work',
        revision: String(before.task.revision),
      }),
      await learner.get(`/lti/app/tasks/${taskId}/teams`),
      await learner.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2', confirm: '1' }),
      await learner.get('/lti/app/course'),
    ];
    expect(attempts.map((a) => a.status)).to.deep.equal([403, 403, 403, 403, 403, 403, 403, 403]);
    expect(await taskNow()).to.deep.equal(before.task);
    expect(await teamsNow()).to.deep.equal(before.teams);
    expect(await taskCount()).to.equal(before.count);
  });

  it('refuses the facilitator and a learner of another course everything about this task', async () => {
    const otherFacilitator = await launchSession(running, 'demo-instructor', OTHER_COURSE_PLACEMENT_ID);
    expect(otherFacilitator.landing).to.contain('Teamloop demo course 2');
    expect(otherFacilitator.landing).not.to.contain('Pitch deck');
    const before = { task: await taskNow(), teams: await teamsNow() };
    const attempts = [
      await otherFacilitator.get(`/lti/app/tasks/${taskId}`),
      await otherFacilitator.get(`/lti/app/tasks/${taskId}/edit`),
      await otherFacilitator.post(
        `/lti/app/tasks/${taskId}/edit`,
        validTask({ title: 'Hijacked', revision: String(before.task.revision) }),
      ),
      await otherFacilitator.post(`/lti/app/tasks/${taskId}/phase`, {
        to: 'work',
        revision: String(before.task.revision),
      }),
      await otherFacilitator.get(`/lti/app/tasks/${taskId}/teams`),
      await otherFacilitator.post(`/lti/app/tasks/${taskId}/teams`, {
        mode: 'random',
        targetSize: '2',
        confirm: '1',
      }),
    ];
    expect(attempts.map((a) => a.status)).to.deep.equal([403, 403, 403, 403, 403, 403]);
    const otherLearner = await launchSession(running, 'demo-learner-8', OTHER_COURSE_PLACEMENT_ID);
    expect((await otherLearner.get(`/lti/app/tasks/${taskId}`)).status).to.equal(403);
    expect((await otherLearner.post(`/lti/app/tasks/${taskId}/teams/leave`, {})).status).to.equal(403);
    expect(await taskNow()).to.deep.equal(before.task);
    expect(await teamsNow()).to.deep.equal(before.teams);
  });

  it('answers 404 for an unknown or malformed task id', async () => {
    expect((await facilitator.get('/lti/app/tasks/00000000-0000-4000-8000-000000000000')).status).to.equal(
      404,
    );
    expect((await facilitator.get('/lti/app/tasks/not%20an%20id$')).status).to.equal(404);
    expect(
      (await facilitator.post('/lti/app/tasks/bad$id/phase', { to: 'work', revision: '1' })).status,
    ).to.equal(404);
  });

  it('after work starts, changes teams only with the explicit confirmation, keeping team ids', async () => {
    const revision = (await taskNow()).revision;
    expect(
      (await facilitator.post(`/lti/app/tasks/${taskId}/phase`, { to: 'work', revision: String(revision) }))
        .status,
    ).to.equal(303);
    const before = (await teamsNow())!;
    const page = await facilitator.get(`/lti/app/tasks/${taskId}/teams`);
    expect(page.body).to.contain(escapeHtml(en.tasks.teams.workStarted));
    const unconfirmed = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
      mode: 'random',
      targetSize: '2',
    });
    expect(unconfirmed.status).to.equal(400);
    expect(unconfirmed.body).to.contain('Confirmation tick the box to confirm.');
    expect(await teamsNow()).to.deep.equal(before);

    const [first, second] = before.teams;
    const moving = first!.members[0]!;
    const assignments: Record<string, string> = {};
    for (const team of before.teams)
      for (const m of team.members) assignments[`assign-${m}`] = `team:${team.id}`;
    assignments[`assign-${moving}`] = `team:${second!.id}`;
    const moved = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
      mode: 'manual',
      confirm: '1',
      revision: String(before.revision),
      ...assignments,
    });
    expect(moved.status).to.equal(303);
    const after = (await teamsNow())!;
    expect(after.teams.map((t) => t.id)).to.deep.equal([first!.id, second!.id]);
    expect(after.teams[1]!.members).to.include(moving);
    expect(after.teams[0]!.members).not.to.include(moving);
  });

  it('lets learners choose a team (up to its maximum size) and leave it again; copies teams from another task', async () => {
    const created = await facilitator.post('/lti/app/tasks/new', validTask({ title: 'Self-selected' }));
    const id = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    const opened = await facilitator.post(`/lti/app/tasks/${id}/teams`, {
      mode: 'self-selection',
      teamCount: '2',
      maxSize: '1',
    });
    expect(opened.status).to.equal(303);
    const [red] = (await teamsNow(id))!.teams;
    const [ann, bob] = learners;
    const choose = await ann!.get(`/lti/app/tasks/${id}`);
    expect(choose.body).to.contain(en.tasks.page.chooseHeading).and.contain('Join Team 1');
    expect((await ann!.post(`/lti/app/tasks/${id}/teams/join`, { teamId: red!.id })).status).to.equal(303);
    const joined = await ann!.get(`/lti/app/tasks/${id}`);
    expect(joined.body).to.contain('Members of Team 1').and.contain('Leave Team 1');
    expect((await bob!.get(`/lti/app/tasks/${id}`)).body).to.contain('Team 1 is full');
    expect((await bob!.post(`/lti/app/tasks/${id}/teams/join`, { teamId: red!.id })).status).to.equal(422);
    expect((await bob!.post(`/lti/app/tasks/${id}/teams/join`, { teamId: '$$' })).status).to.equal(422);
    expect((await ann!.post(`/lti/app/tasks/${id}/teams/leave`, {})).status).to.equal(303);
    expect((await teamsNow(id))!.teams.flatMap((t) => t.members)).to.deep.equal([]);

    const copied = await facilitator.post(`/lti/app/tasks/${id}/teams`, { mode: 'copied', source: taskId });
    expect(copied.status).to.equal(303);
    const source = (await teamsNow())!;
    expect((await teamsNow(id))!.teams.map((t) => t.members)).to.deep.equal(
      source.teams.map((t) => t.members),
    );
  });

  it('edits a started task: title and dates change, the phases stay fixed; a stale form gets 409', async () => {
    const task = await taskNow();
    const form = await facilitator.get(`/lti/app/tasks/${taskId}/edit`);
    expect(form.status).to.equal(200);
    expect(form.body).to.contain(escapeHtml(en.tasks.form.fixedAfterSetup));
    expect(form.body).not.to.contain('type="checkbox"');
    const saved = await facilitator.post(`/lti/app/tasks/${taskId}/edit`, {
      ...validTask({ title: 'Pitch deck v2' }),
      revision: String(task.revision),
    });
    expect(saved.status).to.equal(303);
    expect((await taskNow()).title).to.equal('Pitch deck v2');
    const stale = await facilitator.post(`/lti/app/tasks/${taskId}/edit`, {
      ...validTask({ title: 'Lost update' }),
      revision: String(task.revision),
    });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.contain(en.errors.versionConflict.message);
    expect((await taskNow()).title).to.equal('Pitch deck v2');
  });
});
