/**
 * Proof that a stylesheet change does not change what users see: starts the whole tool on loopback
 * (embedded database, demo platform), builds course data through real launches and the services (a
 * peer-review round taken to reflection, a second task mid standard-setting with comments, an
 * objection, an edited criterion and a locked standard, a story), opens every page in Chromium
 * through the demo LMS (the tool in its iframe) as the facilitator and a learner at 320 and 1280 px,
 * and on each page records the computed styles of every element (box model, font, colours, flex and
 * grid, outline, rounded box) twice: with stylesheet A and with stylesheet B applied to the SAME DOM.
 * Prints every difference and which selectors matched nothing anywhere; exits 1 when they differ.
 *
 *   git show main:public/css/app.css > /tmp/before.css
 *   npx tsc -p . && node dist/scripts/css-snapshot.js /tmp/before.css public/css/app.css
 *
 * Chromium: /usr/bin/chromium (see test/e2e/browser.ts). Takes about two minutes.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Frame, Page } from 'playwright-core';
import { asTeamTaskId, type UserId } from '../src/domain/shared/ids.js';
import { addComment } from '../src/services/standards/add-comment.js';
import { editCriterion } from '../src/services/standards/edit-criterion.js';
import { lockStandard } from '../src/services/standards/lock-standard.js';
import { proposeCriterion } from '../src/services/standards/propose-criterion.js';
import { raiseObjection } from '../src/services/standards/raise-objection.js';
import { startTeamStandard } from '../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../src/services/standards/submit-weighting.js';
import { advancePhase } from '../src/services/tasks/advance-phase.js';
import { en } from '../src/web/i18n/messages/en.js';
import { REVIEW_PATHS } from '../src/web/view-models/review-paths.js';
import { DEMO_TOOL_FRAME, launchChromium } from '../test/e2e/browser.js';
import { redirectPath, type LtiSession } from '../test/helpers/lti-session.js';
import { startLtiTool } from '../test/helpers/lti-tool.js';
import { setUpPagesRound } from '../test/helpers/review-pages-round.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const WIDTHS = [320, 1280] as const;

/** One element: where it is in the tree (tags, classes, child index) and its styles. */
type Row = [string, Record<string, string>];
interface Snapshot {
  readonly rows: Row[];
  /** Every focusable element while focused: path, :focus-visible, outline and border colour. */
  readonly focus: unknown[][];
  readonly hscroll: boolean;
  /** Selector → number of elements it matches (pseudo-classes and -elements stripped). */
  readonly matched: Record<string, number>;
  readonly title: string;
}

/**
 * Runs in the page (a string, so the script needs no DOM typings): disables the page's own
 * stylesheet, adopts `css`, records, restores.
 */
const IN_PAGE = String.raw`(css) => {
  const PROPS = ['display', 'position', 'top', 'left', 'float', 'visibility', 'z-index', 'box-sizing',
    'overflow-x', 'overflow-y', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
    'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
    'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
    'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
    'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
    'border-top-left-radius', 'border-bottom-right-radius', 'border-collapse',
    'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'color', 'background-color',
    'text-align', 'text-decoration-line', 'white-space', 'overflow-wrap', 'vertical-align',
    'list-style-type', 'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis',
    'row-gap', 'column-gap', 'grid-template-columns', 'align-items', 'align-self', 'justify-content',
    'max-width', 'min-width', 'min-height', 'outline-style', 'outline-width', 'outline-color',
    'outline-offset', 'cursor', 'clip', 'opacity', 'padding-inline-start', 'text-size-adjust'];
  const PSEUDO = ['content', 'margin-right', 'color', 'display'];
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  for (const link of document.querySelectorAll('link[rel=stylesheet]')) link.disabled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [sheet];
  const pathOf = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const i = e.parentElement ? Array.prototype.indexOf.call(e.parentElement.children, e) : 0;
      parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : '') + ':' + i);
    }
    return parts.join('>');
  };
  const rows = [];
  for (const el of document.querySelectorAll('html, body, body *')) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const style = {};
    for (const p of PROPS) style[p] = cs.getPropertyValue(p);
    style.box = [r.x, r.y, r.width, r.height].map((n) => Math.round(n)).join(',');
    for (const pseudo of ['::before', '::after', '::marker']) {
      if (pseudo === '::marker' && cs.display !== 'list-item') continue;
      const ps = getComputedStyle(el, pseudo);
      style[pseudo] = PSEUDO.map((p) => ps.getPropertyValue(p)).join('|');
    }
    rows.push([pathOf(el), style]);
  }
  const focus = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
    if (el.type === 'hidden') continue;
    el.focus({ preventScroll: true });
    const cs = getComputedStyle(el);
    focus.push([pathOf(el), el.matches(':focus-visible'), cs.outlineStyle, cs.outlineWidth, cs.outlineColor,
      cs.outlineOffset, cs.borderColor]);
    el.blur();
  }
  const matched = {};
  for (const rule of sheet.cssRules) {
    if (!rule.selectorText) continue;
    for (const sel of rule.selectorText.split(',')) {
      const bare = sel.trim().replace(/::?(focus-visible|focus|before|after|marker|hover)/g, '') || '*';
      try { matched[sel.trim()] = document.querySelectorAll(bare).length; } catch { matched[sel.trim()] = 0; }
    }
  }
  const d = document.documentElement;
  const hscroll = d.scrollWidth > d.clientWidth;
  document.adoptedStyleSheets = [];
  for (const link of document.querySelectorAll('link[rel=stylesheet]')) link.disabled = false;
  return { rows, focus, hscroll, matched, title: document.title };
}`;

