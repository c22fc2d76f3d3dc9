import { expect } from 'chai';
import {
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCriterionId, asUserId } from '../../../../src/domain/shared/ids.js';
import {
  editCriterion,
  proposeCriterion,
  withdrawCriterion,
} from '../../../../src/domain/standard/criteria.js';
import { activeCriteria, criterionContent } from '../../../../src/domain/standard/team-standard.js';
import {
  ann,
  at,
  bob,
  criterion,
  facilitator,
  learner,
  levels,
  thrown,
} from '../../../fixtures/domain/builders.js';
import { as, propose, scenario } from '../../../fixtures/domain/standard-scenario.js';

describe('proposeCriterion', () => {
  it('adds the criterion with its proposal as revision 1 (author, time) and counts both revisions up', () => {
    const s = scenario();
    const before = s.standard;
    const id = propose(s, ann, 'clarity', criterion(' Clarity '));
    const [added] = s.standard.criteria;
    expect(added).to.deep.include({ id, origin: 'proposal' });
    expect(added?.revisions).to.have.length(1);
    expect(added?.revisions[0]).to.deep.include({ number: 1, author: ann });
    expect(criterionContent(added!).name).to.equal('Clarity');
    expect(s.standard.revision).to.equal(before.revision + 1);
    expect(s.standard.contentRevision).to.equal(before.contentRevision + 1);
    expect(before.criteria).to.deep.equal([]);
  });

  it('returns field-level issues for an invalid criterion', () => {
    const s = scenario();
    const err = thrown(
      () =>
        proposeCriterion(
          s.standard,
          { criterionId: asCriterionId('x'), content: criterion('', { levels: levels(7) }) },
          as(s, ann),
        ),
      InvalidInputError,
    );
    expect(err.issues).to.deep.equal([
      { field: 'name', code: 'required' },
      { field: 'levels', code: 'too-many' },
    ]);
  });

  it('refuses a name another active criterion already has, ignoring case', () => {
    const s = scenario();
    propose(s, ann, 'clarity', criterion('Clarity'));
    const err = thrown(() => propose(s, bob, 'clarity-2', criterion('CLARITY')), InvalidInputError);
    expect(err.issues).to.deep.equal([{ field: 'name', code: 'duplicate' }]);
  });

  it('refuses a thirteenth criterion', () => {
    const s = scenario();
    for (let i = 1; i <= 12; i++) propose(s, ann, `c${i}`, criterion(`Criterion ${i}`));
    const err = thrown(() => propose(s, ann, 'c13', criterion('One too many')), InvalidInputError);
    expect(err.issues).to.deep.equal([{ field: 'criteria', code: 'too-many' }]);
  });

  it('refuses someone outside the team, and the facilitator', () => {
    const s = scenario();
    expect(() => propose(s, asUserId('outsider'), 'x')).to.throw(NotPermittedError);
    expect(() =>
      proposeCriterion(
        s.standard,
        { criterionId: asCriterionId('x'), content: criterion('X') },
        as(s, facilitator),
      ),
    ).to.throw(NotPermittedError);
  });

  it('refuses outside standard-setting', () => {
    const s = scenario({ phase: 'work' });
    const err = thrown(() => propose(s, ann, 'late'), PhaseConflictError);
    expect(err.details).to.deep.include({
      action: 'propose-criterion',
      phase: 'work',
      reason: 'not-standard-setting',
    });
  });
});

describe('editCriterion', () => {
  it('adds a revision with the editor and time, keeping the whole history', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity', criterion('Clarity'));
    s.standard = editCriterion(
      s.standard,
      {
        criterionId: id,
        baseRevision: 1,
        content: criterion('Clarity', { description: 'Readers follow it first time.' }),
      },
      { ...as(s, bob), now: at(20) },
    );
    const [edited] = s.standard.criteria;
    expect(edited?.revisions.map((r) => [r.number, r.author])).to.deep.equal([
      [1, ann],
      [2, bob],
    ]);
    expect(edited?.revisions[1]?.at).to.deep.equal(at(20));
    expect(criterionContent(edited!).description).to.equal('Readers follow it first time.');
    expect(edited?.revisions[0]?.content.description).to.equal(criterion('Clarity').description);
  });

  it('tells the second of two concurrent editors that someone changed it, and which revision is current', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity', criterion('Clarity'));
    s.standard = editCriterion(
      s.standard,
      { criterionId: id, baseRevision: 1, content: criterion('Clear') },
      as(s, ann),
    );
    const err = thrown(
      () =>
        editCriterion(
          s.standard,
          { criterionId: id, baseRevision: 1, content: criterion('Lucid') },
          as(s, bob),
        ),
      VersionConflictError,
    );
    expect(err.details).to.deep.equal({ entity: 'criterion', id: 'clarity', expected: 1, actual: 2 });
  });

  it('returns the standard unchanged when the edit changes nothing', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity', criterion('Clarity'));
    const same = editCriterion(
      s.standard,
      { criterionId: id, baseRevision: 1, content: { ...criterion('Clarity'), name: ' Clarity ' } },
      as(s, bob),
    );
    expect(same).to.equal(s.standard);
  });

  it('refuses an unknown or withdrawn criterion', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity');
    s.standard = withdrawCriterion(s.standard, { criterionId: id }, as(s, ann));
    expect(() =>
      editCriterion(s.standard, { criterionId: id, baseRevision: 1, content: criterion('X') }, as(s, ann)),
    ).to.throw(NotFoundError);
  });

  it('refuses invalid content and renaming onto another criterion', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity', criterion('Clarity'));
    propose(s, ann, 'evidence', criterion('Evidence'));
    const err = thrown(
      () =>
        editCriterion(
          s.standard,
          { criterionId: id, baseRevision: 1, content: criterion('evidence') },
          as(s, bob),
        ),
      InvalidInputError,
    );
    expect(err.issues).to.deep.equal([{ field: 'name', code: 'duplicate' }]);
  });
});

describe('withdrawCriterion', () => {
  it('takes the criterion out of the active set, keeping it in the history with who and when', () => {
    const s = scenario();
    propose(s, ann, 'clarity');
    const id = propose(s, ann, 'evidence');
    s.standard = withdrawCriterion(s.standard, { criterionId: id }, { ...as(s, bob), now: at(30) });
    expect(activeCriteria(s.standard).map((c) => c.id)).to.deep.equal(['clarity']);
    expect(s.standard.criteria[1]?.withdrawn).to.deep.equal({ by: bob, at: at(30) });
  });

  it('frees the name for a new criterion', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity', criterion('Clarity'));
    s.standard = withdrawCriterion(s.standard, { criterionId: id }, as(s, ann));
    expect(() => propose(s, bob, 'clarity-2', criterion('Clarity'))).to.not.throw();
  });

  it('refuses a criterion already withdrawn', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity');
    s.standard = withdrawCriterion(s.standard, { criterionId: id }, as(s, ann));
    expect(() => withdrawCriterion(s.standard, { criterionId: id }, as(s, ann))).to.throw(NotFoundError);
  });

  it('refuses a learner of another team', () => {
    const s = scenario();
    const id = propose(s, ann, 'clarity');
    expect(() =>
      withdrawCriterion(s.standard, { criterionId: id }, { ...as(s, ann), actor: learner(asUserId('eve')) }),
    ).to.throw(NotPermittedError);
  });
});
