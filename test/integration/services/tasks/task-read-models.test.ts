/**
 * The read models behind the course page and a learner's task page: every task of the course
 * with its phase, teams and facilitator to-do; one task as a learner sees it.
 */
import { expect } from 'chai';
import { NotPermittedError, NotFoundError } from '../../../../src/domain/shared/errors.js';
import { asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { courseTasks } from '../../../../src/services/tasks/course-tasks.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { learnerTask } from '../../../../src/services/tasks/learner-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  facilitator,
  learner,
  otherCourse,
  startTeamworkHarness,
  type TeamworkHarness,
} from '../../../helpers/teamwork-harness.js';

describe('services: course tasks and a learner’s task', function () {
  let h: TeamworkHarness;

  before(async () => {
    h = await startTeamworkHarness('task-read-models');
    h.setRoster(course, [ann, bob, cat]);
    h.setRoster(otherCourse, [dan]);
  });
  after(async () => h?.stop());

  async function newTask(title: string, courseId = course) {
    return createTeamTask(h.deps, {
      ...as(facilitator, courseId),
      settings: {
        title,
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work'],
        schedule: {},
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
  }

  it('lists the course’s tasks (not another course’s) with phase, teams and what is left to do', async () => {
    const first = await newTask('First');
    await newTask('Elsewhere', otherCourse);
    const second = await newTask('Second');
    await formTeams(h.deps, {
      ...as(facilitator),
      taskId: first.id,
      formation: { mode: 'manual', teams: [{ members: [ann, bob] }] },
    });
    const tasks = await courseTasks(h.deps, as(facilitator));
    expect(tasks.map((t) => [t.title, t.timeline.phase, t.teams.length])).to.deep.equal([
      ['First', 'setup', 1],
      ['Second', 'setup', 0],
    ]);
    expect(tasks[0]!.toDo).to.deep.equal([{ code: 'form-teams', unassigned: 1 }, { code: 'open-task' }]);
    expect(tasks[1]!.toDo).to.deep.equal([{ code: 'form-teams', unassigned: 3 }]);
    expect(tasks[1]!.taskId).to.equal(second.id);
    await expectRejection(courseTasks(h.deps, as(learner(ann))), NotPermittedError);
  });

  it('shows a learner their team, the self-selected teams to choose from, and refuses others', async () => {
    const task = await newTask('Choose');
    await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: { mode: 'self-selection', maxSize: 2, teams: [{ name: 'Red' }, { name: 'Blue' }] },
    });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    const before = await learnerTask(h.deps, { ...as(learner(ann)), taskId: task.id });
    expect(before.team).to.equal(undefined);
    expect(before.onRoster).to.equal(true);
    expect(before.selfSelection?.teams.map((t) => t.name)).to.deep.equal(['Red', 'Blue']);
    expect(before.selfSelection?.maxSize).to.equal(2);
    expect(before.toDo).to.deep.equal([{ code: 'join-team' }]);
    expect(before.timeline.phase).to.equal('standard-setting');

    await expectRejection(learnerTask(h.deps, { ...as(facilitator), taskId: task.id }), NotPermittedError);
    await expectRejection(
      learnerTask(h.deps, { ...as(learner(dan), otherCourse), taskId: task.id }),
      NotPermittedError,
    );
    await expectRejection(
      learnerTask(h.deps, { ...as(learner(ann)), taskId: asTeamTaskId('no-such-task') }),
      NotFoundError,
    );
  });
});
