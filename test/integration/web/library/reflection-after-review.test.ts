/**
 * A real peer-review round (issue 7 pages and services) feeding the reflection page and the
 * retrospective chart (issue 8): the team self-assesses high on Clarity, its peer rates it low;
 * the reflection page shows the self and peer medians as text and highlights the Clarity gap,
 * not Evidence; the retrospective chart shows the peers' medians, and once the team has rated
 * itself (through the service: the retrospective page has no rating form yet) its own ratings,
 * with only Clarity highlighted.
 */
import { expect } from 'chai';
import { changeRetrospective } from '../../../../src/services/retrospectives/change-retrospective.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { REVIEW_PATHS } from '../../../../src/web/view-models/review-paths.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';
import { redirectPath, textOf, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const squash = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Fills a review form: level index per criterion in form order (Clarity: 3 levels, Evidence: 2). */
async function fillReview(
  session: LtiSession,
  path: string,
  levels: readonly [number, number],
): Promise<void> {
  const form = await session.get(path);
  expect(form.status).to.equal(200);
  const byField = new Map<string, string[]>();
  for (const [, name, value] of form.body.matchAll(/name="(level\.[^"]+)" value="([^"]+)"/g))
    byField.set(name!, [...(byField.get(name!) ?? []), value!]);
  const [clarity, evidence] = [...byField.keys()] as [string, string];
  const revision = /name="expectedRevision" value="(\d+)"/.exec(form.body)![1]!;
  const done = await session.post(path, {
    expectedRevision: revision,
    [clarity]: byField.get(clarity)![levels[0]]!,
    [clarity.replace('level.', 'comment.')]: 'About clarity',
    [evidence]: byField.get(evidence)![levels[1]]!,
    [evidence.replace('level.', 'comment.')]: 'About evidence',
    overallComment: 'Overall',
    intent: 'submit',
  });
  expect(done.status, squash(done.body).slice(0, 400)).to.equal(303);
}

describe('reflection and retrospective after a real peer-review round', function () {
  this.timeout(120_000);
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
  });
  after(async () => running?.stop());

  it('shows self vs peer medians and highlights the gap on both pages', async () => {
    const { taskId } = round;
    const subjectOf = (id: string) => LEARNERS.find((s) => round.ids.get(s) === id)!;
    for (const team of round.teams.teams) {
      const res = await round.learners
        .get(subjectOf(team.members[0]!))!
        .post(REVIEW_PATHS.submission(taskId), { text: 'Our work.', intent: 'submit' });
      expect(res.status).to.equal(303);
    }
    await round.advance('peer-review');
    expect((await round.facilitator.post(REVIEW_PATHS.allocate(taskId), {})).status).to.equal(303);

    const focus = round.teams.teams.find((t) => t.members.includes(round.ids.get('demo-learner-1')!))!;
    for (const subject of LEARNERS) {
      const me = round.learners.get(subject)!;
      const inFocus = focus.members.includes(round.ids.get(subject)!);
      // Peer reviews: the focus team's work is rated Weak / Solid, the other team's Good / Solid.
      const mine = (await me.get(REVIEW_PATHS.mine(taskId))).body;
      for (const [, path] of mine.matchAll(
        /href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g,
      ))
        await fillReview(me, path!, inFocus ? [2, 1] : [0, 1]);
      // Self-assessment: every member rates their own work Good / Solid.
      const self = await me.post(REVIEW_PATHS.self(taskId), {});
      expect(self.status).to.equal(303);
      await fillReview(me, redirectPath(self), [2, 1]);
    }
    await round.advance('reflection');

    const learner = round.learners.get('demo-learner-1')!;
    const reflection = await learner.get(`/lti/app/tasks/${taskId}/reflection`);
    expect(reflection.status).to.equal(200);
    const table = squash(textOf(reflection.body, 'gaps'));
    expect(table).to.contain(`Clarity 3 / 3 1 / 3 +2 (${en.reflection.gapHighlighted})`);
    expect(table).to.contain('Evidence 2 / 2 2 / 2 0');
    expect(table).not.to.contain(`Evidence 2 / 2 2 / 2 0 (${en.reflection.gapHighlighted})`);
    const rows = reflection.body.match(/<tr class="gap-row--highlight">[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).to.have.length(1);
    expect(rows[0]).to.contain('Clarity');

    const retro = await learner.get(`/lti/app/tasks/${taskId}/retrospective`);
    expect(retro.status).to.equal(200);
    const chartItems = (html: string) => {
      const chart = html.slice(html.indexOf('id="rating-chart"'));
      const items = chart.slice(0, chart.indexOf('</ul>')).split('<li').slice(1);
      return {
        clarity: items.find((li) => li.includes('Clarity'))!,
        evidence: items.find((li) => li.includes('Evidence'))!,
      };
    };
    const { own, peers } = en.retrospective;
    // Opened by the visit: the peers' medians are there, the team has not rated itself yet.
    let { clarity, evidence } = chartItems(retro.body);
    expect(squash(`<li${clarity}`)).to.equal(`Clarity ${own} — ${peers} 1 / 3 1 / 3`);
    expect(clarity).to.match(/^>/);

    // The team rates itself as it did in its self-assessments (through the service: the page has no rating form).
    const opened = (await running.tool.library().retrospectives.findByTeam(taskId, focus.id))!;
    const levelsOf = Object.fromEntries(opened.criteria.map((c) => [c.criterionId, c.levelCount - 1]));
    await changeRetrospective(running.tool.library(), {
      actor: { userId: round.ids.get('demo-learner-1')!, role: 'learner' },
      courseId: round.courseId,
      taskId,
      expectedRevision: opened.revision,
      change: { kind: 'update', changes: { teamRatings: levelsOf } },
    });
    ({ clarity, evidence } = chartItems((await learner.get(`/lti/app/tasks/${taskId}/retrospective`)).body));
    // Per criterion the team's own rating and the peers' median, as text; only Clarity is highlighted.
    expect(squash(`<li${clarity}`)).to.equal(`Clarity ${own} 3 / 3 3 / 3 ${peers} 1 / 3 1 / 3`);
    expect(squash(`<li${evidence}`)).to.equal(`Evidence ${own} 2 / 2 2 / 2 ${peers} 2 / 2 2 / 2`);
    expect(clarity).to.match(/^ class="gap-row--highlight">/);
    expect(evidence).to.match(/^>/);
    expect(squash(retro.body)).to.contain(en.retrospective.own).and.contain(en.retrospective.peers);
  });
});
