/**
 * Deep Linking and grade passback through the demo platform over real HTTP: an instructor adds a
 * graded team task from the demo course ("add activity"), the platform verifies our signed
 * response and adds the activity with its line item, launches of that link open the task, and
 * scores published through the GradebookPort reach the demo gradebook — also after 5xx/429
 * answers, and after a failure the facilitator retries. An unconfigured link is set up in place.
 */
import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import { asTeamTaskId, asUserId } from '../../../../src/domain/shared/ids.js';
import { findAutoSubmitForm, followLaunch } from '../../../helpers/follow-launch.js';
import { eventually, launchSession } from '../../../helpers/advantage-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const FAST_GRADES = {
  GRADE_PUBLISH_POLL_INTERVAL_MS: '50',
  GRADE_PUBLISH_RETRY_BASE_MS: '50',
  GRADE_PUBLISH_MAX_ATTEMPTS: '3',
};

describe('deep linking and grade passback (AGS) through the demo platform', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let client: MongoClient;
  let db: Db;
  let placed: { linkId: string; taskId: string; placementId: string };

  before(async () => {
    running = await startLtiTool(FAST_GRADES);
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
    db = client.db('teamloop');
  });
  after(async () => {
    await client?.close();
    await running?.stop();
  });

  const demo = () => running.tool.demoPlatform()!;
  const personId = async (subject: string) =>
    asUserId(String((await db.collection('people').findOne({ subject }))!._id));
  const gradebookRow = async (userId: string) => {
    const html = await (await fetch(`${running.url}/demo/gradebook`)).text();
    return [...html.matchAll(/<tr data-user="([^"]*)">([\s\S]*?)<\/tr>/g)]
      .filter((m) => m[1] === userId)
      .map((m) =>
        m[2]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
  };
  const publication = (taskId: string, subject: string) =>
    db.collection('gradePublications').findOne({ taskId, subject });

  it('places a graded team task by deep linking; the platform adds it with a line item', async () => {
    const selection = await followLaunch(running.url + demo().deepLinkPath('demo-instructor'));
    expect(
      selection.response.status,
      JSON.stringify(
        running.log
          .lines()
          .filter((l) => Number(l['level']) >= 50)
          .slice(-2),
      ),
    ).to.equal(200);
    expect(selection.steps.at(-1)!.url).to.match(/\/lti\/app\/deep-linking\?ltik=/);
    expect(selection.body).to.contain('<h1>Add Teamloop to your course</h1>');
    const ltik = new URL(selection.steps.at(-1)!.url).searchParams.get('ltik')!;

    const answer = await fetch(`${running.url}/lti/app/deep-linking`, {
      method: 'POST',
      headers: { cookie: selection.cookies.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ltik,
        choice: 'new',
        title: 'Bridge design',
        graded: 'on',
        maxPoints: '20',
      }),
    });
    expect(answer.status).to.equal(200);
    const form = findAutoSubmitForm(await answer.text());
    expect(form?.action).to.equal(`${demo().registration.issuer}/deep-link/return`);
    const returned = await fetch(form!.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form!.fields),
    });
    const returnedPage = await returned.text();
    expect(returned.status, returnedPage).to.equal(200);
    expect(returnedPage).to.contain('added “Bridge design” to the course');

    const link = await db
      .collection<{ _id: string; [key: string]: unknown }>('demoPlatformPlacements')
      .findOne({ title: 'Bridge design' });
    expect(link).to.not.equal(null);
    const custom = link!['custom'] as Record<string, string>;
    const task = await db.collection('teamTasks').findOne({ title: 'Bridge design' });
    expect(custom['teamloop_task']).to.equal(String(task!._id));
    const lineItem = await db
      .collection<{ _id: string; [key: string]: unknown }>('demoPlatformLineItems')
      .findOne({ _id: String(link!['lineItemId']) });
    expect(lineItem).to.include({ scoreMaximum: 20, resourceLinkId: link!._id, label: 'Bridge design' });
    placed = { linkId: link!._id, taskId: String(task!._id), placementId: custom['teamloop_placement']! };

    const course = await (await fetch(`${running.url}/demo`)).text();
    expect(course).to.contain('Bridge design (graded, 20 points)');
  });

  it('launching the placed link opens its team task, for the instructor and for learners', async () => {
    for (const user of ['demo-instructor', 'demo-learner-1']) {
      const launch = await followLaunch(running.url + demo().launchPath(user, placed.linkId));
      const taskPath = launch.steps.find((s) => new URL(s.url).pathname.startsWith('/lti/app/tasks/'));
      expect(taskPath, JSON.stringify(launch.steps)).to.not.equal(undefined);
      expect(new URL(taskPath!.url).pathname).to.equal(`/lti/app/tasks/${placed.taskId}`);
    }
    const placement = await db
      .collection<{ _id: string; [key: string]: unknown }>('placements')
      .findOne({ _id: placed.placementId });
    expect(placement).to.include({ resourceLinkId: placed.linkId, graded: true, scoreMaximum: 20 });
    expect(String(placement!['lineItemUrl'])).to.match(/\/lineitem\?type_id=1$/);
  });

  it('a published score appears in the demo gradebook, without the request waiting on the LMS', async () => {
    const learner = await personId('demo-learner-1');
    // Services reach the port through TeamworkDeps (issue 7's grading calls it this way).
    const result = await running.tool.teamwork().gradebook!.publish({
      taskId: asTeamTaskId(placed.taskId),
      userId: learner,
      score: 17,
      max: 20,
      comment: 'Clear criteria, good reviews',
    });
    expect(result).to.deep.equal({ queued: 1 });
    const row = await eventually(async () => {
      const rows = await gradebookRow('demo-learner-1');
      return rows.length > 0 ? rows[0] : undefined;
    });
    expect(row).to.contain('Sam Bakker 17 / 20 Completed, FullyGraded Clear criteria, good reviews');
    expect(await publication(placed.taskId, 'demo-learner-1')).to.include({ status: 'sent', attempts: 0 });
  });

  it('retries after 503 and 429 (honouring Retry-After) and then succeeds', async () => {
    const learner = await personId('demo-learner-2');
    demo().failNextScores(1, { status: 503 });
    demo().failNextScores(1, { status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await running.tool
      .gradebook()
      .publish({ taskId: asTeamTaskId(placed.taskId), userId: learner, score: 12, max: 20 });
    const sent = await eventually(async () => {
      const doc = await publication(placed.taskId, 'demo-learner-2');
      return doc?.['status'] === 'sent' ? doc : undefined;
    });
    expect(sent['attempts']).to.equal(2);
    expect(Date.now() - started).to.be.at.least(1000);
    expect((await gradebookRow('demo-learner-2'))[0]).to.contain('12 / 20');
  });

  it('a publish that keeps failing is shown to the facilitator, who sends it again', async () => {
    const learner = await personId('demo-learner-3');
    demo().failNextScores(3, { status: 500 });
    await running.tool
      .gradebook()
      .publish({ taskId: asTeamTaskId(placed.taskId), userId: learner, score: 9, max: 20 });
    const failed = await eventually(async () => {
      const doc = await publication(placed.taskId, 'demo-learner-3');
      return doc?.['status'] === 'failed' ? doc : undefined;
    });
    expect(failed).to.include({ attempts: 3, lastStatus: 500 });
    expect(await gradebookRow('demo-learner-3')).to.deep.equal([]);

    const facilitator = await launchSession(running.url, demo().launchPath('demo-instructor'));
    expect(facilitator.launch.body).to.contain('1 score could not be sent to your learning platform.');
    const page = await (await facilitator.get('/lti/app/course/grades')).text();
    const failedRow = /<tr data-status="failed">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    expect(failedRow).to.contain('Lucas Visser');
    expect(failedRow).to.contain('Bridge design');
    const retry = await facilitator.post(
      `/lti/app/course/grades/${encodeURIComponent(String(failed._id))}/retry`,
    );
    expect(retry.status).to.equal(303);
    await eventually(async () => ((await gradebookRow('demo-learner-3')).length > 0 ? true : undefined));
    expect((await gradebookRow('demo-learner-3'))[0]).to.contain('9 / 20');

    const learnerSession = await launchSession(running.url, demo().launchPath('demo-learner-4'));
    expect((await learnerSession.get('/lti/app/course/grades')).status).to.equal(403);
    expect(
      (await learnerSession.post(`/lti/app/course/grades/${encodeURIComponent(String(failed._id))}/retry`))
        .status,
    ).to.equal(403);
  });

  it('a refusal (400) is not retried', async () => {
    const learner = await personId('demo-learner-5');
    demo().failNextScores(1, { status: 400 });
    await running.tool
      .gradebook()
      .publish({ taskId: asTeamTaskId(placed.taskId), userId: learner, score: 5, max: 20 });
    const failed = await eventually(async () => {
      const doc = await publication(placed.taskId, 'demo-learner-5');
      return doc?.['status'] === 'failed' ? doc : undefined;
    });
    expect(failed).to.include({ attempts: 1, lastStatus: 400 });
  });

  it('sets up an unconfigured link in place; the tool finds or creates its line item', async () => {
    const facilitator = await launchSession(
      running.url,
      demo().launchPath('demo-instructor', 'demo-team-task-2'),
    );
    expect(facilitator.launch.body).to.contain('This activity is not connected to a team task yet.');
    const formPage = await facilitator.get('/lti/app/placement/setup');
    expect(formPage.status).to.equal(200);

    const invalid = await facilitator.post('/lti/app/placement/setup', {
      choice: 'new',
      title: 'Essay',
      graded: 'on',
      maxPoints: '0',
    });
    expect(invalid.status).to.equal(422);
    expect(await invalid.text()).to.contain('Enter maximum points as a whole number from 1 to 10000.');
    expect(await db.collection('teamTasks').countDocuments({ title: 'Essay' })).to.equal(0);

    const done = await facilitator.post('/lti/app/placement/setup', {
      choice: 'copy',
      source: placed.taskId,
      title: 'Essay',
      graded: 'on',
      maxPoints: '10',
    });
    expect(done.status).to.equal(303);
    const copy = await db.collection('teamTasks').findOne({ title: 'Essay' });
    expect(done.headers.get('location')).to.match(new RegExp(`^/lti/app/tasks/${String(copy!._id)}\\?ltik=`));

    const again = await followLaunch(running.url + demo().launchPath('demo-learner-6', 'demo-team-task-2'));
    expect(
      again.steps.some((s) => new URL(s.url).pathname === `/lti/app/tasks/${String(copy!._id)}`),
    ).to.equal(true);

    await running.tool.gradebook().publish({
      taskId: asTeamTaskId(String(copy!._id)),
      userId: await personId('demo-learner-6'),
      score: 8,
      max: 10,
    });
    await eventually(async () => ((await gradebookRow('demo-learner-6')).length > 0 ? true : undefined));
    const created = await db
      .collection('demoPlatformLineItems')
      .findOne({ resourceLinkId: 'demo-team-task-2' });
    expect(created).to.include({ label: 'Essay', scoreMaximum: 10, tag: 'teamloop' });
    expect((await gradebookRow('demo-learner-6'))[0]).to.contain('8 / 10');
  });

  it('refuses placing to learners and invalid scores to the port', async () => {
    const learner = await launchSession(running.url, demo().launchPath('demo-learner-7', 'demo-team-task-1'));
    expect((await learner.get('/lti/app/placement/setup')).status).to.equal(403);
    expect((await learner.post('/lti/app/deep-linking', { choice: 'new', title: 'X' })).status).to.equal(403);
    const error = await running.tool
      .gradebook()
      .publish({
        taskId: asTeamTaskId(placed.taskId),
        userId: await personId('demo-learner-7'),
        score: 30,
        max: 20,
      })
      .catch((err: unknown) => err);
    expect(error).to.have.property('code', 'invalid-input');
  });
});

