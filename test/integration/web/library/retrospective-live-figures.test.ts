/**
 * The retrospective chart's figures through real demo launches (issue 8):
 *
 * - Peer figures are read from the released feedback on every load, never from a stored copy:
 *   a retrospective stored before the feedback was released (as earlier versions stored it, with
 *   a stale copy of peer figures, written here straight into the store because the tool no
 *   longer opens one before the reflection phase) shows the live peer medians after release;
 *   one stored without criteria gets its pinned version's criteria on the next load.
 * - A facilitator of the course rates the team on `?team=`: a level per criterion and a short
 *   comment, with the revision check (409 keeps the input), 400/422 for bad input; learners and
 *   another course's facilitator are refused. The team sees the facilitator's levels and comment,
 *   with the gap to its own rating highlighted. No reviewer id reaches a member's page.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { asRetrospectiveId, type Retrospective } from '../../../../src/domain/retrospective/retrospective.js';
import type { Team } from '../../../../src/domain/team/team.js';
import { teamStandardCriteria } from '../../../../src/services/retrospectives/team-standard-criteria.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import {
  completeReviewRound,
  setUpPagesRound,
  type PagesRound,
} from '../../../helpers/review-pages-round.js';
import { inputValues, launchSession, redirectPath, textOf } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { chartItem, squash } from '../../../helpers/retrospective-chart.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
/** The facilitator form: radio field → checked value ('' = not rated), plus the fields' order. */
function facilitatorChoices(html: string): Map<string, string | undefined> {
  const start = html.indexOf('id="facilitator-rating-form"');
  const choices = new Map<string, string | undefined>();
  if (start === -1) return choices;
  const form = html.slice(start, html.indexOf('</form>', start));
  for (const [tag] of form.matchAll(/<input type="radio"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)![1]!;
    if (!choices.has(name)) choices.set(name, undefined);
    if (/\schecked\b/.test(tag)) choices.set(name, /value="([^"]*)"/.exec(tag)![1]!);
  }
  return choices;
}

