/**
 * The peer-review pages end to end over HTTP, through real launches on the demo platform: a
 * facilitator sets review up for a task with three teams of two; teams hand in (text, links,
 * a file through the multipart upload), reviews are allocated and explained on the dashboard,
 * learners review against their pinned standard (a missing criterion is refused with the input
 * kept), feedback is released at phase close and rated, a grade is overridden with a reason and
 * grades are released. Every HTML page a learner fetched is searched for the names and ids of
 * everyone outside their team (both anonymity switches on). Learners of another team, another
 * course's people and late requests after the phase closed are refused; uploads over the limit
 * or of a refused type are 4xx and store nothing.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import {
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamTaskId,
  type UserId,
} from '../../../../src/domain/shared/ids.js';
import type { TeamSet } from '../../../../src/domain/team/team.js';
import { agreeToStandard } from '../../../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../../../src/services/standards/submit-weighting.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import {
  launchSession,
  redirectPath,
  type LtiSession,
  type PageResponse,
} from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const LEARNERS = [
  'demo-learner-1',
  'demo-learner-2',
  'demo-learner-3',
  'demo-learner-4',
  'demo-learner-5',
  'demo-learner-6',
];
const NO_ROSTER_SYNC = { services: false } as const;
const MAX_FILE_BYTES = 4096;

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

/** A multipart body with one file (ASCII content, so it survives as a string body). */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: string }) {
  const boundary = '----teamloop-test-boundary';
  let body = '';
  for (const [name, value] of Object.entries(fields)) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  if (file !== undefined) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, rawBody: body };
}

