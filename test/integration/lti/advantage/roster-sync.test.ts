/**
 * Roster sync (NRPS 2.0) through the demo platform over real HTTP: the demo roster of 9 comes in
 * pages of 4, learners listed with full role URIs and with short names both count as learners,
 * members removed on the platform become inactive (kept), and only facilitators may sync.
 */
import { expect } from 'chai';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { asCourseId } from '../../../../src/domain/shared/ids.js';
import { eventually, launchSession } from '../../../helpers/advantage-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

describe('roster sync with names and roles (NRPS) through the demo platform', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let client: MongoClient;
  let db: Db;

  before(async () => {
    running = await startLtiTool();
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
    db = client.db('teamloop');
  });
  after(async () => {
    await client?.close();
    await running?.stop();
  });

  const demo = () => running.tool.demoPlatform()!;
  const course = () => db.collection('courses').findOne({ contextId: demo().course.id });
  const learnerNames = async (courseId: string) => {
    const ids = await running.tool.teamwork().roster.learnersOf(asCourseId(courseId));
    const people = await db
      .collection('people')
      .find({ _id: { $in: ids.map((id) => new ObjectId(id)) } })
      .toArray();
    return people.map((p) => String(p['name'])).sort();
  };

  it('syncs the whole roster in the background when a facilitator launches, page by page', async () => {
    const facilitator = await launchSession(running.url, demo().launchPath('demo-instructor'));
    expect(facilitator.launch.response.status).to.equal(200);
    const synced = await eventually(async () => {
      const c = await course();
      return c?.['roster']?.['status'] === 'ok' ? c : undefined;
    });
    expect(synced['roster']).to.include({ pages: 3, activeCount: 9, inactiveCount: 0 });
    const learners = await learnerNames(String(synced._id));
    expect(learners).to.have.length(8);
    expect(learners).to.include.members(['Sam Bakker', 'Noor de Vries', 'Zoë Bos']);
    const fromRoster = await db
      .collection('memberships')
      .countDocuments({ courseId: synced._id, source: 'roster', active: true });
    expect(fromRoster).to.equal(8);

    // The course overview counts them, and says where they come from: only the instructor launched.
    const overview = await (await facilitator.get('/lti/app/course')).text();
    expect(overview).to.contain(
      '<p>In this course: 1 facilitator and 8 learners (from launches and the LMS roster).</p>',
    );
  });

  it('marks members removed on the platform inactive on the next sync, and keeps them', async () => {
    const facilitator = await launchSession(running.url, demo().launchPath('demo-instructor'));
    // The demo course page's administration button (a form POST), as a person would use it.
    const removed = await fetch(`${running.url}/demo/course/members/demo-learner-3/remove`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(removed.status).to.equal(303);
    expect(await (await fetch(`${running.url}/demo`)).text()).to.contain(
      'Put Lucas Visser back in the course',
    );
    try {
      const sync = await facilitator.post('/lti/app/course/roster/sync');
      expect(sync.status).to.equal(303);
      expect(sync.headers.get('location')).to.match(/^\/lti\/app\/course\/roster\?sync=synced&ltik=/);
      const c = (await course())!;
      expect(c['roster']).to.include({ status: 'ok', activeCount: 8, inactiveCount: 1 });
      expect(await learnerNames(String(c._id))).to.not.include('Lucas Visser');
      const person = await db.collection('people').findOne({ subject: 'demo-learner-3' });
      const membership = await db
        .collection('memberships')
        .findOne({ personId: person!._id, courseId: c._id });
      expect(membership).to.include({ active: false });

      const page = await facilitator.get(sync.headers.get('location')!);
      const html = await page.text();
      expect(page.status).to.equal(200);
      expect(html).to.contain('The roster is up to date with your learning platform.');
      const inactive = /data-roster="inactive">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      expect(inactive).to.contain('Lucas Visser');
      // Someone who left the course on the platform is no longer counted.
      expect(await (await facilitator.get('/lti/app/course')).text()).to.contain(
        'In this course: 1 facilitator and 7 learners (from launches and the LMS roster).',
      );
    } finally {
      await demo().restoreMember('demo-learner-3');
    }
    const again = await facilitator.post('/lti/app/course/roster/sync');
    expect(again.status).to.equal(303);
    const c = (await course())!;
    expect(c['roster']).to.include({ activeCount: 9, inactiveCount: 0 });
    expect(await learnerNames(String(c._id))).to.include('Lucas Visser');
  });

  it('a learner can neither see the roster page nor sync', async () => {
    const learner = await launchSession(running.url, demo().launchPath('demo-learner-1'));
    expect((await learner.get('/lti/app/course/roster')).status).to.equal(403);
    const before = (await course())!['roster'];
    expect((await learner.post('/lti/app/course/roster/sync')).status).to.equal(403);
    expect((await course())!['roster']['at']).to.deep.equal(before['at']);
  });
});
