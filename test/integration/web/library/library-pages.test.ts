/**
 * The library pages end to end over HTTP, through real launches on the demo platform: a team
 * member writes a story from the team's task page, the course's facilitator publishes it from
 * the curation queue, and a learner in the platform's other course finds it by search, opens it
 * (a view), marks it helpful and reads it sanitised. Every route refuses those who may not act:
 * learners cannot curate, another team's member cannot see a team story, the other course cannot
 * see a course story or curate this course's stories; bad input is 400/422 and changes nothing.
 */
import { expect } from 'chai';
import { asStoryId, type Story } from '../../../../src/domain/story/story.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const NO_ROSTER_SYNC = { services: false } as const;
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/=/g, '&#x3D;');

/** Script, event-handler and `javascript:` payloads in every text field of a story. */
const HOSTILE = {
  title: 'Shipping early <img src=x onerror="alert(1)"> pays off',
  narrative:
    'We **shipped early**.\n\n<script>alert("n")</script>\n\n[click](javascript:alert(2)) <a href="javascript:alert(3)">x</a> <b onmouseover="alert(4)">hover</b>',
  criteria: 'Clarity <svg onload=alert(5)>\nTimeliness',
};

const storyIdOf = (path: string) => asStoryId(path.split('/').at(-1)!);

