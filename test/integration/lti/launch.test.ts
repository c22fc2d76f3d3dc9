import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { followLaunch } from '../../helpers/follow-launch.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';

describe('LTI launch through the demo platform (end to end over HTTP)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;

  before(async () => {
    running = await startLtiTool();
  });
  after(async () => {
    await running?.stop();
  });

  function demo() {
    const platform = running.tool.demoPlatform();
    if (platform === undefined) throw new Error('demo platform not started');
    return platform;
  }

  it('lands an instructor on the course overview and records person, course and membership', async () => {
    const instructor = demo().users.find((u) => u.role === 'instructor')!;
    const launch = await followLaunch(running.url + demo().launchPath(instructor.id));
    expect(launch.response.status).to.equal(200);
    expect(launch.body).to.contain('<h1>Course overview</h1>');
    expect(launch.body).to.contain(demo().course.title);
    const last = launch.steps.at(-1)!;
    expect(last.url).to.match(/\/lti\/launch\?ltik=/);

    const client = new MongoClient(running.started.databaseUri);
    try {
      const db = client.db('teamloop');
      const person = await db.collection('people').findOne({ subject: instructor.id });
      expect(person).to.include({ issuer: demo().registration.issuer, name: instructor.name });
      const course = await db.collection('courses').findOne({ contextId: demo().course.id });
      expect(course).to.include({
        title: demo().course.title,
        deploymentId: demo().registration.deploymentIds[0],
      });
      const membership = await db
        .collection('memberships')
        .findOne({ personId: person!._id, courseId: course!._id });
      expect(membership!['roles']).to.deep.equal(['facilitator']);
    } finally {
      await client.close();
    }
  });

  it('lands a learner on "my teams" with an honest empty state', async () => {
    const learner = demo().users.find((u) => u.role === 'learner')!;
    const launch = await followLaunch(running.url + demo().launchPath(learner.id));
    expect(launch.response.status).to.equal(200);
    expect(launch.body).to.contain('<h1>My teams</h1>');
    expect(launch.body).to.contain('You are not in a team yet.');
  });

  it('keeps the session on later pages only with the ltik and the session cookie', async () => {
    const instructor = demo().users.find((u) => u.role === 'instructor')!;
    const launch = await followLaunch(running.url + demo().launchPath(instructor.id));
    const ltik = new URL(launch.steps.at(-1)!.url).searchParams.get('ltik')!;
    const withSession = await fetch(`${running.url}/lti/app/course?ltik=${ltik}`, {
      headers: { cookie: launch.cookies.header() },
    });
    expect(withSession.status).to.equal(200);
    expect(await withSession.text()).to.contain('<h1>Course overview</h1>');
    const noCookie = await fetch(`${running.url}/lti/app/course?ltik=${ltik}`);
    expect(noCookie.status).to.equal(401);
    expect(await noCookie.text()).to.contain('Your Teamloop session has ended.');
    const learnerPageAsInstructor = await fetch(`${running.url}/lti/app/my-teams?ltik=${ltik}`, {
      headers: { cookie: launch.cookies.header() },
    });
    expect(learnerPageAsInstructor.status).to.equal(403);
  });

  it('allows the registered platform origin to frame the tool', async () => {
    const res = await fetch(`${running.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).to.match(new RegExp(`frame-ancestors 'self' ${new URL(demo().registration.issuer).origin}`));
  });
});