describe('retrospective: live peer figures and the facilitator’s rating', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  let focus: Team;
  let other: Team;
  const subjectOf = (id: string) => LEARNERS.find((s) => round.ids.get(s) === id)!;
  const member = (team: Team, i: number) => round.learners.get(subjectOf(team.members[i]!))!;
  const retroPath = () => `/lti/app/tasks/${round.taskId}/retrospective`;
  const rateAction = () => `${retroPath()}/facilitator-rating`;
  const stored = async (team: Team): Promise<Retrospective> =>
    (await running.tool.library().retrospectives.findByTeam(round.taskId, team.id))!;

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
    focus = round.teams.teams.find((t) => t.members.includes(round.ids.get('demo-learner-1')!))!;
    other = round.teams.teams.find((t) => t !== focus)!;

    // Before any review exists (so before release), both teams' retrospectives as an earlier
    // version stored them: the focus team's with a copy of peer figures (stale: Good from 5 peers,
    // a facilitator level nobody gave), the other team's without criteria.
    const library = running.tool.library();
    const pinned = (await teamStandardCriteria(library, { taskId: round.taskId, teamId: focus.id }))!;
    const now = new Date();
    const base = (team: Team, id: string): Retrospective => ({
      id: asRetrospectiveId(id),
      courseId: round.courseId,
      taskId: round.taskId,
      teamId: team.id,
      criteria: [],
      wentWell: '',
      toImprove: '',
      actions: [],
      createdBy: team.members[0]!,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
    await library.retrospectives.insert({
      ...base(focus, 'legacy-focus'),
      standard: pinned.ref,
      criteria: pinned.criteria.map((c) => ({
        criterionId: c.criterionId,
        name: c.name,
        levelCount: c.levels.length,
      })),
    });
    await library.retrospectives.insert(base(other, 'legacy-other'));
    const client = new MongoClient(running.started.databaseUri);
    try {
      await client
        .db('teamloop')
        .collection<{ _id: string }>('retrospectives')
        .updateOne(
          { _id: 'legacy-focus' },
          {
            $set: {
              criteria: pinned.criteria.map((c) => ({
                criterionId: c.criterionId,
                name: c.name,
                levelCount: c.levels.length,
                peerMedian: 2,
                peerCount: 5,
                facilitator: 0,
              })),
            },
          },
        );
    } finally {
      await client.close();
    }

    const inFocus = (subject: string) => focus.members.includes(round.ids.get(subject)!);
    await completeReviewRound(round, LEARNERS, {
      // The focus team's work is rated Weak / Solid, the other team's Good / Solid.
      peer: (reviewer) => (inFocus(reviewer) ? [2, 1] : [0, 1]),
      self: () => [2, 1],
    });
  });
  after(async () => running?.stop());

  it('shows the peers’ released figures in a retrospective stored before release; stale copies never win', async () => {
    const page = await member(focus, 0).get(retroPath());
    expect(page.status).to.equal(200);
    const { own, peers, facilitator } = en.retrospective;
    expect(squash(`<li${chartItem(page.body, 'Clarity')}`)).to.equal(`Clarity ${own} — ${peers} 1 / 3 1 / 3`);
    expect(squash(`<li${chartItem(page.body, 'Evidence')}`)).to.equal(
      `Evidence ${own} — ${peers} 2 / 2 2 / 2`,
    );
    expect(squash(page.body)).not.to.contain(`${facilitator} `);
    // Medians and counts only: no reviewer (the other team) is named or identified on the page.
    for (const reviewer of other.members) expect(page.body).not.to.contain(reviewer);
    // Still the same retrospective (not a new one), not rewritten by the load.
    const retro = await stored(focus);
    expect(retro.id).to.equal('legacy-focus');
    expect(retro.revision).to.equal(1);
  });

  it('gives a retrospective stored without criteria its pinned version’s criteria on the next load', async () => {
    const page = await member(other, 0).get(retroPath());
    expect(page.status).to.equal(200);
    const retro = await stored(other);
    expect(retro.id).to.equal('legacy-other');
    expect(retro.criteria.map((c) => [c.name, c.levelCount])).to.deep.equal([
      ['Clarity', 3],
      ['Evidence', 2],
    ]);
    expect(retro.standard?.version).to.equal(1);
    expect(textOf(page.body, 'team-rating-form')).to.contain('Clarity').and.contain('Evidence');
    // Their peers rated them Good on Clarity.
    expect(squash(`<li${chartItem(page.body, 'Clarity')}`)).to.contain(`${en.retrospective.peers} 3 / 3`);
    // The page renders the adopted revision, so saving from it goes through.
    const saved = await member(other, 1).post(`${retroPath()}/ratings`, {
      revision: inputValues(page.body, 'revision')[0]!,
      [`rating.${retro.criteria[0]!.criterionId}`]: '2',
    });
    expect(saved.status).to.equal(303);
  });

  it('lets the facilitator rate the team; the team sees the levels, the comment and the gap to its rating', async () => {
    const path = `${retroPath()}?team=${focus.id}`;
    const view = await round.facilitator.get(path);
    expect(view.status).to.equal(200);
    const choices = facilitatorChoices(view.body);
    const [clarityField, evidenceField] = [...choices.keys()];
    expect([...choices.values()]).to.deep.equal(['', '']);
    expect(squash(view.body)).to.contain(en.retrospective.facilitatorRatingHeading);
    // The rest stays read-only for the facilitator: no team rating, notes or actions forms.
    expect(view.body).not.to.contain('id="team-rating-form"');
    expect(view.body).not.to.contain('id="wentWell"');
    expect(view.body).not.to.contain('id="action-text"');
    // The facilitator sees the live peer figures too.
    expect(squash(`<li${chartItem(view.body, 'Clarity')}`)).to.contain(`${en.retrospective.peers} 1 / 3`);

    const rated = await round.facilitator.post(rateAction(), {
      revision: inputValues(view.body, 'revision')[0]!,
      team: focus.id,
      [clarityField!]: '2',
      [evidenceField!]: '1',
      comment: 'Clear <b>structure</b>; check the evidence.',
    });
    expect(rated.status).to.equal(303);
    expect(redirectPath(rated)).to.equal(retroPath());
    expect(new URL(rated.location!, 'http://x').searchParams.get('team')).to.equal(focus.id);
    const retro = await stored(focus);
    expect(retro.facilitatorRating?.levels).to.deep.equal({
      [clarityField!.slice('level.'.length)]: 2,
      [evidenceField!.slice('level.'.length)]: 1,
    });
    expect(facilitatorChoices((await round.facilitator.get(path)).body).get(clarityField!)).to.equal('2');

    // The team rates itself Weak / Solid: as the peers on both, two levels below the
    // facilitator on Clarity — only Clarity is highlighted, by the facilitator's level.
    const me = member(focus, 0);
    const before = await me.get(retroPath());
    const ratings = await me.post(`${retroPath()}/ratings`, {
      revision: inputValues(before.body, 'revision')[0]!,
      [`rating.${clarityField!.slice('level.'.length)}`]: '0',
      [`rating.${evidenceField!.slice('level.'.length)}`]: '1',
    });
    expect(ratings.status).to.equal(303);
    const page = await member(focus, 1).get(retroPath());
    const { own, peers, facilitator, gapHighlighted, facilitatorComment } = en.retrospective;
    const clarity = chartItem(page.body, 'Clarity');
    expect(squash(`<li${clarity}`)).to.equal(
      `Clarity ${gapHighlighted} ${own} 1 / 3 1 / 3 ${peers} 1 / 3 1 / 3 ${facilitator} 3 / 3 3 / 3`,
    );
    expect(clarity).to.match(/^ class="gap-row--highlight">/);
    const evidence = chartItem(page.body, 'Evidence');
    expect(squash(`<li${evidence}`)).to.equal(
      `Evidence ${own} 2 / 2 2 / 2 ${peers} 2 / 2 2 / 2 ${facilitator} 2 / 2 2 / 2`,
    );
    expect(evidence).to.match(/^>/);
    expect(squash(page.body)).to.contain(facilitatorComment);
    expect(textOf(page.body, 'facilitator-comment')).to.equal('Clear <b>structure</b>; check the evidence.');
    expect(page.body).not.to.contain('<b>structure</b>');
    // Members do not get the facilitator's form.
    expect(page.body).not.to.contain('id="facilitator-rating-form"');
  });

  it('answers the facilitator’s stale save with 409, keeping the input and changing nothing', async () => {
    const path = `${retroPath()}?team=${focus.id}`;
    const stale = await round.facilitator.get(path);
    const revision = inputValues(stale.body, 'revision')[0]!;
    const [clarityField, evidenceField] = [...facilitatorChoices(stale.body).keys()];
    // A member saves notes meanwhile.
    const me = member(focus, 0);
    const notes = await me.post(retroPath(), {
      revision: inputValues((await me.get(retroPath())).body, 'revision')[0]!,
      wentWell: 'Kept our scope.',
      toImprove: 'Evidence.',
    });
    expect(notes.status).to.equal(303);
    const before = await stored(focus);
    const refused = await round.facilitator.post(rateAction(), {
      revision,
      team: focus.id,
      [clarityField!]: '1',
      [evidenceField!]: '',
      comment: 'Second thoughts',
    });
    expect(refused.status).to.equal(409);
    expect(squash(refused.body)).to.contain(en.retrospective.conflict.slice(0, 30));
    const kept = facilitatorChoices(refused.body);
    expect([kept.get(clarityField!), kept.get(evidenceField!)]).to.deep.equal(['1', '']);
    expect(refused.body).to.match(
      /<textarea id="facilitator-comment-input"[^>]*>Second thoughts<\/textarea>/,
    );
    expect(inputValues(refused.body, 'revision')[0]).to.equal(String(before.revision));
    const after = await stored(focus);
    expect(after.revision).to.equal(before.revision);
    expect(after.facilitatorRating?.comment).to.equal('Clear <b>structure</b>; check the evidence.');
  });

  it('refuses bad input with 400 or 422, learners with 403 and another course’s facilitator, changing nothing', async () => {
    const before = await stored(focus);
    const revision = String(before.revision);
    const [clarity] = before.criteria;
    const field = `level.${clarity!.criterionId}`;
    const attempts: [Record<string, string>, number][] = [
      [{ revision, team: focus.id, comment: '', 'level.no-such-criterion': '0' }, 422],
      [{ revision, team: focus.id, comment: '', [field]: '3' }, 422],
      [{ revision, team: focus.id, comment: 'x'.repeat(1001), [field]: '1' }, 422],
      [{ revision, team: focus.id, comment: '', [field]: 'good' }, 400],
      [{ revision, team: focus.id, comment: '', [field]: '-1' }, 400],
      [{ revision, team: focus.id, comment: '', [field]: '1', other: 'x' }, 400],
      [{ revision, comment: '', [field]: '1' }, 400],
      [{ team: focus.id, comment: '', [field]: '1' }, 400],
      [{ revision, team: 'no-such-team', comment: '', [field]: '1' }, 403],
    ];
    for (const [fields, status] of attempts) {
      const res = await round.facilitator.post(rateAction(), fields);
      expect(res.status, JSON.stringify(fields)).to.equal(status);
    }
    const ok = { revision, team: focus.id, comment: 'Mine', [field]: '0' };
    expect((await member(focus, 0).post(rateAction(), ok)).status).to.equal(403);
    expect((await member(other, 0).post(rateAction(), ok)).status).to.equal(403);
    const elsewhere = await launchSession(running, 'demo-instructor', 'demo-other-course-task', {
      services: false,
    });
    expect((await elsewhere.post(rateAction(), ok)).status).to.equal(403);
    const after = await stored(focus);
    expect(after.revision).to.equal(before.revision);
    expect(after.facilitatorRating).to.deep.equal(before.facilitatorRating);
  });
});