describe('library pages through a real launch', function () {
  this.timeout(90_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  let learners: LtiSession[];
  let otherLearner: LtiSession;
  let otherFacilitator: LtiSession;
  let taskId: string;
  let storyPath: string;
  let courseStoryPath: string;

  before(async () => {
    running = await startLtiTool();
    learners = [];
    for (const id of LEARNERS) learners.push(await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    otherLearner = await launchSession(running, 'demo-learner-5', OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC);
    otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
  });
  after(async () => running?.stop());

  const storyNow = async (path: string): Promise<Story> =>
    (await running.tool.library().stories.findById(storyIdOf(path)))!;

  it('lets a team member write a story from the team task page; it waits for curation', async () => {
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Pitch deck',
      brief: 'Build it.',
      outcome: 'Ten slides',
      phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
      'closesAt-standard-setting': '2099-01-10T12:00',
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    expect(created.status).to.equal(303);
    taskId = redirectPath(created).split('/').at(-1)!;
    const formed = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
      mode: 'random',
      targetSize: '2',
    });
    expect(formed.status).to.equal(303);

    const author = learners[0]!;
    const taskPage = (await author.get(`/lti/app/tasks/${taskId}`)).body;
    expect(taskPage).to.contain(escapeHtml(en.stories.writeStory));
    const form = await author.get(`/lti/app/library/stories/new?task=${taskId}`);
    expect(form.status).to.equal(200);
    expect(form.body).to.contain(`<h1>${en.stories.newTitle}</h1>`).and.contain(`value="${taskId}"`);

    const posted = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: HOSTILE.title,
      narrative: HOSTILE.narrative,
      kind: 'lesson-learned',
      criteria: HOSTILE.criteria,
      visibility: 'platform',
    });
    expect(posted.status).to.equal(303);
    storyPath = redirectPath(posted);
    const stored = await storyNow(storyPath);
    expect(stored.status).to.equal('submitted');
    expect(stored.teamId).to.be.a('string');
    expect(stored.authors).to.have.length(2);
    expect(stored.draft.criteria.map((c) => c.name)).to.deep.equal([
      'Clarity <svg onload=alert(5)>',
      'Timeliness',
    ]);

    const mine = (await author.get('/lti/app/library')).body;
    expect(mine).to.contain(escapeHtml(HOSTILE.title)).and.contain(en.stories.statuses.submitted);
  });

  it('renders every text field escaped or sanitised: no script, handler or javascript: link', async () => {
    const page = (await learners[0]!.get(storyPath)).body;
    expect(page).to.contain('<strong>shipped early</strong>');
    expect(page).not.to.match(/<script>alert/);
    expect(page).not.to.match(/<img\b/);
    expect(page).not.to.match(/<svg\b/);
    expect(page).not.to.match(/<[a-z][^>]*\son\w+=/i);
    expect(page).not.to.match(/<a\b[^>]*href="\s*javascript:/i);
    expect(page).to.contain(escapeHtml(HOSTILE.title));
    expect(page).to.contain(escapeHtml('Clarity <svg onload=alert(5)>'));
  });

  it('refuses a story with missing fields (422, the input kept) and a malformed one (400); nothing is stored', async () => {
    const before = (await running.countAppDocuments())['stories'] ?? 0;
    const invalid = await learners[1]!.post('/lti/app/library/stories', {
      title: '',
      narrative: 'Kept text',
      kind: 'success',
      criteria: '',
      visibility: 'course',
    });
    expect(invalid.status).to.equal(422);
    expect(invalid.body).to.contain('Kept text').and.contain('role="alert"');
    const malformed = await learners[1]!.post('/lti/app/library/stories', {
      title: ['a', 'b'],
      narrative: 'x',
    });
    expect(malformed.status).to.equal(400);
    const notMyTask = await otherLearner.post('/lti/app/library/stories', {
      task: taskId,
      title: 'Not mine',
      narrative: 'x',
      kind: 'success',
      criteria: '',
      visibility: 'course',
    });
    expect(notMyTask.status).to.be.oneOf([403, 404]);
    expect((await running.countAppDocuments())['stories'] ?? 0).to.equal(before);
  });

  it('keeps curation to the facilitators of the story’s course', async () => {
    const before = await storyNow(storyPath);
    const learner = learners[0]!;
    const attempts = [
      await learner.get('/lti/app/library/curation'),
      await learner.post(`${storyPath}/change`, { revision: String(before.revision), action: 'publish' }),
      await otherFacilitator.get(storyPath),
      await otherFacilitator.post(`${storyPath}/change`, {
        revision: String(before.revision),
        action: 'publish',
      }),
      await otherLearner.get(storyPath),
    ];
    // A learner of the story's team sees it but may not curate (403); outside the course it does not exist.
    expect(attempts.map((a) => a.status)).to.deep.equal([403, 403, 404, 404, 404]);
    expect(await storyNow(storyPath)).to.deep.equal(before);
    const queue = (await otherFacilitator.get('/lti/app/library/curation')).body;
    expect(queue).not.to.contain(escapeHtml(HOSTILE.title));
  });

  it('lets the facilitator publish from the curation queue', async () => {
    const queue = await facilitator.get('/lti/app/library/curation');
    expect(queue.status).to.equal(200);
    expect(queue.body).to.contain(escapeHtml(HOSTILE.title)).and.contain(storyPath);
    const story = await storyNow(storyPath);
    const page = (await facilitator.get(storyPath)).body;
    expect(page).to.contain(en.stories.curateHeading);
    const stale = await facilitator.post(`${storyPath}/change`, {
      revision: String(story.revision + 7),
      action: 'publish',
    });
    expect(stale.status).to.equal(409);
    const published = await facilitator.post(`${storyPath}/change`, {
      revision: String(story.revision),
      action: 'feature',
    });
    expect(published.status).to.equal(303);
    expect((await storyNow(storyPath)).status).to.equal('featured');
    expect((await facilitator.get('/lti/app/library/curation')).body).to.contain(en.stories.curationEmpty);
  });

  it('lets a learner of the other course of the same platform find, read, count and mark it', async () => {
    const search = await otherLearner.get('/lti/app/library?text=shipping&kind=lesson-learned&recency=week');
    expect(search.status).to.equal(200);
    expect(search.body).to.contain(en.library.featuredHeading).and.contain(storyPath);
    const byCriterion = (await otherLearner.get('/lti/app/library?criterion=Timeliness')).body;
    expect(byCriterion).to.contain(storyPath);
    const thisCourseOnly = (await otherLearner.get('/lti/app/library?text=shipping&course=this')).body;
    expect(thisCourseOnly).to.contain(en.library.noResults);
    const wrongKind = (await otherLearner.get('/lti/app/library?text=shipping&kind=success')).body;
    expect(wrongKind).to.contain(en.library.noResults);

    const views = (await storyNow(storyPath)).viewCount;
    const read = await otherLearner.get(storyPath);
    expect(read.status).to.equal(200);
    expect(read.body).to.contain('<strong>shipped early</strong>').and.contain(en.stories.markHelpful);
    expect((await storyNow(storyPath)).viewCount).to.equal(views + 1);

    const marked = await otherLearner.post(`${storyPath}/helpful`, { helpful: '1' });
    expect(marked.status).to.equal(303);
    expect((await storyNow(storyPath)).helpfulCount).to.equal(1);
    const again = await otherLearner.post(`${storyPath}/helpful`, { helpful: '1' });
    expect(again.status).to.equal(303);
    expect((await storyNow(storyPath)).helpfulCount).to.equal(1);
    expect((await otherLearner.get(storyPath)).body).to.contain(en.stories.unmarkHelpful);
    const bad = await otherLearner.post(`${storyPath}/helpful`, { helpful: 'yes' });
    expect(bad.status).to.equal(400);
  });

  it('keeps team and course stories from those outside them', async () => {
    const author = learners[0]!;
    const team = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: 'Team only retro',
      narrative: 'Just us.',
      kind: 'improvement',
      criteria: '',
      visibility: 'team',
    });
    const teamPath = redirectPath(team);
    const course = await author.post('/lti/app/library/stories', {
      title: 'Course story',
      narrative: 'For this course.',
      kind: 'success',
      criteria: '',
      visibility: 'course',
    });
    courseStoryPath = redirectPath(course);
    for (const path of [teamPath, courseStoryPath]) {
      const s = await storyNow(path);
      expect(
        (await facilitator.post(`${path}/change`, { revision: String(s.revision), action: 'publish' }))
          .status,
      ).to.equal(303);
    }
    // Two of the four learners are in the author's team (teams of two): they see it, the others do not.
    const statuses = await Promise.all(learners.map(async (l) => (await l.get(teamPath)).status));
    expect(statuses.filter((s) => s === 200)).to.have.length(2);
    expect(statuses.filter((s) => s === 404)).to.have.length(2);
    expect((await otherLearner.get(courseStoryPath)).status).to.equal(404);
    expect((await otherLearner.get('/lti/app/library?text=course')).body).not.to.contain(courseStoryPath);
    expect((await learners[3]!.get(courseStoryPath)).status).to.equal(200);
  });

  it('lets the authors retract a story; it disappears for everyone else', async () => {
    const s = await storyNow(courseStoryPath);
    const retracted = await learners[0]!.post(`${courseStoryPath}/change`, {
      revision: String(s.revision),
      action: 'retract',
    });
    expect(retracted.status).to.equal(303);
    expect((await storyNow(courseStoryPath)).status).to.equal('retracted');
    expect((await learners[3]!.get(courseStoryPath)).status).to.equal(404);
    expect((await learners[0]!.get(courseStoryPath)).status).to.equal(200);
  });

  it('answers bad search input with 400 and unknown stories with 404', async () => {
    expect((await otherLearner.get('/lti/app/library?kind=poem')).status).to.equal(400);
    expect((await otherLearner.get('/lti/app/library?recency=forever')).status).to.equal(400);
    expect((await otherLearner.get('/lti/app/library?nonsense=1')).status).to.equal(400);
    expect((await otherLearner.get('/lti/app/library/stories/does-not-exist')).status).to.equal(404);
  });
});