describe('peer review pages through real launches', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  const learners = new Map<string, LtiSession>();
  let taskId: TeamTaskId;
  let courseId: CourseId;
  let facilitatorId: UserId;
  let teams: TeamSet;
  /** Subject (demo id) → tool user id. */
  const ids = new Map<string, UserId>();
  /** Every learner-visible HTML page, with who fetched it. */
  const seen: { subject: string; path: string; body: string }[] = [];

  const d = () => running.tool.reviews();
  const fac = () => ({ actor: { userId: facilitatorId, role: 'facilitator' as const }, courseId });
  const asLearner = (userId: UserId) => ({ actor: { userId, role: 'learner' as const }, courseId });
  const nameOf = (subject: string) => running.tool.demoPlatform()!.users.find((u) => u.id === subject)!.name;
  const teamOf = (subject: string) => teams.teams.find((t) => t.members.includes(ids.get(subject)!))!;
  const teammates = (subject: string) => LEARNERS.filter((s) => teamOf(s).id === teamOf(subject).id);
  const base = () => `/lti/app/tasks/${taskId}/review`;

  async function get(subject: string, path: string): Promise<PageResponse> {
    const res = await learners.get(subject)!.get(path);
    seen.push({ subject, path, body: res.body });
    return res;
  }
  async function post(subject: string, path: string, fields: Record<string, string | readonly string[]>) {
    const res = await learners.get(subject)!.post(path, fields);
    seen.push({ subject, path, body: res.body });
    return res;
  }
  const fileCount = async () => (await running.countAppDocuments())['submissionFiles.files'] ?? 0;

  before(async () => {
    running = await startLtiTool({ SUBMISSION_MAX_FILE_BYTES: String(MAX_FILE_BYTES) });
    for (const id of LEARNERS) learners.set(id, await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    const created = await facilitator.post('/lti/app/tasks/new', {
      title: 'Onboarding review',
      brief: 'Design an onboarding flow.',
      outcome: 'A flow',
      phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    expect(created.status).to.equal(303);
    taskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    const task = (await running.tool.teamwork().teamTasks.findById(taskId))!;
    courseId = task.courseId;
    facilitatorId = task.createdBy;
    const formed = await facilitator.post(`/lti/app/tasks/${taskId}/teams`, {
      mode: 'random',
      targetSize: '2',
    });
    expect(formed.status).to.equal(303);
    teams = (await running.tool.teamwork().teamSets.findByTask(taskId))!;
    expect(teams.teams).to.have.length(3);
    const client = new MongoClient(running.started.databaseUri);
    try {
      for (const subject of LEARNERS) {
        const person = await client.db('teamloop').collection('people').findOne({ subject });
        ids.set(subject, asUserId(String(person!._id)));
      }
    } finally {
      await client.close();
    }
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && process.env['DEBUG_REVIEW_PAGES'] === '1') {
      for (const line of running.log.lines().filter((l) => l['level'] === 50))
        process.stderr.write(`${JSON.stringify(line)}\n`);
    }
  });
  after(async () => running?.stop());

  it('lets the facilitator set review up on the settings page; learners may not', async () => {
    const page = await facilitator.get(`${base()}/settings`);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain(`<h1>${en.review.settings.title}</h1>`);
    const saved = await facilitator.post(`${base()}/settings`, {
      expectedRevision: '0',
      submissionMode: 'team',
      scope: 'across-teams',
      allocation: 'push',
      reviewsPerSubmission: '2',
      leaseMinutes: '60',
      hideReviewers: '1',
      hideAuthors: '1',
      release: 'phase-close',
      minReviews: '2',
      selfAssessment: '1',
      lateAllowed: '1',
      grading: 'graded',
      submissionWeight: '80',
      reviewWeight: '20',
      scoreMaximum: '100',
    });
    expect(saved.status).to.equal(303);
    const settings = (await d().reviewSettings.findByTask(taskId))!;
    expect(settings).to.deep.include({ reviewsPerSubmission: 2, allocation: 'push', submissionMode: 'team' });
    expect(settings.anonymity).to.deep.equal({
      hideReviewersFromAuthors: true,
      hideAuthorsFromReviewers: true,
    });
    expect(settings.grading.mode).to.equal('graded');

    const learnerTry = await post(LEARNERS[0]!, `${base()}/settings`, { grading: 'formative' });
    expect(learnerTry.status).to.equal(403);
    expect((await d().reviewSettings.findByTask(taskId))!.revision).to.equal(settings.revision);

    // Standards: each team ratifies two criteria (through the services: the standard pages have their own tests).
    await advancePhase(d(), { ...fac(), taskId, to: 'standard-setting' });
    for (const team of teams.teams) {
      const s = { taskId, teamId: team.id };
      const [a, b] = team.members as [UserId, UserId];
      await startTeamStandard(d(), { ...asLearner(a), ...s });
      const levels = (labels: string[], name: string) =>
        labels.map((label) => ({ label, descriptor: `${label} ${name}` }));
      const one = await proposeCriterion(d(), {
        ...asLearner(a),
        ...s,
        content: {
          name: 'Clarity',
          description: 'Easy to follow.',
          levels: levels(['Weak', 'Fair', 'Good'], 'clarity'),
        },
      });
      const two = await proposeCriterion(d(), {
        ...asLearner(b),
        ...s,
        content: {
          name: 'Evidence',
          description: 'Claims backed up.',
          levels: levels(['Weak', 'Fair', 'Good', 'Excellent'], 'evidence'),
        },
      });
      const [c1, c2] = [one.criteria[0]!.id, two.criteria[1]!.id];
      for (const who of team.members) {
        await submitWeighting(d(), {
          ...asLearner(who),
          ...s,
          points: [
            { criterionId: c1, points: 60 },
            { criterionId: c2, points: 40 },
          ],
        });
      }
      for (const who of team.members) {
        const page = await standardPage(d(), { ...asLearner(who), ...s });
        await agreeToStandard(d(), { ...asLearner(who), ...s, contentRevision: page.contentRevision });
      }
    }
    await advancePhase(d(), { ...fac(), taskId, to: 'work' });
  });

  it('links the review pages from the learner task page, my teams and the facilitator task page', async () => {
    const task = await get(LEARNERS[0]!, `/lti/app/tasks/${taskId}`);
    expect(task.body).to.contain(`${base()}/submission?ltik`).and.contain(`${base()}/mine?ltik`);
    const home = await get(LEARNERS[0]!, '/lti/app/my-teams');
    expect(home.body).to.contain(`${base()}/feedback?ltik`);
    const facilitatorTask = await facilitator.get(`/lti/app/tasks/${taskId}`);
    expect(facilitatorTask.body).to.contain(`${base()}?ltik`).and.contain(`${base()}/settings?ltik`);
  });

  it('lets a team save a draft with sanitised markdown and links, upload a file and hand in', async () => {
    const subject = LEARNERS[0]!;
    const page = await get(subject, `${base()}/submission`);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain(en.review.submission.timing['on-time']);
    const saved = await post(subject, `${base()}/submission`, {
      expectedRevision: '',
      text: 'Our **flow**.\n\n<script>alert(1)</script>',
      linkUrl: ['https://example.org/prototype', ''],
      linkTitle: ['Prototype', ''],
      intent: 'save',
    });
    expect(saved.status).to.equal(303);
    const draft = await get(subject, `${base()}/submission`);
    expect(draft.body).to.contain('value="https://example.org/prototype"');
    const revision = /name="expectedRevision" value="(\d+)"/.exec(draft.body)![1]!;

    const upload = await learners.get(subject)!.post(
      `${base()}/submission/files`,
      {},
      {
        ltik: true,
        ...multipart(
          { expectedRevision: revision },
          { name: 'notes.txt', type: 'text/plain', content: 'Plain notes about the flow.' },
        ),
      },
    );
    expect(upload.status).to.equal(303);
    expect(await fileCount()).to.equal(1);
    const withFile = await get(subject, `${base()}/submission`);
    expect(withFile.body).to.contain('notes.txt');
    const fileId = /name="keepFile" value="([^"]+)"/.exec(withFile.body)![1]!;
    const rev2 = /name="expectedRevision" value="(\d+)"/.exec(withFile.body)![1]!;

    const handedIn = await post(subject, `${base()}/submission`, {
      expectedRevision: rev2,
      text: 'Our **flow**.\n\n<script>alert(1)</script>',
      linkUrl: ['https://example.org/prototype'],
      linkTitle: ['Prototype'],
      keepFile: fileId,
      intent: 'submit',
    });
    expect(handedIn.status).to.equal(303);
    const after = await get(teammates(subject)[1]!, `${base()}/submission`);
    expect(after.body).to.contain('Handed in: version 1');
    expect(after.body).to.contain('<strong>flow</strong>');
    expect(after.body).not.to.contain('<script>alert(1)');
    expect(after.body).to.contain('href="https://example.org/prototype"');
    expect(after.body).to.match(/\/submissions\/[^/]+\/files\/[0-9a-f]{24}\?ltik/);
  });

  it('refuses an upload over the limit or of a refused type with 4xx and stores nothing', async () => {
    const subject = LEARNERS[0]!;
    const before = { files: await fileCount(), submission: await d().submissions.listByTask(taskId) };
    const tooLarge = await learners.get(subject)!.post(
      `${base()}/submission/files`,
      {},
      {
        ...multipart({}, { name: 'big.txt', type: 'text/plain', content: 'a'.repeat(MAX_FILE_BYTES + 1) }),
      },
    );
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.body).to.contain(escapeHtml('The file is larger than 4 KB.'));
    const html = await learners.get(subject)!.post(
      `${base()}/submission/files`,
      {},
      {
        ...multipart(
          {},
          {
            name: 'page.txt',
            type: 'text/plain',
            content: '<!DOCTYPE html><html><script>alert(1)</script></html>',
          },
        ),
      },
    );
    expect(html.status).to.equal(422);
    expect(html.body).to.contain('This type of file is not allowed.');
    const noFile = await learners
      .get(subject)!
      .post(`${base()}/submission/files`, {}, { ...multipart({ expectedRevision: '1' }) });
    expect(noFile.status).to.equal(422);
    expect(await fileCount()).to.equal(before.files);
    expect(await d().submissions.listByTask(taskId)).to.deep.equal(before.submission);
  });

  it('refuses another team’s member and another course every submission route', async () => {
    const otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    const otherLearner = await launchSession(
      running,
      'demo-learner-1',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    for (const session of [otherFacilitator, otherLearner]) {
      for (const path of [
        `${base()}/submission`,
        `${base()}/mine`,
        `${base()}/feedback`,
        base(),
        `${base()}/settings`,
      ]) {
        expect((await session.get(path)).status, path).to.be.oneOf([403, 404]);
      }
      expect((await session.post(`${base()}/allocate`, {})).status).to.be.oneOf([403, 404]);
    }
    expect((await post(LEARNERS[0]!, `${base()}/allocate`, {})).status).to.equal(403);
    expect((await get(LEARNERS[0]!, base())).status).to.equal(403);
  });

  it('allocates reviews on the dashboard, each with its explanation', async () => {
    for (const team of teams.teams.filter((t) => t.id !== teamOf(LEARNERS[0]!).id)) {
      const subject = LEARNERS.find((s) => ids.get(s) === team.members[0])!;
      const res = await post(subject, `${base()}/submission`, {
        text: `Work of another team ${team.number}.`,
        intent: 'submit',
      });
      expect(res.status).to.equal(303);
    }
    await advancePhase(d(), { ...fac(), taskId, to: 'peer-review' });
    const allocated = await facilitator.post(`${base()}/allocate`, {});
    expect(allocated.status).to.equal(303);
    const dashboard = await facilitator.get(base());
    expect(dashboard.status).to.equal(200);
    expect(dashboard.body).to.contain('3 of 3 handed in, 0 late.');
    expect(dashboard.body).to.contain('0 of 6 peer reviews submitted.');
    expect(dashboard.body).to.contain('allocation run 1 (seed');
    expect(dashboard.body).to.contain('had the fewest reviews');
    for (const subject of LEARNERS) expect(dashboard.body).to.contain(escapeHtml(nameOf(subject)));
  });

  it('lets learners review against the pinned standard; a missing criterion is refused with the input kept', async () => {
    for (const subject of LEARNERS) {
      const mine = await get(subject, `${base()}/mine`);
      expect(mine.status).to.equal(200);
      const paths = [
        ...mine.body.matchAll(/href="(\/lti\/app\/tasks\/[^"]+\/review\/reviews\/[^"?]+)\?ltik/g),
      ].map((m) => m[1]!);
      expect(paths).to.have.length(1);
      const form = await get(subject, paths[0]!);
      expect(form.status).to.equal(200);
      expect(form.body).to.contain('Clarity: level').and.contain('Evidence: level');
      expect(form.body).to.match(/Review the work of Team [A-Z]/);
      const levelFields = [...form.body.matchAll(/name="(level\.[^"]+)" value="([^"]+)"/g)];
      const byField = new Map<string, string[]>();
      for (const [, name, value] of levelFields) byField.set(name!, [...(byField.get(name!) ?? []), value!]);
      const [clarity, evidence] = [...byField.keys()] as [string, string];
      const revision = /name="expectedRevision" value="(\d+)"/.exec(form.body)![1]!;
      const commentOf = (field: string) => field.replace('level.', 'comment.');
      const missing = await post(subject, paths[0]!, {
        expectedRevision: revision,
        [clarity]: byField.get(clarity)![2]!,
        [commentOf(clarity)]: 'Clear steps, kept comment',
        overallComment: 'Nice work overall',
        intent: 'submit',
      });
      expect(missing.status).to.equal(422);
      expect(missing.body).to.contain(escapeHtml('Choose a level for “Evidence”.'));
      expect(missing.body).to.contain('Clear steps, kept comment');
      const done = await post(subject, paths[0]!, {
        expectedRevision: revision,
        [clarity]: byField.get(clarity)![2]!,
        [commentOf(clarity)]: 'Clear steps',
        [evidence]: byField.get(evidence)![1]!,
        [commentOf(evidence)]: 'Needs sources',
        overallComment: 'Nice work overall',
        intent: 'submit',
      });
      expect(done.status).to.equal(303);
    }
    const dashboard = await facilitator.get(base());
    expect(dashboard.body).to.contain('6 of 6 peer reviews submitted.');
  });

  it('keeps a learner out of another reviewer’s review', async () => {
    const reviews = await d().reviews.listByTask(taskId);
    const someone = LEARNERS[0]!;
    const foreign = reviews.find((r) => r.reviewerId !== ids.get(someone))!;
    const res = await get(someone, `${base()}/reviews/${foreign.id}`);
    expect(res.status).to.be.oneOf([403, 404]);
    const write = await post(someone, `${base()}/reviews/${foreign.id}`, {
      intent: 'save',
      overallComment: 'x',
    });
    expect(write.status).to.be.oneOf([403, 404]);
    expect((await d().reviews.findById(foreign.id))!.revision).to.equal(foreign.revision);
  });

  it('releases feedback at phase close: medians, comments, ratings; no changes after close', async () => {
    await advancePhase(d(), { ...fac(), taskId, to: 'reflection' });
    const subject = LEARNERS[0]!;
    const late = await post(subject, `${base()}/submission`, { text: 'Too late', intent: 'save' });
    expect(late.status).to.equal(409);
    const mine = await d().reviews.listByReviewer(taskId, ids.get(subject)!);
    const closed = await post(subject, `${base()}/reviews/${mine[0]!.id}`, {
      intent: 'submit',
      overallComment: 'changed',
    });
    expect(closed.status).to.equal(409);
    expect((await d().reviews.findById(mine[0]!.id))!.overallComment).to.equal('Nice work overall');

    const feedback = await get(subject, `${base()}/feedback`);
    expect(feedback.status).to.equal(200);
    expect(feedback.body).to.contain(en.review.feedback.caption);
    expect(feedback.body).to.contain('<td>Good</td>').and.contain('<td>Fair</td>');
    expect(feedback.body).to.contain('Needs sources').and.contain('Nice work overall');
    expect(feedback.body).to.match(/Reviewer [A-Z]/);
    const rateAction = /action="(\/lti\/app\/tasks\/[^"]+\/rating)\?ltik/.exec(feedback.body)![1]!;
    const rated = await post(subject, rateAction, { stars: '4', reply: 'Thanks, helpful' });
    expect(rated.status).to.equal(303);
    const again = await get(subject, `${base()}/feedback`);
    expect(again.body).to.contain('Your rating: 4 of 5');
    const badRating = await post(subject, rateAction, { stars: '9' });
    expect(badRating.status).to.equal(422);
  });

  it('computes grades, overrides one only with a reason and releases grades through the gradebook port', async () => {
    expect((await facilitator.post(`${base()}/grades/compute`, {})).status).to.equal(303);
    const dashboard = await facilitator.get(base());
    expect(dashboard.body).to.contain(en.review.dashboard.gradesCaption);
    const action = /action="(\/lti\/app\/tasks\/[^"]+\/grades\/[^"/]+\/override)\?ltik/.exec(
      dashboard.body,
    )![1]!;
    const noReason = await facilitator.post(action, { score: '75', reason: '' });
    expect(noReason.status).to.equal(422);
    const overridden = await facilitator.post(action, { score: '75', reason: 'Presented in class' });
    expect(overridden.status).to.equal(303);
    const grades = await d().grades.listByTask(taskId);
    expect(grades.filter((g) => g.override?.reason === 'Presented in class')).to.have.length(1);
    const released = await facilitator.post(`${base()}/grades/release`, {});
    expect(released.status).to.equal(303);
    const after = await facilitator.get(base());
    expect(after.body).to.contain('overridden: Presented in class');
    const table = after.body.slice(after.body.indexOf('<tbody>', after.body.indexOf('grades-caption')));
    // These launches carry no AGS claims, so the gradebook port has no line item to publish to:
    // every row says so instead of pretending it was published.
    const rows = table.slice(0, table.indexOf('</tbody>'));
    expect(rows.match(/<tr>/g)).to.have.length(6);
    expect(rows).to.contain('<td>75 (overridden: Presented in class)</td>');
    for (const row of rows.split('</tr>').slice(0, 6))
      expect(row).to.match(/<td>(published|failed: [^<]+)<\/td>/);
    const learnerRelease = await post(LEARNERS[1]!, `${base()}/grades/release`, {});
    expect(learnerRelease.status).to.equal(403);
  });

  it('never sends a learner the name or id of anyone outside their team (both anonymity switches on)', () => {
    expect(seen.length).to.be.greaterThan(40);
    for (const page of seen) {
      const mates = teammates(page.subject);
      for (const other of LEARNERS.filter((s) => !mates.includes(s))) {
        expect(page.body, `${page.path} for ${page.subject}`).not.to.contain(escapeHtml(nameOf(other)));
        expect(page.body, `${page.path} for ${page.subject}`).not.to.contain(ids.get(other)!);
        expect(page.body, `${page.path} for ${page.subject}`).not.to.contain(other);
      }
    }
  });
});
