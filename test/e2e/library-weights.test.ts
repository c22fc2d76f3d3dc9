/**
 * Browser tier for the origin's weights as a starting point: a learner whose team task starts
 * from a library standard opens the team's standard in the LMS frame on a 320 px wide screen;
 * the weighting form is pre-filled with the origin's points (48/32/20), the note names the origin,
 * the live total says 100 of 100, the page fits without horizontal scrolling and axe-core finds
 * nothing. Saving the form as it is records the learner's own weighting, and the note is gone.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext } from 'playwright-core';
import type { TeamTaskId } from '../../src/domain/shared/ids.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { libraryStandardFrom, taskWithTeams } from '../helpers/library-origin.js';
import { launchSession } from '../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchChromium,
  launchInDemoFrame,
  newCheckedContext,
} from './browser.js';

const NO_ROSTER_SYNC = { services: false } as const;
const ORIGIN_TITLE = 'Bridge report standard';

describe('a standard from the library in a browser: the pre-filled weighting form', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let standardPath: string;
  let taskId: TeamTaskId;

  before(async () => {
    running = await startLtiTool();
    browser = await launchChromium();
    for (const id of ['demo-learner-1', 'demo-learner-2'])
      await launchSession(running, id, undefined, NO_ROSTER_SYNC);
    const facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const { entry } = await libraryStandardFrom(running, facilitator, {
      title: ORIGIN_TITLE,
      names: ['Structure', 'Calculations', 'Drawings'],
      points: [
        [50, 30, 20],
        [45, 35, 20],
      ],
      visibility: 'course',
    });
    // A second task of the course starts from it; its one team is both learners.
    taskId = await taskWithTeams(running, facilitator, {
      title: 'Bridge report',
      standardStart: 'library',
      fromLibrary: entry.id,
    });
    const team = (await running.tool.teamwork().teamSets.findByTask(taskId))!.teams[0]!;
    standardPath = `/lti/app/tasks/${taskId}/teams/${team.id}/standard`;
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
  });

  it('shows the origin’s points with a note, fits 320 px, is axe clean, and saving makes them the learner’s own', async () => {
    const demo = running.tool.demoPlatform()!;
    const learner = demo.users.find((u) => u.id === 'demo-learner-1')!;
    context = await newCheckedContext(browser, { viewport: { width: 320, height: 640 } });
    const { page, frame, consoleErrors } = await launchInDemoFrame(context, running.url, learner.name);
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    await frame.goto(`${running.url}${standardPath}?ltik=${encodeURIComponent(ltik)}`);
    await frame.waitForSelector('h1');

    const weights = frame.locator('#weights');
    const values = [];
    for (const name of ['Structure', 'Calculations', 'Drawings'])
      values.push(await weights.getByLabel(name, { exact: true }).inputValue());
    expect(values).to.deep.equal(['48', '32', '20']);
    const note = en.standard.weights.prefilledFrom.replace('{origin}', ORIGIN_TITLE);
    expect((await weights.locator('#weights-prefilled').textContent())?.trim()).to.equal(note);
    // The note describes the group of inputs for screen readers.
    expect(await weights.getByRole('group').getAttribute('aria-describedby')).to.equal('weights-prefilled');
    expect(await weights.locator('[data-points-total]').textContent()).to.equal('100 of 100 points given');

    expect(await hasHorizontalScroll(frame), 'horizontal scroll at 320 px').to.equal(false);
    expect(await accessibilityViolations(page), 'axe violations: pre-filled weighting form').to.deep.equal(
      [],
    );

    await Promise.all([
      frame.waitForNavigation(),
      weights.getByRole('button', { name: en.standard.weights.submit, exact: true }).click(),
    ]);
    await frame.waitForSelector('h1');
    expect(await frame.locator('#weights-prefilled').count()).to.equal(0);
    expect(await weights.getByLabel('Structure', { exact: true }).inputValue()).to.equal('48');
    expect(
      await weights.getByRole('button', { name: en.standard.weights.update, exact: true }).count(),
    ).to.equal(1);
    const deps = running.tool.teamwork();
    const team = (await deps.teamSets.findByTask(taskId))!.teams[0]!;
    const saved = (await deps.standards.findByTeam(taskId, team.id))!.weightings;
    expect(saved.map((w) => w.points.map((p) => p.points))).to.deep.equal([[48, 32, 20]]);
    expect(await accessibilityViolations(page), 'axe violations: after saving').to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
});
