/**
 * Browser tier for the demo LMS: its course page in headless Chromium, a launch as a learner into
 * the tool frame (through the real login initiation, authorisation and id_token forms, all
 * submitted by the page's script), axe-core on the course page, and the 320 px layout. The tool
 * is a bare ltijs 5.9 provider on the same origin, as in development.
 */
import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import type { Browser, BrowserContext } from 'playwright-core';
import { createDemoPlatform, type DemoPlatform } from '../../src/demo-platform/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { nl } from '../../src/web/i18n/messages/nl.js';
import { lateBoundRouter } from '../helpers/late-router.js';
import { startLtijsTestTool, type LtijsTestTool } from '../helpers/ltijs-test-tool.js';
import { startTestWebApp, type TestWebApp } from '../helpers/web-app.js';
import {
  accessibilityViolations,
  collectConsoleErrors,
  hasHorizontalScroll,
  launchChromium,
  newCheckedContext,
} from './browser.js';

describe('demo LMS in a browser', function () {
  let mongo: EmbeddedMongo;
  let connection: Connection;
  let tool: LtijsTestTool;
  let web: TestWebApp;
  let platform: DemoPlatform;
  let browser: Browser;
  let context: BrowserContext | undefined;

  before(async function () {
    this.timeout(60_000);
    mongo = await startEmbeddedMongo();
    connection = await mongoose.createConnection(`${mongo.uri}/app-e2e`).asPromise();
    tool = await startLtijsTestTool(`${mongo.uri}/ltijs-e2e`);
    const late = lateBoundRouter('/demo');
    web = await startTestWebApp({ routers: [late.router, tool.router] });
    platform = await createDemoPlatform({
      publicUrl: web.url,
      tool: {
        loginUrl: `${web.url}${tool.paths.login}`,
        launchUrl: `${web.url}${tool.paths.launch}`,
        jwksUrl: `${web.url}${tool.paths.keys}`,
      },
      connection,
    });
    late.bind(platform.router);
    await tool.registerPlatform(platform.registration);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
    await tool?.close();
    await connection?.close();
    await mongo?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('shows an accessible course page, clearly a demo, and launches a learner into the tool frame', async () => {
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    const learner = platform.users.find((u) => u.role === 'learner')!;

    await page.goto(`${web.url}/demo`, { waitUntil: 'load' });
    expect(await accessibilityViolations(page), 'axe violations on the course page').to.deep.equal([]);
    expect(await page.locator('.demo-banner').textContent()).to.contain(en.demo.name);
    expect(await page.locator('h1').textContent()).to.equal(platform.course.title);

    await page.getByRole('button', { name: `Launch as ${learner.name}` }).click();
    const frame = page.frameLocator('iframe[name="demo-lms-tool-frame"]');
    await frame.locator('#launched-as').waitFor();

    expect(await frame.locator('#launched-as').textContent()).to.equal(learner.name);
    expect(await frame.locator('#resource').textContent()).to.equal('demo-team-task-1');
    expect(tool.launches.at(-1)?.user).to.equal(learner.id);
    expect(await accessibilityViolations(page), 'axe violations after the launch').to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('launches the instructor into the placement chosen with the keyboard', async () => {
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const instructor = platform.users.find((u) => u.role === 'instructor')!;
    await page.goto(`${web.url}/demo`, { waitUntil: 'load' });

    await page.getByLabel('Second team task').check();
    await page.getByRole('button', { name: `Launch as ${instructor.name}` }).focus();
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe[name="demo-lms-tool-frame"]');
    await frame.locator('#launched-as').waitFor();

    expect(await frame.locator('#resource').textContent()).to.equal('demo-team-task-2');
    expect(tool.launches.at(-1)?.user).to.equal(instructor.id);
  });

  it('speaks Dutch to a Dutch browser and has no horizontal scroll at 320 px', async () => {
    context = await newCheckedContext(browser, { locale: 'nl-NL', viewport: { width: 320, height: 640 } });
    const page = await context.newPage();

    await page.goto(`${web.url}/demo`, { waitUntil: 'load' });

    expect(await page.getAttribute('html', 'lang')).to.equal('nl');
    expect(await page.locator('#people-heading').textContent()).to.equal(nl.demo.course.peopleHeading);
    expect(await hasHorizontalScroll(page)).to.equal(false);
    expect(await accessibilityViolations(page), 'axe violations at 320 px').to.deep.equal([]);
  });
});
