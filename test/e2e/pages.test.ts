/**
 * Browser tier: the real tool (on an embedded database started for this run) in headless Chromium. Every page visited
 * must pass axe-core with no violations and run without console or CSP errors.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compose, type StartedTool, type Tool } from '../../src/compose.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { nl } from '../../src/web/i18n/messages/nl.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { createMemoryLog } from '../helpers/memory-log.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { makeTestConfig } from '../helpers/test-config.js';
import {
  accessibilityViolations,
  activeElementText,
  collectConsoleErrors,
  hasHorizontalScroll,
  launchChromium,
  newCheckedContext,
  recordedFrameMessages,
  waitForFrameMessageTallerThan,
} from './browser.js';
import { startLmsParent } from './lms-parent.js';

describe('Teamloop in a browser', () => {
  let browser: Browser;
  let dataDir: TempDir;
  let mongo: EmbeddedMongo;
  let tool: Tool;
  let started: StartedTool;
  let lms: LoopbackServer;
  let strangerLms: LoopbackServer;
  let context: BrowserContext | undefined;

  before(async () => {
    lms = await startLmsParent();
    strangerLms = await startLmsParent();
    dataDir = await makeTempDir();
    mongo = await startEmbeddedMongo();
    tool = compose(
      makeTestConfig({
        DATA_DIR: dataDir.path,
        MONGODB_URI: `${mongo.uri}/teamloop-e2e`,
        FRAME_ANCESTORS: lms.url,
      }),
      { logger: createMemoryLog().logger },
    );
    started = await tool.start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await tool?.stop();
    await mongo?.stop();
    await lms?.close();
    await strangerLms?.close();
    await dataDir?.remove();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const toolUrl = (path: string): string => new URL(path, started.url).toString();

  async function visit(
    path: string,
    options: { locale?: string; viewport?: { width: number; height: number } } = {},
  ): Promise<{ page: Page; status: number | undefined; consoleErrors: string[] }> {
    context = await newCheckedContext(browser, options);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    const response = await page.goto(toolUrl(path), { waitUntil: 'load' });
    expect(await accessibilityViolations(page), `axe violations on ${path}`).to.deep.equal([]);
    return { page, status: response?.status(), consoleErrors };
  }

  it('shows the home page, accessible and without script or CSP errors', async () => {
    const { page, status, consoleErrors } = await visit('/');
    expect(status).to.equal(200);
    expect(await page.locator('h1').textContent()).to.equal(en.home.title);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('offers a skip link as the first stop for keyboard users', async () => {
    const { page } = await visit('/');
    await page.keyboard.press('Tab');
    expect(await activeElementText(page)).to.equal(en.layout.skipLink);
    await page.keyboard.press('Enter');
    // Following the link is a same-document navigation: wait for it rather than race it.
    await page.waitForFunction(
      () => (globalThis as unknown as { location: { hash: string } }).location.hash === '#main',
      undefined,
      { timeout: 5_000 },
    );
    expect(new URL(page.url()).hash).to.equal('#main');
  });

  it('shows an accessible 404 page for an unknown address', async () => {
    const { page, status } = await visit('/no/such/page');
    expect(status).to.equal(404);
    expect(await page.locator('h1').textContent()).to.equal(en.errors.notFound.title);
  });

  it('speaks Dutch to a Dutch browser', async () => {
    const { page } = await visit('/', { locale: 'nl-NL' });
    expect(await page.getAttribute('html', 'lang')).to.equal('nl');
    expect(await page.locator('h2').first().textContent()).to.equal(nl.home.cycleHeading);
  });

  for (const path of ['/', '/no/such/page']) {
    it(`has no horizontal scroll at 320 px wide on ${path}`, async () => {
      const { page } = await visit(path, { viewport: { width: 320, height: 640 } });
      expect(await hasHorizontalScroll(page)).to.equal(false);
    });
  }

  it('tells the framing LMS its height, and again when the frame gets narrower', async () => {
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${lms.url}/?src=${encodeURIComponent(toolUrl('/'))}`, { waitUntil: 'load' });
    const toolOrigin = new URL(started.url).origin;
    await waitForFrameMessageTallerThan(page, 0);
    const [first] = await recordedFrameMessages(page);
    expect(first!.origin).to.equal(toolOrigin);
    expect(first!.data.subject).to.equal('lti.frameResize');
    expect(first!.data.height).to.be.a('number').and.to.be.above(200);

    await page.setViewportSize({ width: 400, height: 768 });
    await waitForFrameMessageTallerThan(page, first!.data.height as number);
    expect(await accessibilityViolations(page), 'axe violations on the framing page').to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('cannot be framed by an origin that is not configured', async () => {
    context = await newCheckedContext(browser);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${strangerLms.url}/?src=${encodeURIComponent(toolUrl('/'))}`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    expect(await recordedFrameMessages(page)).to.deep.equal([]);
    expect(consoleErrors.join('\n')).to.contain('frame-ancestors');
  });
});
