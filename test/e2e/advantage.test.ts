/**
 * Browser tier for LTI Advantage: from the demo course page an instructor adds a graded team task
 * by deep linking (the tool's selection page in the LMS frame, the signed response posted back),
 * the course page lists it, and launching it opens the team task. axe-core on every page, and the
 * roster and grade-passback pages at 320 px without horizontal scrolling.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { asTeamTaskId, asUserId } from '../../src/domain/shared/ids.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import { MongoClient } from 'mongodb';
import {
  accessibilityViolations,
  collectConsoleErrors,
  hasHorizontalScroll,
  launchChromium,
  newCheckedContext,
} from './browser.js';

describe('LTI Advantage in a browser: placing a graded team task from the demo course', function () {
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let placedTaskId: string | undefined;

  before(async function () {
    this.timeout(60_000);
    running = await startLtiTool({ GRADE_PUBLISH_POLL_INTERVAL_MS: '50' });
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

  async function toolFrame(page: Page): Promise<Frame> {
    const handle = await page.waitForSelector('iframe[name="demo-lms-tool-frame"]');
    return (await handle.contentFrame())!;
  }

  it('adds a graded team task by deep linking, lists it, and launches it onto the task', async () => {
    const instructor = running.tool.demoPlatform()!.users.find((u) => u.role === 'instructor')!;
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${running.url}/demo`, { waitUntil: 'load' });
    await page
      .getByRole('button', { name: en.demoServices.addActivity.replace('{name}', instructor.name) })
      .click();
    const frame = await toolFrame(page);
    await frame.waitForURL(/\/lti\/app\/deep-linking\?ltik=/);
    await frame.waitForSelector('h1');
    expect(await frame.locator('h1').textContent()).to.equal(en.advantage.deepLinking.title);
    expect(await accessibilityViolations(page), 'axe on the selection page').to.deep.equal([]);

    await frame.getByLabel(en.advantage.deepLinking.newTask).check();
    await frame.getByLabel(en.advantage.deepLinking.titleLabel).fill('Bridge design');
    await frame.getByLabel(en.advantage.deepLinking.gradedLabel).check();
    await frame.getByLabel(en.advantage.deepLinking.maxPointsLabel).fill('20');
    await frame.getByRole('button', { name: en.advantage.deepLinking.submit }).click();
    await frame.waitForURL(/\/demo\/deep-link\/return$/);
    await frame.waitForSelector('[data-added]');
    expect(await frame.locator('h1').textContent()).to.equal(en.demoServices.returned.title);
    expect(await accessibilityViolations(page), 'axe on the platform return page').to.deep.equal([]);

    await page.reload({ waitUntil: 'load' });
    const placed = page.getByLabel('Bridge design (graded, 20 points)');
    await placed.check();
    await page.getByRole('button', { name: `Launch as ${instructor.name}` }).click();
    const launched = await toolFrame(page);
    await launched.waitForURL(/\/lti\/app\/tasks\/[^/?]+\?ltik=/);
    const taskId = new URL(launched.url()).pathname.split('/').at(-1)!;
    placedTaskId = taskId;

    const client = new MongoClient(running.started.databaseUri);
    try {
      const db = client.db('teamloop');
      expect(await db.collection('teamTasks').findOne({ _id: taskId as never })).to.include({
        title: 'Bridge design',
      });
      // The instructor's launch synced the roster; a learner's score reaches the demo gradebook.
      const learner = await db.collection('people').findOne({ subject: 'demo-learner-1' });
      await running.tool.gradebook().publish({
        taskId: asTeamTaskId(taskId),
        userId: asUserId(String(learner!._id)),
        score: 15,
        max: 20,
      });
    } finally {
      await client.close();
    }
    await expectEventually(async () => {
      await page.goto(`${running.url}/demo/gradebook`, { waitUntil: 'load' });
      return (await page.locator('tr[data-user="demo-learner-1"]').count()) === 1;
    });
    expect(await page.locator('tr[data-user="demo-learner-1"]').textContent()).to.contain('15 / 20');
    expect(await accessibilityViolations(page), 'axe on the demo gradebook').to.deep.equal([]);
    // The task page itself comes with another branch (tasks-web): until then it may answer 404.
    expect(consoleErrors.filter((e) => !/404/.test(e))).to.deep.equal([]);
  });

  it('shows the roster and grade passback pages to the facilitator, axe clean at 320 px', async () => {
    const instructor = running.tool.demoPlatform()!.users.find((u) => u.role === 'instructor')!;
    context = await newCheckedContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${running.url}/demo`, { waitUntil: 'load' });
    await page.getByRole('button', { name: `Launch as ${instructor.name}` }).click();
    const frame = await toolFrame(page);
    await frame.waitForURL(/\/lti\/launch\?ltik=/);
    await frame.getByRole('link', { name: en.advantage.rosterLink }).click();
    await frame.waitForURL(/\/lti\/app\/course\/roster\?ltik=/);
    await frame.getByRole('button', { name: en.advantage.roster.syncNow }).click();
    await frame.waitForURL(/sync=synced/);
    expect(await frame.locator('[role="status"]').textContent()).to.equal(en.advantage.roster.outcome.synced);
    expect(await accessibilityViolations(page), 'axe on the roster page').to.deep.equal([]);
    // A refused score: the grade passback page shows it failed, with a button to send it again.
    const client = new MongoClient(running.started.databaseUri);
    try {
      const learner = await client.db('teamloop').collection('people').findOne({ subject: 'demo-learner-2' });
      running.tool.demoPlatform()!.failNextScores(1, { status: 400 });
      await running.tool.gradebook().publish({
        taskId: asTeamTaskId(placedTaskId!),
        userId: asUserId(String(learner!._id)),
        score: 3,
        max: 20,
      });
      await expectEventually(
        async () =>
          (await client
            .db('teamloop')
            .collection('gradePublications')
            .countDocuments({ status: 'failed' })) === 1,
      );
    } finally {
      await client.close();
    }
    await frame.getByRole('link', { name: en.advantage.backToCourse }).click();
    await frame.getByRole('link', { name: en.advantage.gradesLink }).click();
    await frame.waitForURL(/\/lti\/app\/course\/grades\?ltik=/);
    expect(await frame.locator('h1').textContent()).to.equal(en.advantage.grades.title);
    expect(await frame.locator('tr[data-status="failed"] button').count()).to.equal(1);
    expect(await frame.locator('tr[data-status="sent"]').count()).to.equal(1);
    expect(await accessibilityViolations(page), 'axe on the grade passback page').to.deep.equal([]);
    expect(await hasHorizontalScroll(page)).to.equal(false);
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
