/**
 * Browser tier for peer review: a learner, launched from the demo course into the tool frame,
 * hands in their team's work and later reviews another team's work against the pinned
 * standard (a missing level is explained first); the facilitator allocates the reviews and
 * reads the dashboard with each assignment's explanation. The round is set up through real
 * launches and the services (standards have their own browser test). axe-core on every page;
 * no horizontal scroll at 320 px.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { asTeamTaskId, type CourseId, type TeamTaskId, type UserId } from '../../src/domain/shared/ids.js';
import type { TeamSet } from '../../src/domain/team/team.js';
import { agreeToStandard } from '../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../src/services/standards/submit-weighting.js';
import { advancePhase } from '../../src/services/tasks/advance-phase.js';
import { en } from '../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../helpers/lti-tool.js';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  launchInDemoFrame,
  launchChromium,
  newCheckedContext,
} from './browser.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const NO_ROSTER_SYNC = { services: false } as const;

describe('peer review in a browser', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let taskId: TeamTaskId;
  let courseId: CourseId;
  let facilitatorId: UserId;
  let teams: TeamSet;
  const sessions = new Map<string, LtiSession>();

  const d = () => running.tool.reviews();
  const fac = () => ({ actor: { userId: facilitatorId, role: 'facilitator' as const }, courseId });
  const asLearner = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId });
  const nameOf = (subject: string) => running.tool.demoPlatform()!.users.find((u) => u.id === subject)!.name;
  const facilitatorName = () =>
    running.tool.demoPlatform()!.users.find((u) => u.id === 'demo-instructor')!.name;

  before(async () => {
    running = await startLtiTool();
    for (const id of LEARNERS) sessions.set(id, await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    const facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Pitch review',
      brief: 'Pitch the idea.',
      outcome: 'A pitch',
      phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    taskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    const task = (await running.tool.teamwork().teamTasks.findById(taskId))!;
    courseId = task.courseId;
    facilitatorId = task.createdBy;
    expect(
      (await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    teams = (await running.tool.teamwork().teamSets.findByTask(taskId))!;
    const settings = await facilitator.post(`/lti/app/tasks/${taskId}/review/settings`, {
      submissionMode: 'team',
      scope: 'across-teams',
      allocation: 'push',
      reviewsPerSubmission: '2',
      leaseMinutes: '60',
      hideReviewers: '1',
      release: 'phase-close',
      minReviews: '2',
      selfAssessment: '1',
      lateAllowed: '1',
      grading: 'formative',
    });
    expect(settings.status).to.equal(303);
    await advancePhase(d(), { ...fac(), taskId, to: 'standard-setting' });
    for (const team of teams.teams) {
      const s = { taskId, teamId: team.id };
      const [a, b] = team.members as [UserId, UserId];
      await startTeamStandard(d(), { ...asLearner(a), ...s });
      const levels = (labels: string[]) => labels.map((label) => ({ label, descriptor: `${label} work.` }));
      const one = await proposeCriterion(d(), {
        ...asLearner(a),
        ...s,
        content: {
          name: 'Clarity',
          description: 'Easy to follow.',
          levels: levels(['Weak', 'Fair', 'Good']),
        },
      });
      const two = await proposeCriterion(d(), {
        ...asLearner(b),
        ...s,
        content: { name: 'Evidence', description: 'Backed up.', levels: levels(['Thin', 'Solid']) },
      });
      for (const who of team.members) {
        await submitWeighting(d(), {
          ...asLearner(who),
          ...s,
          points: [
            { criterionId: one.criteria[0]!.id, points: 50 },
            { criterionId: two.criteria[1]!.id, points: 50 },
          ],
        });
      }
      for (const who of team.members) {
        const page = await standardPage(d(), { ...asLearner(who), ...s });
        await agreeToStandard(d(), { ...asLearner(who), ...s, contentRevision: page.contentRevision });
      }
    }
    await advancePhase(d(), { ...fac(), taskId, to: 'work' });
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

  it('lets a learner hand in their team’s work from their home page', async () => {
    const { page, frame, consoleErrors } = await launchInFrame(nameOf(LEARNERS[0]!), {
      width: 320,
      height: 700,
    });
    await frame.getByRole('link', { name: en.review.links.submission }).first().click();
    await frame.waitForSelector(`h1:text("${en.review.submission.title}")`);
    await expectAccessible(page, 'the submission page');
    expect(await hasHorizontalScroll(frame), 'horizontal scroll on the submission page').to.equal(false);
    await frame.getByLabel(en.review.submission.textLabel).fill('Our pitch in **three** steps.');
    await frame.getByLabel('Link 1: address').fill('https://example.org/pitch');
    await frame.getByRole('button', { name: en.review.submission.submit, exact: true }).click();
    await frame.waitForSelector(`text=${en.review.done.submitted}`);
    expect(await frame.locator('#submitted-version').textContent()).to.contain('Handed in: version 1');
    expect(await frame.locator('.submitted-work strong').textContent()).to.equal('three');
    await expectAccessible(page, 'the submission page after handing in');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('lets the facilitator allocate the reviews and read the dashboard', async () => {
    const other = teams.teams.find((t) => !t.members.includes(sessionsUser(LEARNERS[0]!)))!;
    const author = LEARNERS.find((s) => sessionsUser(s) === other.members[0])!;
    expect(
      (
        await sessions
          .get(author)!
          .post(`/lti/app/tasks/${taskId}/review/submission`, { text: 'The other pitch.', intent: 'submit' })
      ).status,
    ).to.equal(303);
    await advancePhase(d(), { ...fac(), taskId, to: 'peer-review' });

    const { page, frame, consoleErrors } = await launchInFrame(facilitatorName());
    const ltik = new URL(frame.url()).searchParams.get('ltik')!;
    await frame.goto(`${running.url}/lti/app/tasks/${taskId}?ltik=${encodeURIComponent(ltik)}`);
    await frame.getByRole('link', { name: en.review.links.dashboard }).click();
    await frame.waitForSelector(`h1:text("${en.review.dashboard.title}")`);
    await expectAccessible(page, 'the dashboard before allocation');
    await frame.getByRole('button', { name: en.review.dashboard.allocate }).click();
    await frame.waitForSelector(`text=${en.review.done.allocated}`);
    expect(await frame.locator('#completion').textContent()).to.contain('2 of 2 handed in');
    expect(await frame.locator('main').textContent()).to.contain('allocation run 1');
    await expectAccessible(page, 'the dashboard after allocation');
    await frame.getByRole('link', { name: en.review.nav.settings }).click();
    await frame.waitForSelector(`h1:text("${en.review.settings.title}")`);
    await expectAccessible(page, 'the review settings');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('lets a learner review against the standard; a missing level is explained first', async () => {
    const { page, frame, consoleErrors } = await launchInFrame(nameOf(LEARNERS[0]!), {
      width: 320,
      height: 700,
    });
    await frame.getByRole('link', { name: en.review.links.reviews }).first().click();
    await frame.waitForSelector(`h1:text("${en.review.mine.title}")`);
    await expectAccessible(page, 'my reviews');
    await frame.locator('main a[href*="/review/reviews/"]').first().click();
    await frame.waitForSelector(`h1:text-is("${en.review.form.title}")`);
    await expectAccessible(page, 'the review form');
    expect(await hasHorizontalScroll(frame), 'horizontal scroll on the review form').to.equal(false);
    await frame
      .getByRole('group', { name: /Clarity: level/ })
      .getByLabel('Good')
      .check();
    await frame.getByLabel('Comment on Clarity').fill('Very clear.');
    await frame.getByRole('button', { name: en.review.form.submit }).click();
    await frame.waitForSelector('.form-issues');
    expect(await frame.locator('.form-issues').textContent()).to.contain('Choose a level for “Evidence”.');
    expect(await frame.getByLabel('Comment on Clarity').inputValue()).to.equal('Very clear.');
    await expectAccessible(page, 'the review form with a problem');
    await frame
      .getByRole('group', { name: /Evidence: level/ })
      .getByLabel('Solid')
      .check();
    await frame.getByRole('button', { name: en.review.form.submit }).click();
    await frame.waitForSelector(`text=${en.review.done['review-submitted']}`);
    // The one failed load is the deliberate 422 of the form with a missing level.
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).to.deep.equal([]);
  });

  function sessionsUser(subject: string): UserId {
    // Team members are tool user ids; `subjectOf` maps them back to the demo platform's subjects.
    return teams.teams.flatMap((t) => t.members).find((id) => subjectOf.get(id) === subject)!;
  }
  const subjectOf = new Map<UserId, string>();
  before(async () => {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(running.started.databaseUri);
    try {
      for (const subject of LEARNERS) {
        const person = await client.db('teamloop').collection('people').findOne({ subject });
        subjectOf.set(String(person!._id) as UserId, subject);
      }
    } finally {
      await client.close();
    }
  });
});
