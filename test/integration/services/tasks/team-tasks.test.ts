/**
 * Team tasks as a facilitator runs them: create, change settings, move through phases by hand
 * and by the schedule, and the overview; learners and other courses are refused.
 */
import { expect } from 'chai';
import {
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
  InvalidInputError,
} from '../../../../src/domain/shared/errors.js';
import type { TeamTaskSettings } from '../../../../src/domain/team-task/team-task.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { applyDueTransitions } from '../../../../src/services/tasks/apply-due-transitions.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { taskOverview } from '../../../../src/services/tasks/task-overview.js';
import { updateTeamTask } from '../../../../src/services/tasks/update-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { teamTaskModel } from '../../../../src/store/mongo/models/team-task.model.js';
import {
  T0,
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
import { expectRejection } from '../../../helpers/expect-rejection.js';

const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

function settings(overrides: Partial<TeamTaskSettings> = {}): TeamTaskSettings {
  return {
    title: 'Design an onboarding flow',
    brief: '# Brief\n\nMap the first week.',
    outcome: 'A prototype',
    phases: ['standard-setting', 'work', 'peer-review', 'reflection'],
    schedule: {},
    consensusRule: 'consent',
    standardStart: { kind: 'blank' },
    ...overrides,
  };
}

describe('services: team tasks', function () {
  let h: TeamworkHarness;

  before(async function () {
    h = await startTeamworkHarness('team-tasks');
    h.setRoster(course, [ann, bob, cat, dan]);
  });
  after(async function () {
    await h?.stop();
  });
  beforeEach(function () {
    h.at(0);
  });

  it('creates a task in setup that reads back exactly as created', async function () {
    const created = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: settings({
        schedule: { 'standard-setting': { opensAt: hours(1), closesAt: hours(48) } },
        standardStart: {
          kind: 'template',
          criteria: [
            {
              name: 'Clarity',
              description: 'Clear',
              levels: [
                { label: 'Low', descriptor: 'Unclear' },
                { label: 'High', descriptor: 'Clear' },
              ],
            },
          ],
        },
      }),
    });
    const loaded = await h.deps.teamTasks.findById(created.id);
    expect(loaded).to.deep.equal(created);
    const raw = await teamTaskModel(h.connection).findById(created.id).lean();
    expect(raw?.phase).to.equal('setup');
  });

  it('refuses a learner creating a task and rejects invalid settings without storing anything', async function () {
    const before = (await h.deps.teamTasks.listByCourse(course)).length;
    await expectRejection(
      createTeamTask(h.deps, { ...as(learner(ann)), settings: settings() }),
      NotPermittedError,
    );
    await expectRejection(
      createTeamTask(h.deps, { ...as(facilitator), settings: settings({ title: '  ' }) }),
      InvalidInputError,
    );
    expect((await h.deps.teamTasks.listByCourse(course)).length).to.equal(before);
  });

  it('updates settings against the revision the form saw, and reports a concurrent change', async function () {
    const task = await createTeamTask(h.deps, { ...as(facilitator), settings: settings() });
    const updated = await updateTeamTask(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      expectedRevision: task.revision,
      changes: { title: 'Renamed' },
    });
    expect((await h.deps.teamTasks.findById(task.id))?.title).to.equal('Renamed');
    const stale = await expectRejection(
      updateTeamTask(h.deps, {
        ...as(facilitator),
        taskId: task.id,
        expectedRevision: task.revision,
        changes: { title: 'Lost' },
      }),
      VersionConflictError,
    );
    expect(stale.details.actual).to.equal(updated.revision);
    expect((await h.deps.teamTasks.findById(task.id))?.title).to.equal('Renamed');
  });

  it('refuses a facilitator of another course and a learner for every task change', async function () {
    const task = await createTeamTask(h.deps, { ...as(facilitator), settings: settings() });
    await expectRejection(
      advancePhase(h.deps, { ...as(facilitator, otherCourse), taskId: task.id, to: 'standard-setting' }),
      NotPermittedError,
    );
    await expectRejection(
      updateTeamTask(h.deps, {
        ...as(facilitator, otherCourse),
        taskId: task.id,
        expectedRevision: 1,
        changes: {},
      }),
      NotPermittedError,
    );
    await expectRejection(
      advancePhase(h.deps, { ...as(learner(ann)), taskId: task.id, to: 'standard-setting' }),
      NotPermittedError,
    );
    await expectRejection(taskOverview(h.deps, { ...as(learner(ann)), taskId: task.id }), NotPermittedError);
    expect((await h.deps.teamTasks.findById(task.id))?.history).to.deep.equal([]);
  });

  it('advances phase by hand, records who did it, and refuses skipping a phase', async function () {
    const task = await createTeamTask(h.deps, { ...as(facilitator), settings: settings() });
    h.at(2);
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    await expectRejection(
      advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'peer-review' }),
      PhaseConflictError,
    );
    const stored = await h.deps.teamTasks.findById(task.id);
    expect(stored?.history).to.deep.equal([
      {
        from: 'setup',
        to: 'standard-setting',
        at: hours(2),
        cause: { kind: 'facilitator', userId: facilitator.userId },
      },
    ]);
    expect((await teamTaskModel(h.connection).findById(task.id).lean())?.phase).to.equal('standard-setting');
  });

  it('applies every transition the schedule made due, each at its own date, and nothing twice', async function () {
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: settings({
        phases: ['standard-setting', 'work'],
        schedule: {
          'standard-setting': { opensAt: hours(1) },
          work: { opensAt: hours(24), closesAt: hours(72) },
        },
      }),
    });
    h.at(30);
    const applied = await applyDueTransitions(h.deps);
    const mine = applied.find((a) => a.taskId === task.id);
    expect(mine?.transitions.map((t) => [t.from, t.to, t.at])).to.deep.equal([
      ['setup', 'standard-setting', hours(1)],
      ['standard-setting', 'work', hours(24)],
    ]);
    expect((await applyDueTransitions(h.deps)).find((a) => a.taskId === task.id)).to.equal(undefined);
    h.at(80);
    await applyDueTransitions(h.deps);
    const stored = await h.deps.teamTasks.findById(task.id);
    expect(stored?.history.map((c) => c.to)).to.deep.equal(['standard-setting', 'work', 'closed']);
    expect((await teamTaskModel(h.connection).findById(task.id).lean())?.phase).to.equal('closed');
  });

  it('gives the facilitator an overview with timeline, teams, unassigned learners and to-dos', async function () {
    const task = await createTeamTask(h.deps, { ...as(facilitator), settings: settings() });
    let overview = await taskOverview(h.deps, { ...as(facilitator), taskId: task.id });
    expect(overview.toDo).to.deep.equal([{ code: 'form-teams', unassigned: 4 }]);
    await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: { mode: 'manual', teams: [{ members: [ann, bob, cat] }] },
    });
    overview = await taskOverview(h.deps, { ...as(facilitator), taskId: task.id });
    expect(overview.timeline.phase).to.equal('setup');
    expect(overview.teams.map((t) => t.team.members)).to.deep.equal([[ann, bob, cat]]);
    expect(overview.teams[0]?.standard).to.equal(undefined);
    expect(overview.unassigned).to.deep.equal([dan]);
    expect(overview.toDo.map((t) => t.code)).to.deep.equal(['form-teams', 'open-task']);
  });
});
