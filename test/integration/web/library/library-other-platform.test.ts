/**
 * The library is shared within one platform only (issue 8): a story the demo platform's course
 * publishes with platform visibility is invisible to a user launching from a second registered
 * LTI platform, even one that reuses the same course id and user ids. That user's search, the
 * story's URL, its helpful POST and the curation queue all give nothing of the first platform.
 */
import { expect } from 'chai';
import { asStoryId, type Story } from '../../../../src/domain/story/story.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { launchFromOtherPlatform } from '../../../helpers/other-platform-session.js';
import { startRoguePlatform, type RoguePlatform } from '../../../helpers/rogue-platform.js';

const NO_ROSTER_SYNC = { services: false } as const;
const TITLE = 'Cross-platform secret retro';

describe('library through a second LTI platform', function () {
  this.timeout(90_000);
  let running: RunningLtiTool;
  let platform: RoguePlatform;
  let author: LtiSession;
  let facilitator: LtiSession;
  let storyPath: string;

  const storyNow = async (): Promise<Story> =>
    (await running.tool.library().stories.findById(asStoryId(storyPath.split('/').at(-1)!)))!;

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
    author = await launchSession(running, 'demo-learner-1', undefined, NO_ROSTER_SYNC);
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const posted = await author.post('/lti/app/library/stories', {
      title: TITLE,
      narrative: 'Only for the demo platform.',
      kind: 'lesson-learned',
      criteria: 'Clarity',
      visibility: 'platform',
    });
    expect(posted.status).to.equal(303);
    storyPath = redirectPath(posted);
    const story = await storyNow();
    const published = await facilitator.post(`${storyPath}/change`, {
      revision: String(story.revision),
      action: 'feature',
    });
    expect(published.status).to.equal(303);
    // Within the demo platform, its other course does see the story.
    const sibling = await launchSession(running, 'demo-learner-5', 'demo-other-course-task', NO_ROSTER_SYNC);
    expect((await sibling.get('/lti/app/library?text=secret')).body).to.contain(storyPath);
  });
  after(async () => {
    await platform?.close();
    await running?.stop();
  });

  it('shows the other platform’s learner no search result, a 404 story URL and refuses the helpful mark', async () => {
    const learner = await launchFromOtherPlatform(running, platform, 'demo-learner-5', 'Learner');
    const search = await learner.get('/lti/app/library?text=secret');
    expect(search.status).to.equal(200);
    expect(search.body).to.contain(en.library.noResults).and.not.contain(storyPath);
    const all = (await learner.get('/lti/app/library')).body;
    expect(all).not.to.contain(storyPath).and.not.contain(TITLE);
    const byCriterion = (await learner.get('/lti/app/library?criterion=Clarity')).body;
    expect(byCriterion).not.to.contain(storyPath);

    const before = await storyNow();
    const read = await learner.get(storyPath);
    expect(read.status).to.equal(404);
    expect(read.body).not.to.contain(TITLE);
    const helpful = await learner.post(`${storyPath}/helpful`, { helpful: '1' });
    expect(helpful.status).to.equal(404);
    const after = await storyNow();
    expect(after.viewCount).to.equal(before.viewCount);
    expect(after.helpfulCount).to.equal(before.helpfulCount);
  });

  it('gives the other platform’s facilitator nothing to curate and no way to change the story', async () => {
    const instructor = await launchFromOtherPlatform(running, platform, 'demo-instructor', 'Instructor');
    const before = await storyNow();
    const queue = await instructor.get('/lti/app/library/curation');
    expect(queue.status).to.equal(200);
    expect(queue.body).to.contain(en.stories.curationEmpty).and.not.contain(TITLE);
    const change = await instructor.post(`${storyPath}/change`, {
      revision: String(before.revision),
      action: 'retract',
    });
    expect(change.status).to.equal(404);
    expect((await instructor.get(storyPath)).status).to.equal(404);
    expect(await storyNow()).to.deep.equal(before);
  });
});
