import { expect } from 'chai';
import { NotPermittedError, PhaseConflictError } from '../../../../src/domain/shared/errors.js';
import { asTeamId } from '../../../../src/domain/shared/ids.js';
import { criterionContent } from '../../../../src/domain/standard/team-standard.js';
import { lockStandard, unlockStandard } from '../../../../src/domain/standard/ratification.js';
import {
  ann,
  at,
  bob,
  criterion,
  facilitator,
  learner,
  makeTeam,
  thrown,
} from '../../../fixtures/domain/builders.js';
import { as, comment, propose, scenario } from '../../../fixtures/domain/standard-scenario.js';

describe('who may act on a standard, and when', () => {
  it('refuses a member of another team acting with their own team as context', () => {
    const s = scenario();
    const otherTeam = makeTeam([ann], 'team-2');
    expect(() => comment({ ...s, team: otherTeam }, ann, 'c1', 'Hello')).to.throw(NotPermittedError);
  });

  it('refuses drafting before the task starts', () => {
    const s = scenario({ phase: 'setup' });
    expect(() => propose(s, ann, 'early')).to.throw(PhaseConflictError);
  });

  it('refuses drafting after the standard-setting deadline, saying so', () => {
    const s = scenario({ settings: { schedule: { 'standard-setting': { closesAt: at(12) } } } });
    s.clock = 12;
    const err = thrown(() => propose(s, ann, 'late'), PhaseConflictError);
    expect(err.details).to.deep.include({ phase: 'standard-setting', reason: 'deadline-passed' });
  });

  it('accepts drafting right up to the deadline', () => {
    const s = scenario({ settings: { schedule: { 'standard-setting': { closesAt: at(12) } } } });
    s.clock = 11.9;
    propose(s, ann, 'just-in-time', criterion('Just in time'));
    expect(criterionContent(s.standard.criteria[0]!).name).to.equal('Just in time');
  });

  it('refuses content changes while locked, but members may still comment', () => {
    const s = scenario();
    s.standard = lockStandard(s.standard, as(s, facilitator));
    const err = thrown(() => propose(s, ann, 'x'), PhaseConflictError);
    expect(err.details.reason).to.equal('locked');
    comment(s, bob, 'c1', 'Why is it locked?');
    expect(s.standard.comments).to.have.length(1);
  });

  it('lets a facilitator lock and unlock, recording who locked it', () => {
    const s = scenario();
    s.standard = lockStandard(s.standard, as(s, facilitator));
    expect(s.standard.locked?.by).to.equal(facilitator.userId);
    expect(() => lockStandard(s.standard, as(s, facilitator))).to.throw(PhaseConflictError);
    s.standard = unlockStandard(s.standard, as(s, facilitator));
    expect(s.standard).to.not.have.property('locked');
    expect(() => propose(s, ann, 'x')).to.not.throw();
  });

  it('refuses a learner locking', () => {
    const s = scenario();
    expect(() => lockStandard(s.standard, as(s, learner(ann)))).to.throw(NotPermittedError);
  });

  it('checks the standard belongs to the team in the context', () => {
    const s = scenario();
    const wrong = { ...s.standard, teamId: asTeamId('team-9') };
    expect(() => lockStandard(wrong, as(s, facilitator))).to.throw(NotPermittedError);
  });
});
