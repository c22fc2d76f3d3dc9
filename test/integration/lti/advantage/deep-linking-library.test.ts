/**
 * "Start from a library standard" when adding Teamloop from the LMS, through the demo platform
 * over real HTTP: the deep-linking selection page offers the library standards this facilitator
 * may see (platform-wide ones and their own course's, never another course's course-only entry
 * or another platform's); placing one creates the team task starting from it together with its
 * placement, the platform adds the activity, and a team of the task gets the standard's criteria
 * with provenance. Unknown, foreign and not-visible ids are refused with 400 and nothing is
 * created. The in-place setup of an unconfigured link offers the same choice.
 */
import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import type { LibraryStandard } from '../../../../src/domain/library/library-standard.js';
import { asStandardId, asTeamTaskId, asUserId } from '../../../../src/domain/shared/ids.js';
import { tenantKeyOf } from '../../../../src/domain/shared/tenant.js';
import { criterionContent } from '../../../../src/domain/standard/team-standard.js';
import { addStandardToLibrary } from '../../../../src/services/library/library-standards.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession as launchAdvantage } from '../../../helpers/advantage-session.js';
import { findAutoSubmitForm, followLaunch } from '../../../helpers/follow-launch.js';
import { libraryStandardFrom } from '../../../helpers/library-origin.js';
import { launchSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const NO_ROSTER_SYNC = { services: false } as const;

describe('deep linking: a new team task that starts from a library standard', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let client: MongoClient;
  let db: Db;
  let platformWide: LibraryStandard;
  let otherCourseOnly: LibraryStandard;
  let foreign: LibraryStandard;

  before(async () => {
    running = await startLtiTool();
    client = new MongoClient(running.started.databaseUri);
    await client.connect();
    db = client.db('teamloop');
    for (const id of ['demo-learner-1', 'demo-learner-2'])
      await launchSession(running, id, undefined, NO_ROSTER_SYNC);
    for (const id of ['demo-learner-5', 'demo-learner-6'])
      await launchSession(running, id, OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC);
    const facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    ({ entry: platformWide } = await libraryStandardFrom(running, facilitator, {
      title: 'Bridge report standard',
      names: ['Structure', 'Calculations'],
      points: [
        [60, 40],
        [60, 40],
      ],
      visibility: 'platform',
    }));
    ({ entry: otherCourseOnly } = await libraryStandardFrom(running, otherFacilitator, {
      title: 'Course-two-only standard',
      names: ['Style', 'Sources'],
      points: [
        [50, 50],
        [50, 50],
      ],
      visibility: 'course',
    }));
    // The same version in another platform's library (same course ids): never offered here.
    const library = running.tool.library();
    foreign = await addStandardToLibrary(library, {
      actor: { userId: asUserId('someone-elsewhere'), role: 'facilitator' },
      courseId: otherCourseOnly.origin.courseId,
      tenant: tenantKeyOf({ issuer: 'https://elsewhere.example', clientId: 'other-client' }),
      source: { standardId: asStandardId(otherCourseOnly.source.standardId), version: 1 },
      title: 'Foreign platform standard',
      summary: '',
      visibility: 'platform',
    });
  });
  after(async () => {
    await client?.close();
    await running?.stop();
  });

  const demo = () => running.tool.demoPlatform()!;
  const counts = async () => ({
    tasks: await db.collection('teamTasks').countDocuments(),
    placements: await db.collection('placements').countDocuments(),
  });

  /** A deep-linking launch of the demo course's instructor: the selection page and its session. */
  async function selectionPage() {
    const selection = await followLaunch(running.url + demo().deepLinkPath('demo-instructor'));
    expect(selection.response.status).to.equal(200);
    expect(selection.steps.at(-1)!.url).to.match(/\/lti\/app\/deep-linking\?ltik=/);
    const ltik = new URL(selection.steps.at(-1)!.url).searchParams.get('ltik')!;
    const post = (fields: Record<string, string>) =>
      fetch(`${running.url}/lti/app/deep-linking`, {
        method: 'POST',
        headers: { cookie: selection.cookies.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ltik, ...fields }),
      });
    return { body: selection.body, post };
  }

  it('offers the library standards this facilitator may see, and only those', async () => {
    const { body } = await selectionPage();
    expect(body).to.contain(en.advantage.deepLinking.fromLibrary);
    expect(body).to.match(/<input type="radio" id="choice-library" name="choice" value="library">/);
    expect(body).to.contain(`<option value="${platformWide.id}">Bridge report standard</option>`);
    expect(body).not.to.contain('Course-two-only standard').and.not.contain(otherCourseOnly.id);
    expect(body).not.to.contain('Foreign platform standard').and.not.contain(foreign.id);
  });

  it('refuses an unknown, foreign or not-visible library standard with 400 and creates nothing', async () => {
    const before = await counts();
    const { post } = await selectionPage();
    for (const fromLibrary of [foreign.id, otherCourseOnly.id, 'no-such-entry', '', '../x']) {
      const refused = await post({ choice: 'library', fromLibrary, title: 'Sneaky bridge' });
      const page = await refused.text();
      expect(refused.status, fromLibrary).to.equal(400);
      expect(page).to.contain('role="alert"').and.contain(en.advantage.deepLinking.errors.fromLibrary);
      expect(findAutoSubmitForm(page)).to.equal(undefined);
    }
    expect(await counts()).to.deep.equal(before);
    expect(await db.collection('teamTasks').countDocuments({ title: 'Sneaky bridge' })).to.equal(0);
  });

  it('places a task that starts from it; the platform adds the activity; a team gets its criteria', async () => {
    const before = await counts();
    const { post } = await selectionPage();
    const answer = await post({
      choice: 'library',
      fromLibrary: platformWide.id,
      title: 'Bridge report',
      graded: 'on',
      maxPoints: '30',
    });
    expect(answer.status).to.equal(200);
    const form = findAutoSubmitForm(await answer.text());
    expect(form?.action).to.equal(`${demo().registration.issuer}/deep-link/return`);
    const returned = await fetch(form!.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form!.fields),
    });
    expect(returned.status).to.equal(200);
    expect(await returned.text()).to.contain('added “Bridge report” to the course');
    expect(await counts()).to.deep.equal({ tasks: before.tasks + 1, placements: before.placements + 1 });

    const taskDoc = (await db.collection('teamTasks').findOne({ title: 'Bridge report' }))!;
    const taskId = asTeamTaskId(String(taskDoc._id));
    const deps = running.tool.teamwork();
    const task = (await deps.teamTasks.findById(taskId))!;
    expect(task.standardStart).to.deep.equal({ kind: 'library', source: platformWide.source });
    const placement = await db.collection('placements').findOne({ taskId: String(taskId) });
    expect(placement).to.include({ title: 'Bridge report', graded: true, scoreMaximum: 30 });

    // The facilitator forms teams (launching the placed link), and a team's standard is a copy.
    const link = await db
      .collection<{ _id: string; [key: string]: unknown }>('demoPlatformPlacements')
      .findOne({ title: 'Bridge report' });
    const facilitator = await launchAdvantage(running.url, demo().launchPath('demo-instructor', link!._id));
    expect(
      (await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    const team = (await deps.teamSets.findByTask(taskId))!.teams[0]!;
    const member = team.members[0]!;
    const standard = await startTeamStandard(deps, {
      actor: { userId: member, role: 'learner' },
      courseId: task.courseId,
      taskId,
      teamId: team.id,
    });
    expect(standard.provenance?.source).to.deep.equal(platformWide.source);
    expect(standard.criteria.map((c) => criterionContent(c).name)).to.deep.equal([
      'Structure',
      'Calculations',
    ]);
    expect(standard.criteria.every((c) => c.origin === 'library')).to.equal(true);
  });

  it('the in-place setup of an unconfigured link offers the same choice and refuses the same ids', async () => {
    const facilitator = await launchAdvantage(
      running.url,
      demo().launchPath('demo-instructor', 'demo-team-task-2'),
    );
    const form = await (await facilitator.get('/lti/app/placement/setup')).text();
    expect(form).to.contain(`<option value="${platformWide.id}">Bridge report standard</option>`);
    expect(form).not.to.contain(otherCourseOnly.id).and.not.contain(foreign.id);

    const before = await counts();
    const refused = await facilitator.post('/lti/app/placement/setup', {
      choice: 'library',
      fromLibrary: otherCourseOnly.id,
      title: 'Essay',
    });
    expect(refused.status).to.equal(400);
    expect(await counts()).to.deep.equal(before);

    const done = await facilitator.post('/lti/app/placement/setup', {
      choice: 'library',
      fromLibrary: platformWide.id,
      title: 'Essay',
    });
    expect(done.status).to.equal(303);
    const essay = (await db.collection('teamTasks').findOne({ title: 'Essay' }))!;
    expect(done.headers.get('location')).to.match(new RegExp(`^/lti/app/tasks/${String(essay._id)}\\?ltik=`));
    const task = (await running.tool.teamwork().teamTasks.findById(asTeamTaskId(String(essay._id))))!;
    expect(task.standardStart).to.deep.equal({ kind: 'library', source: platformWide.source });
    expect(await db.collection('placements').findOne({ taskId: String(essay._id) })).to.include({
      resourceLinkId: 'demo-team-task-2',
    });
  });
});
