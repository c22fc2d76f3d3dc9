/**
 * Forming and changing teams on the real store: by hand, at random (balanced), self-selection
 * with a maximum size, copied from another task; one team per learner per task, also at the
 * index; facilitator moves after work starts carry a warning; refusals.
 */
import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { joinTeam } from '../../../../src/services/teams/join-team.js';
import { leaveTeam } from '../../../../src/services/teams/leave-team.js';
import { moveLearner } from '../../../../src/services/teams/move-learner.js';
import { teamMembershipModel } from '../../../../src/store/mongo/models/team-set.model.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  eve,
  facilitator,
  fay,
  learner,
  otherCourse,
  startTeamworkHarness,
  type TeamworkHarness,
} from '../../../helpers/teamwork-harness.js';

describe('services: teams', function () {
  let h: TeamworkHarness;

  before(async function () {
    h = await startTeamworkHarness('teams');
    h.setRoster(course, [ann, bob, cat, dan, eve, fay]);
  });
  after(async function () {
    await h?.stop();
  });

  async function newTask(courseId = course): Promise<TeamTaskId> {
    const task = await createTeamTask(h.deps, {
      actor: facilitator,
      courseId,
      settings: {
        title: 'Task',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work'],
        schedule: {},
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
    return task.id;
  }

  it('forms teams by hand and records memberships the learners can be found by', async function () {
    const taskId = await newTask();
    const { teamSet, warnings } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'manual', teams: [{ name: 'Alpha', members: [ann, bob] }, { members: [cat] }] },
    });
    expect(warnings).to.deep.equal([]);
    expect(await h.deps.teamSets.findByTask(taskId)).to.deep.equal(teamSet);
    expect(teamSet.teams.map((t) => [t.number, t.name, t.members])).to.deep.equal([
      [1, 'Alpha', [ann, bob]],
      [2, undefined, [cat]],
    ]);
    const memberships = await h.deps.teamSets.membershipsOf(bob, course);
    expect(memberships).to.deep.include({ taskId, teamId: teamSet.teams[0]?.id });
  });

  it('re-forms teams by hand keeping the ids (and names) of teams it keeps, refusing unknown ids', async function () {
    const taskId = await newTask();
    const first = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'manual', teams: [{ name: 'Alpha', members: [ann, bob] }, { members: [cat] }] },
    });
    const [alpha, second] = first.teamSet.teams;
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      expectedRevision: first.teamSet.revision,
      formation: {
        mode: 'manual',
        teams: [
          { id: alpha!.id, members: [ann] },
          { id: second!.id, members: [cat, bob] },
          { members: [dan] },
        ],
      },
    });
    expect(teamSet.teams.map((t) => [t.id, t.name, t.members])).to.deep.equal([
      [alpha!.id, 'Alpha', [ann]],
      [second!.id, undefined, [cat, bob]],
      [teamSet.teams[2]!.id, undefined, [dan]],
    ]);
    expect(teamSet.teams[2]!.id).not.to.be.oneOf([alpha!.id, second!.id]);
    await expectRejection(
      formTeams(h.deps, {
        ...as(facilitator),
        taskId,
        formation: { mode: 'manual', teams: [{ id: asTeamId('not-a-team-of-this-task'), members: [ann] }] },
      }),
      InvalidInputError,
    );
    expect((await h.deps.teamSets.findByTask(taskId))?.revision).to.equal(teamSet.revision);
  });

  it('forms random teams of balanced size from the roster', async function () {
    const taskId = await newTask();
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'random', targetSize: 4 },
    });
    expect(teamSet.teams.map((t) => t.members.length)).to.deep.equal([3, 3]);
    expect(teamSet.teams.flatMap((t) => t.members).sort()).to.deep.equal(
      [ann, bob, cat, dan, eve, fay].sort(),
    );
  });

  it('lets learners join and leave self-selected teams up to the maximum size', async function () {
    const taskId = await newTask();
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'self-selection', maxSize: 2, teams: [{ name: 'Red' }, { name: 'Blue' }] },
    });
    const [red, blue] = teamSet.teams;
    if (red === undefined || blue === undefined) throw new Error('two teams expected');
    await joinTeam(h.deps, { ...as(learner(ann)), taskId, teamId: red.id });
    await joinTeam(h.deps, { ...as(learner(bob)), taskId, teamId: red.id });
    await expectRejection(
      joinTeam(h.deps, { ...as(learner(cat)), taskId, teamId: red.id }),
      InvalidInputError,
    );
    await joinTeam(h.deps, { ...as(learner(ann)), taskId, teamId: blue.id });
    await leaveTeam(h.deps, { ...as(learner(bob)), taskId });
    const stored = await h.deps.teamSets.findByTask(taskId);
    expect(stored?.teams.map((t) => t.members)).to.deep.equal([[], [ann]]);
    expect(await teamMembershipModel(h.connection).countDocuments({ taskId })).to.equal(1);
  });

  it('refuses a second concurrent change made from the same revision', async function () {
    const taskId = await newTask();
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'self-selection', maxSize: 3, teams: [{ name: 'Red' }] },
    });
    const red = teamSet.teams[0]!;
    await joinTeam(h.deps, {
      ...as(learner(ann)),
      taskId,
      teamId: red.id,
      expectedRevision: teamSet.revision,
    });
    await expectRejection(
      joinTeam(h.deps, { ...as(learner(bob)), taskId, teamId: red.id, expectedRevision: teamSet.revision }),
      VersionConflictError,
    );
    expect((await h.deps.teamSets.findByTask(taskId))?.teams[0]?.members).to.deep.equal([ann]);
  });

  it('copies teams from another task of the course, leaving out learners no longer on the roster', async function () {
    const source = await newTask();
    await formTeams(h.deps, {
      ...as(facilitator),
      taskId: source,
      formation: {
        mode: 'manual',
        teams: [
          { name: 'A', members: [ann, bob] },
          { name: 'B', members: [cat, dan] },
        ],
      },
    });
    h.setRoster(course, [ann, bob, cat, eve, fay]);
    try {
      const target = await newTask();
      const result = await formTeams(h.deps, {
        ...as(facilitator),
        taskId: target,
        formation: { mode: 'copied', fromTaskId: source },
      });
      expect(result.leftOut).to.deep.equal([dan]);
      expect(result.teamSet.copiedFrom).to.equal(source);
      expect((await h.deps.teamSets.findByTask(target))?.teams.map((t) => [t.name, t.members])).to.deep.equal(
        [
          ['A', [ann, bob]],
          ['B', [cat]],
        ],
      );
      const foreign = await newTask(otherCourse);
      await expectRejection(
        formTeams(h.deps, {
          ...as(facilitator),
          taskId: target,
          formation: { mode: 'copied', fromTaskId: foreign },
        }),
        NotPermittedError,
      );
    } finally {
      h.setRoster(course, [ann, bob, cat, dan, eve, fay]);
    }
  });

  it('keeps learners out of team changes after work starts; a facilitator move then carries a warning', async function () {
    const taskId = await newTask();
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'self-selection', maxSize: 3, teams: [{ name: 'Red' }, { name: 'Blue' }] },
    });
    await joinTeam(h.deps, { ...as(learner(ann)), taskId, teamId: teamSet.teams[0]!.id });
    await advancePhase(h.deps, { ...as(facilitator), taskId, to: 'standard-setting' });
    await advancePhase(h.deps, { ...as(facilitator), taskId, to: 'work' });
    await expectRejection(
      joinTeam(h.deps, { ...as(learner(bob)), taskId, teamId: teamSet.teams[0]!.id }),
      PhaseConflictError,
    );
    const moved = await moveLearner(h.deps, {
      ...as(facilitator),
      taskId,
      learner: ann,
      teamId: teamSet.teams[1]!.id,
    });
    expect(moved.warnings).to.deep.equal(['work-started']);
    expect(
      (await h.deps.teamSets.membershipsOf(ann, course)).find((m) => m.taskId === taskId)?.teamId,
    ).to.equal(teamSet.teams[1]!.id);
  });

  it('refuses learners forming teams or moving people, and facilitators of another course', async function () {
    const taskId = await newTask();
    await expectRejection(
      formTeams(h.deps, { ...as(learner(ann)), taskId, formation: { mode: 'random', targetSize: 3 } }),
      NotPermittedError,
    );
    await expectRejection(
      formTeams(h.deps, {
        ...as(facilitator, otherCourse),
        taskId,
        formation: { mode: 'random', targetSize: 3 },
      }),
      NotPermittedError,
    );
    await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'manual', teams: [{ members: [ann] }] },
    });
    await expectRejection(
      moveLearner(h.deps, { ...as(learner(ann)), taskId, learner: bob, teamId: undefined }),
      NotPermittedError,
    );
    expect((await h.deps.teamSets.findByTask(taskId))?.teams.map((t) => t.members)).to.deep.equal([[ann]]);
  });

  it('has the store refuse a learner in two teams of one task even when the domain is bypassed', async function () {
    const taskId = await newTask();
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId,
      formation: { mode: 'manual', teams: [{ members: [ann] }, { members: [bob] }] },
    });
    const broken = {
      ...teamSet,
      teams: teamSet.teams.map((t) => ({ ...t, members: [...t.members, cat] })),
      revision: teamSet.revision + 1,
    };
    const error = await h.deps
      .transaction((tx) => h.deps.teamSets.save(broken, course, teamSet.revision, tx))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as { code?: number } | undefined)?.code).to.equal(11000);
    expect(await h.deps.teamSets.findByTask(taskId)).to.deep.equal(teamSet);
    expect(await teamMembershipModel(h.connection).countDocuments({ taskId })).to.equal(2);
  });
});
