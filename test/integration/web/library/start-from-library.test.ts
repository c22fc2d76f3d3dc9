/**
 * "A team's ratified standard → the library → a new team task starts from it", over HTTP through
 * real demo launches: a course-1 team ratifies its standard (driven through the services), the
 * course's facilitator adds it to the library from the task page with platform visibility, the
 * facilitator of the platform's other course starts a team task from it via the library page and
 * the task form, a team there opens its standard and gets a copy of the criteria and levels with
 * provenance, and the library shows one adoption. Learners are refused both actions (403), and a
 * standard in another platform's library is neither offered nor accepted.
 */
import { expect } from 'chai';
import { asLibraryStandardId } from '../../../../src/domain/library/library-standard.js';
import {
  asStandardId,
  asUserId,
  type CourseId,
  type TeamTaskId,
  type UserId,
} from '../../../../src/domain/shared/ids.js';
import { criterionContent } from '../../../../src/domain/standard/team-standard.js';
import { tenantKeyOf } from '../../../../src/domain/shared/tenant.js';
import { addStandardToLibrary } from '../../../../src/services/library/library-standards.js';
import { agreeToStandard } from '../../../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../../../src/services/standards/submit-weighting.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const NO_ROSTER_SYNC = { services: false } as const;
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const PHASES = ['standard-setting', 'work', 'peer-review', 'reflection'];

const levels = (name: string) =>
  ['Weak', 'Fair', 'Good'].map((label) => ({ label, descriptor: `${label} ${name}.` }));

