/**
 * The origin's weights as a starting point, over HTTP through real demo launches: a course-1
 * team ratifies a standard (members weighed 50/30/20 and 45/35/20: origin weights 47.5/32.5/20 %)
 * and it goes into the library; the platform's other course starts a team task from it. A
 * member there who has not weighed sees the weighting form pre-filled with the origin's numbers
 * as whole points (48/32/20) and a note naming the origin — nothing is saved by opening the
 * page; saving records the member's own points; the agreement figure counts only saved
 * weightings; a member who has weighed sees their own points and no note.
 */
import { expect } from 'chai';
import type { TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { withdrawCriterion } from '../../../../src/services/standards/withdraw-criterion.js';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { nl } from '../../../../src/web/i18n/messages/nl.js';
import { libraryStandardFrom, taskWithTeams } from '../../../helpers/library-origin.js';
import {
  inputValues,
  launchSession,
  pageText,
  textOf,
  type LtiSession,
} from '../../../helpers/lti-session.js';
import { startLtiTool, type RunningLtiTool } from '../../../helpers/lti-tool.js';

const OTHER_COURSE_PLACEMENT_ID = 'demo-other-course-task';
const NO_ROSTER_SYNC = { services: false } as const;
const ORIGIN_TITLE = 'Pitch deck standard <b>v1</b>';

describe('weighing a standard from the library: the origin’s weights as a starting point', function () {
  this.timeout(120_000);
  let running: RunningLtiTool;
  let facilitator: LtiSession;
  let otherFacilitator: LtiSession;
  let ann: LtiSession;
  let ben: LtiSession;
  let taskId: TeamTaskId;
  let standardPath: string;
  let libraryId: string;

  before(async () => {
    running = await startLtiTool();
    for (const id of ['demo-learner-1', 'demo-learner-2'])
      await launchSession(running, id, undefined, NO_ROSTER_SYNC);
    facilitator = await launchSession(running, 'demo-instructor', undefined, NO_ROSTER_SYNC);
    otherFacilitator = await launchSession(
      running,
      'demo-instructor',
      OTHER_COURSE_PLACEMENT_ID,
      NO_ROSTER_SYNC,
    );
    ann = await launchSession(running, 'demo-learner-5', OTHER_COURSE_PLACEMENT_ID, NO_ROSTER_SYNC);
    ben = await launchSession(running, 'demo-learner-6', OTHER_COURSE_PLACEMENT_ID, {
      ...NO_ROSTER_SYNC,
      locale: 'nl',
    });
    const { entry } = await libraryStandardFrom(running, facilitator, {
      title: ORIGIN_TITLE,
      names: ['Clarity', 'Evidence', 'Design'],
      points: [
        [50, 30, 20],
        [45, 35, 20],
      ],
      visibility: 'platform',
    });
    expect(entry.criteria.map((c) => c.weight)).to.deep.equal([0.475, 0.325, 0.2]);
    libraryId = entry.id;
    taskId = await taskWithTeams(running, otherFacilitator, {
      standardStart: 'library',
      fromLibrary: entry.id,
    });
    const team = (await running.tool.teamwork().teamSets.findByTask(taskId))!.teams[0]!;
    standardPath = `/lti/app/tasks/${taskId}/teams/${team.id}/standard`;
  });
  after(async () => running?.stop());

  const weightingsNow = async () => {
    const deps = running.tool.teamwork();
    const team = (await deps.teamSets.findByTask(taskId))!.teams[0]!;
    return (await deps.standards.findByTeam(taskId, team.id))?.weightings ?? [];
  };
  const note = (title: string) => en.standard.weights.prefilledFrom.replace('{origin}', title);

  it('pre-fills the form of a member who has not weighed with the origin’s whole points, and saves nothing', async () => {
    const page = await ann.get(standardPath);
    expect(page.status).to.equal(200);
    expect(inputValues(page.body, 'points')).to.deep.equal(['48', '32', '20']);
    // The origin's title is user text: escaped in the note.
    expect(page.body).to.contain('Pitch deck standard &lt;b&gt;v1&lt;/b&gt;').and.not.contain('<b>v1</b>');
    expect(textOf(page.body, 'weights-prefilled')).to.equal(note(ORIGIN_TITLE));
    expect(page.body).to.match(/<fieldset aria-describedby="weights-prefilled">/);
    expect(textOf(page.body, 'weights')).to.contain('0 of 2 members have weighed the current criteria.');
    expect(await weightingsNow()).to.deep.equal([]);

    // Dutch, for the other member; the facilitator has no form and no note.
    const dutch = await ben.get(standardPath);
    expect(inputValues(dutch.body, 'points')).to.deep.equal(['48', '32', '20']);
    expect(textOf(dutch.body, 'weights-prefilled')).to.equal(
      nl.standard.weights.prefilledFrom.replace('{origin}', ORIGIN_TITLE),
    );
    const facilitatorPage = await otherFacilitator.get(standardPath);
    expect(facilitatorPage.status).to.equal(200);
    expect(facilitatorPage.body).not.to.contain('weights-prefilled');
    expect(inputValues(facilitatorPage.body, 'points')).to.deep.equal([]);
  });

  it('saving records the member’s own points; they then see their own, without the note', async () => {
    const page = await ann.get(standardPath);
    const saved = await ann.post(`${standardPath}/weights`, {
      criterion: inputValues(page.body, 'criterion'),
      basis: inputValues(page.body, 'basis'),
      points: ['40', '40', '20'],
    });
    expect(saved.status, saved.body.slice(0, 1000)).to.equal(303);
    const weightings = await weightingsNow();
    expect(weightings).to.have.length(1);
    expect(weightings[0]!.points.map((p) => p.points)).to.deep.equal([40, 40, 20]);

    const after = await ann.get(standardPath);
    expect(inputValues(after.body, 'points')).to.deep.equal(['40', '40', '20']);
    expect(after.body).not.to.contain('weights-prefilled');
    expect(textOf(after.body, 'weights')).to.contain('1 of 2 members have weighed the current criteria.');
    // One saved weighting: no agreement figure yet — the other member's pre-filled form does not count.
    expect(pageText(after.body)).to.contain(en.standard.weights.agreement.undefined['too-few-raters']);
    expect(inputValues((await ben.get(standardPath)).body, 'points')).to.deep.equal(['48', '32', '20']);
  });

  it('the agreement figure appears once the second member saves (the pre-filled points, as their own)', async () => {
    const page = await ben.get(standardPath);
    const saved = await ben.post(`${standardPath}/weights`, {
      criterion: inputValues(page.body, 'criterion'),
      basis: inputValues(page.body, 'basis'),
      points: inputValues(page.body, 'points'),
    });
    expect(saved.status).to.equal(303);
    const weightings = await weightingsNow();
    expect(weightings.map((w) => w.points.map((p) => p.points))).to.deep.equal([
      [40, 40, 20],
      [48, 32, 20],
    ]);
    const after = await ann.get(standardPath);
    expect(textOf(after.body, 'weights')).to.contain('2 of 2 members have weighed the current criteria.');
    expect(pageText(after.body)).not.to.contain(en.standard.weights.agreement.undefined['too-few-raters']);
    expect(textOf(after.body, 'weights')).to.match(/Agreement \(Kendall’s W\): \d\.\d\d/);
  });

  it('after a library criterion is withdrawn and one proposed, the new one gets the withdrawn share', async () => {
    const deps = running.tool.teamwork();
    const second = await taskWithTeams(running, otherFacilitator, {
      title: 'Pitch deck, again',
      standardStart: 'library',
      fromLibrary: libraryId,
    });
    const team = (await deps.teamSets.findByTask(second))!.teams[0]!;
    const path = `/lti/app/tasks/${second}/teams/${team.id}/standard`;
    expect((await ann.get(path)).status).to.equal(200);
    const task = (await deps.teamTasks.findById(second))!;
    const as = { actor: { userId: team.members[0]!, role: 'learner' as const }, courseId: task.courseId };
    const started = (await deps.standards.findByTeam(second, team.id))!;
    const design = started.criteria[2]!;
    await withdrawCriterion(deps, { ...as, taskId: second, teamId: team.id, criterionId: design.id });
    await proposeCriterion(deps, {
      ...as,
      taskId: second,
      teamId: team.id,
      content: {
        name: 'Tone',
        description: 'How the deck sounds.',
        levels: [
          { label: 'Off', descriptor: 'Off.' },
          { label: 'On', descriptor: 'On.' },
        ],
      },
    });
    const page = await ann.get(path);
    expect(inputValues(page.body, 'points')).to.deep.equal(['48', '32', '20']);
    expect(pageText(page.body)).to.contain('Tone');
    expect(textOf(page.body, 'weights-prefilled')).to.equal(note(ORIGIN_TITLE));
  });
});
