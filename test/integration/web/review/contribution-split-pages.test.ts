/**
 * The contribution split page (WebPA) through real demo launches: a member splits 100 points
 * between themselves and their teammate; a wrong total is refused with the input kept and
 * changes nothing; points for someone outside the team and launches from another course are
 * refused; the facilitator's computed grades carry the WebPA factor; with the setting off the
 * link is absent and the page is refused.
 */
import { expect } from 'chai';
import type { UserId } from '../../../../src/domain/shared/ids.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;');

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const SETTINGS = {
  submissionMode: 'team',
  scope: 'across-teams',
  allocation: 'push',
  reviewsPerSubmission: '1',
  leaseMinutes: '30',
  release: 'phase-close',
  minReviews: '1',
  lateAllowed: '1',
  grading: 'graded',
  submissionWeight: '80',
  reviewWeight: '20',
  scoreMaximum: '100',
};

describe('contribution split page through real launches', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  const d = () => running.tool.reviews();
  const path = () => `/lti/app/tasks/${round.taskId}/review/contribution`;
  const teamOf = (subject: string) =>
    round.teams.teams.find((t) => t.members.includes(round.ids.get(subject)!))!;
  /** A learner and their teammate, and a learner of another team. */
  const cast = () => {
    const me = LEARNERS[0]!;
    const mate = LEARNERS.find((s) => s !== me && teamOf(s).id === teamOf(me).id)!;
    const other = LEARNERS.find((s) => teamOf(s).id !== teamOf(me).id)!;
    return {
      me,
      mate,
      other,
      meId: round.ids.get(me)!,
      mateId: round.ids.get(mate)!,
      otherId: round.ids.get(other)!,
    };
  };

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, { ...SETTINGS, contributionSplit: '1' });
  });
  after(async () => running?.stop());

  it('shows the team with a points field each and links the page from the review navigation', async () => {
    const { me, meId, mateId, otherId } = cast();
    const page = await round.learners.get(me)!.get(path());
    expect(page.status).to.equal(200);
    expect(page.body).to.contain(`<h1>${en.review.contribution.title}</h1>`);
    expect(page.body).to.contain(`value="${meId}"`);
    expect(page.body).to.contain(`value="${mateId}"`);
    expect(page.body).not.to.contain(otherId);
    expect(page.body).to.contain(en.review.contribution.notSaved);
    expect(page.body).to.match(/<label for="points-1">/);
    const submission = await round.learners.get(me)!.get(`/lti/app/tasks/${round.taskId}/review/submission`);
    expect(submission.body).to.contain(en.review.contribution.nav);
    expect(submission.body).to.match(/href="\/lti\/app\/tasks\/[^"]+\/review\/contribution[?"]/);
  });

  it('refuses a wrong total with 422, keeps the input and saves nothing', async () => {
    const { me, meId, mateId } = cast();
    const res = await round.learners.get(me)!.post(path(), { member: [meId, mateId], points: ['70', '20'] });
    expect(res.status).to.equal(422);
    expect(res.body).to.contain('The points must add up to exactly 100.');
    expect(res.body).to.contain('value="70"');
    expect(res.body).to.contain('value="20"');
    expect(res.body).to.contain('role="alert"');
    expect(await d().contributions.find(round.taskId, meId)).to.equal(undefined);
  });

  it('refuses points for a learner of another team and launches from another course', async () => {
    const { me, meId, otherId, mateId } = cast();
    const res = await round.learners.get(me)!.post(path(), { member: [meId, otherId], points: ['50', '50'] });
    expect(res.status).to.equal(422);
    expect(await d().contributions.find(round.taskId, meId)).to.equal(undefined);
    const elsewhere = await launchSession(running, me, 'demo-other-course-task', { services: false });
    expect((await elsewhere.get(path())).status).to.be.oneOf([403, 404]);
    const post = await elsewhere.post(path(), { member: [meId, mateId], points: ['50', '50'] });
    expect(post.status).to.be.oneOf([403, 404]);
    expect(await d().contributions.find(round.taskId, meId)).to.equal(undefined);
    const facilitatorGet = await round.facilitator.get(path());
    expect(facilitatorGet.status).to.equal(403);
  });

  it('saves a split, shows it again, and the computed grade carries the WebPA factor', async () => {
    const { me, meId, mateId } = cast();
    const saved = await round.learners
      .get(me)!
      .post(path(), { member: [meId, mateId], points: ['70', '30'] });
    expect(saved.status).to.equal(303);
    const page = await round.learners.get(me)!.get(`${path()}?done=contribution-saved`);
    expect(page.body).to.contain(en.review.done['contribution-saved']);
    expect(page.body).to.contain('value="70"');
    expect(page.body).to.contain('value="30"');
    const split = (await d().contributions.find(round.taskId, meId))!;
    expect(split.points).to.deep.equal([
      { userId: teamOf(me).members[0]!, points: teamOf(me).members[0] === meId ? 70 : 30 },
      { userId: teamOf(me).members[1]!, points: teamOf(me).members[1] === meId ? 70 : 30 },
    ]);
    expect(
      (await round.facilitator.post(`/lti/app/tasks/${round.taskId}/review/grades/compute`, {})).status,
    ).to.equal(303);
    const grades = await d().grades.listByTask(round.taskId);
    const factor = (id: UserId) => grades.find((g) => g.userId === id)!.parts.contributionFactor;
    // One split of 70/30 in a team of two: WebPA with the n/n_submitted correction gives 1.4 and 0.6.
    expect(factor(meId)).to.be.closeTo(1.4, 1e-9);
    expect(factor(mateId)).to.be.closeTo(0.6, 1e-9);
    const dashboard = await round.facilitator.get(`/lti/app/tasks/${round.taskId}/review`);
    expect(dashboard.status).to.equal(200);
    expect(dashboard.body).to.contain(en.review.contribution.dashboard.heading);
    const status = dashboard.body.slice(dashboard.body.indexOf('id="contribution-status"'));
    const names = (subject: string) => running.tool.demoPlatform()!.users.find((u) => u.id === subject)!.name;
    expect(status).to.contain(`${escapeHtml(names(me))}: split given`);
    expect(status).to.contain(`${escapeHtml(names(cast().mate))}: no split yet`);
  });

  it('is closed (409, nothing changes) once the task is closed', async () => {
    const { me, meId, mateId } = cast();
    const before = (await d().contributions.find(round.taskId, meId))!;
    const task = (await d().teamTasks.findById(round.taskId))!;
    const fac = { actor: { userId: task.createdBy, role: 'facilitator' as const }, courseId: round.courseId };
    await round.advance('peer-review');
    await round.advance('reflection');
    await advancePhase(d(), { ...fac, taskId: round.taskId, to: 'closed' });
    const page = await round.learners.get(me)!.get(path());
    expect(page.body).to.contain(en.review.contribution.closed);
    const res = await round.learners.get(me)!.post(path(), { member: [meId, mateId], points: ['50', '50'] });
    expect(res.status).to.equal(409);
    expect((await d().contributions.find(round.taskId, meId))!.revision).to.equal(before.revision);
  });

  it('has no link and refuses the page when the task asks for no split', async () => {
    const off = await setUpPagesRound(running, LEARNERS, SETTINGS);
    const learner = off.learners.get(LEARNERS[0]!)!;
    const submission = await learner.get(`/lti/app/tasks/${off.taskId}/review/submission`);
    expect(submission.status).to.equal(200);
    expect(submission.body).not.to.contain(en.review.contribution.nav);
    expect(submission.body).not.to.contain('/review/contribution');
    expect((await learner.get(`/lti/app/tasks/${off.taskId}/review/contribution`)).status).to.equal(403);
    const dashboard = await off.facilitator.get(`/lti/app/tasks/${off.taskId}/review`);
    expect(dashboard.status).to.equal(200);
    expect(dashboard.body).not.to.contain(en.review.contribution.dashboard.heading);
  });
});
