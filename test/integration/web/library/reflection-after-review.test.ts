/**
 * A real peer-review round (issue 7 pages and services) feeding the reflection page and the
 * retrospective (issue 8): the focus team self-assesses high on Clarity, its peer rates it low;
 * the reflection page shows the self and peer medians as text and highlights the Clarity gap,
 * not Evidence. On the retrospective page a member rates the team per criterion of its pinned
 * standard version (radio groups, preselected with the median of the members' self-assessments,
 * the lower middle one for an even count); after saving, the chart shows Team vs Peers with only
 * Clarity highlighted. A stale save is a 409 page that keeps the member's choices; bad input is
 * 400/422 and changes nothing; the other course, facilitators and other teams' criteria are
 * refused; the facilitator reaches the team's retrospective from the task page, read-only but for
 * the facilitator's own rating form (see retrospective-live-figures.test.ts).
 */
import { expect } from 'chai';
import type { Retrospective } from '../../../../src/domain/retrospective/retrospective.js';
import type { Team } from '../../../../src/domain/team/team.js';
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
interface RatingGroup {
  readonly legend: string;
  readonly field: string;
  readonly suggestion: string;
  /** Radio value → its label text. */
  readonly options: ReadonlyMap<string, string>;
  readonly checked: string | undefined;
}

/** The team-rating form's radio groups, by legend. */
function ratingGroups(html: string): Map<string, RatingGroup> {
  const start = html.indexOf('id="team-rating-form"');
  if (start === -1) return new Map();
  const form = html.slice(start, html.indexOf('</form>', start));
  const groups = new Map<string, RatingGroup>();
  for (const [, fieldset] of form.matchAll(/<fieldset\b([\s\S]*?)<\/fieldset>/g)) {
    const legend = squash(/<legend>([\s\S]*?)<\/legend>/.exec(fieldset!)![1]!);
    const options = new Map<string, string>();
    let field = '';
    let checked: string | undefined;
    for (const [tag] of fieldset!.matchAll(/<input\b[^>]*>/g)) {
      const id = /id="([^"]+)"/.exec(tag)![1]!;
      const value = /value="([^"]*)"/.exec(tag)![1]!;
      field = /name="([^"]+)"/.exec(tag)![1]!;
      const label = new RegExp(`<label for="${id}">([\\s\\S]*?)</label>`).exec(fieldset!)![1]!;
      options.set(value, squash(label).replace(/&#x27;/g, "'"));
      if (/\schecked\b/.test(tag)) checked = value;
    }
    const suggestion = /<p class="hint" id="rating-[^"]+-suggestion">([\s\S]*?)<\/p>/.exec(fieldset!)?.[1];
    groups.set(legend, { legend, field, suggestion: suggestion ?? '', options, checked });
  }
  return groups;
}

