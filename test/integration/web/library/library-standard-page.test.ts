/**
 * A library standard's own page, its withdrawal, course names on stories and the authors' edit of
 * a returned story — through real demo launches (and a second LTI platform for isolation):
 *
 * - a course-1 team ratifies (driven through the services), its facilitator adds the version to
 *   the library with platform visibility; the page shows provenance (course name, version, who
 *   added it to readers of that course only), criteria with levels, the weights table, adoptions
 *   and the agreement figure in words; the platform's other course sees it (without the adder's
 *   name), a second platform gets 404;
 * - a story linking that version links non-members to the library page;
 * - withdrawal: refused for learners and other platforms (nothing changed), 409 when stale, works
 *   for the facilitator who added it; afterwards unlisted, not startable, 404 for the other course,
 *   "withdrawn" for the owner;
 * - a returned story is edited and resubmitted in one step (stale 409 and invalid 422 keep what
 *   was typed and change nothing); once published, edits are refused (409);
 * - a refused curation change re-renders the story without counting a view.
 */
import { expect } from 'chai';
import {
  asLibraryStandardId,
  type LibraryStandard,
} from '../../../../src/domain/library/library-standard.js';
import type { TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { asStoryId, type Story } from '../../../../src/domain/story/story.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, textOf, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { launchFromOtherPlatform, type Session } from '../../../helpers/other-platform-session.js';
import { ratifyFirstTeamStandard } from '../../../helpers/ratified-standard.js';
import { startRoguePlatform, type RoguePlatform } from '../../../helpers/rogue-platform.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const NO_ROSTER_SYNC = { services: false } as const;
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const PHASES = ['standard-setting', 'work', 'peer-review', 'reflection'];
const COURSE_1 = 'Teamloop demo course';

describe('library standard page, withdrawal, course names and story edits through real launches', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let platform: RoguePlatform;
  let facilitator: LtiSession;
  let learners: Map<string, LtiSession>;
  let otherFacilitator: LtiSession;
  let otherLearner: LtiSession;
  let adoptedStandardPath: string;
  let linkedStoryPath: string;
  let foreignInstructor: Session;
  let taskId: TeamTaskId;
  let libraryId: string;
  let pagePath: string;
  let member: LtiSession;

  const entryNow = async (): Promise<LibraryStandard> =>
    (await running.tool.library().libraryStandards.findById(asLibraryStandardId(libraryId)))!;
  const storyNow = async (path: string): Promise<Story> =>
    (await running.tool.library().stories.findById(asStoryId(path.split('/').at(-1)!)))!;

  before(async () => {
    running = await startLtiTool();
    platform = await startRoguePlatform();
    await running.tool.lti.registerPlatform(
      {
        issuer: platform.issuer,
        clientId: platform.clientId,
        deploymentIds: [platform.deploymentId],
        authUrl: `${platform.issuer}/auth`,
        tokenUrl: `${platform.issuer}/token`,
        jwksUrl: platform.jwksUrl,
        name: 'Other LMS',
      },
      'cli',
    );
    learners = new Map();
    for (const id of LEARNERS) learners.set(id, await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    otherLearner = await launchSession(running, 'demo-learner-5', OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC);
    await launchSession(running, 'demo-learner-6', OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC);
    foreignInstructor = await launchFromOtherPlatform(running, platform, 'demo-instructor', 'Instructor');

    // A course-1 task; a team of two ratifies a two-criterion standard (70/30 points).
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Pitch deck',
      brief: 'Build it.',
      outcome: 'Ten slides',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'blank',
    });
    expect(created.status).to.equal(303);
    taskId = redirectPath(created).split('/').at(-1)! as TeamTaskId;
    expect(
      (await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    const deps = running.tool.teamwork();
    const task = (await deps.teamTasks.findById(taskId))!;
    expect(
      (
        await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
          to: 'standard-setting',
          revision: String(task.revision),
        })
      ).status,
    ).to.equal(303);
    const standard = await ratifyFirstTeamStandard(running, taskId, [
      { name: 'Clarity', description: 'How clear the deck is.', points: 70 },
      { name: 'Evidence', description: 'How well claims are backed.', points: 30 },
    ]);
    const added = await facilitator.post('/lti/app/library/standards', {
      task: taskId,
      standardId: standard.standardId,
      version: '1',
      title: 'Pitch deck standard',
      summary: 'Two criteria, agreed by consent.',
      visibility: 'platform',
    });
    expect(added.status).to.equal(303);
    const library = (await facilitator.get('/lti/app/library')).body;
    libraryId = /\/lti\/app\/library\/standards\/([A-Za-z0-9_-]+)\?/.exec(library)![1]!;
    pagePath = `/lti/app/library/standards/${libraryId}`;

    // A member of the ratifying team: the only learners offered its ratified version on the story form.
    for (const session of learners.values()) {
      const form = await session.get(`/lti/app/library/stories/new?task=${taskId}`);
      if (form.body.includes(en.stories.linkStandard)) {
        member = session;
        break;
      }
    }
    expect(member, 'a member of the ratifying team').not.to.equal(undefined);
  });
  after(async () => {
    await platform?.close();
    await running?.stop();
  });

  it('is linked from the library search, with provenance, criteria, weights, adoptions and agreement', async () => {
    const library = (await facilitator.get('/lti/app/library')).body;
    expect(library).to.contain(`href="${pagePath}?ltik&#x3D;`);
    const page = await facilitator.get(pagePath);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('Pitch deck standard').and.contain('Two criteria, agreed by consent.');
    expect(textOf(page.body, 'origin-course').trim()).to.equal(`${COURSE_1} (this course)`);
    expect(textOf(page.body, 'added')).to.contain('By Maria Jansen on');
    expect(page.body).to.contain('Version 1 of the team’s standard, ratified');
    expect(page.body).to.contain('How clear the deck is.').and.contain('Good Evidence.');
    const weights = textOf(page.body, 'library-weights');
    expect(weights).to.contain('Clarity 70%').and.contain('Evidence 30%');
    expect(textOf(page.body, 'adoptions')).to.contain('Adopted by 0 teams');
    expect(textOf(page.body, 'agreement')).to.contain('Agreement (Kendall’s W):');
    expect(page.body).to.contain(`/lti/app/tasks/new?fromLibrary&#x3D;${libraryId}`);
    expect(page.body).to.contain('id="withdraw-link"');
    const learnerPage = await learners.get('demo-learner-1')!.get(pagePath);
    expect(learnerPage.status).to.equal(200);
    expect(learnerPage.body).not.to.contain('fromLibrary').and.not.contain('id="withdraw-link"');
  });

  it('shows the platform’s other course the course name without the adder; a second platform gets 404', async () => {
    const other = await otherLearner.get(pagePath);
    expect(other.status).to.equal(200);
    expect(textOf(other.body, 'origin-course').trim()).to.equal(COURSE_1);
    expect(textOf(other.body, 'added')).not.to.contain('Maria');
    expect(other.body).not.to.contain('id="withdraw-link"');
    const foreign = await foreignInstructor.get(pagePath);
    expect(foreign.status).to.equal(404);
    expect(foreign.body).not.to.contain('Pitch deck standard');
    expect((await foreignInstructor.get(`${pagePath}/withdraw`)).status).to.equal(404);
  });

  it('links a story’s standard to its library page for readers who may not open the team’s standard', async () => {
    const posted = await member.post('/lti/app/library/stories', {
      task: taskId,
      title: 'Clarity first',
      narrative: 'We agreed on clarity early.',
      kind: 'success',
      criteria: 'Clarity',
      visibility: 'platform',
      standardVersion: '1',
    });
    expect(posted.status).to.equal(303);
    const path = redirectPath(posted);
    const story = await storyNow(path);
    expect(
      (await facilitator.post(`${path}/change`, { revision: String(story.revision), action: 'publish' }))
        .status,
    ).to.equal(303);
    linkedStoryPath = path;
    const read = await otherLearner.get(path);
    expect(read.status).to.equal(200);
    expect(read.body).to.contain(`<p id="story-standard"><a href="${pagePath}?ltik&#x3D;`);
    expect(textOf(read.body, 'story-course')).to.contain(`From: ${COURSE_1}`);
    // Story cards name the course: the reader's own is marked.
    const cards = (await otherLearner.get('/lti/app/library')).body;
    expect(cards).to.contain(`Success · ${COURSE_1}`);
    expect(cards).not.to.contain(en.library.fromOtherCourse);
    const own = (await facilitator.get('/lti/app/library')).body;
    expect(own).to.contain(`${COURSE_1} (this course)`);
  });

  it('the other course starts a task from it (its start link); the page counts the adoption', async () => {
    const page = (await otherFacilitator.get(pagePath)).body;
    expect(page).to.contain(`/lti/app/tasks/new?fromLibrary&#x3D;${libraryId}`);
    const created = await otherFacilitator.post('/lti/app/tasks/new', {
      title: 'Copied pitch',
      brief: '',
      outcome: '',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'library',
      fromLibrary: libraryId,
    });
    expect(created.status).to.equal(303);
    const id = redirectPath(created).split('/').at(-1)! as TeamTaskId;
    expect(
      (await otherFacilitator.post(`/lti/app/tasks/${id}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    const task = (await running.tool.teamwork().teamTasks.findById(id))!;
    expect(
      (
        await otherFacilitator.post(`/lti/app/tasks/${id}/phase`, {
          to: 'standard-setting',
          revision: String(task.revision),
        })
      ).status,
    ).to.equal(303);
    const team = (await running.tool.teamwork().teamSets.findByTask(id))!.teams[0]!;
    adoptedStandardPath = `/lti/app/tasks/${id}/teams/${team.id}/standard`;
    const opened = await otherLearner.get(adoptedStandardPath);
    expect(opened.status).to.equal(200);
    // The team's standard names and links the library entry it came from.
    expect(opened.body).to.contain('Started from a standard in the library (version 1):');
    expect(opened.body).to.match(new RegExp(`href="${pagePath}\\?ltik&#x3D;[^"]+">Pitch deck standard</a>`));
    expect(textOf((await otherLearner.get(pagePath)).body, 'adoptions')).to.equal('Adopted by 1 team');
  });

  it('refuses withdrawal by learners and other platforms, and a stale revision; nothing changes', async () => {
    const before = await entryNow();
    expect((await learners.get('demo-learner-1')!.get(`${pagePath}/withdraw`)).status).to.equal(403);
    const byLearner = await learners.get('demo-learner-1')!.post(`${pagePath}/withdraw`, {
      revision: String(before.revision),
    });
    expect(byLearner.status).to.equal(403);
    const byOtherLearner = await otherLearner.post(`${pagePath}/withdraw`, {
      revision: String(before.revision),
    });
    expect(byOtherLearner.status).to.equal(403);
    const byForeign = await foreignInstructor.post(`${pagePath}/withdraw`, {
      revision: String(before.revision),
    });
    expect(byForeign.status).to.equal(404);
    const stale = await facilitator.post(`${pagePath}/withdraw`, { revision: String(before.revision + 1) });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.contain(en.library.withdrawConflict).and.contain(`value="${before.revision}"`);
    expect(await entryNow()).to.deep.equal(before);
  });

  it('the facilitator who added it withdraws it after confirming: unlisted, not startable, 404 for others', async () => {
    const confirm = await facilitator.get(`${pagePath}/withdraw`);
    expect(confirm.status).to.equal(200);
    expect(confirm.body).to.contain('Withdraw “Pitch deck standard” from the library?');
    const revision = /name="revision" value="(\d+)"/.exec(confirm.body)![1]!;
    const done = await facilitator.post(`${pagePath}/withdraw`, { revision });
    expect(done.status).to.equal(303);
    expect(redirectPath(done)).to.equal(pagePath);
    expect(done.location).to.contain('done=withdrawn');
    const entry = await entryNow();
    expect(entry.withdrawn).to.not.equal(undefined);
    const own = await facilitator.get(pagePath);
    expect(own.status).to.equal(200);
    expect(textOf(own.body, 'withdrawn-notice')).to.contain('Withdrawn from the library on');
    expect(own.body).not.to.contain('fromLibrary').and.not.contain('id="withdraw-link"');
    expect(
      (await facilitator.post(`${pagePath}/withdraw`, { revision: String(entry.revision) })).status,
    ).to.equal(409);
    expect((await otherLearner.get(pagePath)).status).to.equal(404);
    expect((await learners.get('demo-learner-1')!.get(pagePath)).status).to.equal(404);
    expect((await otherFacilitator.get('/lti/app/library')).body).not.to.contain('Pitch deck standard');
    const form = await otherFacilitator.get(`/lti/app/tasks/new?fromLibrary=${libraryId}`);
    expect(form.body).not.to.contain(`<option value="${libraryId}"`);
    const tasksBefore = (await running.countAppDocuments())['teamTasks'] ?? 0;
    const started = await otherFacilitator.post('/lti/app/tasks/new', {
      title: 'From a withdrawn standard',
      brief: '',
      outcome: '',
      phases: PHASES,
      consensusRule: 'consent',
      standardStart: 'library',
      fromLibrary: libraryId,
    });
    expect(started.status).to.be.within(400, 499);
    expect((await running.countAppDocuments())['teamTasks'] ?? 0).to.equal(tasksBefore);
    // The story that used it names it again without a link.
    const story = (await otherLearner.get(linkedStoryPath)).body;
    expect(textOf(story, 'story-standard').trim()).to.equal('Standard of “Pitch deck”, version 1');
    expect(story).not.to.contain(pagePath);
    // The team that started from it before keeps its copy and where it came from.
    const kept = await otherLearner.get(adoptedStandardPath);
    expect(kept.status).to.equal(200);
    expect(kept.body)
      .to.contain('Started from a standard in the library (version 1).')
      .and.contain('Evidence')
      .and.not.contain(pagePath);
  });

  it('a returned story is edited and resubmitted in one step; stale and invalid edits change nothing', async () => {
    const author = learners.get('demo-learner-1')!;
    const posted = await author.post('/lti/app/library/stories', {
      title: 'First draft',
      narrative: 'Too short.',
      kind: 'lesson-learned',
      criteria: 'Timing',
      visibility: 'course',
    });
    expect(posted.status).to.equal(303);
    const path = redirectPath(posted);
    const submitted = await storyNow(path);
    const returned = await facilitator.post(`${path}/change`, {
      revision: String(submitted.revision),
      action: 'return',
      comment: 'Say what you would do differently.',
    });
    expect(returned.status).to.equal(303);
    const page = (await author.get(path)).body;
    expect(page).to.contain(`href="${path}/edit?ltik&#x3D;`).and.contain(en.stories.editAndResubmit);

    const form = await author.get(`${path}/edit`);
    expect(form.status).to.equal(200);
    expect(form.body)
      .to.contain('Say what you would do differently.')
      .and.contain(en.stories.saveAndResubmit);
    expect(form.body).to.contain('value="First draft"').and.contain('Too short.');
    // Not the author's to edit: a curator (403) and another learner (the returned story is hidden: 404).
    expect((await facilitator.get(`${path}/edit`)).status).to.equal(403);
    expect((await learners.get('demo-learner-2')!.get(`${path}/edit`)).status).to.equal(404);

    const before = await storyNow(path);
    const fields = {
      title: 'Second draft',
      narrative: 'Next time we plan the timing **first**.',
      kind: 'improvement',
      criteria: 'Timing\nPlanning',
      visibility: 'platform',
    };
    const stale = await author.post(`${path}/edit`, { ...fields, revision: String(before.revision - 1) });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.contain(en.stories.refused.editConflict).and.contain('value="Second draft"');
    expect(stale.body).to.contain(`name="revision" value="${before.revision}"`);
    const invalid = await author.post(`${path}/edit`, {
      ...fields,
      title: ' ',
      revision: String(before.revision),
    });
    expect(invalid.status).to.equal(422);
    expect(invalid.body).to.contain('role="alert"').and.contain('Next time we plan the timing');
    const byCurator = await facilitator.post(`${path}/edit`, {
      ...fields,
      revision: String(before.revision),
    });
    expect(byCurator.status).to.equal(403);
    expect(await storyNow(path)).to.deep.equal(before);

    const saved = await author.post(`${path}/edit`, { ...fields, revision: String(before.revision) });
    expect(saved.status).to.equal(303);
    expect(redirectPath(saved)).to.equal(path);
    expect(saved.location).to.contain('done=resubmitted');
    const after = await storyNow(path);
    expect(after.status).to.equal('submitted');
    expect(after.draft).to.deep.include({
      title: 'Second draft',
      narrative: 'Next time we plan the timing **first**.',
      kind: 'improvement',
      visibility: 'platform',
    });
    expect(after.draft.criteria.map((c) => c.name)).to.deep.equal(['Timing', 'Planning']);
    expect(after.history.map((h) => h.action)).to.deep.equal(['submit', 'return', 'resubmit']);
    expect((await facilitator.get('/lti/app/library/curation')).body).to.contain('Second draft');

    // Published: a read-only snapshot — the edit form and the edit are refused (409).
    expect(
      (await facilitator.post(`${path}/change`, { revision: String(after.revision), action: 'publish' }))
        .status,
    ).to.equal(303);
    const published = await storyNow(path);
    expect((await author.get(`${path}/edit`)).status).to.equal(409);
    const edit = await author.post(`${path}/edit`, {
      ...fields,
      title: 'Sneaky rewrite',
      revision: String(published.revision),
    });
    expect(edit.status).to.equal(409);
    expect(await storyNow(path)).to.deep.equal(published);
    expect((await author.get(path)).body).not.to.contain(`${path}/edit`);
  });

  it('counts a reader once a day: reloading or a refused change adds no view; another reader does', async () => {
    const author = learners.get('demo-learner-3')!;
    const posted = await author.post('/lti/app/library/stories', {
      title: 'Counted once',
      narrative: 'Views are counted for readers.',
      kind: 'success',
      criteria: '',
      visibility: 'course',
    });
    const path = redirectPath(posted);
    const story = await storyNow(path);
    expect(
      (await facilitator.post(`${path}/change`, { revision: String(story.revision), action: 'publish' }))
        .status,
    ).to.equal(303);
    expect((await facilitator.get(path)).status).to.equal(200);
    const viewed = await storyNow(path);
    expect(viewed.viewCount).to.equal(1);
    const stale = await facilitator.post(`${path}/change`, {
      revision: String(story.revision),
      action: 'feature',
    });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.contain(en.stories.refused.conflict);
    expect((await facilitator.get(path)).status).to.equal(200);
    expect((await storyNow(path)).viewCount).to.equal(1);
    // Another reader of the course is a second view, shown on the page.
    const reader = await learners.get('demo-learner-1')!.get(path);
    expect(textOf(reader.body, 'story-counts')).to.contain('2 views');
    expect(textOf((await learners.get('demo-learner-1')!.get(path)).body, 'story-counts')).to.contain(
      '2 views',
    );
  });
});
