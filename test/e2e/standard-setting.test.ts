/**
 * Browser tier for standard-setting: three learners, each in their own browser context, launch
 * from the demo course page into the tool frame, open their team's standard from "my teams",
 * propose criteria, discuss, weigh and agree until the standard is ratified as version 1; the
 * facilitator then reads it (and could lock it). axe-core must find nothing on any page, and the
 * standard page must fit a 320 px wide screen without horizontal scrolling.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { CourseId, UserId } from '../../src/domain/shared/ids.js';
import { advancePhase } from '../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../src/services/teams/form-teams.js';
import mongoose from 'mongoose';
import { createCourseDirectory } from '../../src/store/lti/course-directory.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  launchInDemoFrame,
  hasHorizontalScroll,
  launchChromium,
  newCheckedContext,
} from './browser.js';

interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly frame: Frame;
  readonly consoleErrors: string[];
}

describe('standard-setting in a browser: three learners and the facilitator', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let browser: Browser;
  const people: Person[] = [];

  before(async function () {
    running = await startLtiTool();
    browser = await launchChromium();
  });
  after(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await running?.stop();
  });

  async function launch(name: string, viewport?: { width: number; height: number }): Promise<Person> {
    const context = await newCheckedContext(browser, viewport === undefined ? {} : { viewport });
    const person = { context, ...(await launchInDemoFrame(context, running.url, name)) };
    people.push(person);
    return person;
  }

  async function expectAxeClean(page: Page, where: string): Promise<void> {
    expect(await accessibilityViolations(page), `axe violations: ${where}`).to.deep.equal([]);
  }

  /** Navigates the tool frame within the session (the ltik rides along, as links do). */
  async function openInFrame(person: Person, path: string): Promise<void> {
    const ltik = new URL(person.frame.url()).searchParams.get('ltik')!;
    await person.frame.goto(`${running.url}${path}?ltik=${encodeURIComponent(ltik)}`);
    await person.frame.waitForSelector('h1');
  }

  /** Loads the current page of the frame again (what someone does to see others' changes). */
  async function reload(person: Person): Promise<void> {
    const url = new URL(person.frame.url());
    url.searchParams.delete('done');
    url.hash = '';
    await person.frame.goto(url.toString());
    await person.frame.waitForSelector('h1');
  }

  /** Clicks the button in the section `scope` (a CSS selector) and waits for the page it leads to. */
  async function submitAndWait(frame: Frame, scope: string, button: string): Promise<void> {
    await Promise.all([
      frame.waitForNavigation(),
      frame.locator(scope).getByRole('button', { name: button, exact: true }).click(),
    ]);
    await frame.waitForSelector('h1');
  }

  async function proposeCriterion(frame: Frame, name: string, levels: string[]): Promise<void> {
    const form = frame.locator('#propose');
    // Open on an empty standard; otherwise a click on its summary opens it.
    if ((await form.getAttribute('open')) === null) {
      await form.getByText(en.standard.criteria.propose, { exact: true }).click();
    }
    await form.getByLabel(en.standard.form.name, { exact: true }).fill(name);
    await form
      .getByLabel(en.standard.form.description, { exact: true })
      .fill(`How well the work shows ${name}.`);
    for (const [i, label] of levels.entries()) {
      await form.getByLabel(`Level ${i + 1}: label`, { exact: true }).fill(label);
      await form
        .getByLabel(`Level ${i + 1}: what work at this level looks like`, { exact: true })
        .fill(`Work that is ${label.toLowerCase()}.`);
    }
    await submitAndWait(frame, '#propose', en.standard.criteria.submitProposal);
  }

  async function weigh(frame: Frame, points: Record<string, number>): Promise<void> {
    const weights = frame.locator('#weights');
    for (const [name, value] of Object.entries(points)) {
      await weights.getByLabel(name, { exact: true }).fill(String(value));
    }
    expect(await weights.locator('[data-points-total]').textContent()).to.equal('100 of 100 points given');
    const button = (await weights.getByRole('button', { name: en.standard.weights.update }).count())
      ? en.standard.weights.update
      : en.standard.weights.submit;
    await submitAndWait(frame, '#weights', button);
  }

  it('takes a team from an empty standard to version 1, readable by the facilitator from the task page, accessibly', async () => {
    const demo = running.tool.demoPlatform()!;
    const names = demo.users.filter((u) => u.role === 'learner').map((u) => u.name);
    const facilitator = await launch(demo.users.find((u) => u.role === 'instructor')!.name);
    const [ann, bob, cat] = [await launch(names[0]!), await launch(names[1]!), await launch(names[2]!)];

    // The task and the teams come from the services (the facilitator's task pages are elsewhere).
    const deps = running.tool.teamwork();
    const connection = await mongoose
      .createConnection(running.started.databaseUri, { dbName: 'teamloop' })
      .asPromise();
    const directory = createCourseDirectory(connection);
    const idOf = async (subject: string): Promise<{ userId: UserId; courseId: CourseId }> =>
      (await directory.idsOf({
        issuer: demo.registration.issuer,
        deploymentId: demo.registration.deploymentIds[0]!,
        contextId: demo.course.id,
        subject,
      }))!;
    const fac = await idOf('demo-instructor');
    const asFacilitator = {
      actor: { userId: fac.userId, role: 'facilitator' as const },
      courseId: fac.courseId,
    };
    const task = await createTeamTask(deps, {
      ...asFacilitator,
      settings: {
        title: 'Customer onboarding guide',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work', 'peer-review'],
        schedule: {},
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
    const members = await Promise.all(['demo-learner-1', 'demo-learner-2', 'demo-learner-3'].map(idOf));
    const { teamSet } = await formTeams(deps, {
      ...asFacilitator,
      taskId: task.id,
      formation: { mode: 'manual', teams: [{ members: members.map((m) => m.userId) }] },
    });
    await advancePhase(deps, { ...asFacilitator, taskId: task.id, to: 'standard-setting' });
    await connection.close();
    const standardPath = `/lti/app/tasks/${task.id}/teams/${teamSet.teams[0]!.id}/standard`;

    // Each learner finds the team on "my teams" and follows the link to the standard.
    for (const person of [ann, bob, cat]) {
      await openInFrame(person, '/lti/app/my-teams');
      expect(await person.frame.locator('main').textContent()).to.contain('Customer onboarding guide');
      await expectAxeClean(person.page, 'my teams');
      await Promise.all([
        person.frame.waitForNavigation(),
        person.frame
          .getByRole('link', { name: 'Open your team’s standard for “Customer onboarding guide”' })
          .click(),
      ]);
      expect(await person.frame.locator('h1').textContent()).to.equal('Standard of Team 1');
    }
    await expectAxeClean(ann.page, 'empty standard');

    await proposeCriterion(ann.frame, 'Clarity', ['Unclear', 'Mostly clear', 'Crystal clear']);
    expect(await ann.frame.getByRole('status').textContent()).to.contain(en.standard.done.proposed);
    await reload(bob);
    // A name already taken is refused with the reason; the form keeps everything else typed.
    await proposeCriterion(bob.frame, 'Clarity', ['None', 'Some', 'Convincing']);
    expect(await bob.frame.getByRole('alert').textContent()).to.contain(
      'Name: this is already used; choose another.',
    );
    await expectAxeClean(bob.page, 'refused proposal');
    const kept = bob.frame.locator('#propose');
    expect(await kept.getByLabel('Level 3: label', { exact: true }).inputValue()).to.equal('Convincing');
    await kept.getByLabel(en.standard.form.name, { exact: true }).fill('Evidence');
    await submitAndWait(bob.frame, '#propose', en.standard.criteria.submitProposal);
    expect(await bob.frame.getByRole('status').textContent()).to.contain(en.standard.done.proposed);

    await reload(cat);
    await cat.frame
      .getByLabel(en.standard.discussion.commentGeneral)
      .fill('Do we need a criterion for tone?');
    await submitAndWait(cat.frame, '#discussion', en.standard.discussion.send);
    await reload(ann);
    expect(await ann.frame.locator('#discussion').textContent()).to.contain(
      'Do we need a criterion for tone?',
    );
    await ann.frame.locator('#discussion').getByText(en.standard.discussion.reply, { exact: true }).click();
    await ann.frame.getByLabel(/Your reply to/).fill('Tone is part of Clarity.');
    await submitAndWait(ann.frame, '#discussion', en.standard.discussion.sendReply);
    await expectAxeClean(ann.page, 'standard with criteria and a thread');

    await weigh(ann.frame, { Clarity: 60, Evidence: 40 });
    await reload(bob);
    await weigh(bob.frame, { Clarity: 50, Evidence: 50 });
    await reload(cat);
    await weigh(cat.frame, { Clarity: 70, Evidence: 30 });
    const weights = await cat.frame.locator('#weights').textContent();
    expect(weights).to.contain('3 of 3 members have weighed').and.contain('Agreement (Kendall’s W)');
    await expectAxeClean(cat.page, 'weights');

    // At 320 px the page fits without horizontal scrolling with every form open (opened directly, as on a phone).
    const narrow = await ann.context.newPage();
    await narrow.setViewportSize({ width: 320, height: 640 });
    const ltik = new URL(ann.frame.url()).searchParams.get('ltik')!;
    await narrow.goto(`${running.url}${standardPath}?ltik=${encodeURIComponent(ltik)}`);
    await narrow.waitForSelector('h1');
    for (const summary of await narrow.locator('summary').all()) {
      if (await summary.isVisible()) await summary.click();
    }
    expect(await hasHorizontalScroll(narrow), 'horizontal scroll at 320 px').to.equal(false);
    await expectAxeClean(narrow, 'standard page at 320 px');
    await narrow.close();

    for (const person of [ann, bob, cat]) {
      await reload(person);
      await submitAndWait(person.frame, '#agreement', en.standard.agreement.agree);
    }
    const agreement = await cat.frame.locator('#agreement').textContent();
    expect(agreement).to.contain('Agreed: version 1').and.contain('3 of 3 agreed');
    expect(await cat.frame.getByRole('status').textContent()).to.contain(en.standard.done.ratified);
    expect(await cat.frame.locator('#version-1').textContent())
      .to.contain('Clarity')
      .and.contain('60%');
    await expectAxeClean(cat.page, 'ratified standard');

    // The facilitator reads the team's standard with its versions and moderation controls.
    // From the task page, where every team's standard is listed side by side.
    await openInFrame(facilitator, `/lti/app/tasks/${task.id}`);
    await Promise.all([
      facilitator.frame.waitForNavigation(),
      facilitator.frame.getByRole('link', { name: 'Open the standard of Team 1' }).click(),
    ]);
    expect(new URL(facilitator.frame.url()).pathname).to.equal(standardPath);
    const facilitatorView = facilitator.frame.locator('main');
    expect(await facilitatorView.textContent())
      .to.contain('Agreed: version 1')
      .and.contain(en.standard.agreement.lock)
      .and.not.contain(en.standard.criteria.propose);
    await expectAxeClean(facilitator.page, 'facilitator view');

    // The one refused proposal answered 422, which the browser logs; nothing else may appear.
    for (const person of people) {
      expect(person.consoleErrors.filter((e) => !/status of 422/.test(e))).to.deep.equal([]);
    }
  });
});