describe('reflection and retrospective after a real peer-review round', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  /** The team of demo-learner-1 (rated low on Clarity by its peer) and the other team. */
  let focus: Team;
  let other: Team;
  const subjectOf = (id: string) => LEARNERS.find((s) => round.ids.get(s) === id)!;
  const member = (team: Team, i: number) => round.learners.get(subjectOf(team.members[i]!))!;
  const retroPath = () => `/lti/app/tasks/${round.taskId}/retrospective`;
  const stored = async (team: Team): Promise<Retrospective> =>
    (await running.tool.library().retrospectives.findByTeam(round.taskId, team.id))!;
  const teamLevels = (retro: Retrospective) =>
    Object.fromEntries(retro.criteria.map((c) => [c.name, c.team]));

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
  });
  after(async () => running?.stop());

  it('shows self vs peer medians and highlights the gap on both pages', async () => {
    const { taskId } = round;
    const inFocus = (subject: string) => focus.members.includes(round.ids.get(subject)!);
    await completeReviewRound(round, LEARNERS, {
      // Peer reviews: the focus team's work is rated Weak / Solid, the other team's Good / Solid.
      peer: (reviewer) => (inFocus(reviewer) ? [2, 1] : [0, 1]),
      // Self-assessment: Good / Solid — but the other team's second member says Fair on Clarity.
      self: (subject) => (round.ids.get(subject) === other.members[1] ? [1, 1] : [2, 1]),
    });

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

    const retro = await learner.get(retroPath());
    expect(retro.status).to.equal(200);
    const { own, peers } = en.retrospective;
    // Opened by the visit: the peers' medians are there, the team has not rated itself yet.
    const clarity = chartItem(retro.body, 'Clarity');
    expect(squash(`<li${clarity}`)).to.equal(`Clarity ${own} — ${peers} 1 / 3 1 / 3`);
    expect(clarity).to.match(/^>/);
    expect(squash(retro.body)).to.contain(en.retrospective.own).and.contain(en.retrospective.peers);
    const opened = await stored(focus);
    expect(opened.standard?.version).to.equal(1);
    expect(opened.criteria.map((c) => [c.name, c.levelCount])).to.deep.equal([
      ['Clarity', 3],
      ['Evidence', 2],
    ]);
  });

  it('offers a radio group per criterion, preselected with the median of the members’ self-assessments', async () => {
    const page = await member(focus, 0).get(retroPath());
    const groups = ratingGroups(page.body);
    expect([...groups.keys()]).to.deep.equal(['Clarity', 'Evidence']);
    const clarity = groups.get('Clarity')!;
    const { notRated, suggestedMark } = en.retrospective;
    expect([...clarity.options.values()]).to.deep.equal([
      notRated,
      'Weak (1 / 3)',
      'Fair (2 / 3)',
      `Good (3 / 3) · ${suggestedMark}`,
    ]);
    expect(clarity.checked).to.equal('2');
    expect(clarity.suggestion).to.contain('Suggested from your self-assessments (2): Good.');
    expect(page.body).to.contain('aria-describedby="rating-');
    const evidence = groups.get('Evidence')!;
    expect([...evidence.options.values()]).to.deep.equal([
      notRated,
      'Thin (1 / 2)',
      `Solid (2 / 2) · ${suggestedMark}`,
    ]);
    expect(evidence.checked).to.equal('1');

    // Two self-assessments, Good and Fair: the lower middle one, Fair, is suggested.
    const theirs = ratingGroups((await member(other, 0).get(retroPath())).body).get('Clarity')!;
    expect(theirs.checked).to.equal('1');
    expect(theirs.suggestion).to.contain('(2): Fair.');
    // Only a suggestion: nothing is stored until the team saves.
    expect(Object.values(teamLevels(await stored(focus)))).to.deep.equal([undefined, undefined]);
  });

  it('saves the team’s ratings from the page form; the chart shows Team vs Peers with the gap highlighted', async () => {
    const me = member(focus, 0);
    const page = (await me.get(retroPath())).body;
    const groups = ratingGroups(page);
    const fields = Object.fromEntries([...groups.values()].map((g) => [g.field, g.checked ?? '']));
    const saved = await me.post(`${retroPath()}/ratings`, {
      revision: inputValues(page, 'revision')[0]!,
      ...fields,
    });
    expect(saved.status).to.equal(303);
    expect(redirectPath(saved)).to.equal(retroPath());
    expect(teamLevels(await stored(focus))).to.deep.equal({ Clarity: 2, Evidence: 1 });

    // Every member of the team sees the team's rating, no longer as a suggestion.
    const after = await member(focus, 1).get(retroPath());
    expect(squash(after.body)).to.contain(en.retrospective.ratingHeading);
    const clarity = chartItem(after.body, 'Clarity');
    const evidence = chartItem(after.body, 'Evidence');
    const { own, peers, gapHighlighted } = en.retrospective;
    expect(squash(`<li${clarity}`)).to.equal(
      `Clarity ${gapHighlighted} ${own} 3 / 3 3 / 3 ${peers} 1 / 3 1 / 3`,
    );
    expect(squash(`<li${evidence}`)).to.equal(`Evidence ${own} 2 / 2 2 / 2 ${peers} 2 / 2 2 / 2`);
    expect(clarity).to.match(/^ class="gap-row--highlight">/);
    expect(evidence).to.match(/^>/);
    const group = ratingGroups(after.body).get('Clarity')!;
    expect(group.checked).to.equal('2');
    expect(group.suggestion).to.equal('');
  });

  it('answers a stale save with 409, keeps the member’s choices and changes nothing', async () => {
    const [first, second] = [member(focus, 0), member(focus, 1)];
    const stale = (await second.get(retroPath())).body;
    const revision = inputValues(stale, 'revision')[0]!;
    const groups = ratingGroups(stale);
    const clarityField = groups.get('Clarity')!.field;
    const evidenceField = groups.get('Evidence')!.field;
    // A teammate saves notes first.
    const notes = await first.post(retroPath(), {
      revision,
      wentWell: 'We shipped on time.',
      toImprove: 'Write more clearly.',
    });
    expect(notes.status).to.equal(303);
    const before = await stored(focus);

    const refused = await second.post(`${retroPath()}/ratings`, {
      revision,
      [clarityField]: '1',
      [evidenceField]: '',
    });
    expect(refused.status).to.equal(409);
    expect(squash(refused.body)).to.contain(en.retrospective.conflict.slice(0, 40));
    const kept = ratingGroups(refused.body);
    expect(kept.get('Clarity')!.checked).to.equal('1');
    expect(kept.get('Evidence')!.checked).to.equal('');
    expect(inputValues(refused.body, 'revision')[0]).to.equal(String(before.revision));
    const unchanged = await stored(focus);
    expect(unchanged.revision).to.equal(before.revision);
    expect(teamLevels(unchanged)).to.deep.equal({ Clarity: 2, Evidence: 1 });
    expect(unchanged.wentWell).to.equal('We shipped on time.');

    // The notes form on the same stale page: 409, the member's text kept in the form.
    const staleNotes = await second.post(retroPath(), {
      revision,
      wentWell: 'My own view of it',
      toImprove: 'Nothing',
    });
    expect(staleNotes.status).to.equal(409);
    expect(staleNotes.body).to.match(/<textarea id="wentWell"[^>]*>My own view of it<\/textarea>/);
    expect((await stored(focus)).wentWell).to.equal('We shipped on time.');

    // Saving the kept form again (now on the current revision) goes through.
    const again = await second.post(`${retroPath()}/ratings`, {
      revision: inputValues(refused.body, 'revision')[0]!,
      [clarityField]: kept.get('Clarity')!.checked!,
      [evidenceField]: kept.get('Evidence')!.checked!,
    });
    expect(again.status).to.equal(303);
    expect(teamLevels(await stored(focus))).to.deep.equal({ Clarity: 1, Evidence: undefined });
    // Back to the team's agreed ratings for the checks that follow.
    const restored = await second.post(`${retroPath()}/ratings`, {
      revision: String((await stored(focus)).revision),
      [clarityField]: '2',
      [evidenceField]: '1',
    });
    expect(restored.status).to.equal(303);
  });

  it('refuses bad input with 400 or 422 and changes nothing', async () => {
    const me = member(focus, 0);
    const before = await stored(focus);
    const revision = String(before.revision);
    const [clarity] = before.criteria;
    const foreign = (await stored(other)).criteria[0]!.criterionId;
    const attempts: [Record<string, string>, number][] = [
      [{ revision, 'rating.no-such-criterion': '0' }, 422],
      [{ revision, [`rating.${foreign}`]: '0' }, 422],
      [{ revision, [`rating.${clarity!.criterionId}`]: '3' }, 422],
      [{ revision, [`rating.${clarity!.criterionId}`]: '-1' }, 400],
      [{ revision, [`rating.${clarity!.criterionId}`]: 'good' }, 400],
      [{ revision, [`rating.${clarity!.criterionId}`]: '1', other: 'x' }, 400],
      [{ revision, 'rating.../x': '1' }, 400],
      [{ revision }, 400],
      [{ [`rating.${clarity!.criterionId}`]: '1' }, 400],
    ];
    for (const [fields, status] of attempts) {
      const res = await me.post(`${retroPath()}/ratings`, fields);
      expect(res.status, JSON.stringify(fields)).to.equal(status);
    }
    const after = await stored(focus);
    expect(after.revision).to.equal(before.revision);
    expect(teamLevels(after)).to.deep.equal({ Clarity: 2, Evidence: 1 });
  });

  it('refuses the other course and facilitators; another team’s learner cannot rate this team', async () => {
    const before = await stored(focus);
    const criterion = before.criteria[0]!.criterionId;
    const fields = { revision: String(before.revision), [`rating.${criterion}`]: '0' };
    const otherCourse = await launchSession(running, 'demo-learner-1', 'demo-other-course-task', {
      services: false,
    });
    expect((await otherCourse.post(`${retroPath()}/ratings`, fields)).status).to.equal(403);
    expect((await round.facilitator.post(`${retroPath()}/ratings`, fields)).status).to.equal(403);
    // The path names no team: a learner of the other team can only reach their own, where this
    // team's criterion is unknown.
    const theirs = { ...fields, revision: String((await stored(other)).revision) };
    expect((await member(other, 0).post(`${retroPath()}/ratings`, theirs)).status).to.equal(422);
    const after = await stored(focus);
    expect(after.revision).to.equal(before.revision);
    expect(teamLevels(after)).to.deep.equal({ Clarity: 2, Evidence: 1 });
  });

  it('links each team’s retrospective from the facilitator’s task page; the facilitator reads it only', async () => {
    const task = await round.facilitator.get(`/lti/app/tasks/${round.taskId}`);
    expect(task.status).to.equal(200);
    const html = task.body.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const links = [...html.matchAll(/href="([^"]*\/retrospective\?[^"]*team=[^"]+)">([^<]+)</g)];
    expect(links).to.have.length(2);
    const link = links.find(([, href]) => new URL(href!, 'http://x').searchParams.get('team') === focus.id)!;
    expect(link[2]).to.match(/^Retrospective and shared reflections of /);
    const url = new URL(link[1]!, 'http://x');
    url.searchParams.delete('ltik');
    const page = await round.facilitator.get(`${url.pathname}${url.search}`);
    expect(page.status).to.equal(200);
    const clarity = chartItem(page.body, 'Clarity');
    expect(squash(`<li${clarity}`)).to.contain(`${en.retrospective.own} 3 / 3`);
    expect(clarity).to.match(/^ class="gap-row--highlight">/);
    // Read-only but for the facilitator's own rating form: no team rating, notes or action forms.
    expect(page.body).not.to.contain('id="team-rating-form"');
    expect(page.body).not.to.contain('name="rating.');
    expect(page.body).not.to.contain('id="wentWell"');
    expect(page.body).not.to.contain('id="action-text"');
    expect(page.body).to.contain('id="facilitator-rating-form"');
    expect(squash(page.body)).to.contain('We shipped on time.');
  });
});
