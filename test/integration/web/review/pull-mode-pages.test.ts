/**
 * Pull mode on the pages, through real launches: reviewers take the next piece of work
 * themselves (never their own team's, the work with the fewest reviews first, reserved for
 * them for the lease), the "my reviews" page shows the reservation, and when nothing is left the
 * page says so. Also the Dutch pages of a Dutch launch.
 */
import { expect } from 'chai';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { nl } from '../../../../src/web/i18n/messages/nl.js';
import { launchSession, redirectPath } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];

describe('peer review pages in pull mode', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  const base = () => `/lti/app/tasks/${round.taskId}/review`;

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

  it('lets a reviewer take the next work of another team, reserved for the lease; then nothing is left', async () => {
    for (const team of round.teams.teams) {
      const subject = LEARNERS.find((s) => round.ids.get(s) === team.members[0])!;
      const res = await round.learners
        .get(subject)!
        .post(`${base()}/submission`, { text: 'Our work.', intent: 'submit' });
      expect(res.status).to.equal(303);
    }
    await round.advance('peer-review');
    const subject = LEARNERS[0]!;
    const me = round.learners.get(subject)!;
    const mine = await me.get(`${base()}/mine`);
    expect(mine.body).to.contain(en.review.mine.takeNext);
    const taken = await me.post(`${base()}/mine/next`, {});
    expect(taken.status).to.equal(303);
    expect(redirectPath(taken)).to.match(/\/review\/reviews\/[^/]+$/);
    const reviewId = redirectPath(taken).split('/').at(-1)!;
    const review = (await running.tool.reviews().reviews.findById(reviewId as never))!;
    const ownTeam = round.teams.teams.find((t) => t.members.includes(round.ids.get(subject)!))!;
    const submission = (await running.tool.reviews().submissions.findById(review.submissionId))!;
    expect(submission.owner.kind === 'team' && submission.owner.teamId).not.to.equal(ownTeam.id);
    expect(review.leaseExpiresAt).to.be.instanceOf(Date);
    const listed = await me.get(`${base()}/mine`);
    expect(listed.body).to.contain('Reserved for you until');

    // Their teammate finds the only other submission already covered (one review each).
    const mate = LEARNERS.find((s) => s !== subject && ownTeam.members.includes(round.ids.get(s)!))!;
    const none = await round.learners.get(mate)!.post(`${base()}/mine/next`, {});
    expect(none.status).to.equal(303);
    const page = await round.learners.get(mate)!.get(redirectPath(none) + '?next=none');
    expect(page.body).to.contain(en.review.mine.nothingToTake);
    // A facilitator cannot take work to review.
    expect((await round.facilitator.post(`${base()}/mine/next`, {})).status).to.equal(403);
  });

  it('speaks Dutch to a Dutch launch', async () => {
    const dutch = await launchSession(running, LEARNERS[0]!, undefined, { services: false, locale: 'nl' });
    const page = await dutch.get(`${base()}/mine`);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain(`<h1>${nl.review.mine.title}</h1>`);
    const submission = await dutch.get(`${base()}/submission`);
    expect(submission.body).to.contain(nl.review.submission.submittedHeading);
  });
});
