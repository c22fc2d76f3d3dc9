/**
 * Browser tier for the LTI launch: the whole tool (compose, with the demo platform registered
 * automatically) in headless Chromium; launches as the instructor and as a learner from the demo
 * course page into the tool frame, and axe-core on the pages the tool shows after launch.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame } from 'playwright-core';
import { en } from '../../src/web/i18n/messages/en.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  collectConsoleErrors,
  launchChromium,
  newCheckedContext,
} from './browser.js';

describe('LTI launch from the demo platform in a browser', function () {
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;

  before(async function () {
    this.timeout(60_000);
    running = await startLtiTool();
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

  async function launchAs(
    role: 'instructor' | 'learner',
  ): Promise<{ frame: Frame; consoleErrors: string[] }> {
    const demo = running.tool.demoPlatform()!;
    const person = demo.users.find((u) => u.role === role)!;
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${running.url}/demo`, { waitUntil: 'load' });
    await page.getByRole('button', { name: `Launch as ${person.name}` }).click();
    const frameHandle = await page.waitForSelector('iframe[name="demo-lms-tool-frame"]');
    const frame = (await frameHandle.contentFrame())!;
    await frame.waitForURL(/\/lti\/launch\?ltik=/);
    await frame.waitForSelector('h1');
    expect(await accessibilityViolations(page), 'axe violations with the tool in the frame').to.deep.equal(
      [],
    );
    return { frame, consoleErrors };
  }

  it('launches the instructor onto the course overview', async () => {
    const { frame, consoleErrors } = await launchAs('instructor');
    expect(await frame.locator('h1').textContent()).to.equal(en.launched.courseOverview.title);
    expect(await frame.locator('main').textContent()).to.contain(en.launched.courseOverview.noTasks);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('launches a learner onto "my teams" and what to do next', async () => {
    const { frame, consoleErrors } = await launchAs('learner');
    expect(await frame.locator('h1').textContent()).to.equal(en.launched.myTeams.title);
    expect(await frame.locator('main').textContent()).to.contain(en.launched.myTeams.noTeams);
    expect(consoleErrors).to.deep.equal([]);
  });
});