interface Result {
  readonly label: string;
  readonly a: Snapshot;
  readonly b: Snapshot;
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const [fileA, fileB] = process.argv.slice(2);
  if (fileA === undefined || fileB === undefined) {
    say('usage: node dist/scripts/css-snapshot.js <a.css> <b.css>');
    return 2;
  }
  const cssA = readFileSync(fileA, 'utf8');
  const cssB = readFileSync(fileB, 'utf8');
  const results: Result[] = [];
  const failures: string[] = [];
  const record = (target: Page | Frame, css: string): Promise<Snapshot> =>
    target.evaluate(`(${IN_PAGE})(${JSON.stringify(css)})`) as Promise<Snapshot>;
  async function snap(target: Page | Frame, label: string): Promise<void> {
    try {
      await target.waitForLoadState('load');
      results.push({ label, a: await record(target, cssA), b: await record(target, cssB) });
    } catch (error) {
      failures.push(`${label}: ${(error as Error).message}`);
    }
  }
  async function attempt(what: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message}`);
    }
  }

  const running = await startLtiTool();
  let browser: Browser | undefined;
  try {
    // A peer-review round (left in the work phase) and a second task mid standard-setting.
    const round = await setUpPagesRound(running, LEARNERS, {
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
    const { taskId, facilitator: fac } = round;
    const learner = (subject: string): LtiSession => round.learners.get(subject)!;
    const subjectOf = (id: UserId): string => LEARNERS.find((s) => round.ids.get(s) === id)!;
    const team1 = round.teams.teams.find((t) => t.members.includes(round.ids.get('demo-learner-1')!))!;
    const created = await fac.post('/lti/app/tasks/new', {
      title: 'Discussion task',
      brief: 'Talk **first**.\n\n## Plan\n\nSteps.\n\n### Detail\n\nMore.',
      outcome: 'A standard',
      phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    const task2 = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    await fac.post(`/lti/app/tasks/${task2}/teams`, { mode: 'random', targetSize: '2' });
    const deps = running.tool.reviews();
    const t2 = (await deps.teamTasks.findById(task2))!;
    const facActor = { actor: { userId: t2.createdBy, role: 'facilitator' as const }, courseId: t2.courseId };
    const asLearner = (userId: UserId) => ({
      actor: { userId, role: 'learner' as const },
      courseId: t2.courseId,
    });
    await advancePhase(deps, { ...facActor, taskId: task2, to: 'standard-setting' });
    const set2 = (await deps.teamSets.findByTask(task2))!;
    const dteam =
      set2.teams.find((t) => t.members.includes(round.ids.get('demo-learner-1')!)) ?? set2.teams[0]!;
    const otherTeam = set2.teams.find((t) => t.id !== dteam.id)!;
    const s2 = { taskId: task2, teamId: dteam.id };
    const [m1, m2] = dteam.members as [UserId, UserId];
    const levels = (labels: string[]) => labels.map((label) => ({ label, descriptor: `${label} work.` }));
    await attempt('discussion', async () => {
      await startTeamStandard(deps, { ...asLearner(m1), ...s2 });
      const clarity = {
        name: 'Clarity',
        description: 'Easy to follow.',
        levels: levels(['Weak', 'Fair', 'Good']),
      };
      const c1 = (await proposeCriterion(deps, { ...asLearner(m1), ...s2, content: clarity })).criteria[0]!
        .id;
      const evidence = { name: 'Evidence', description: 'Backed up.', levels: levels(['Thin', 'Solid']) };
      const c2 = (await proposeCriterion(deps, { ...asLearner(m2), ...s2, content: evidence })).criteria[1]!
        .id;
      const asked = await addComment(deps, {
        ...asLearner(m2),
        ...s2,
        body: 'Is this clear?\nSecond line.',
        criterionId: c1,
      });
      await addComment(deps, {
        ...asLearner(m1),
        ...s2,
        body: 'Yes.',
        criterionId: c1,
        replyTo: asked.comments[0]!.id,
      });
      await addComment(deps, { ...facActor, ...s2, body: 'Facilitator note.' });
      await raiseObjection(deps, { ...asLearner(m2), ...s2, reason: 'Too vague.', criterionId: c2 });
      for (const [who, first] of [
        [m1, 60],
        [m2, 30],
      ] as const) {
        const points = [
          { criterionId: c1, points: first },
          { criterionId: c2, points: 100 - first },
        ];
        await submitWeighting(deps, { ...asLearner(who), ...s2, points });
      }
      const content = { ...clarity, description: 'Easy to follow, edited.' };
      await editCriterion(deps, { ...asLearner(m1), ...s2, criterionId: c1, baseRevision: 1, content });
    });
    await attempt('locked standard', async () => {
      await startTeamStandard(deps, {
        ...asLearner(otherTeam.members[0]!),
        taskId: task2,
        teamId: otherTeam.id,
      });
      await lockStandard(deps, { ...facActor, taskId: task2, teamId: otherTeam.id });
    });
    for (const team of round.teams.teams)
      await learner(subjectOf(team.members[0]!)).post(REVIEW_PATHS.submission(taskId), {
        text: 'Our work in **bold**.',
        intent: 'submit',
      });
    await round.advance('peer-review');
    await fac.post(REVIEW_PATHS.allocate(taskId), {});

    browser = await launchChromium();
    const demo = running.tool.demoPlatform()!;
    const nameOf = (subject: string): string => demo.users.find((u) => u.id === subject)!.name;
    const open = browser;

    /** Launches `subject` in the demo LMS frame, visits `paths` in the frame, then runs `extra`. */
    async function tour(
      subject: string,
      width: number,
      stage: string,
      paths: readonly string[],
      extra?: (frame: Frame, go: (path: string) => Promise<void>, label: string) => Promise<void>,
    ): Promise<void> {
      const context = await open.newContext({ locale: 'en-GB', viewport: { width, height: 800 } });
      const label = `${stage} ${subject}@${width}`;
      try {
        const page = await context.newPage();
        await page.goto(`${running.url}/demo`, { waitUntil: 'load' });
        await page.getByRole('button', { name: `Launch as ${nameOf(subject)}` }).click();
        const frame = (await (await page.waitForSelector(DEMO_TOOL_FRAME)).contentFrame())!;
        await frame.waitForURL(/\/lti\/launch\?ltik=/);
        await frame.waitForSelector('h1');
        const ltik = new URL(frame.url()).searchParams.get('ltik')!;
        const go = async (path: string): Promise<void> => {
          const url = new URL(path, running.url);
          url.searchParams.set('ltik', ltik);
          await frame.goto(url.toString());
        };
        await snap(page, `${label} demo course`);
        await snap(frame, `${label} landing`);
        for (const path of paths)
          await attempt(`${label} ${path}`, async () => (await go(path), snap(frame, `${label} ${path}`)));
        if (extra !== undefined) await attempt(`${label} extra`, () => extra(frame, go, label));
      } finally {
        await context.close();
      }
    }
    const submitIn = async (frame: Frame, script: string): Promise<void> => {
      await Promise.all([frame.waitForNavigation(), frame.evaluate(script)]);
    };
    const openDetails = (frame: Frame) =>
      frame.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`);

    const std1 = `/lti/app/tasks/${taskId}/teams/${team1.id}/standard`;
    const std2 = `/lti/app/tasks/${task2}/teams/${dteam.id}/standard`;
    const locked = `/lti/app/tasks/${task2}/teams/${otherTeam.id}/standard`;
    const mine1 = (await learner('demo-learner-1').get(REVIEW_PATHS.mine(taskId))).body;
    const reviewPath = /href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/.exec(mine1)?.[1];

    // Stage 1: peer review under way.
    for (const width of WIDTHS) {
      await tour(
        'demo-instructor',
        width,
        'S1',
        [
          '/lti/app/course',
          '/lti/app/tasks/new',
          `/lti/app/tasks/${taskId}`,
          `/lti/app/tasks/${taskId}/edit`,
          `/lti/app/tasks/${taskId}/teams`,
          `/lti/app/tasks/${task2}`,
          `/lti/app/tasks/${task2}/teams`,
          std1,
          std2,
          locked,
          REVIEW_PATHS.dashboard(taskId),
          REVIEW_PATHS.settings(taskId),
          '/lti/app/course/roster',
          '/lti/app/course/grades',
          '/lti/app/placement/setup',
          '/lti/app/library',
          '/lti/app/nope',
        ],
        async (frame, go, label) => {
          await go('/lti/app/tasks/new');
          await submitIn(
            frame,
            `(() => { const f = document.querySelector('main form'); f.noValidate = true;
          for (const i of f.querySelectorAll('input[type=text], textarea')) i.value = ''; f.requestSubmit(); })()`,
          );
          await snap(frame, `${label} new task, invalid`);
          for (const path of [`/lti/app/tasks/${task2}`, std2]) {
            await go(path);
            await openDetails(frame);
            await snap(frame, `${label} ${path} details open`);
          }
          await go('/lti/app/placement/setup');
          await submitIn(
            frame,
            `(() => { const f = document.querySelector('form.placement-form');
          f.querySelector('#title').value = ''; f.requestSubmit(); })()`,
          );
          await snap(frame, `${label} placement, invalid`);
          const ltik = new URL(frame.url()).searchParams.get('ltik') ?? '';
          await submitIn(
            frame,
            `(() => { const f = document.createElement('form'); f.method = 'post';
          f.action = ${JSON.stringify(`/lti/app/tasks/${task2}/teams/join`)};
          for (const [n, v] of [['ltik', ${JSON.stringify(ltik)}], ['teamId', '']]) {
            const i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v; f.append(i); }
          document.body.append(f); f.submit(); })()`,
          );
          await snap(frame, `${label} invalid input error page`);
        },
      );
      await tour(
        'demo-learner-1',
        width,
        'S1',
        [
          '/lti/app/my-teams',
          `/lti/app/tasks/${taskId}`,
          `/lti/app/tasks/${task2}`,
          std1,
          std2,
          REVIEW_PATHS.submission(taskId),
          REVIEW_PATHS.mine(taskId),
          ...(reviewPath ? [reviewPath] : []),
          REVIEW_PATHS.feedback(taskId),
          '/lti/app/library',
          `/lti/app/tasks/${taskId}/reflection`,
        ],
        async (frame, go, label) => {
          await go(std2);
          await openDetails(frame);
          await snap(frame, `${label} std2 details open`);
          const points = frame.locator('#weights input[type=number]').first();
          await points.fill('7');
          await snap(frame, `${label} std2 points off`);
          for (const [body, state] of [
            ['A comment from the browser.', 'done'],
            ['', 'invalid'],
          ] as const) {
            await go(std2);
            await submitIn(
              frame,
              `(() => { const t = [...document.querySelectorAll('textarea[name=body]')].at(-1);
            t.value = ${JSON.stringify(body)}; t.form.noValidate = true; t.form.requestSubmit(); })()`,
            );
            await snap(frame, `${label} std2 comment ${state}`);
          }
          if (reviewPath !== undefined) {
            await go(reviewPath);
            await submitIn(
              frame,
              `(() => { const f = [...document.querySelectorAll('main form')].find((x) => x.querySelector('textarea'));
            f.noValidate = true; f.requestSubmit([...f.querySelectorAll('button')].find((b) => b.value === 'submit')); })()`,
            );
            await snap(frame, `${label} review, invalid`);
          }
        },
      );
    }

    // Stage 2: everyone reviews and self-assesses; reflection phase; a story, a reflection, a retrospective.
    const fillReview = async (session: LtiSession, path: string, picks: readonly [number, number]) => {
      const form = (await session.get(path)).body;
      const byField = new Map<string, string[]>();
      for (const [, name, value] of form.matchAll(/name="(level\.[^"]+)" value="([^"]+)"/g))
        byField.set(name!, [...(byField.get(name!) ?? []), value!]);
      const [clarity, evidence] = [...byField.keys()] as [string, string];
      await session.post(path, {
        expectedRevision: /name="expectedRevision" value="(\d+)"/.exec(form)![1]!,
        [clarity]: byField.get(clarity)![picks[0]]!,
        [clarity.replace('level.', 'comment.')]: 'About clarity',
        [evidence]: byField.get(evidence)![picks[1]]!,
        [evidence.replace('level.', 'comment.')]: 'About evidence',
        overallComment: 'Overall',
        intent: 'submit',
      });
    };
    for (const subject of LEARNERS) {
      const me = learner(subject);
      const inTeam1 = team1.members.includes(round.ids.get(subject)!);
      const mine = (await me.get(REVIEW_PATHS.mine(taskId))).body;
      for (const [, path] of mine.matchAll(
        /href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g,
      ))
        await fillReview(me, path!, inTeam1 ? [2, 1] : [0, 1]);
      const self = await me.post(REVIEW_PATHS.self(taskId), {});
      if (self.status === 303) await fillReview(me, redirectPath(self), [2, 1]);
    }
    await round.advance('reflection');
    const author = learner('demo-learner-1');
    const story = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: 'Clarity first',
      narrative: `We agreed on **clarity** early.\n\n\`\`\`\n${'a long line of code '.repeat(8)}\n\`\`\``,
      kind: 'success',
      criteria: 'Clarity\nEvidence',
      visibility: 'platform',
      standardVersion: '1',
    });
    const storyPath = story.status === 303 ? redirectPath(story) : undefined;
    if (storyPath !== undefined) {
      const stored = (await running.tool.library().stories.findById(storyPath.split('/').at(-1)! as never))!;
      await fac.post(`${storyPath}/change`, { revision: String(stored.revision), action: 'publish' });
    }
    const draft = await author.post('/lti/app/library/stories', {
      task: taskId,
      title: 'A draft',
      narrative: 'Draft text.',
      kind: 'lesson',
      criteria: '',
      visibility: 'course',
    });
    const draftPath = draft.status === 303 ? redirectPath(draft) : undefined;
    await author.post(`/lti/app/tasks/${taskId}/reflection`, {
      happened: 'It went.',
      means: 'Meaning.',
      next: 'Next time.',
    });
    await author.get(`/lti/app/tasks/${taskId}/retrospective`);
    const retro = await running.tool.library().retrospectives.findByTeam(taskId, team1.id);
    if (retro !== undefined) {
      const revision = retro.revision;
      await author.post(`/lti/app/tasks/${taskId}/retrospective`, {
        revision: String(revision),
        wentWell: 'Well.',
        toImprove: 'Improve.',
      });
      await author.post(`/lti/app/tasks/${taskId}/retrospective/actions`, {
        revision: String(revision + 1),
        text: 'An action',
        owner: team1.members[0]!,
        due: '2099-03-01',
      });
    }
    const stories = [...(storyPath ? [storyPath] : []), ...(draftPath ? [draftPath] : [])];
    for (const width of WIDTHS) {
      await tour('demo-instructor', width, 'S2', [
        '/lti/app/course',
        `/lti/app/tasks/${taskId}`,
        REVIEW_PATHS.dashboard(taskId),
        '/lti/app/library',
        '/lti/app/library?text=clarity',
        ...stories.slice(0, 1),
        std1,
      ]);
      await tour(
        'demo-learner-1',
        width,
        'S2',
        [
          '/lti/app/my-teams',
          `/lti/app/tasks/${taskId}`,
          REVIEW_PATHS.feedback(taskId),
          REVIEW_PATHS.mine(taskId),
          `/lti/app/tasks/${taskId}/reflection`,
          `/lti/app/tasks/${taskId}/retrospective`,
          '/lti/app/library',
          '/lti/app/library?text=clarity',
          ...stories,
          `/lti/app/library/stories/new?task=${taskId}`,
          std1,
        ],
        async (frame, go, label) => {
          await go(`/lti/app/library/stories/new?task=${taskId}`);
          await submitIn(
            frame,
            `(() => { const f = document.querySelector('main form[method="post"]');
          f.noValidate = true; f.requestSubmit(); })()`,
          );
          await snap(frame, `${label} story, invalid`);
        },
      );
      const context = await open.newContext({ locale: 'en-GB', viewport: { width, height: 800 } });
      const page = await context.newPage();
      await attempt(`deep linking @${width}`, async () => {
        await page.goto(`${running.url}/demo`, { waitUntil: 'load' });
        const add = en.demoServices.addActivity.replace('{name}', nameOf('demo-instructor'));
        await page.getByRole('button', { name: add }).click();
        const frame = (await (await page.waitForSelector(DEMO_TOOL_FRAME)).contentFrame())!;
        await frame.waitForURL(/\/lti\/app\/deep-linking\?ltik=/);
        await snap(frame, `S2 deep linking@${width}`);
        await frame.getByLabel(en.advantage.deepLinking.newTask).check();
        await frame.getByLabel(en.advantage.deepLinking.titleLabel).fill('Bridge design');
        await frame.getByLabel(en.advantage.deepLinking.gradedLabel).check();
        await frame.getByLabel(en.advantage.deepLinking.maxPointsLabel).fill('20');
        await frame.getByRole('button', { name: en.advantage.deepLinking.submit }).click();
        await frame.waitForURL(/\/demo\/deep-link\/return$/);
        await snap(frame, `S2 deep link return@${width}`);
      });
      for (const path of ['/', '/demo', '/demo/gradebook', '/no-such-page', '/lti/launch'])
        await attempt(`top ${path}`, async () => {
          await page.goto(`${running.url}${path}`, { waitUntil: 'load' });
          await snap(page, `S2 top@${width} ${path}`);
        });
      await context.close();
    }
  } finally {
    await browser?.close();
    await running.stop();
  }
  return report(results, failures);
}

