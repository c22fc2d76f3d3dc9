/**
 * Browser tier for team tasks: the facilitator, launched from the demo course into the tool
 * frame, creates a task, forms random teams and opens the first phase; the overview shows the
 * teams and their standards side by side; a learner sees their team. axe-core on every page;
 * no horizontal scroll at 320 px.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { en } from '../../src/web/i18n/messages/en.js';
import { launchSession } from '../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchInDemoFrame,
  launchChromium,
  newCheckedContext,
} from './browser.js';

describe('team tasks in a browser', function () {
  this.timeout(90_000);
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let taskPath: string | undefined;

  before(async () => {
    running = await startLtiTool();
    // The course roster comes from the platform (NRPS): sync it now rather than in the background
    // of the facilitator's first launch, so all eight demo learners are on it before teams form.
    const synced = await (
      await launchSession(running, 'demo-instructor')
    ).post('/lti/app/course/roster/sync');
    expect(synced.location).to.contain('sync=synced');
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

  async function launchInFrame(
    name: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; frame: Frame; consoleErrors: string[] }> {
    context = await newCheckedContext(browser, viewport === undefined ? {} : { viewport });
    return launchInDemoFrame(context, running.url, name);
  }

  async function expectAccessible(page: Page, where: string): Promise<void> {
    expect(await accessibilityViolations(page), `axe violations on ${where}`).to.deep.equal([]);
  }

  it('lets the facilitator create a task, form random teams and open the first phase', async () => {
    const { page, frame, consoleErrors } = await launchInFrame('Maria Jansen');
    await frame.getByRole('link', { name: en.tasks.course.newTask }).click();
    await frame.waitForSelector(`h1:text("${en.tasks.form.newTitle}")`);
    await expectAccessible(page, 'the new task form');

    // A missing title comes back with the problem, linked to the field.
    await frame.getByRole('button', { name: en.tasks.form.create }).click();
    await frame.waitForSelector('.form-issues');
    expect(await frame.locator('.form-issues').textContent()).to.contain('Title is required.');
    await expectAccessible(page, 'the form with problems');

    await frame.getByLabel(en.tasks.form.titleLabel).fill('Onboarding journey');
    await frame.getByLabel(en.tasks.form.briefLabel).fill('Map the **first week** of a new colleague.');
    await frame.getByLabel(en.tasks.form.outcomeLabel).fill('A journey map');
    await frame.getByLabel('Use Share').uncheck();
    await frame.getByLabel(en.tasks.consensus.majority.label).check();
    await frame.getByRole('button', { name: en.tasks.form.create }).click();
    await frame.waitForSelector('h1:text("Onboarding journey")');
    expect(await frame.locator('.brief strong').textContent()).to.equal('first week');
    taskPath = new URL(frame.url()).pathname;
    await expectAccessible(page, 'the task page in setup');

    await frame.getByRole('link', { name: en.tasks.page.formTeams }).click();
    await frame.waitForSelector(`h1:text("${en.tasks.teams.title}")`);
    await expectAccessible(page, 'the team formation page');
    await frame.getByLabel(en.tasks.fields.targetSize).fill('2');
    await frame.getByRole('button', { name: en.tasks.teams.randomSubmit }).click();
    await frame.waitForSelector('h1:text("Onboarding journey")');
    expect(await frame.locator('.team-card h3').allTextContents()).to.deep.equal([
      'Team 1',
      'Team 2',
      'Team 3',
      'Team 4',
    ]);

    await frame.getByRole('button', { name: 'Move to Standard-setting' }).click();
    await frame.waitForSelector('text=Current phase: Standard-setting');
    const table = frame.locator('table.standards');
    expect(await table.locator('tbody tr').count()).to.equal(4);
    expect(await table.locator('tbody tr').first().textContent()).to.contain(en.tasks.standardStatus.none);
    await expectAccessible(page, 'the facilitator overview');

    await frame.getByRole('link', { name: en.tasks.page.backToCourse }).click();
    await frame.waitForSelector('text=Phase: Standard-setting · Teams: 4');
    await expectAccessible(page, 'the course page with a task');
    // The one failed load is the deliberate 400 of the form with a missing title.
    expect(consoleErrors.filter((e) => !e.includes('status of 400'))).to.deep.equal([]);
  });

  it('shows a learner their team and what to do, accessibly', async () => {
    if (taskPath === undefined) throw new Error('the facilitator test creates the task');
    const { page, frame } = await launchInFrame('Sam Bakker');
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    await frame.goto(`${running.url}${taskPath}?ltik=${encodeURIComponent(ltik)}`);
    await frame.waitForSelector(`h2:text("${en.tasks.page.yourTeamHeading}")`);
    expect(await frame.locator('main').textContent()).to.contain('Sam Bakker (you)');
    expect(await frame.getByRole('link', { name: en.tasks.page.standardLink }).count()).to.equal(1);
    await expectAccessible(page, 'the learner task page');
  });

  it('has no horizontal scroll at 320 px on the task pages', async () => {
    if (taskPath === undefined) throw new Error('the facilitator test creates the task');
    const { page, frame } = await launchInFrame('Maria Jansen', { width: 320, height: 640 });
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    for (const path of [
      '/lti/app/course',
      taskPath,
      `${taskPath}/teams`,
      `${taskPath}/edit`,
      '/lti/app/tasks/new',
    ]) {
      await frame.goto(`${running.url}${path}?ltik=${encodeURIComponent(ltik)}`);
      await frame.waitForSelector('h1');
      expect(await hasHorizontalScroll(frame), `horizontal scroll in the frame on ${path}`).to.equal(false);
      expect(await hasHorizontalScroll(page), `horizontal scroll on the LMS page with ${path}`).to.equal(
        false,
      );
    }
  });
});
