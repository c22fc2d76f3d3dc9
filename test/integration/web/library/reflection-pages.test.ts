/**
 * Reflection and retrospective pages end to end over HTTP through real demo-platform launches: a
 * learner writes a private reflection and shares it with the team; a team holds its
 * retrospective with an agreed action; the action is carried into the owner's team of the next
 * task, where they tick it off. Outsiders (another team, the other course) are refused; bad input
 * is 400 and changes nothing.
 */
import { expect } from 'chai';
import { asTeamTaskId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { launchSession, redirectPath, type LtiSession } from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const NO_ROSTER_SYNC = { services: false } as const;
const LEARNERS = ['demo-learner-1', 'demo-learner-2', 'demo-learner-3', 'demo-learner-4'];

describe('reflection and retrospective pages through a real launch', function () {
  this.timeout(90_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  let learners: LtiSession[];
  let otherCourse: LtiSession;
  let firstTask: TeamTaskId;
  let secondTask: TeamTaskId;

  before(async () => {
    running = await startLtiTool();
    learners = [];
    for (const id of LEARNERS) learners.push(await launchSession(running, id, undefined, NO_ROSTER_SYNC));
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    otherCourse = await launchSession(running, 'demo-learner-1', 'demo-other-course-task', NO_ROSTER_SYNC);
  });
  after(async () => running?.stop());

  const library = () => running.tool.library();

  async function taskInReflection(title: string): Promise<TeamTaskId> {
    const created = await facilitator.post('/lti/app/tasks/new', {
      title,
      brief: '',
      outcome: 'A result',
      phases: ['standard-setting', 'work', 'reflection'],
      consensusRule: 'majority',
      standardStart: 'blank',
    });
    expect(
      created.status,
      created.body
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 1500),
    ).to.equal(303);
    const taskId = asTeamTaskId(redirectPath(created).split('/').at(-1)!);
    expect(
      (await facilitator.post(`/lti/app/tasks/${taskId}/teams`, { mode: 'random', targetSize: '2' })).status,
    ).to.equal(303);
    for (const to of ['standard-setting', 'work', 'reflection']) {
      const task = (await running.tool.teamwork().teamTasks.findById(taskId))!;
      const moved = await facilitator.post(`/lti/app/tasks/${taskId}/phase`, {
        to,
        revision: String(task.revision),
      });
      expect(moved.status).to.equal(303);
    }
    return taskId;
  }

  it('links reflection and retrospective from the learner task page', async () => {
    firstTask = await taskInReflection('First task');
    const page = (await learners[0]!.get(`/lti/app/tasks/${firstTask}`)).body;
    expect(page).to.contain(`/lti/app/tasks/${firstTask}/reflection`).and.contain(en.reflection.link);
    expect(page).to.contain(`/lti/app/tasks/${firstTask}/retrospective`).and.contain(en.retrospective.link);
  });

  it('keeps a reflection private until the author shares it with the team', async () => {
    const author = learners[0]!;
    const form = await author.get(`/lti/app/tasks/${firstTask}/reflection`);
    expect(form.status).to.equal(200);
    expect(form.body).to.contain(`<h1>${en.reflection.title}</h1>`).and.contain(en.reflection.noGaps);
    const saved = await author.post(`/lti/app/tasks/${firstTask}/reflection`, {
      happened: 'We <script>alert(1)</script> shipped',
      means: 'Plan better',
      next: 'Start earlier',
    });
    expect(saved.status).to.equal(303);
    const mine = (await author.get(`/lti/app/tasks/${firstTask}/reflection`)).body;
    expect(mine)
      .to.contain('We &lt;script&gt;alert(1)&lt;/script&gt; shipped')
      .and.contain(en.reflection.privateNote);

    const set = (await running.tool.teamwork().teamSets.findByTask(firstTask))!;
    const stored = (await library().reflections.listByTeam(firstTask, set.teams[0]!.id)).concat(
      await library().reflections.listByTeam(firstTask, set.teams[1]!.id),
    );
    expect(stored).to.have.length(1);
    const authorTeam = set.teams.find((t) => t.id === stored[0]!.teamId)!;
    // Which sessions are the author's team mate and which are outsiders.
    const visible = async () =>
      Promise.all(
        learners
          .slice(1)
          .map(async (l) =>
            (await l.get(`/lti/app/tasks/${firstTask}/reflection`)).body.includes('Plan better'),
          ),
      );
    expect(await visible()).to.deep.equal([false, false, false]);
    const shared = await author.post(`/lti/app/tasks/${firstTask}/reflection/share`, { share: 'team' });
    expect(shared.status).to.equal(303);
    const seen = await visible();
    expect(seen.filter(Boolean)).to.have.length(authorTeam.members.length - 1);
    expect(
      (await author.post(`/lti/app/tasks/${firstTask}/reflection/share`, { share: 'everyone' })).status,
    ).to.equal(400);
  });

  it('refuses the reflection and retrospective pages to the other course and facilitators without a team', async () => {
    const attempts = [
      await otherCourse.get(`/lti/app/tasks/${firstTask}/reflection`),
      await otherCourse.post(`/lti/app/tasks/${firstTask}/reflection`, {
        happened: 'x',
        means: 'x',
        next: 'x',
      }),
      await otherCourse.get(`/lti/app/tasks/${firstTask}/retrospective`),
      await otherCourse.post(`/lti/app/tasks/${firstTask}/retrospective/ratings`, {
        revision: '1',
        'rating.c1': '0',
      }),
      await facilitator.get(`/lti/app/tasks/${firstTask}/reflection`),
      await facilitator.get(`/lti/app/tasks/${firstTask}/retrospective`),
      await facilitator.post(`/lti/app/tasks/${firstTask}/retrospective/ratings`, {
        revision: '1',
        'rating.c1': '0',
      }),
    ];
    expect(attempts.map((a) => a.status)).to.deep.equal([403, 403, 403, 403, 403, 404, 403]);
  });

  it('holds a retrospective with an agreed action that is carried into the next task', async () => {
    const member = learners[0]!;
    const page = await member.get(`/lti/app/tasks/${firstTask}/retrospective`);
    expect(page.status).to.equal(200);
    expect(page.body).to.contain(`<h1>${en.retrospective.title}</h1>`);
    const set = (await running.tool.teamwork().teamSets.findByTask(firstTask))!;
    const retros = await Promise.all(
      set.teams.map((t) => library().retrospectives.findByTeam(firstTask, t.id)),
    );
    const retro = retros.find((r) => r !== undefined)!;
    const saved = await member.post(`/lti/app/tasks/${firstTask}/retrospective`, {
      revision: String(retro.revision),
      wentWell: 'Pairing <b onclick="x()">worked</b>',
      toImprove: 'Estimates',
    });
    expect(saved.status).to.equal(303);
    const owner: string = set.teams.find((t) => t.id === retro.teamId)!.members[0]!;
    const stale = await member.post(`/lti/app/tasks/${firstTask}/retrospective/actions`, {
      revision: String(retro.revision),
      text: 'Estimate in points',
      owner,
      due: '2099-02-01',
    });
    expect(stale.status).to.equal(409);
    const fresh = (await library().retrospectives.findById(retro.id))!;
    const agreed = await member.post(`/lti/app/tasks/${firstTask}/retrospective/actions`, {
      revision: String(fresh.revision),
      text: 'Estimate in points',
      owner,
      due: '2099-02-01',
    });
    expect(agreed.status).to.equal(303);
    const after = (await member.get(`/lti/app/tasks/${firstTask}/retrospective`)).body;
    expect(after)
      .to.contain('Estimate in points')
      .and.contain('Pairing &lt;b onclick&#x3D;&quot;x()&quot;&gt;worked');
    expect(
      (
        await member.post(`/lti/app/tasks/${firstTask}/retrospective/actions`, {
          revision: '1',
          text: 'x',
          owner,
          due: 'soon',
        })
      ).status,
    ).to.equal(400);

    secondTask = await taskInReflection('Second task');
    const pages = await Promise.all(
      learners.map(async (l) => (await l.get(`/lti/app/tasks/${secondTask}/retrospective`)).body),
    );
    const carrying = pages.filter(
      (b) => b.includes(en.retrospective.carriedInHeading) && b.includes('Estimate in points'),
    );
    expect(carrying.length).to.be.greaterThan(0);
  });
});
