/**
 * Browser tier for the team's own rating on the retrospective page, after a real peer-review
 * round on the pages: a member of the team its peer rated low on Clarity opens the retrospective
 * inside the LMS frame, finds the suggestions from the self-assessments preselected, changes
 * Clarity with the arrow keys, moves on with Tab and saves with the keyboard; the chart then shows
 * Team vs Peers with the Clarity gap highlighted. The facilitator follows the task page's link to
 * the team's retrospective, reads it (no team forms) and rates the team on its own form; the
 * member then sees the facilitator's levels and comment in the chart. axe-core finds nothing on
 * any of these pages; no horizontal scroll at 320 px (member's form and facilitator's form).
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import type { Team } from '../../src/domain/team/team.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { completeReviewRound, setUpPagesRound, type PagesRound } from '../helpers/review-pages-round.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchChromium,
  launchInDemoFrame,
  newCheckedContext,
} from './browser.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];

/** True when the element has the keyboard focus in its document. */
const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate(
    (el) =>
      el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
  );

describe('retrospective: the team rates itself with the keyboard in a browser', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let browser: Browser;
  let round: PagesRound;
  let focus: Team;
  let contexts: BrowserContext[] = [];

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
    const inFocus = (subject: string) => focus.members.includes(round.ids.get(subject)!);
    await completeReviewRound(round, LEARNERS, {
      // The focus team's work is rated Weak / Solid by its peer; every member self-assesses Good / Solid.
      peer: (reviewer) => (inFocus(reviewer) ? [2, 1] : [0, 1]),
      self: () => [2, 1],
    });
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  const nameOf = (subject: string) => running.tool.demoPlatform()!.users.find((u) => u.id === subject)!.name;

  async function openInFrame(
    subject: string,
    path: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; frame: Frame; consoleErrors: string[] }> {
    const context = await newCheckedContext(browser, viewport === undefined ? {} : { viewport });
    contexts.push(context);
    const launched = await launchInDemoFrame(context, running.url, nameOf(subject));
    const url = new URL(path, running.url);
    url.searchParams.set('ltik', new URL(launched.frame.url()).searchParams.get('ltik')!);
    await launched.frame.goto(url.toString());
    await launched.frame.waitForSelector('h1');
    return launched;
  }

  const retroPath = () => `/lti/app/tasks/${round.taskId}/retrospective`;

  it('a member rates with the keyboard, saves, and sees the chart with the gap', async () => {
    const { page, frame, consoleErrors } = await openInFrame('demo-learner-1', retroPath());
    const clarity = frame.getByRole('group', { name: 'Clarity' });
    const evidence = frame.getByRole('group', { name: 'Evidence' });
    // The suggestions from the self-assessments are preselected and labelled as such.
    expect(await clarity.getByRole('radio', { name: /^Good/ }).isChecked()).to.equal(true);
    expect(await clarity.textContent()).to.contain('Suggested from your self-assessments (2): Good.');
    expect(await evidence.getByRole('radio', { name: /^Solid/ }).isChecked()).to.equal(true);
    expect(await accessibilityViolations(page), 'axe on the form').to.deep.equal([]);

    // Keyboard only: on Clarity's checked radio, ArrowUp chooses Fair; Tab goes to Evidence's
    // group and on to the save button; Enter submits.
    await clarity.getByRole('radio', { name: /^Good/ }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await clarity.getByRole('radio', { name: /^Fair/ }).isChecked()).to.equal(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(evidence.getByRole('radio', { name: /^Solid/ }))).to.equal(true);
    await page.keyboard.press('Tab');
    const save = frame.getByRole('button', { name: en.retrospective.saveRatings });
    expect(await isFocused(save)).to.equal(true);
    await Promise.all([frame.waitForURL(/done=saved/), page.keyboard.press('Enter')]);
    await frame.waitForSelector('h1');

    expect(await frame.getByRole('status').textContent()).to.contain(en.retrospective.saved);
    const highlighted = frame.locator('#rating-chart li.gap-row--highlight');
    expect(await highlighted.count()).to.equal(1);
    const row = ((await highlighted.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    expect(row).to.equal(
      `Clarity ${en.retrospective.gapHighlighted} ${en.retrospective.own} 2 / 3 2 / 3 ${en.retrospective.peers} 1 / 3 1 / 3`,
    );
    const stored = await running.tool.library().retrospectives.findByTeam(round.taskId, focus.id);
    expect(stored!.criteria.map((c) => [c.name, c.team])).to.deep.equal([
      ['Clarity', 1],
      ['Evidence', 1],
    ]);
    // Now the team's rating, not a suggestion.
    expect(await clarity.getByRole('radio', { name: /^Fair/ }).isChecked()).to.equal(true);
    expect(await clarity.textContent()).not.to.contain('Suggested');
    expect(await accessibilityViolations(page), 'axe after saving').to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('the facilitator follows the task page link and rates the team; the team sees it in its chart', async () => {
    const { page, frame } = await openInFrame('demo-instructor', `/lti/app/tasks/${round.taskId}`);
    const links = frame.getByRole('link', { name: /^Retrospective and shared reflections of / });
    expect(await links.count()).to.equal(round.teams.teams.length);
    const href = (await links.first().getAttribute('href'))!;
    const team = new URL(href, running.url).searchParams.get('team');
    expect(round.teams.teams.map((t) => t.id as string)).to.include(team);
    const focusLink = frame.locator(`a[href*="team=${focus.id}"]`);
    expect(await focusLink.textContent()).to.match(/^Retrospective and shared reflections of /);
    await Promise.all([frame.waitForURL(/\/retrospective\?/), focusLink.click()]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('#rating-chart li.gap-row--highlight h3').textContent()).to.equal('Clarity');
    // Read-only but for the facilitator's own rating form.
    expect(await frame.locator('form#team-rating-form').count()).to.equal(0);
    expect(await frame.locator('#wentWell, #action-text').count()).to.equal(0);
    const form = frame.locator('form#facilitator-rating-form');
    expect(await form.count()).to.equal(1);
    expect(await accessibilityViolations(page), 'axe on the facilitator’s view').to.deep.equal([]);

    const clarity = form.getByRole('group', { name: 'Clarity' });
    const evidence = form.getByRole('group', { name: 'Evidence' });
    expect(await clarity.getByRole('radio', { name: en.retrospective.notRated }).isChecked()).to.equal(true);
    await clarity.getByRole('radio', { name: /^Good/ }).check();
    await evidence.getByRole('radio', { name: /^Solid/ }).check();
    await form
      .getByLabel(en.retrospective.facilitatorCommentLabel)
      .fill('Clear structure; more evidence next time.');
    await Promise.all([
      frame.waitForURL(/done=saved/),
      form.getByRole('button', { name: en.retrospective.saveFacilitatorRating }).click(),
    ]);
    await frame.waitForSelector('h1');
    expect(await frame.getByRole('status').textContent()).to.contain(en.retrospective.saved);
    expect(await clarity.getByRole('radio', { name: /^Good/ }).isChecked()).to.equal(true);
    expect(await accessibilityViolations(page), 'axe after the facilitator saved').to.deep.equal([]);

    // The team's member sees the facilitator's levels and comment; Clarity stays highlighted.
    const member = await openInFrame('demo-learner-1', retroPath());
    const row = ((await member.frame.locator('#rating-chart li.gap-row--highlight').textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    expect(row).to.equal(
      `Clarity ${en.retrospective.gapHighlighted} ${en.retrospective.own} 2 / 3 2 / 3 ${en.retrospective.peers} 1 / 3 1 / 3 ${en.retrospective.facilitator} 3 / 3 3 / 3`,
    );
    expect(await member.frame.locator('#facilitator-comment').textContent()).to.equal(
      'Clear structure; more evidence next time.',
    );
    expect(await member.frame.locator('form#facilitator-rating-form').count()).to.equal(0);
    expect(await accessibilityViolations(member.page), 'axe on the member’s chart').to.deep.equal([]);
  });

  it('has no horizontal scroll at 320 px on the facilitator’s rating form', async () => {
    const { frame } = await openInFrame('demo-instructor', `${retroPath()}?team=${focus.id}`, {
      width: 320,
      height: 640,
    });
    expect(await frame.locator('form#facilitator-rating-form').count()).to.equal(1);
    expect(await hasHorizontalScroll(frame)).to.equal(false);
  });

  it('has no horizontal scroll at 320 px on the retrospective with its form', async () => {
    const { frame } = await openInFrame('demo-learner-2', retroPath(), { width: 320, height: 640 });
    expect(await frame.locator('form#team-rating-form').count()).to.equal(1);
    expect(await hasHorizontalScroll(frame)).to.equal(false);
  });
});