function report(results: readonly Result[], failures: readonly string[]): number {
  let elements = 0;
  let focusables = 0;
  let differences = 0;
  const kinds = new Map<string, number>();
  /** Per snapshot: elements whose rounded box (position, size) differs, mostly the consequence of a style difference. */
  const moved = new Map<string, number>();
  for (const { label, a, b } of results) {
    elements += a.rows.length;
    focusables += a.focus.length;
    if (a.hscroll || b.hscroll) say(`horizontal scroll: ${label} (a ${a.hscroll}, b ${b.hscroll})`);
    if (a.rows.length !== b.rows.length) {
      differences += 1;
      say(`DIFF ${label}: ${a.rows.length} vs ${b.rows.length} elements`);
      continue;
    }
    a.rows.forEach(([path, styleA], i) => {
      const styleB = b.rows[i]![1];
      for (const [prop, valueA] of Object.entries(styleA)) {
        if (valueA === styleB[prop]) continue;
        if (prop === 'box') {
          moved.set(label, (moved.get(label) ?? 0) + 1);
          continue;
        }
        differences += 1;
        const element = path.split('>').at(-1)!.replace(/:\d+$/, '');
        const kind = `${element} ${prop}: ${valueA} -> ${styleB[prop]}`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (kinds.get(kind) === 1)
          say(`DIFF ${label} ${path.split('>').slice(-3).join('>')} ${prop}: ${valueA} -> ${styleB[prop]}`);
      }
    });
    a.focus.forEach((row, i) => {
      if (JSON.stringify(row) === JSON.stringify(b.focus[i])) return;
      differences += 1;
      say(`DIFF focus ${label}: ${JSON.stringify(row)} -> ${JSON.stringify(b.focus[i])}`);
    });
  }
  for (const [side, pick] of [
    ['a', (r: Result) => r.a],
    ['b', (r: Result) => r.b],
  ] as const) {
    const total: Record<string, number> = {};
    for (const r of results)
      for (const [sel, n] of Object.entries(pick(r).matched)) total[sel] = (total[sel] ?? 0) + n;
    const never = Object.keys(total).filter((sel) => total[sel] === 0);
    say(`${side}: selectors that matched nothing on any page (${never.length}): ${never.join(' | ')}`);
  }
  for (const failure of failures) say(`not recorded: ${failure}`);
  for (const [label, n] of moved) say(`moved or resized: ${n} elements on ${label}`);
  say(`differences by kind (count, element, property: a -> b):`);
  for (const [kind, n] of kinds) say(`  ${n} ${kind}`);
  say(
    `${results.length} snapshots (pages × widths), ${elements} elements and ${focusables} focusable elements compared; ${differences} differing style values, ${[...moved.values()].reduce((x, y) => x + y, 0)} boxes moved or resized`,
  );
  return differences === 0 && moved.size === 0 ? 0 : 1;
}

process.exit(await main());
