/**
 * Browser tier for forms and links that had no browser coverage, inside the demo LMS frame:
 * the facilitator adds a team's ratified standard to the library from the task page with the
 * keyboard alone, then starts a new task from it through the task form's library drop-down; a
 * learner follows "what to do next" links from "my teams" to the pages where the work is done,
 * splits 100 contribution points (a wrong total is refused with the input kept), and links the
 * standard the team used on the story form; the facilitator's course overview leads to the
 * curation queue (with its count) and the review dashboard. Every page is axe clean and has no
 * horizontal scroll at 320 px. (Tests run in order: later ones use what earlier ones created.)
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { en } from '../../src/web/i18n/messages/en.js';
import { REVIEW_PATHS } from '../../src/web/view-models/review-paths.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import { setUpPagesRound, type PagesRound } from '../helpers/review-pages-round.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchChromium,
  launchInDemoFrame,
  newCheckedContext,
} from './browser.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const LIBRARY_TITLE = 'Clear and backed-up writing';
const activeId = (): string =>
  (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
    ?.id ?? '';

describe('library forms, story standard, contribution split and to-do links in a browser', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  let browser: Browser;
  let context: BrowserContext | undefined;
  const nameOf = (subject: string) => running.tool.demoPlatform()!.users.find((u) => u.id === subject)!.name;

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, {
      submissionMode: 'team',
      scope: 'across-teams',
      allocation: 'push',
      reviewsPerSubmission: '1',
      leaseMinutes: '30',
      release: 'phase-close',
      minReviews: '1',
      lateAllowed: '1',
      grading: 'formative',
      contributionSplit: '1',
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function launch(
    subject: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; frame: Frame; consoleErrors: string[]; go: (path: string) => Promise<void> }> {
    context = await newCheckedContext(browser, viewport === undefined ? {} : { viewport });
    const launched = await launchInDemoFrame(context, running.url, nameOf(subject));
    const ltik = new URL(launched.frame.url()).searchParams.get('ltik')!;
    const go = async (path: string) => {
      const url = new URL(path, running.url);
      url.searchParams.set('ltik', ltik);
      await launched.frame.goto(url.toString());
      await launched.frame.waitForSelector('h1');
    };
    return { ...launched, go };
  }

  const axeClean = async (page: Page, where: string) =>
    expect(await accessibilityViolations(page), `axe violations on ${where}`).to.deep.equal([]);

  it('adds a ratified standard to the library from the task page with the keyboard alone', async () => {
    const { page, frame, consoleErrors, go } = await launch('demo-instructor');
    await go(`/lti/app/tasks/${round.taskId}`);
    await axeClean(page, 'the facilitator task page');
    const team = round.teams.teams[0]!;
    const title = frame.locator(`#library-title-${team.id}`);
    await title.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(LIBRARY_TITLE);
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(activeId)).to.equal(`library-summary-${team.id}`);
    await page.keyboard.type('Two criteria agreed by the whole team.');
    await page.keyboard.press('Tab'); // the checked visibility radio (this course)
    await page.keyboard.press('ArrowDown'); // all courses on this platform
    expect(await frame.locator(`#library-visibility-${team.id}-platform`).isChecked()).to.equal(true);
    await page.keyboard.press('Tab'); // the form's button
    await Promise.all([frame.waitForURL(/\/lti\/app\/library\?/), page.keyboard.press('Enter')]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('main').textContent()).to.contain(LIBRARY_TITLE);
    await axeClean(page, 'the library after adding');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('starts a new task from the library through the task form drop-down', async () => {
    const team = round.teams.teams[0]!;
    const { page, frame, consoleErrors, go } = await launch('demo-instructor');
    await go('/lti/app/tasks/new');
    await frame.fill('#title', 'Task from the library');
    await frame.fill('#outcome', 'A report');
    await frame.check('#start-library');
    const option = frame.locator('#from-library option', { hasText: LIBRARY_TITLE });
    const value = await option.getAttribute('value');
    expect(value).to.be.a('string');
    await frame.selectOption('#from-library', value!);
    await axeClean(page, 'the task form with the library chosen');
    await Promise.all([
      frame.waitForURL(/\/lti\/app\/tasks\/(?!new)[^/?]+\?/),
      frame.locator('.task-form button[type="submit"]').click(),
    ]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('h1').textContent()).to.equal('Task from the library');
    await axeClean(page, 'the new task page');
    const taskId = new URL(frame.url()).pathname.split('/').at(-1)!;
    const task = (await running.tool.teamwork().teamTasks.findById(taskId as never))!;
    const source = (await running.tool.teamwork().standards.findByTeam(round.taskId, team.id))!;
    expect(task.standardStart).to.deep.equal({
      kind: 'library',
      source: { standardId: source.id, version: 1 },
    });
    expect(consoleErrors).to.deep.equal([]);
  });

  it('follows "what to do next" from my teams to the submission and contribution pages', async () => {
    const { page, frame, consoleErrors, go } = await launch('demo-learner-1');
    await go('/lti/app/my-teams');
    await axeClean(page, 'my teams');
    const next = frame.locator('section[aria-labelledby="next-heading"]');
    await Promise.all([
      frame.waitForURL(/\/review\/submission\?/),
      next.getByRole('link', { name: en.myTeams.toDo['submit-work'] }).click(),
    ]);
    await frame.waitForSelector('h1');
    expect(new URL(frame.url()).pathname).to.equal(REVIEW_PATHS.submission(round.taskId));
    await axeClean(page, 'the submission page');
    await go('/lti/app/my-teams');
    await Promise.all([
      frame.waitForURL(/\/review\/contribution\?/),
      next.getByRole('link', { name: en.myTeams.toDo['give-contribution'] }).click(),
    ]);
    await frame.waitForSelector('h1');
    expect(new URL(frame.url()).pathname).to.equal(REVIEW_PATHS.contribution(round.taskId));
    await axeClean(page, 'the contribution page');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('splits 100 contribution points: a wrong total is refused with the input kept, then saved', async () => {
    const { page, frame, consoleErrors, go } = await launch('demo-learner-1');
    await go(REVIEW_PATHS.contribution(round.taskId));
    const fields = frame.locator('input[name="points"]');
    expect(await fields.count()).to.equal(2);
    await fields.nth(0).fill('70');
    await fields.nth(1).fill('20');
    await Promise.all([frame.waitForLoadState('load'), fields.nth(1).press('Enter')]);
    await frame.waitForSelector('[role="alert"]');
    expect(await frame.locator('[role="alert"]').first().textContent()).to.contain(
      'The points must add up to exactly 100.',
    );
    expect(await fields.nth(0).inputValue()).to.equal('70');
    expect(await fields.nth(1).inputValue()).to.equal('20');
    await axeClean(page, 'the contribution page with the error');
    await fields.nth(1).fill('30');
    await Promise.all([frame.waitForURL(/done=contribution-saved/), fields.nth(1).press('Enter')]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('main').textContent()).to.contain(en.review.done['contribution-saved']);
    await axeClean(page, 'the contribution page once saved');
    await go('/lti/app/my-teams');
    expect(await frame.getByRole('link', { name: en.myTeams.toDo['give-contribution'] }).count()).to.equal(0);
    // The refused total answers 422, which Chromium reports as a failed load; nothing else.
    expect(consoleErrors).to.deep.equal([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ]);
  });

  it('links the standard the team used on the story form, chosen with the keyboard', async () => {
    const { page, frame, consoleErrors, go } = await launch('demo-learner-2');
    await go(`/lti/app/library/stories/new?task=${round.taskId}`);
    await axeClean(page, 'the story form');
    const radios = frame.locator('input[name="standardVersion"]');
    const count = await radios.count();
    expect(count).to.be.greaterThan(1);
    await frame.fill('#title', 'How we agreed');
    await frame.fill('#narrative', 'We weighed the criteria together.');
    await radios.nth(0).focus();
    for (let i = 1; i < count; i += 1) await page.keyboard.press('ArrowDown');
    const chosen = await radios.nth(count - 1).getAttribute('value');
    expect(await radios.nth(count - 1).isChecked()).to.equal(true);
    await Promise.all([
      frame.waitForURL(/\/lti\/app\/library\/stories\/(?!new)[^/?]+\?/),
      frame.locator('.story-form button[type="submit"]').click(),
    ]);
    await frame.waitForSelector('h1');
    await axeClean(page, 'the new story');
    const storyId = new URL(frame.url()).pathname.split('/').at(-1)!;
    const story = (await running.tool.library().stories.findById(storyId as never))!;
    expect(story.draft.standard?.version).to.equal(1);
    expect(chosen).to.equal('1');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('takes the facilitator from the course overview to the curation queue and the review dashboard', async () => {
    // The story of the test before waits for curation.
    const { page, frame, consoleErrors, go } = await launch('demo-instructor');
    await go('/lti/app/course');
    await axeClean(page, 'the course overview');
    const waiting = en.tasks.course.storiesWaiting.replace('{count}', '1');
    await Promise.all([
      frame.waitForURL(/\/lti\/app\/library\/curation\?/),
      frame.getByRole('link', { name: waiting }).click(),
    ]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('main').textContent()).to.contain('How we agreed');
    await axeClean(page, 'the curation queue');
    await go('/lti/app/course');
    await Promise.all([
      frame.waitForURL(/\/review\?/),
      frame
        .getByRole('link', { name: en.tasks.course.reviewDashboard.replace('{task}', 'Review round') })
        .click(),
    ]);
    await frame.waitForSelector('h1');
    expect(new URL(frame.url()).pathname).to.equal(REVIEW_PATHS.dashboard(round.taskId));
    await axeClean(page, 'the review dashboard');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('has no horizontal scroll at 320 px on these pages', async () => {
    const facilitator = await launch('demo-instructor', { width: 320, height: 640 });
    for (const path of [`/lti/app/tasks/${round.taskId}`, '/lti/app/tasks/new', '/lti/app/course']) {
      await facilitator.go(path);
      expect(await hasHorizontalScroll(facilitator.frame), `horizontal scroll on ${path}`).to.equal(false);
    }
    await context?.close();
    const learner = await launch('demo-learner-3', { width: 320, height: 640 });
    for (const path of [
      '/lti/app/my-teams',
      REVIEW_PATHS.contribution(round.taskId),
      `/lti/app/library/stories/new?task=${round.taskId}`,
      `/lti/app/tasks/${round.taskId}`,
    ]) {
      await learner.go(path);
      expect(await hasHorizontalScroll(learner.frame), `horizontal scroll on ${path}`).to.equal(false);
    }
  });
});
