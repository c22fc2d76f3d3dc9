/**
 * A retrospective after a peer-review phase in which nothing was submitted: there are no peer
 * figures and no self-assessments, yet the team rates itself per criterion of its pinned
 * standard version — the criteria and level names come from that version, nothing is
 * preselected but "not rated", and the chart shows the team's rating with no peers to compare.
 */
import { expect } from 'chai';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';
import { inputValues, textOf } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2'];

describe('retrospective ratings without peer feedback', function () {
  this.timeout(90_000);
  let running: RunningLtiTool;
  let round: PagesRound;

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, {
      submissionMode: 'team',
      scope: 'across-teams',
      allocation: 'push',
      reviewsPerSubmission: '1',
      leaseMinutes: '30',
      hideReviewers: '1',
      release: 'phase-close',
      minReviews: '1',
      selfAssessment: '1',
      lateAllowed: '1',
      grading: 'formative',
    });
    await round.advance('peer-review');
    await round.advance('reflection');
  });
  after(async () => running?.stop());

  it('offers the pinned version’s criteria, unrated, and saves the team’s rating', async () => {
    const learner = round.learners.get('demo-learner-1')!;
    const path = `/lti/app/tasks/${round.taskId}/retrospective`;
    const page = (await learner.get(path)).body;
    const form = textOf(page, 'team-rating-form');
    expect(form).to.contain('Clarity').and.contain('Weak (1 / 3)').and.contain('Good (3 / 3)');
    expect(form).to.contain('Evidence').and.contain('Thin (1 / 2)').and.contain('Solid (2 / 2)');
    expect(form).not.to.contain(en.retrospective.suggestedMark);
    const checked = [...page.matchAll(/<input type="radio" id="([^"]+)"[^>]*\schecked>/g)].map((m) => m[1]);
    expect(checked).to.have.length(2);
    expect(checked.every((id) => id!.endsWith('-none'))).to.equal(true);

    const team = round.teams.teams[0]!;
    const retro = (await running.tool.library().retrospectives.findByTeam(round.taskId, team.id))!;
    expect(retro.standard?.version).to.equal(1);
    const clarity = retro.criteria.find((c) => c.name === 'Clarity')!;
    // Nothing of the (absent) peer feedback is stored: the chart reads it live.
    expect(clarity).not.to.have.property('peerCount');
    const saved = await learner.post(`${path}/ratings`, {
      revision: inputValues(page, 'revision')[0]!,
      [`rating.${clarity.criterionId}`]: '2',
    });
    expect(saved.status).to.equal(303);
    const chart = textOf((await learner.get(path)).body, 'rating-chart');
    expect(chart).to.contain(`Clarity ${en.retrospective.own} 3 / 3 3 / 3 ${en.retrospective.peers} —`);
    expect(chart).not.to.contain(en.retrospective.gapHighlighted);
  });
});
