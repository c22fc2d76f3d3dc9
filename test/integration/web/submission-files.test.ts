/**
 * Submission file downloads through the whole tool: launches through the demo platform, a file
 * handed in by a learner with the real services, and `GET /lti/app/tasks/…/files/…` over HTTP —
 * an attachment with nosniff for a teammate and the facilitator, refused (403) to another team and
 * without a session.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../../src/domain/shared/ids.js';
import { uploadSubmissionFile } from '../../../src/services/submissions/upload-submission-file.js';
import { advancePhase } from '../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../src/services/teams/form-teams.js';
import { followLaunch, type FollowedLaunch } from '../../helpers/follow-launch.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';

describe('web: submission file downloads (through an LTI launch)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  const launches = new Map<string, FollowedLaunch>();
  const ids = new Map<string, UserId>();
  let courseId: CourseId;
  let filePath: string;

  function demo() {
    const platform = running.tool.demoPlatform();
    if (platform === undefined) throw new Error('demo platform not started');
    return platform;
  }

  before(async () => {
    running = await startLtiTool();
    const learners = demo()
      .users.filter((u) => u.role === 'learner')
      .slice(0, 4);
    const instructor = demo().users.find((u) => u.role === 'instructor')!;
    for (const user of [instructor, ...learners]) {
      launches.set(user.id, await followLaunch(running.url + demo().launchPath(user.id)));
    }
    const client = new MongoClient(running.started.databaseUri);
    try {
      const db = client.db('teamloop');
      for (const user of [instructor, ...learners]) {
        const person = await db.collection('people').findOne({ subject: user.id });
        ids.set(user.id, asUserId(String(person!._id)));
      }
      const course = await db.collection('courses').findOne({ contextId: demo().course.id });
      courseId = asCourseId(String(course!._id));
    } finally {
      await client.close();
    }
    const deps = running.tool.reviews();
    const facilitator = {
      actor: { userId: ids.get(instructor.id)!, role: 'facilitator' as const },
      courseId,
    };
    const task = await createTeamTask(deps, {
      ...facilitator,
      settings: {
        title: 'Files',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work', 'peer-review'],
        schedule: {},
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
    const [a, b, c, d] = learners.map((u) => ids.get(u.id)!);
    await formTeams(deps, {
      ...facilitator,
      taskId: task.id,
      formation: { mode: 'manual', teams: [{ members: [a!, b!] }, { members: [c!, d!] }] },
    });
    await advancePhase(deps, { ...facilitator, taskId: task.id, to: 'standard-setting' });
    await advancePhase(deps, { ...facilitator, taskId: task.id, to: 'work' });
    const submission = await uploadSubmissionFile(deps, {
      actor: { userId: a!, role: 'learner' },
      courseId,
      taskId: task.id,
      name: 'plan.txt',
      declaredType: 'text/html',
      content: Buffer.from('Plan: ship it.\n'),
    });
    const part = submission.draft[0]!;
    if (part.kind !== 'file') throw new Error('expected a file part');
    filePath = `/lti/app/tasks/${task.id}/submissions/${submission.id}/files/${part.fileId}`;
  });
  after(async () => {
    await running?.stop();
  });

  async function download(userId: string | undefined) {
    if (userId === undefined) return fetch(`${running.url}${filePath}`);
    const launch = launches.get(userId)!;
    const ltik = new URL(launch.steps.at(-1)!.url).searchParams.get('ltik')!;
    return fetch(`${running.url}${filePath}?ltik=${ltik}`, { headers: { cookie: launch.cookies.header() } });
  }

  it('sends the file to a teammate as an attachment with nosniff, as plain text', async () => {
    const [, teammate] = demo().users.filter((u) => u.role === 'learner');
    const res = await download(teammate!.id);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-disposition')).to.equal(
      `attachment; filename="plan.txt"; filename*=UTF-8''plan.txt`,
    );
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    expect(await res.text()).to.equal('Plan: ship it.\n');
  });

  it('sends it to the facilitator', async () => {
    const instructor = demo().users.find((u) => u.role === 'instructor')!;
    const res = await download(instructor.id);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal('Plan: ship it.\n');
  });

  it('refuses another team (403) and a request without an ltik (400), sending no file', async () => {
    const [, , other] = demo().users.filter((u) => u.role === 'learner');
    const refused = await download(other!.id);
    expect(refused.status).to.equal(403);
    expect(refused.headers.get('content-disposition')).to.equal(null);
    expect(await refused.text()).not.to.contain('Plan: ship it.');
    const anonymous = await download(undefined);
    expect(anonymous.status).to.equal(400);
    expect(await anonymous.text()).not.to.contain('Plan: ship it.');
  });
});
