/**
 * The course overview's count of people, through real demo launches without roster sync: only
 * who launched counts (one facilitator, one learner — singular forms), in English and Dutch.
 * With the LMS roster synced, see `test/integration/lti/advantage/roster-sync.test.ts`.
 */
import { expect } from 'chai';
import { launchSession } from '../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';

describe('course overview: who is in the course', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;

  before(async () => {
    running = await startLtiTool();
  });
  after(async () => running?.stop());

  it('counts who launched when there is no roster, with singular forms, in English and Dutch', async () => {
    const none = await launchSession(running, 'demo-instructor', undefined, { services: false });
    expect((await none.get('/lti/app/course')).body).to.contain(
      '<p>In this course: 1 facilitator and 0 learners (from launches and the LMS roster).</p>',
    );
    await launchSession(running, 'demo-learner-1', undefined, { services: false });
    const dutch = await launchSession(running, 'demo-instructor', undefined, {
      services: false,
      locale: 'nl',
    });
    expect((await dutch.get('/lti/app/course')).body).to.contain(
      '<p>In deze cursus: 1 begeleider en 1 lerende (uit starts en de deelnemerslijst van de leeromgeving).</p>',
    );
  });
});
