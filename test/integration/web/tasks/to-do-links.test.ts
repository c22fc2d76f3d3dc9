/**
 * "What to do next" leads where the work is done, through real demo launches: a learner's items
 * on "my teams" and the task page link their submission, contribution split, reviews (with the
 * open count), feedback once released, reflection and retrospective, and the story form; each
 * link answers 200 for that learner, and items leave once done. The facilitator's course overview
 * and task page link the peer-review dashboard, the curation queue with the count of stories
 * waiting, team formation and the phase controls. Learners never get facilitator links.
 */
import { expect } from 'chai';
import type { TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { REVIEW_PATHS } from '../../../../src/web/view-models/review-paths.js';
import { redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';
import { setUpPagesRound, type PagesRound } from '../../../helpers/review-pages-round.js';

const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];
const SETTINGS = {
  submissionMode: 'team',
  scope: 'across-teams',
  allocation: 'push',
  // Two teams of two, across teams: every learner reviews one submission.
  reviewsPerSubmission: '2',
  leaseMinutes: '30',
  release: 'phase-close',
  minReviews: '1',
  lateAllowed: '1',
  grading: 'formative',
  contributionSplit: '1',
};

interface Link {
  /** Path, query (without the ltik) and hash. */
  readonly path: string;
  readonly text: string;
}

const decode = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The links of the section headed by the element with this id (the whole page without one). */
function linksIn(html: string, id?: string): Link[] {
  let part = html;
  if (id !== undefined) {
    const start = html.indexOf(`id="${id}"`);
    if (start === -1) return [];
    part = html.slice(start, html.indexOf('</section>', start));
  }
  return [...part.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map(([, href, text]) => {
    const url = new URL(decode(href!), 'http://x');
    url.searchParams.delete('ltik');
    return {
      path: `${url.pathname}${url.search}${url.hash}`,
      text: decode(text!.replace(/<[^>]*>/g, '')).trim(),
    };
  });
}

const byText = (links: readonly Link[], text: string): Link | undefined => links.find((l) => l.text === text);

/** Every link answers 200 for this person (the hash is not sent). */
async function expectReachable(session: LtiSession, links: readonly Link[]): Promise<void> {
  for (const link of links) {
    const res = await session.get(link.path.split('#')[0]!);
    expect(res.status, `${link.text} → ${link.path}`).to.equal(200);
  }
}

/** No link a learner sees goes to facilitator pages. */
function expectNoFacilitatorLinks(html: string): void {
  for (const { path } of linksIn(html)) {
    expect(path, path).not.to.match(/\/review$|\/review#|\/review\?/);
    expect(path, path).not.to.match(/\/teams$|#phase-controls|\/library\/curation|\/review\/settings/);
  }
}

describe('to-do links through real launches', function () {
  this.timeout(180_000);
  let running: RunningLtiTool;
  let round: PagesRound;
  const d = () => running.tool.reviews();
  const me = () => round.learners.get('demo-learner-1')!;
  const teamOf = (subject: string) =>
    round.teams.teams.find((t) => t.members.includes(round.ids.get(subject)!))!;
  const mateOf = (subject: string) =>
    LEARNERS.find((s) => s !== subject && teamOf(s).id === teamOf(subject).id)!;
  const next = async (session: LtiSession) => {
    const page = await session.get('/lti/app/my-teams');
    expect(page.status).to.equal(200);
    return { html: page.body, links: linksIn(page.body, 'next-heading') };
  };

  before(async () => {
    running = await startLtiTool();
    round = await setUpPagesRound(running, LEARNERS, SETTINGS);
  });
  after(async () => running?.stop());

  it('work: "submit your work" and the contribution split link their pages, on my teams and the task page', async () => {
    const { taskId } = round;
    const { html, links } = await next(me());
    expect(byText(links, en.myTeams.toDo['submit-work'])?.path).to.equal(REVIEW_PATHS.submission(taskId));
    expect(byText(links, en.myTeams.toDo['give-contribution'])?.path).to.equal(
      REVIEW_PATHS.contribution(taskId),
    );
    await expectReachable(me(), links);
    expectNoFacilitatorLinks(html);

    const task = await me().get(`/lti/app/tasks/${taskId}`);
    const onTask = linksIn(task.body, 'to-do-heading');
    expect(onTask.map((l) => l.path)).to.deep.equal([
      REVIEW_PATHS.submission(taskId),
      REVIEW_PATHS.contribution(taskId),
    ]);
    await expectReachable(me(), onTask);
    expectNoFacilitatorLinks(task.body);
  });

  it('work handed in and split given: those items leave; the teammate keeps their own split', async () => {
    const { taskId } = round;
    for (const team of round.teams.teams) {
      const subject = LEARNERS.find((s) => round.ids.get(s) === team.members[0])!;
      const res = await round.learners
        .get(subject)!
        .post(REVIEW_PATHS.submission(taskId), { text: 'Our work.', intent: 'submit' });
      expect(res.status).to.equal(303);
    }
    const meId = round.ids.get('demo-learner-1')!;
    const mateId = round.ids.get(mateOf('demo-learner-1'))!;
    const split = await me().post(REVIEW_PATHS.contribution(taskId), {
      member: [meId, mateId],
      points: ['50', '50'],
    });
    expect(split.status).to.equal(303);
    const mine = await next(me());
    expect(mine.links).to.deep.equal([]);
    expect(mine.html).to.contain(en.launched.myTeams.nothingNext);
    const mate = await next(round.learners.get(mateOf('demo-learner-1'))!);
    expect(mate.links.map((l) => l.path)).to.deep.equal([REVIEW_PATHS.contribution(taskId)]);
  });

  it('peer review: "review peers" says how many are open, links my reviews, and leaves once done', async () => {
    const { taskId } = round;
    await round.advance('peer-review');
    expect((await round.facilitator.post(REVIEW_PATHS.allocate(taskId), {})).status).to.equal(303);
    const open = en.myTeams.toDo['review-peers-open'].one;
    const { links } = await next(me());
    const review = links.find((l) => l.text.endsWith(open));
    expect(review?.path).to.equal(REVIEW_PATHS.mine(taskId));
    await expectReachable(me(), links);
    const task = await me().get(`/lti/app/tasks/${taskId}`);
    const onTask = linksIn(task.body, 'to-do-heading');
    expect(onTask.map((l) => l.text)).to.include(en.tasks.toDo['review-peers-open'].one);

    for (const subject of LEARNERS) await submitMyReviews(round.learners.get(subject)!, taskId);
    expect((await next(me())).links.map((l) => l.path)).not.to.include(REVIEW_PATHS.mine(taskId));
  });

  it('reflection: reflect links the reflection and the retrospective; released feedback is linked', async () => {
    const { taskId } = round;
    await round.advance('reflection');
    const { links, html } = await next(me());
    const paths = links.map((l) => l.path);
    expect(paths).to.include(REVIEW_PATHS.feedback(taskId));
    expect(paths).to.include(`/lti/app/tasks/${taskId}/reflection`);
    expect(paths).to.include(`/lti/app/tasks/${taskId}/retrospective`);
    expect(byText(links, en.myTeams.toDo.retrospective)?.path).to.equal(
      `/lti/app/tasks/${taskId}/retrospective`,
    );
    await expectReachable(me(), links);
    expectNoFacilitatorLinks(html);
  });

  it('facilitator: the overview links the dashboard and the curation queue with its count; learners never see it', async () => {
    const { taskId } = round;
    let overview = await round.facilitator.get('/lti/app/course');
    expect(overview.status).to.equal(200);
    const dashboard = byText(
      linksIn(overview.body),
      en.tasks.course.reviewDashboard.replace('{task}', 'Review round'),
    );
    expect(dashboard?.path).to.equal(REVIEW_PATHS.dashboard(taskId));
    await expectReachable(round.facilitator, [dashboard!]);
    expect(linksIn(overview.body).map((l) => l.path)).not.to.include('/lti/app/library/curation');

    const story = await me().post('/lti/app/library/stories', {
      task: taskId,
      title: 'What we learned',
      narrative: 'We agreed early.',
      kind: 'lesson-learned',
      criteria: 'Clarity',
      visibility: 'course',
    });
    expect(story.status).to.equal(303);
    const waiting = en.tasks.course.storiesWaiting.replace('{count}', '1');
    overview = await round.facilitator.get('/lti/app/course');
    const curation = byText(linksIn(overview.body), waiting);
    expect(curation?.path).to.equal('/lti/app/library/curation');
    await expectReachable(round.facilitator, [curation!]);
    const taskPage = await round.facilitator.get(`/lti/app/tasks/${taskId}`);
    expect(byText(linksIn(taskPage.body), waiting)?.path).to.equal('/lti/app/library/curation');
    for (const subject of LEARNERS) {
      const home = await round.learners.get(subject)!.get('/lti/app/my-teams');
      expect(home.body).not.to.contain(waiting);
      expectNoFacilitatorLinks(home.body);
      expectNoFacilitatorLinks((await round.learners.get(subject)!.get(`/lti/app/tasks/${taskId}`)).body);
    }
  });

  it('facilitator to-do: form teams links formation, open the task links the phase controls; share links the story form', async () => {
    const created = await round.facilitator.post('/lti/app/tasks/new', {
      title: 'Second task',
      brief: 'Tell it.',
      outcome: 'A story',
      phases: ['work', 'share'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    expect(created.status).to.equal(303);
    const second: TeamTaskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    const card = async () => {
      const body = (await round.facilitator.get('/lti/app/course')).body;
      const start = body.indexOf(`/lti/app/tasks/${second}`);
      return linksIn(body.slice(start, body.indexOf('</li>\n', body.indexOf('class="to-do"', start))));
    };
    const formTeams = (await card()).find((l) => l.path === `/lti/app/tasks/${second}/teams`);
    expect(formTeams?.text).to.match(/^Form the teams/);
    await expectReachable(round.facilitator, [formTeams!]);
    const formed = await round.facilitator.post(`/lti/app/tasks/${second}/teams`, {
      mode: 'random',
      targetSize: '2',
    });
    expect(formed.status).to.equal(303);
    const openTask = (await card()).find((l) => l.path === `/lti/app/tasks/${second}#phase-controls`);
    expect(openTask?.text).to.equal(en.tasks.toDo['open-task']);
    const taskPage = await round.facilitator.get(`/lti/app/tasks/${second}`);
    expect(taskPage.body).to.contain('id="phase-controls"');
    expect(linksIn(taskPage.body, 'to-do-heading').map((l) => l.path)).to.deep.equal([
      `/lti/app/tasks/${second}#phase-controls`,
    ]);

    const task = (await d().teamTasks.findById(second))!;
    const fac = { actor: { userId: task.createdBy, role: 'facilitator' as const }, courseId: task.courseId };
    await advancePhase(d(), { ...fac, taskId: second, to: 'work' });
    // A task without peer review still has the submission page its "submit" item links.
    const work = (await next(me())).links.filter((l) => l.path.startsWith(`/lti/app/tasks/${second}/`));
    expect(work.map((l) => l.path)).to.deep.equal([REVIEW_PATHS.submission(second)]);
    await expectReachable(me(), work);
    await advancePhase(d(), { ...fac, taskId: second, to: 'share' });
    const { links } = await next(me());
    const share = links.find((l) => l.path === `/lti/app/library/stories/new?task=${second}`);
    expect(share?.text).to.equal(en.myTeams.toDo['share-story']);
    await expectReachable(me(), [share!]);
  });
});

/** Submits every peer review assigned to this learner (Clarity and Evidence, top levels). */
async function submitMyReviews(session: LtiSession, taskId: TeamTaskId): Promise<void> {
  const mine = (await session.get(REVIEW_PATHS.mine(taskId))).body;
  for (const [, path] of mine.matchAll(/href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g)) {
    const form = await session.get(path!);
    expect(form.status).to.equal(200);
    const byField = new Map<string, string[]>();
    for (const [, name, value] of form.body.matchAll(/name="(level\.[^"]+)" value="([^"]+)"/g))
      byField.set(name!, [...(byField.get(name!) ?? []), value!]);
    const fields: Record<string, string> = {
      expectedRevision: /name="expectedRevision" value="(\d+)"/.exec(form.body)![1]!,
      overallComment: 'Overall',
      intent: 'submit',
    };
    for (const [name, values] of byField) {
      fields[name] = values.at(-1)!;
      fields[name.replace('level.', 'comment.')] = 'Fine.';
    }
    const done = await session.post(path!, fields);
    expect(done.status).to.equal(303);
  }
}
