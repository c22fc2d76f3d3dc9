/**
 * Browser tier for the library, story, reflection and retrospective pages: a learner's story,
 * reflection and retrospective, a returned story's edit form (with the curator's comment) and a
 * library standard's page (title, summary, criteria) carry script, event-handler and
 * `javascript:` payloads in every text field; in the browser, inside the LMS frame, nothing of it runs (no dialog, no console
 * error), the DOM holds no inline handlers, no `javascript:` links and no scripts but our own;
 * axe-core finds nothing; no horizontal scroll at 320 px. The facilitator withdraws the library
 * standard through its confirmation page, and the author edits and resubmits the returned story.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { TeamTaskId } from '../../src/domain/shared/ids.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../helpers/lti-session.js';
import { ratifyFirstTeamStandard } from '../helpers/ratified-standard.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchInDemoFrame,
  launchChromium,
  newCheckedContext,
} from './browser.js';

const NO_ROSTER_SYNC = { services: false } as const;
const FACILITATOR_NAME = 'Maria Jansen';
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const SCRIPT = '<script>alert("s")</script>';
const HANDLER = '<img src=x onerror="alert(\'h\')"><b onmouseover="alert(\'m\')">b</b>';
const LINK = '[go](javascript:alert("l")) <a href="javascript:alert(\'a\')">a</a>';
const HOSTILE = `${SCRIPT} ${HANDLER} ${LINK}`;

interface DomFindings {
  readonly inlineHandlers: string[];
  readonly javascriptLinks: number;
  readonly foreignScripts: number;
}

function domFindings(frame: Frame): Promise<DomFindings> {
  return frame.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
      .document;
    type El = {
      tagName: string;
      attributes: ArrayLike<{ name: string; value: string }>;
      getAttribute(n: string): string | null;
    };
    const all = Array.from(doc.querySelectorAll('*')) as El[];
    const inlineHandlers: string[] = [];
    for (const el of all) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.toLowerCase().startsWith('on')) inlineHandlers.push(`${el.tagName}.${attr.name}`);
      }
    }
    const javascriptLinks = all.filter((el) =>
      /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
    ).length;
    const foreignScripts = (Array.from(doc.querySelectorAll('script')) as El[]).filter(
      (s) => !(s.getAttribute('src') ?? '').startsWith('/assets/'),
    ).length;
    return { inlineHandlers, javascriptLinks, foreignScripts };
  });
}

describe('library, story, reflection and retrospective pages in a browser', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let taskId: string;
  let storyPath: string;
  let authorName: string;
  let libraryPath: string;
  let returnedPath: string;

  before(async () => {
    running = await startLtiTool();
    const learners: LtiSession[] = [];
    for (const id of LEARNERS) learners.push(await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    const facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Hostile task',
      brief: '',
      outcome: 'A result',
      phases: ['standard-setting', 'work', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    taskId = redirectPath(created).split('/').at(-1)!;
    await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2' });
    for (const to of ['standard-setting', 'work', 'reflection']) {
      const task = (await running.tool.teamwork().teamTasks.findById(taskId as never))!;
      await facilitator.post(`/lti/app/tasks/${taskId}/phase`, { to, revision: String(task.revision) });
      if (to !== 'standard-setting') continue;
      // A team ratifies hostile criteria; the facilitator puts the version in the library.
      const ratified = await ratifyFirstTeamStandard(running, taskId as TeamTaskId, [
        { name: `Crit ${SCRIPT}`, description: `Described ${HOSTILE}`, points: 60 },
        { name: 'Evidence', description: HANDLER, points: 40 },
      ]);
      const added = await facilitator.post('/lti/app/library/standards', {
        task: taskId,
        standardId: ratified.standardId,
        version: '1',
        title: `Std ${SCRIPT}`,
        summary: `Summary ${HOSTILE}`,
        visibility: 'platform',
      });
      expect(added.status).to.equal(303);
      const library = (await facilitator.get('/lti/app/library')).body;
      libraryPath = /(\/lti\/app\/library\/standards\/[A-Za-z0-9_-]+)\?/.exec(library)![1]!;
    }
    const author = learners[0]!;
    const posted = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: `Title ${HOSTILE}`,
      narrative: `Narrative **bold** ${HOSTILE}`,
      kind: 'success',
      criteria: `Crit ${SCRIPT}\nCrit ${HANDLER}`,
      visibility: 'platform',
    });
    storyPath = redirectPath(posted);
    const story = (await running.tool.library().stories.findById(storyPath.split('/').at(-1)! as never))!;
    await facilitator.post(`${storyPath}/change`, { revision: String(story.revision), action: 'publish' });
    // A second story comes back from curation with a hostile comment: its edit form shows it all.
    const second = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: `Returned ${SCRIPT}`,
      narrative: `Returned narrative ${HOSTILE}`,
      kind: 'lesson-learned',
      criteria: `Crit ${HANDLER}`,
      visibility: 'course',
    });
    returnedPath = redirectPath(second);
    const submitted = (await running.tool
      .library()
      .stories.findById(returnedPath.split('/').at(-1)! as never))!;
    await facilitator.post(`${returnedPath}/change`, {
      revision: String(submitted.revision),
      action: 'return',
      comment: `Comment ${HOSTILE}`,
    });
    await author.post(`/lti/app/tasks/${taskId}/reflection`, {
      happened: `Happened ${HOSTILE}`,
      means: `Means ${HOSTILE}`,
      next: `Next ${HOSTILE}`,
    });
    await author.get(`/lti/app/tasks/${taskId}/retrospective`);
    const set = (await running.tool.teamwork().teamSets.findByTask(taskId as never))!;
    const retro = (
      await Promise.all(
        set.teams.map((t) => running.tool.library().retrospectives.findByTeam(taskId as never, t.id)),
      )
    ).find((r) => r !== undefined)!;
    await author.post(`/lti/app/tasks/${taskId}/retrospective`, {
      revision: String(retro.revision),
      wentWell: `Well ${HOSTILE}`,
      toImprove: `Improve ${HOSTILE}`,
    });
    await author.post(`/lti/app/tasks/${taskId}/retrospective/actions`, {
      revision: String(retro.revision + 1),
      text: `Action ${HOSTILE}`,
      owner: set.teams.find((t) => t.id === retro.teamId)!.members[0]!,
      due: '2099-03-01',
    });
    authorName = running.tool.demoPlatform()!.users.find((u) => u.id === 'demo-learner-1')!.name;
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
  ): Promise<{ page: Page; frame: Frame; consoleErrors: string[]; dialogs: string[] }> {
    context = await newCheckedContext(browser, viewport === undefined ? {} : { viewport });
    // Dialogs (alert, confirm) are recorded on every page of the context, from before the launch.
    const dialogs: string[] = [];
    context.on('page', (opened) =>
      opened.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      }),
    );
    return { ...(await launchInDemoFrame(context, running.url, name)), dialogs };
  }

  const pages = () => [
    '/lti/app/library',
    '/lti/app/library?text=title',
    storyPath,
    `/lti/app/tasks/${taskId}/reflection`,
    `/lti/app/tasks/${taskId}/retrospective`,
    `/lti/app/library/stories/new?task=${taskId}`,
    `${returnedPath}/edit`,
    libraryPath,
  ];

  it('runs none of the payloads and is axe clean on every page', async () => {
    const { page, frame, consoleErrors, dialogs } = await launchInFrame(authorName);
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    for (const path of pages()) {
      const url = new URL(path, running.url);
      url.searchParams.set('ltik', ltik);
      await frame.goto(url.toString());
      await frame.waitForSelector('h1');
      // Hover everything a payload could have hooked into, then look.
      for (const b of await frame.locator('main b').all()) await b.hover().catch(() => undefined);
      const text = (await frame.locator('main').textContent()) ?? '';
      if (path === storyPath) {
        expect(text).to.contain('alert("s")');
        expect(await frame.locator('.story-narrative strong').first().textContent()).to.equal('bold');
      }
      // The payloads are on the page — as text.
      const expected: Record<string, string[]> = {
        [`/lti/app/tasks/${taskId}/reflection`]: [`Happened ${SCRIPT}`, 'Next <script>'],
        [`/lti/app/tasks/${taskId}/retrospective`]: [`Action ${SCRIPT}`],
        '/lti/app/library': ['Title <script>', `Std ${SCRIPT}`],
        [`${returnedPath}/edit`]: [`Comment ${SCRIPT}`],
        [libraryPath]: [`Std ${SCRIPT}`, `Summary ${SCRIPT}`, `Crit ${SCRIPT}`, `Described ${SCRIPT}`],
      };
      for (const snippet of expected[path] ?? []) expect(text, path).to.contain(snippet);
      if (path.endsWith('/edit')) {
        expect(await frame.locator('#title').inputValue()).to.equal(`Returned ${SCRIPT}`);
        expect(await frame.locator('#narrative').inputValue()).to.contain(`Returned narrative ${HOSTILE}`);
        expect(await frame.locator('#criteria').inputValue()).to.equal(`Crit ${HANDLER}`);
      }
      if (path.endsWith('/retrospective')) {
        expect(await frame.locator('#wentWell').inputValue()).to.contain(`Well ${SCRIPT}`);
      }
      expect(await domFindings(frame), `DOM on ${path}`).to.deep.equal({
        inlineHandlers: [],
        javascriptLinks: 0,
        foreignScripts: 0,
      });
      expect(await accessibilityViolations(page), `axe violations on ${path}`).to.deep.equal([]);
    }
    expect(dialogs).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('has no horizontal scroll at 320 px on these pages', async () => {
    const { frame } = await launchInFrame(authorName, { width: 320, height: 640 });
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    for (const path of pages()) {
      const url = new URL(path, running.url);
      url.searchParams.set('ltik', ltik);
      await frame.goto(url.toString());
      await frame.waitForSelector('h1');
      expect(await hasHorizontalScroll(frame), `horizontal scroll on ${path}`).to.equal(false);
    }
  });

  it('the author edits the returned story and saves it back to the curators', async () => {
    const { frame, consoleErrors, dialogs } = await launchInFrame(authorName);
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    const url = new URL(returnedPath, running.url);
    url.searchParams.set('ltik', ltik);
    await frame.goto(url.toString());
    await frame.getByRole('link', { name: en.stories.editAndResubmit }).click();
    await frame.waitForURL(/\/edit\?/);
    await frame.getByLabel(en.stories.titleField).fill(`Better ${SCRIPT}`);
    await frame.getByRole('radio', { name: en.stories.kinds.improvement }).check();
    await frame.getByRole('button', { name: en.stories.saveAndResubmit }).click();
    await frame.waitForSelector('#notice');
    expect(await frame.locator('#notice').textContent()).to.contain(en.stories.done.resubmitted);
    expect(await frame.locator('h1').textContent()).to.equal(`Better ${SCRIPT}`);
    const story = (await running.tool.library().stories.findById(returnedPath.split('/').at(-1)! as never))!;
    expect([story.status, story.draft.kind]).to.deep.equal(['submitted', 'improvement']);
    expect(dialogs).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('the facilitator withdraws the library standard through its confirmation page (axe clean, 320 px)', async () => {
    const { page, frame, consoleErrors, dialogs } = await launchInFrame(FACILITATOR_NAME, {
      width: 320,
      height: 640,
    });
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    const url = new URL(libraryPath, running.url);
    url.searchParams.set('ltik', ltik);
    await frame.goto(url.toString());
    await frame.waitForSelector('h1');
    expect(await hasHorizontalScroll(frame), 'standard page').to.equal(false);
    expect(await accessibilityViolations(page), 'axe on the standard page').to.deep.equal([]);
    await frame.getByRole('link', { name: en.library.withdrawLink }).click();
    await frame.waitForURL(/\/withdraw\?/);
    expect(await frame.locator('h1').textContent()).to.equal(en.library.withdrawTitle);
    expect(await hasHorizontalScroll(frame), 'confirmation page').to.equal(false);
    expect(await accessibilityViolations(page), 'axe on the confirmation page').to.deep.equal([]);
    await frame.getByRole('button', { name: en.library.withdrawConfirm }).click();
    await frame.waitForSelector('#withdrawn-notice');
    expect(await frame.locator('#notice').textContent()).to.contain(en.library.withdrawDone);
    expect(await frame.getByRole('link', { name: en.library.withdrawLink }).count()).to.equal(0);
    expect(await accessibilityViolations(page), 'axe on the withdrawn page').to.deep.equal([]);
    expect(dialogs).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
});
