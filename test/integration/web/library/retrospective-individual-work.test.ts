/**
 * The retrospective's peer figures when every member hands in their own work (individual
 * submission mode), through real demo launches: the team's figures pool the peer reviews of all
 * its members' released submissions, so both members and the facilitator read the same numbers
 * — not each member their own submission's median.
 *
 * Teams of two, one review per submission across teams: the focus team's two submissions are
 * reviewed by the two members of the other team, one of whom rates Clarity Good (3 of 3) and
 * the other Weak (1 of 3). Each submission alone has a median of 3/3 or 1/3; pooled it is 2/3.
 */
import { expect } from 'chai';
import type { Team } from '../../../../src/domain/team/team.js';
import { REVIEW_PATHS } from '../../../../src/web/view-models/review-paths.js';
import { fillReviewForm, setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { chartRowText } from '../../../helpers/retrospective-chart.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
describe('retrospective: peer figures pool the team members’ individual work', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  let focus: Team;
  let other: Team;
  const subjectOf = (id: string) => LEARNERS.find((s) => round.ids.get(s) === id)!;
  const member = (team: Team, i: number) => round.learners.get(subjectOf(team.members[i]!))!;
  const retroPath = () => `/lti/app/tasks/${round.taskId}/retrospective`;

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, {
      submissionMode: 'person',
      scope: 'across-teams',
      allocation: 'push',
      reviewsPerSubmission: '1',
      leaseMinutes: '30',
      hideReviewers: '1',
      release: 'phase-close',
      minReviews: '1',
      selfAssessment: '0',
      lateAllowed: '1',
      grading: 'formative',
    });
    [focus, other] = round.teams.teams as [Team, Team];
    const { taskId } = round;
    for (const subject of LEARNERS) {
      const handedIn = await round.learners
        .get(subject)!
        .post(REVIEW_PATHS.submission(taskId), { text: `Work of ${subject}.`, intent: 'submit' });
      expect(handedIn.status).to.equal(303);
    }
    await round.advance('peer-review');
    expect((await round.facilitator.post(REVIEW_PATHS.allocate(taskId), {})).status).to.equal(303);
    // Clarity (3 levels), Evidence (2 levels): the other team's first member rates Good/Solid,
    // its second Weak/Thin; the focus team's members rate the other team Fair/Thin.
    const levelsOf = new Map<string, readonly number[]>([
      [subjectOf(other.members[0]!), [2, 1]],
      [subjectOf(other.members[1]!), [0, 0]],
      [subjectOf(focus.members[0]!), [1, 0]],
      [subjectOf(focus.members[1]!), [1, 0]],
    ]);
    let reviewed = 0;
    for (const subject of LEARNERS) {
      const me = round.learners.get(subject)!;
      const mine = (await me.get(REVIEW_PATHS.mine(taskId))).body;
      for (const [, path] of mine.matchAll(
        /href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g,
      )) {
        await fillReviewForm(me, path!, levelsOf.get(subject)!);
        reviewed += 1;
      }
    }
    expect(reviewed).to.equal(4);
    await round.advance('reflection');
  });

  after(async () => {
    await running?.stop();
  });

  it('shows both members and the facilitator the pooled median of the team’s released reviews', async () => {
    const first = await member(focus, 0).get(retroPath());
    const second = await member(focus, 1).get(retroPath());
    const facilitator = await round.facilitator.get(`${retroPath()}?team=${focus.id}`);
    for (const page of [first, second, facilitator]) expect(page.status).to.equal(200);
    const rows = [first, second, facilitator].map((page) => chartRowText(page.body, 'Clarity'));
    expect(rows[0]).to.match(/Peers 2 \/ 3/);
    expect(rows[1]).to.equal(rows[0]);
    expect(rows[2]).to.match(/Peers 2 \/ 3/);
    expect(chartRowText(first.body, 'Evidence')).to.match(/Peers 1\.5 \/ 2|Peers 1,5 \/ 2/);
  });

  it('leaves the other team’s figures to its own reviews', async () => {
    const page = await member(other, 0).get(retroPath());
    expect(page.status).to.equal(200);
    expect(chartRowText(page.body, 'Clarity')).to.match(/Peers 2 \/ 3/);
    expect(chartRowText(page.body, 'Evidence')).to.match(/Peers 1 \/ 2/);
  });
});