describe('starting a team task from a library standard through real launches', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  let learner: LtiSession;
  let otherFacilitator: LtiSession;
  let otherLearners: LtiSession[];
  let taskId: TeamTaskId;
  let courseId: CourseId;
  let ratified: { standardId: string; version: number };
  let libraryId: string;
  let foreignId: string;
  let newTaskId: TeamTaskId;

  before(async () => {
    running = await startLtiTool();
    const learners: LtiSession[] = [];
    for (const id of LEARNERS) learners.push(await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    learner = learners[0]!;
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    otherLearners = [];
    for (const id of ['demo-learner-5', 'demo-learner-6'])
      otherLearners.push(await launchSession(running, id, OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC));
  });
  after(async () => running?.stop());

  /** Creates a task (blank start), forms teams of two at random and opens standard setting. */
  async function taskWithTeams(session: LtiSession, fields: Record<string, string>): Promise<TeamTaskId> {
    const created = await session.post('/lti/app/tasks/new', {
      title: 'Pitch deck',
      brief: 'Build it.',
      outcome: 'Ten slides',
      phases: PHASES,
      consensusRule: 'consent',
      ...fields,
    });
    expect(created.status, created.body.slice(0, 2000)).to.equal(303);
    const id = redirectPath(created).split('/').at(-1)! as TeamTaskId;
    expect(
      (await session.post(`/lti/app/tasks/${id}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    const task = (await running.tool.teamwork().teamTasks.findById(id))!;
    const moved = await session.post(`/lti/app/tasks/${id}/phase`, {
      to: 'standard-setting',
      revision: String(task.revision),
    });
    expect(moved.status).to.equal(303);
    return id;
  }

  it('a course-1 team ratifies; its facilitator sees "add to library" for the ratified version', async () => {
    taskId = await taskWithTeams(facilitator, { standardStart: 'blank' });
    const deps = running.tool.teamwork();
    courseId = (await deps.teamTasks.findById(taskId))!.courseId;
    const team = (await deps.teamSets.findByTask(taskId))!.teams[0]!;
    const as = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId });
    const s = { taskId, teamId: team.id };
    const [first, second] = team.members as [UserId, UserId];
    await startTeamStandard(deps, { ...as(first), ...s });
    const a = await proposeCriterion(deps, {
      ...as(first),
      ...s,
      content: { name: 'Clarity', description: 'How clear the deck is.', levels: levels('clarity') },
    });
    const b = await proposeCriterion(deps, {
      ...as(second),
      ...s,
      content: { name: 'Evidence', description: 'How well claims are backed.', levels: levels('evidence') },
    });
    const points = [
      { criterionId: a.criteria[0]!.id, points: 70 },
      { criterionId: b.criteria[1]!.id, points: 30 },
    ];
    for (const who of team.members) await submitWeighting(deps, { ...as(who), ...s, points });
    for (const who of team.members) {
      const page = await standardPage(deps, { ...as(who), ...s });
      await agreeToStandard(deps, { ...as(who), ...s, contentRevision: page.contentRevision });
    }
    const standard = (await deps.standards.findByTeam(taskId, team.id))!;
    expect(standard.status).to.equal('ratified');
    ratified = { standardId: standard.id, version: 1 };

    const page = (await facilitator.get(`/lti/app/tasks/${taskId}`)).body;
    expect(page).to.contain(en.library.addHeading).and.contain(`value="${standard.id}"`);
    expect((await learner.get(`/lti/app/tasks/${taskId}`)).body).not.to.contain(en.library.addHeading);
  });

  it('refuses a learner adding it to the library (403) and stores nothing', async () => {
    const refused = await learner.post('/lti/app/library/standards', {
      task: taskId,
      standardId: ratified.standardId,
      version: String(ratified.version),
      title: 'Sneaky',
      visibility: 'platform',
    });
    expect(refused.status).to.equal(403);
    expect((await running.countAppDocuments())['libraryStandards'] ?? 0).to.equal(0);
  });

  it('the facilitator adds the ratified version with platform visibility; the other course sees it', async () => {
    const added = await facilitator.post('/lti/app/library/standards', {
      task: taskId,
      standardId: ratified.standardId,
      version: String(ratified.version),
      title: 'Pitch deck standard',
      summary: 'Two criteria, agreed by consent.',
      visibility: 'platform',
    });
    expect(added.status).to.equal(303);
    expect(redirectPath(added)).to.equal('/lti/app/library');
    const mine = (await facilitator.get('/lti/app/library')).body;
    expect(mine).to.contain('Pitch deck standard').and.contain('Two criteria, agreed by consent.');
    // (handlebars writes `=` in attributes as `&#x3D;`)
    libraryId = /fromLibrary(?:=|&#x3D;)([A-Za-z0-9_-]+)/.exec(mine)![1]!;
    const library = running.tool.library();
    const entry = (await library.libraryStandards.findById(asLibraryStandardId(libraryId)))!;
    expect(entry.source).to.deep.equal(ratified);
    expect(entry.visibility).to.equal('platform');
    expect(entry.origin.courseId).to.equal(courseId);

    // A standard in another platform's library (same course id string): never offered here.
    const foreign = await addStandardToLibrary(library, {
      actor: { userId: asUserId('someone-elsewhere'), role: 'facilitator' },
      courseId,
      tenant: tenantKeyOf({ issuer: 'https://elsewhere.example', clientId: 'other-client' }),
      source: { standardId: asStandardId(ratified.standardId), version: ratified.version },
      title: 'Foreign platform standard',
      summary: '',
      visibility: 'platform',
    });
    foreignId = foreign.id;

    const other = (await otherFacilitator.get('/lti/app/library')).body;
    expect(other).to.contain('Pitch deck standard').and.contain(en.library.startFrom);
    expect(other).to.contain(`/lti/app/tasks/new?fromLibrary&#x3D;${libraryId}`);
    expect(other).not.to.contain('Foreign platform standard');
    const otherLearnerPage = (await otherLearners[0]!.get('/lti/app/library')).body;
    expect(otherLearnerPage).to.contain('Pitch deck standard').and.not.contain(en.library.startFrom);
  });

  it('offers the library standard preselected on the new-task form, and only visible ones', async () => {
    const form = await otherFacilitator.get(`/lti/app/tasks/new?fromLibrary=${libraryId}`);
    expect(form.status).to.equal(200);
    expect(form.body).to.match(/id="start-library"[^>]*value="library"[^>]* checked/);
    expect(form.body).to.contain(`<option value="${libraryId}" selected>Pitch deck standard</option>`);
    expect(form.body).not.to.contain('Foreign platform standard').and.not.contain(foreignId);
    expect((await otherLearners[0]!.get(`/lti/app/tasks/new?fromLibrary=${libraryId}`)).status).to.equal(403);
  });

  it('refuses a learner starting a task from it, and a foreign or unknown standard (nothing created)', async () => {
    const before = (await running.countAppDocuments())['teamTasks'] ?? 0;
    const base = {
      title: 'Copied pitch',
      brief: '',
      outcome: '',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'library',
    };
    const byLearner = await otherLearners[0]!.post('/lti/app/tasks/new', { ...base, fromLibrary: libraryId });
    expect(byLearner.status).to.equal(403);
    for (const fromLibrary of [foreignId, 'no-such-entry', '']) {
      const refused = await otherFacilitator.post('/lti/app/tasks/new', { ...base, fromLibrary });
      expect(refused.status).to.equal(400);
      expect(refused.body).to.contain('role="alert"').and.contain(en.library.fromLibraryLabel);
    }
    expect(before).to.be.greaterThan(0);
    expect((await running.countAppDocuments())['teamTasks'] ?? 0).to.equal(before);
  });

  it('the other course starts a task from it; a team there gets the copied criteria with provenance', async () => {
    newTaskId = await taskWithTeams(otherFacilitator, { standardStart: 'library', fromLibrary: libraryId });
    const deps = running.tool.teamwork();
    const task = (await deps.teamTasks.findById(newTaskId))!;
    expect(task.standardStart).to.deep.equal({ kind: 'library', source: ratified });
    expect(task.courseId).not.to.equal(courseId);

    // Two learners launched in the other course: random teams of two make one team of both.
    const team = (await deps.teamSets.findByTask(newTaskId))!.teams[0]!;
    expect(team.members).to.have.length(2);
    const opened = await otherLearners[0]!.get(`/lti/app/tasks/${newTaskId}/teams/${team.id}/standard`);
    expect(opened.status).to.equal(200);
    expect(opened.body).to.contain('Clarity').and.contain('Evidence');

    const copy = (await deps.standards.findByTeam(newTaskId, team.id))!;
    expect(copy.provenance?.source).to.deep.equal(ratified);
    const contents = copy.criteria.map(criterionContent);
    expect(contents.map((c) => c.name)).to.deep.equal(['Clarity', 'Evidence']);
    expect(contents[0]!.levels.map((l) => l.label)).to.deep.equal(['Weak', 'Fair', 'Good']);

    const library = (await otherFacilitator.get('/lti/app/library')).body;
    expect(library).to.contain('Adopted by 1 team ·');
    const entry = (await running.tool.library().libraryStandards.findById(asLibraryStandardId(libraryId)))!;
    expect(entry.adoptionCount).to.equal(1);
  });

  it('keeps the library standard when a task in setup is edited without choosing again', async () => {
    const created = await otherFacilitator.post('/lti/app/tasks/new', {
      title: 'Second pitch',
      brief: '',
      outcome: '',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'library',
      fromLibrary: libraryId,
    });
    expect(created.status).to.equal(303);
    const id = redirectPath(created).split('/').at(-1)! as TeamTaskId;
    const form = (await otherFacilitator.get(`/lti/app/tasks/${id}/edit`)).body;
    expect(form).to.contain(`<option value="" selected>${en.library.keepCurrentStandard}</option>`);
    const task = (await running.tool.teamwork().teamTasks.findById(id))!;
    const saved = await otherFacilitator.post(`/lti/app/tasks/${id}/edit`, {
      title: 'Second pitch, renamed',
      brief: '',
      outcome: '',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'library',
      fromLibrary: '',
      revision: String(task.revision),
    });
    expect(saved.status).to.equal(303);
    const after = (await running.tool.teamwork().teamTasks.findById(id))!;
    expect(after.title).to.equal('Second pitch, renamed');
    expect(after.standardStart).to.deep.equal({ kind: 'library', source: ratified });
  });
});
