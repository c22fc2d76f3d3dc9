/**
 * A launch through the demo platform enqueues one xAPI `launched` statement in the same
 * transaction as the person, course and membership; a refused launch enqueues nothing; the
 * delivery pass takes the statement to a real (local) LRS.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { followLaunch } from '../../helpers/follow-launch.js';
import { startLocalLrs, type LocalLrs } from '../../helpers/local-lrs.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';
import { xapiProblems } from '../../helpers/xapi-validate.js';

const LAUNCHED = 'http://adlnet.gov/expapi/verbs/launched';

interface OutboxRow {
  _id: string;
  payload: string;
  status: string;
}

describe('xAPI statement of an LTI launch (demo platform, real HTTP, real LRS)', function () {
  this.timeout(60_000);
  let lrs: LocalLrs;
  let running: RunningLtiTool;
  let client: MongoClient;

  before(async () => {
    lrs = await startLocalLrs();
    running = await startLtiTool({
      LRS_ENDPOINT: lrs.endpoint,
      LRS_USERNAME: lrs.username,
      LRS_PASSWORD: lrs.password,
      XAPI_DELIVERY: 'off',
    });
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
  });
  after(async () => {
    await client?.close();
    await running?.stop();
    await lrs?.stop();
  });

  function demo() {
    const platform = running.tool.demoPlatform();
    if (platform === undefined) throw new Error('demo platform not started');
    return platform;
  }
  const outbox = () => client.db('teamloop').collection<OutboxRow>('xapiOutbox');
  const launchedRows = async (): Promise<OutboxRow[]> =>
    (await outbox().find({}).toArray()).filter(
      (row) => (JSON.parse(row.payload) as { verb: { id: string } }).verb.id === LAUNCHED,
    );

  it('enqueues exactly one valid `launched` statement with a pseudonymous actor per learner launch', async () => {
    const learner = demo().users.find((u) => u.role === 'learner')!;
    const before = await launchedRows();
    const launch = await followLaunch(running.url + demo().launchPath(learner.id));
    expect(launch.response.status).to.equal(200);

    const rows = await launchedRows();
    expect(rows).to.have.length(before.length + 1);
    const row = rows.find((r) => !before.some((b) => b._id === r._id))!;
    expect(row.status).to.equal('pending');
    const statement = JSON.parse(row.payload) as {
      id: string;
      actor: { account?: { homePage: string; name: string }; mbox?: string };
      object: { id: string };
      context: { contextActivities: Record<string, Array<{ id: string }>>; extensions?: unknown };
    };
    expect(xapiProblems(statement)).to.deep.equal([]);
    expect(statement.id).to.equal(row._id);
    // Pseudonymous (the default privacy): an opaque account, neither the name, the e-mail nor the sub.
    const actor = statement.actor;
    expect(actor.mbox).to.equal(undefined);
    expect(actor.account!.homePage.startsWith(running.url)).to.equal(true);
    const payload = row.payload;
    for (const secret of [learner.name, learner.email, learner.id]) expect(payload).not.to.contain(secret);
    // Object: the placement; context: course (grouping) and placement's course (parent).
    expect(statement.object.id).to.contain(encodeURIComponent('demo-team-task-1'));
    const activities = statement.context.contextActivities;
    const contextIds = Object.values(activities)
      .flat()
      .map((a) => a.id);
    expect(contextIds.some((id) => id.includes(encodeURIComponent(demo().course.id)))).to.equal(true);
    expect(statement.context.extensions).to.be.an('object');

    // Reloading the landing page is the same launch: records refreshed, no second statement.
    const landing = launch.steps.at(-1)!.url;
    const again = await fetch(landing, { headers: { cookie: launch.cookies.header() } });
    expect(again.status).to.equal(200);
    expect(await launchedRows()).to.have.length(before.length + 1);

    // A new launch of the same learner is a new event.
    await followLaunch(running.url + demo().launchPath(learner.id));
    expect(await launchedRows()).to.have.length(before.length + 2);
  });

  it('enqueues nothing for a refused launch (unknown deployment)', async () => {
    const registration = demo().registration;
    const learner = demo().users.find((u) => u.role === 'learner')!;
    const before = await outbox().countDocuments();
    const peopleBefore = await client.db('teamloop').collection('people').countDocuments();
    await running.tool.lti.registerPlatform(
      { ...registration, deploymentIds: ['some-other-deployment'] },
      'cli',
    );
    try {
      const launch = await followLaunch(running.url + demo().launchPath(learner.id));
      expect(launch.response.status).to.be.within(400, 499);
      expect(launch.body).to.contain('not set up for this deployment');
    } finally {
      await running.tool.lti.registerPlatform(registration, 'demo');
    }
    expect(await outbox().countDocuments()).to.equal(before);
    expect(await client.db('teamloop').collection('people').countDocuments()).to.equal(peopleBefore);
  });

  it('delivers the launch statement to the LRS, readable back by verb', async () => {
    const instructor = demo().users.find((u) => u.role === 'instructor')!;
    const launch = await followLaunch(running.url + demo().launchPath(instructor.id));
    expect(launch.response.status).to.equal(200);
    const pending = await outbox().find({ status: 'pending' }).toArray();
    expect(pending.length).to.be.greaterThan(0);

    await running.tool.xapi().delivery.deliverOnce();

    expect(await outbox().countDocuments({ status: 'pending' })).to.equal(0);
    const stored = await lrs.query({ verb: LAUNCHED });
    const ids = stored.map((s) => s['id']);
    for (const row of pending) expect(ids).to.include(row._id);
    const mine = stored.find((s) => s['id'] === pending.at(-1)!._id)!;
    expect(JSON.stringify(mine['actor'])).not.to.contain(instructor.email);
  });
});
