import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamId, asTeamTaskId, asUserId } from '../../../../src/domain/shared/ids.js';
import {
  addTeam,
  joinTeam,
  leaveTeam,
  moveLearner,
  renameTeam,
} from '../../../../src/domain/team/team-changes.js';
import {
  formTeamsByHand,
  openSelfSelection,
  type TeamContext,
} from '../../../../src/domain/team/team-formation.js';
import { teamOf, type TeamSet } from '../../../../src/domain/team/team.js';
import type { TaskPhase } from '../../../../src/domain/team-task/phases.js';
import { ann, bob, cat, dan, facilitator, learner, thrown } from '../../../fixtures/domain/builders.js';
import type { Actor } from '../../../../src/domain/shared/actor.js';

const taskId = asTeamTaskId('task-1');
const red = asTeamId('red');
const blue = asTeamId('blue');
const people = [ann, bob, cat, dan];

function context(actor: Actor, phase: TaskPhase = 'standard-setting'): TeamContext {
  return { actor, phase, roster: people };
}

function selfSelection(maxSize = 2): TeamSet {
  return openSelfSelection(
    { taskId, maxSize, teams: [{ id: red }, { id: blue }] },
    context(facilitator, 'setup'),
  ).teamSet;
}

function manual(): TeamSet {
  return formTeamsByHand(
    {
      taskId,
      teams: [
        { id: red, members: [ann, bob] },
        { id: blue, members: [cat] },
      ],
    },
    context(facilitator, 'setup'),
  ).teamSet;
}

describe('joinTeam', () => {
  it('puts the acting learner in the team and counts the revision up', () => {
    const { teamSet, warnings } = joinTeam(selfSelection(), red, context(learner(ann)));
    expect(teamOf(teamSet, ann)?.id).to.equal('red');
    expect(teamSet.revision).to.equal(2);
    expect(warnings).to.deep.equal([]);
  });

  it('moves a learner who is already in another team (never in two)', () => {
    const inRed = joinTeam(selfSelection(), red, context(learner(ann))).teamSet;
    const { teamSet } = joinTeam(inRed, blue, context(learner(ann)));
    expect(teamSet.teams.map((t) => t.members)).to.deep.equal([[], [ann]]);
  });

  it('changes nothing when the learner is already in that team', () => {
    const inRed = joinTeam(selfSelection(), red, context(learner(ann))).teamSet;
    expect(joinTeam(inRed, red, context(learner(ann))).teamSet).to.equal(inRed);
  });

  it('refuses a full team', () => {
    let set = selfSelection(2);
    set = joinTeam(set, red, context(learner(ann))).teamSet;
    set = joinTeam(set, red, context(learner(bob))).teamSet;
    const err = thrown(() => joinTeam(set, red, context(learner(cat))), InvalidInputError);
    expect(err.issues).to.deep.equal([{ field: 'teamId', code: 'team-full' }]);
  });

  it('refuses an unknown team', () => {
    expect(() => joinTeam(selfSelection(), asTeamId('green'), context(learner(ann)))).to.throw(
      InvalidInputError,
    );
  });

  it('refuses once work has started', () => {
    const err = thrown(
      () => joinTeam(selfSelection(), red, context(learner(ann), 'work')),
      PhaseConflictError,
    );
    expect(err.details).to.deep.include({ action: 'join-team', phase: 'work' });
  });

  it('refuses when the facilitator formed the teams', () => {
    expect(() => joinTeam(manual(), blue, context(learner(ann)))).to.throw(NotPermittedError);
  });

  it('refuses someone who is not a learner on the roster', () => {
    expect(() => joinTeam(selfSelection(), red, context(learner(asUserId('guest'))))).to.throw(
      NotPermittedError,
    );
    expect(() => joinTeam(selfSelection(), red, context(facilitator))).to.throw(NotPermittedError);
  });
});

describe('leaveTeam', () => {
  it('takes the acting learner out of their team', () => {
    const inRed = joinTeam(selfSelection(), red, context(learner(ann))).teamSet;
    expect(teamOf(leaveTeam(inRed, context(learner(ann))).teamSet, ann)).to.equal(undefined);
  });

  it('changes nothing for a learner in no team', () => {
    const set = selfSelection();
    expect(leaveTeam(set, context(learner(ann))).teamSet).to.equal(set);
  });

  it('refuses once work has started', () => {
    const inRed = joinTeam(selfSelection(), red, context(learner(ann))).teamSet;
    expect(() => leaveTeam(inRed, context(learner(ann), 'peer-review'))).to.throw(PhaseConflictError);
  });
});

describe('moveLearner', () => {
  it('lets the facilitator move a learner without a warning before work starts', () => {
    const { teamSet, warnings } = moveLearner(manual(), bob, blue, context(facilitator));
    expect(teamSet.teams.map((t) => t.members)).to.deep.equal([[ann], [cat, bob]]);
    expect(warnings).to.deep.equal([]);
  });

  it('lets the facilitator move a learner after work started, with a warning', () => {
    const { teamSet, warnings } = moveLearner(manual(), dan, red, context(facilitator, 'work'));
    expect(teamOf(teamSet, dan)?.id).to.equal('red');
    expect(warnings).to.deep.equal(['work-started']);
  });

  it('takes a learner out of every team with no target team', () => {
    expect(teamOf(moveLearner(manual(), ann, undefined, context(facilitator)).teamSet, ann)).to.equal(
      undefined,
    );
  });

  it('refuses someone off the roster', () => {
    const err = thrown(
      () => moveLearner(manual(), asUserId('guest'), red, context(facilitator)),
      InvalidInputError,
    );
    expect(err.issues.map((i) => i.code)).to.deep.equal(['not-on-roster']);
  });

  it('is not blocked by a member who has since left the course', () => {
    const set = manual();
    const { teamSet } = moveLearner(set, dan, blue, {
      actor: facilitator,
      phase: 'work',
      roster: [ann, cat, dan],
    });
    expect(teamOf(teamSet, bob)?.id).to.equal('red');
  });

  it('keeps the maximum size of self-selected teams', () => {
    let set = selfSelection(1);
    set = joinTeam(set, red, context(learner(ann))).teamSet;
    expect(() => moveLearner(set, bob, red, context(facilitator))).to.throw(InvalidInputError);
  });

  it('refuses learners and closed tasks', () => {
    expect(() => moveLearner(manual(), ann, blue, context(learner(ann)))).to.throw(NotPermittedError);
    expect(() => moveLearner(manual(), ann, blue, context(facilitator, 'closed'))).to.throw(
      PhaseConflictError,
    );
  });
});

describe('addTeam', () => {
  it('adds an empty team numbered after the last', () => {
    const { teamSet } = addTeam(manual(), { id: asTeamId('green'), name: 'Green' }, context(facilitator));
    expect(teamSet.teams.at(-1)).to.deep.equal({ id: 'green', number: 3, name: 'Green', members: [] });
  });

  it('refuses a team id already used', () => {
    expect(() => addTeam(manual(), { id: red }, context(facilitator))).to.throw(InvalidInputError);
  });
});

describe('renameTeam', () => {
  it('renames a team, and an empty name goes back to the numbered default', () => {
    const named = renameTeam(manual(), red, ' Phoenix ', context(facilitator)).teamSet;
    expect(named.teams[0]?.name).to.equal('Phoenix');
    expect(renameTeam(named, red, '', context(facilitator)).teamSet.teams[0]).to.not.have.property('name');
  });

  it('refuses a name that is too long', () => {
    expect(() => renameTeam(manual(), red, 'x'.repeat(81), context(facilitator))).to.throw(InvalidInputError);
  });
});