describe('a platform without NRPS and AGS claims', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let client: MongoClient;

  before(async () => {
    running = await startLtiTool(FAST_GRADES);
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
  });
  after(async () => {
    await client?.close();
    await running?.stop();
  });

  it('builds the roster from launches and queues no grades', async () => {
    const demo = running.tool.demoPlatform()!;
    const db = client.db('teamloop');
    const facilitator = await launchSession(
      running.url,
      demo.launchPath('demo-instructor', 'demo-team-task-1', { services: false }),
    );
    for (const learner of ['demo-learner-1', 'demo-learner-2']) {
      await followLaunch(running.url + demo.launchPath(learner, 'demo-team-task-1', { services: false }));
    }
    const course = await db.collection('courses').findOne({ contextId: demo.course.id });
    expect(course!['membershipsUrl']).to.equal(undefined);
    expect(course!['roster']).to.equal(undefined);
    const learners = await running.tool.teamwork().roster.learnersOf(String(course!._id) as never);
    expect(learners).to.have.length(2);

    const rosterPage = await (await facilitator.get('/lti/app/course/roster')).text();
    expect(rosterPage).to.contain('does not share its course roster');
    const sync = await facilitator.post('/lti/app/course/roster/sync');
    expect(sync.headers.get('location')).to.match(/sync=unavailable/);

    const setup = await facilitator.post('/lti/app/placement/setup', {
      choice: 'new',
      title: 'Poster',
      graded: 'on',
      maxPoints: '10',
    });
    expect(setup.status).to.equal(303);
    const task = await db.collection('teamTasks').findOne({ title: 'Poster' });
    const result = await running.tool.gradebook().publish({
      taskId: asTeamTaskId(String(task!._id)),
      userId: asUserId(String((await db.collection('people').findOne({ subject: 'demo-learner-1' }))!._id)),
      score: 5,
      max: 10,
    });
    expect(result).to.deep.equal({ queued: 0 });
    expect(await db.collection('gradePublications').countDocuments()).to.equal(0);
  });
});
