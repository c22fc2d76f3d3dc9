import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamId, asTeamTaskId, asUserId, type TeamId } from '../../../../src/domain/shared/ids.js';
import { seededRandom } from '../../../../src/domain/shared/random.js';
import {
  copyTeams,
  formRandomTeams,
  formTeamsByHand,
  openSelfSelection,
  type TeamContext,
} from '../../../../src/domain/team/team-formation.js';
import { teamOf, unassignedLearners } from '../../../../src/domain/team/team.js';
import type { TaskPhase } from '../../../../src/domain/team-task/phases.js';
import {
  ann,
  bob,
  cat,
  dan,
  facilitator,
  learner,
  roster,
  thrown,
} from '../../../fixtures/domain/builders.js';

const taskId = asTeamTaskId('task-1');
const ids = (n: number): TeamId[] => Array.from({ length: n }, (_, i) => asTeamId(`team-${i + 1}`));

function context(
  phase: TaskPhase = 'setup',
  people = [ann, bob, cat, dan],
  actor = facilitator,
): TeamContext {
  return { actor, phase, roster: people };
}

function codes(err: InvalidInputError): string[] {
  return err.issues.map((i) => `${i.field}:${i.code}`);
}

describe('formTeamsByHand', () => {
  it('forms the teams as drawn up, numbered in order, without a warning before work starts', () => {
    const { teamSet, warnings } = formTeamsByHand(
      {
        taskId,
        teams: [
          { id: asTeamId('a'), name: ' Red ', members: [ann, bob] },
          { id: asTeamId('b'), members: [cat] },
        ],
      },
      context(),
    );
    expect(teamSet).to.deep.include({ taskId, mode: 'manual', revision: 1 });
    expect(teamSet.teams).to.deep.equal([
      { id: 'a', number: 1, name: 'Red', members: [ann, bob] },
      { id: 'b', number: 2, members: [cat] },
    ]);
    expect(warnings).to.deep.equal([]);
    expect(unassignedLearners(teamSet, [ann, bob, cat, dan])).to.deep.equal([dan]);
  });

  it('refuses a learner in two teams, someone off the roster, an empty team and duplicate ids', () => {
    const stranger = asUserId('stranger');
    const err = thrown(
      () =>
        formTeamsByHand(
          {
            taskId,
            teams: [
              { id: asTeamId('a'), members: [ann, stranger] },
              { id: asTeamId('a'), members: [ann] },
              { id: asTeamId('c'), members: [] },
            ],
          },
          context(),
        ),
      InvalidInputError,
    );
    expect(codes(err)).to.deep.equal([
      'teams.2.members:required',
      'teams.0.members.1:not-on-roster',
      'teams.1.id:duplicate',
      'teams.1.members.0:in-two-teams',
    ]);
  });

  it('refuses no teams at all', () => {
    expect(
      codes(thrown(() => formTeamsByHand({ taskId, teams: [] }, context()), InvalidInputError)),
    ).to.deep.equal(['teams:required']);
  });

  it('lets only a facilitator form teams', () => {
    expect(() => formTeamsByHand({ taskId, teams: [] }, context('setup', [ann], learner(ann)))).to.throw(
      NotPermittedError,
    );
  });

  it('warns when teams are re-formed after work started', () => {
    const { warnings } = formTeamsByHand(
      { taskId, teams: [{ id: asTeamId('a'), members: [ann] }] },
      context('work'),
    );
    expect(warnings).to.deep.equal(['work-started']);
  });

  it('refuses to form teams for a closed task', () => {
    expect(() =>
      formTeamsByHand({ taskId, teams: [{ id: asTeamId('a'), members: [ann] }] }, context('closed')),
    ).to.throw(PhaseConflictError);
  });
});

