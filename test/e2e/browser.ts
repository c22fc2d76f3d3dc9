/**
 * Browser helpers for the e2e tier: Debian's Chromium driven by playwright-core, plus an
 * axe-core check that fails on any accessibility violation.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const AXE_PATH = path.join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with "apt-get install -y chromium"`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A context whose pages carry axe-core (injected as an init script, which a strict CSP does not
 * block) and record console errors, including CSP violations.
 */
export async function newCheckedContext(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? { width: 1024, height: 768 },
  });
  await context.addInitScript({ path: AXE_PATH });
  return context;
}

export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly unknown[] }>;
}

/** Runs axe-core on the page (and its frames); resolves with readable violations, [] when clean. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    // Runs in the page: `globalThis` is the window there.
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

/** True when the page (or the tool's frame) is wider than its viewport (a horizontal scroll bar). */
export function hasHorizontalScroll(page: Page | Frame): Promise<boolean> {
  return page.evaluate(() => {
    const { documentElement } = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return documentElement.scrollWidth > documentElement.clientWidth;
  });
}

/** What the test LMS page recorded (see `lms-parent.ts`). */
export interface FrameMessage {
  readonly origin: string;
  readonly data: { readonly subject?: unknown; readonly height?: unknown };
}

export function recordedFrameMessages(page: Page): Promise<FrameMessage[]> {
  return page.evaluate(() => (globalThis as unknown as { frameMessages: FrameMessage[] }).frameMessages);
}

/** Waits until the LMS page has received a message that satisfies `minHeight` (exclusive). */
export async function waitForFrameMessageTallerThan(page: Page, minHeight: number): Promise<void> {
  await page.waitForFunction(
    (height) =>
      (globalThis as unknown as { frameMessages: FrameMessage[] }).frameMessages.some(
        (m) => typeof m.data.height === 'number' && m.data.height > height,
      ),
    minHeight,
  );
}

export function activeElementText(page: Page): Promise<string | null | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
        .document.activeElement?.textContent,
  );
}

/** The demo LMS's frame that holds the tool. */
export const DEMO_TOOL_FRAME = 'iframe[name="demo-lms-tool-frame"]';

/**
 * Opens the demo course page in `context`, launches the tool as the demo person `name`, and waits
 * for the launched page in the tool frame. Console errors of the page are collected from the start.
 */
export async function launchInDemoFrame(
  context: BrowserContext,
  toolUrl: string,
  name: string,
): Promise<{ page: Page; frame: Frame; consoleErrors: string[] }> {
  const page = await context.newPage();
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(`${toolUrl}/demo`, { waitUntil: 'load' });
  await page.getByRole('button', { name: `Launch as ${name}` }).click();
  const frame = (await (await page.waitForSelector(DEMO_TOOL_FRAME)).contentFrame())!;
  await frame.waitForURL(/\/lti\/launch\?ltik=/);
  await frame.waitForSelector('h1');
  return { page, frame, consoleErrors };
}
