/**
 * "The standard the team used" on a story, through real launches: written from a team's task
 * page, the story form offers the team's ratified versions; the linked version shows on the
 * story page as a link for the team (who may open its standard) and as a name only for a reader
 * of another course. A version the team does not have is refused (422) and nothing is stored.
 */
import { expect } from 'chai';
import { asStoryId, type Story } from '../../../../src/domain/story/story.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { standardPath } from '../../../../src/web/view-models/standard-paths.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';
import { launchSession, redirectPath, textOf } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];

describe('story linked to the standard the team used', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let round: PagesRound;

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, {
      submissionMode: 'team',
      scope: 'across-teams',
      allocation: 'pull',
      reviewsPerSubmission: '1',
      leaseMinutes: '30',
      hideReviewers: '1',
      release: 'min-reviews',
      minReviews: '1',
      selfAssessment: '1',
      lateAllowed: '1',
      grading: 'formative',
    });
  });
  after(async () => running?.stop());

  const storyOf = async (path: string): Promise<Story> =>
    (await running.tool.library().stories.findById(asStoryId(path.split('/').at(-1)!)))!;

  it('offers the team’s ratified version, links it, and shows the team a link and others only its name', async () => {
    const author = round.learners.get('demo-learner-1')!;
    const team = round.teams.teams.find((t) => t.members.includes(round.ids.get('demo-learner-1')!))!;
    const form = await author.get(`/lti/app/library/stories/new?task=${round.taskId}`);
    expect(form.status).to.equal(200);
    expect(form.body).to.contain(en.stories.linkStandard).and.contain(en.stories.standardNone);
    expect(form.body).to.match(/name="standardVersion" value="1"/);
    expect(form.body).to.contain('Version 1, ratified');
    // Without a task, there is no team standard to offer.
    expect((await author.get('/lti/app/library/stories/new')).body).not.to.contain(en.stories.linkStandard);

    const fields = {
      task: round.taskId,
      title: 'Clarity first',
      narrative: 'We agreed on clarity early.',
      kind: 'success',
      criteria: 'Clarity',
      visibility: 'platform',
    };
    const before = (await running.countAppDocuments())['stories'] ?? 0;
    const forged = await author.post('/lti/app/library/stories', { ...fields, standardVersion: '9' });
    expect(forged.status).to.equal(422);
    expect(forged.body).to.contain('role="alert"').and.contain('Clarity first');
    const noTask = await author.post('/lti/app/library/stories', {
      ...fields,
      task: '',
      standardVersion: '1',
    });
    expect(noTask.status).to.equal(422);
    expect(await running.countAppDocuments()).to.have.property('stories', before);

    const posted = await author.post('/lti/app/library/stories', { ...fields, standardVersion: '1' });
    expect(posted.status).to.equal(303);
    const path = redirectPath(posted);
    const story = await storyOf(path);
    expect(story.draft.standard?.version).to.equal(1);
    const name = 'Standard of “Review round”, version 1';
    const link = standardPath(round.taskId, team.id);

    const own = (await author.get(path)).body;
    expect(textOf(own, 'story-standard').trim()).to.equal(name);
    expect(own).to.contain(`href="${link}?ltik&#x3D;`);

    const published = await round.facilitator.post(`${path}/change`, {
      revision: String(story.revision),
      action: 'publish',
    });
    expect(published.status).to.equal(303);
    expect((await round.facilitator.get(path)).body).to.contain(`href="${link}?ltik&#x3D;`);
    // A learner of the platform's other course reads the story and the standard's name, without a link.
    const other = await launchSession(running, 'demo-learner-5', 'demo-other-course-task', {
      services: false,
    });
    const read = await other.get(path);
    expect(read.status).to.equal(200);
    expect(textOf(read.body, 'story-standard').trim()).to.equal(name);
    expect(read.body).not.to.contain(link);
    // Another team of the same course: also just the name.
    const outsider = [...round.learners.entries()].find(
      ([subject]) => !team.members.includes(round.ids.get(subject)!),
    )![1];
    const theirs = await outsider.get(path);
    expect(theirs.status).to.equal(200);
    expect(textOf(theirs.body, 'story-standard').trim()).to.equal(name);
    expect(theirs.body).not.to.contain(link);
  });
});