describe('formRandomTeams', () => {
  const sizes = (n: number, target: number, seed = 1) =>
    formRandomTeams(
      { taskId, targetSize: target, teamIds: ids(n) },
      seededRandom(seed),
      context('setup', roster(n)),
    ).teamSet.teams.map((t) => t.members.length);

  it('makes ⌈n / target⌉ teams whose sizes differ by at most one and never exceed the target', () => {
    expect(sizes(10, 4)).to.deep.equal([4, 3, 3]);
    expect(sizes(9, 4)).to.deep.equal([3, 3, 3]);
    expect(sizes(12, 4)).to.deep.equal([4, 4, 4]);
    expect(sizes(5, 4)).to.deep.equal([3, 2]);
    expect(sizes(3, 5)).to.deep.equal([3]);
    expect(sizes(7, 1)).to.deep.equal([1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps sizes balanced for every roster size from 1 to 40 and target from 1 to 8', () => {
    for (let n = 1; n <= 40; n++) {
      for (let target = 1; target <= 8; target++) {
        const s = sizes(n, target, n * 31 + target);
        expect(Math.max(...s) - Math.min(...s), `n=${n} target=${target}`).to.be.at.most(1);
        expect(Math.max(...s)).to.be.at.most(target);
        expect(s.reduce((a, b) => a + b, 0)).to.equal(n);
      }
    }
  });

  it('puts every learner in exactly one team', () => {
    const people = roster(11);
    const { teamSet } = formRandomTeams(
      { taskId, targetSize: 3, teamIds: ids(4) },
      seededRandom(7),
      context('setup', people),
    );
    expect(teamSet.teams.flatMap((t) => t.members).sort()).to.deep.equal(people);
  });

  it('gives the same teams for the same seed, whatever the roster order', () => {
    const people = roster(9);
    const form = (list: typeof people, seed: number) =>
      formRandomTeams({ taskId, targetSize: 3, teamIds: ids(3) }, seededRandom(seed), context('setup', list))
        .teamSet.teams;
    expect(form(people, 42)).to.deep.equal(form([...people].reverse(), 42));
    expect(form(people, 42)).to.not.deep.equal(form(people, 43));
  });

  it('refuses an empty roster, a target below one, and too few team ids', () => {
    const err = thrown(
      () => formRandomTeams({ taskId, targetSize: 0, teamIds: [] }, seededRandom(1), context('setup', [])),
      InvalidInputError,
    );
    expect(codes(err)).to.deep.equal(['targetSize:invalid', 'roster:empty']);
    expect(() =>
      formRandomTeams({ taskId, targetSize: 2, teamIds: ids(1) }, seededRandom(1), context()),
    ).to.throw(InvalidInputError);
  });
});

describe('openSelfSelection', () => {
  it('opens empty teams with a maximum size', () => {
    const { teamSet } = openSelfSelection(
      { taskId, maxSize: 3, teams: [{ id: asTeamId('a') }, { id: asTeamId('b'), name: 'Blue' }] },
      context(),
    );
    expect(teamSet).to.deep.include({ mode: 'self-selection', maxSize: 3 });
    expect(teamSet.teams.map((t) => t.members)).to.deep.equal([[], []]);
    expect(unassignedLearners(teamSet, [ann, bob])).to.deep.equal([ann, bob]);
  });

  it('refuses a maximum size below one and no teams', () => {
    const err = thrown(
      () => openSelfSelection({ taskId, maxSize: 0, teams: [] }, context()),
      InvalidInputError,
    );
    expect(codes(err)).to.deep.equal(['maxSize:invalid', 'teams:required']);
  });
});

describe('copyTeams', () => {
  const source = formTeamsByHand(
    {
      taskId: asTeamTaskId('task-0'),
      teams: [
        { id: asTeamId('old-a'), name: 'Red', members: [ann, bob] },
        { id: asTeamId('old-b'), members: [cat] },
        { id: asTeamId('old-c'), members: [dan] },
      ],
    },
    context(),
  ).teamSet;

  it('copies the teams with new ids, keeping names and recording the source task', () => {
    const { teamSet, leftOut } = copyTeams(source, { taskId, teamIds: ids(3) }, context());
    expect(teamSet).to.deep.include({ taskId, mode: 'copied', copiedFrom: 'task-0' });
    expect(teamSet.teams).to.deep.equal([
      { id: 'team-1', number: 1, name: 'Red', members: [ann, bob] },
      { id: 'team-2', number: 2, members: [cat] },
      { id: 'team-3', number: 3, members: [dan] },
    ]);
    expect(leftOut).to.deep.equal([]);
  });

  it('leaves out people no longer on the roster, and teams left empty', () => {
    const { teamSet, leftOut } = copyTeams(source, { taskId, teamIds: ids(3) }, context('setup', [ann, cat]));
    expect(teamSet.teams.map((t) => t.members)).to.deep.equal([[ann], [cat]]);
    expect(leftOut).to.deep.equal([bob, dan]);
  });

  it('refuses when nobody is left', () => {
    expect(() =>
      copyTeams(source, { taskId, teamIds: ids(3) }, context('setup', [asUserId('new')])),
    ).to.throw(InvalidInputError);
  });

  it('keeps a learner in teams of several tasks (one per task)', () => {
    const copied = copyTeams(source, { taskId, teamIds: ids(3) }, context()).teamSet;
    expect(teamOf(source, ann)?.id).to.equal('old-a');
    expect(teamOf(copied, ann)?.id).to.equal('team-1');
  });
});
