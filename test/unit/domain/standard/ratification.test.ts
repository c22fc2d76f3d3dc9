import { expect } from 'chai';
import {
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
  NotFoundError,
} from '../../../../src/domain/shared/errors.js';
import { asObjectionId, asStandardId } from '../../../../src/domain/shared/ids.js';
import { evaluateConsensus, readinessIssues } from '../../../../src/domain/standard/consensus.js';
import { editCriterion } from '../../../../src/domain/standard/criteria.js';
import { withdrawObjection } from '../../../../src/domain/standard/discussion.js';
import {
  agreeToStandard,
  approveStandard,
  openAmendment,
  ratifyStandard,
  withdrawAgreement,
} from '../../../../src/domain/standard/ratification.js';
import { findVersion, latestVersionRef } from '../../../../src/domain/standard/standard-version.js';
import { ann, bob, cat, criterion, dan, facilitator, thrown } from '../../../fixtures/domain/builders.js';
import {
  agree,
  as,
  object,
  propose,
  readyToAgree,
  scenario,
  weigh,
  type Scenario,
} from '../../../fixtures/domain/standard-scenario.js';
import { advancePhase } from '../../../../src/domain/team-task/phase-transitions.js';
import { at } from '../../../fixtures/domain/builders.js';

/** A ratified v1 under consent: Clarity 60 % / Evidence 40 %, agreed by ann, bob and cat. */
function ratifiedV1(phase: 'standard-setting' | 'work' = 'standard-setting'): Scenario {
  const s = scenario();
  readyToAgree(s);
  agree(s, ann);
  agree(s, bob);
  agree(s, cat);
  // Drafting happens in standard-setting; then, if asked, the facilitator opens work.
  return phase === 'work' ? { ...s, task: advancePhase(s.task, 'work', at(20), facilitator) } : s;
}

describe('evaluateConsensus', () => {
  it('under consent, needs every member and no open objection', () => {
    const s = scenario();
    readyToAgree(s);
    agree(s, ann);
    expect(evaluateConsensus(s.standard, 'consent', s.team.members)).to.deep.equal({
      rule: 'consent',
      agreed: [ann],
      pending: [bob, cat],
      objecting: [],
      needed: 3,
      satisfied: false,
    });
  });

  it('under majority, needs more than half: 2 of 3, 3 of 4 (2 of 4 is a tie, not a majority)', () => {
    const s = scenario({ members: [ann, bob, cat, dan] });
    readyToAgree(s);
    agree(s, ann);
    agree(s, bob);
    const tie = evaluateConsensus(s.standard, 'majority', s.team.members);
    expect(tie).to.deep.include({ needed: 3, satisfied: false });
    expect(evaluateConsensus(s.standard, 'majority', [ann, bob, cat])).to.deep.include({
      needed: 2,
      satisfied: true,
    });
  });

  it('under facilitator approval, is never satisfied by members alone', () => {
    const s = scenario({ rule: 'facilitator-approval' });
    readyToAgree(s);
    for (const m of s.team.members) agree(s, m);
    expect(evaluateConsensus(s.standard, 'facilitator-approval', s.team.members)).to.deep.include({
      agreed: [ann, bob, cat],
      satisfied: false,
    });
  });

  it('counts only agreements to the current content', () => {
    const s = scenario();
    readyToAgree(s);
    agree(s, ann);
    weigh(s, bob, [55, 45]);
    expect(evaluateConsensus(s.standard, 'consent', s.team.members).agreed).to.deep.equal([]);
  });

  it('is never satisfied for a team without members', () => {
    const s = scenario();
    expect(evaluateConsensus(s.standard, 'consent', []).satisfied).to.equal(false);
    expect(evaluateConsensus(s.standard, 'majority', []).satisfied).to.equal(false);
  });
});

describe('readinessIssues', () => {
  it('needs at least two criteria and weights', () => {
    const s = scenario();
    expect(readinessIssues(s.standard, s.team.members)).to.deep.equal(['too-few-criteria', 'no-weights']);
    propose(s, ann, 'clarity');
    propose(s, ann, 'evidence');
    expect(readinessIssues(s.standard, s.team.members)).to.deep.equal(['no-weights']);
    weigh(s, bob, [50, 50]);
    expect(readinessIssues(s.standard, s.team.members)).to.deep.equal([]);
  });
});

describe('agreeToStandard', () => {
  it('ratifies under consent when the last member agrees, freezing version 1', () => {
    const s = scenario();
    const [clarity, evidence] = readyToAgree(s);
    expect(agree(s, ann).ratified).to.equal(undefined);
    expect(agree(s, bob).ratified).to.equal(undefined);
    const { ratified } = agree(s, cat);
    expect(s.standard.status).to.equal('ratified');
    expect(ratified).to.deep.include({
      standardId: 'std-1',
      version: 1,
      consensusRule: 'consent',
      agreement: 1,
    });
    expect(ratified?.agreedBy).to.deep.equal([ann, bob, cat]);
    expect(ratified?.criteria.map((c) => [c.id, c.name, c.levels.length, c.weight])).to.deep.equal([
      [clarity, 'Clarity', 3, 0.6],
      [evidence, 'Evidence', 3, 0.4],
    ]);
    expect(ratified?.ratifiedAt).to.deep.equal(s.standard.lastActivityAt);
    expect(s.standard.versions).to.deep.equal([ratified]);
  });

  it('does not ratify under consent while someone objects, and does once they withdraw and agree', () => {
    const s = scenario();
    readyToAgree(s);
    object(s, cat, 'o1', 'Evidence matters more');
    agree(s, ann);
    agree(s, bob);
    expect(s.standard.status).to.equal('drafting');
    s.standard = withdrawObjection(s.standard, { objectionId: asObjectionId('o1') }, as(s, cat));
    expect(agree(s, cat).ratified?.version).to.equal(1);
  });

  it('refuses the agreement of a member with an open objection', () => {
    const s = scenario();
    readyToAgree(s);
    object(s, cat, 'o1');
    const err = thrown(() => agree(s, cat), PhaseConflictError);
    expect(err.details.reason).to.equal('own-objection-open');
  });

  it('ratifies under majority at more than half, overruling and recording open objections', () => {
    const s = scenario({ rule: 'majority' });
    readyToAgree(s);
    object(s, cat, 'o1', 'Too few criteria');
    agree(s, ann);
    const { ratified } = agree(s, bob);
    expect(ratified?.overruledObjections).to.deep.equal([{ id: 'o1', by: cat, reason: 'Too few criteria' }]);
    expect(s.standard.objections[0]?.status).to.equal('overruled');
  });

  it('tells a member who agreed to an older state that it changed (optimistic concurrency)', () => {
    const s = scenario();
    readyToAgree(s);
    const seen = s.standard.contentRevision;
    weigh(s, bob, [70, 30]);
    const err = thrown(
      () => agreeToStandard(s.standard, { contentRevision: seen }, as(s, ann)),
      VersionConflictError,
    );
    expect(err.details).to.deep.equal({ entity: 'standard', id: 'std-1', expected: seen, actual: seen + 1 });
  });

  it('refuses to agree to an incomplete standard', () => {
    const s = scenario();
    propose(s, ann, 'only');
    const err = thrown(() => agree(s, ann), PhaseConflictError);
    expect(err.details).to.deep.include({ reason: 'not-ready', issues: 'too-few-criteria,no-weights' });
  });

  it('lets only members agree', () => {
    const s = scenario();
    readyToAgree(s);
    expect(() =>
      agreeToStandard(s.standard, { contentRevision: s.standard.contentRevision }, as(s, facilitator)),
    ).to.throw(NotPermittedError);
  });
});

describe('withdrawAgreement', () => {
  it('takes a member’s agreement back', () => {
    const s = scenario();
    readyToAgree(s);
    agree(s, ann);
    s.standard = withdrawAgreement(s.standard, as(s, ann));
    expect(evaluateConsensus(s.standard, 'consent', s.team.members).agreed).to.deep.equal([]);
  });
});

describe('ratifyStandard', () => {
  it('ratifies when the rule became satisfied another way (a pending member left the team)', () => {
    const s = scenario();
    readyToAgree(s);
    agree(s, ann);
    agree(s, bob);
    const smaller = { ...s, team: { ...s.team, members: [ann, bob] } };
    const { ratified } = ratifyStandard(s.standard, as(smaller, ann));
    expect(ratified?.agreedBy).to.deep.equal([ann, bob]);
  });

  it('refuses without consensus, and under facilitator approval', () => {
    const s = scenario();
    readyToAgree(s);
    expect(thrown(() => ratifyStandard(s.standard, as(s, ann)), PhaseConflictError).details.reason).to.equal(
      'no-consensus',
    );
    const f = scenario({ rule: 'facilitator-approval' });
    readyToAgree(f);
    expect(thrown(() => ratifyStandard(f.standard, as(f, ann)), PhaseConflictError).details.reason).to.equal(
      'rule-facilitator-approval',
    );
  });
});

describe('approveStandard', () => {
  it('ratifies under facilitator approval, recording the facilitator and the members who agreed', () => {
    const s = scenario({ rule: 'facilitator-approval' });
    readyToAgree(s);
    agree(s, ann);
    const { ratified } = approveStandard(s.standard, as(s, facilitator));
    expect(ratified).to.deep.include({
      approvedBy: facilitator.userId,
      consensusRule: 'facilitator-approval',
      version: 1,
    });
    expect(ratified?.agreedBy).to.deep.equal([ann]);
  });

  it('works during work, after standard-setting ended', () => {
    const s = scenario({ rule: 'facilitator-approval' });
    readyToAgree(s);
    const inWork = { ...s, task: advancePhase(s.task, 'work', at(20), facilitator) };
    expect(approveStandard(s.standard, as(inWork, facilitator)).ratified?.version).to.equal(1);
  });

  it('refuses under another rule, an incomplete standard, a learner, and peer review', () => {
    const consent = scenario();
    readyToAgree(consent);
    expect(
      thrown(() => approveStandard(consent.standard, as(consent, facilitator)), PhaseConflictError).details
        .reason,
    ).to.equal('rule-consent');
    const empty = scenario({ rule: 'facilitator-approval' });
    expect(
      thrown(() => approveStandard(empty.standard, as(empty, facilitator)), PhaseConflictError).details
        .reason,
    ).to.equal('not-ready');
    expect(() => approveStandard(empty.standard, as(empty, ann))).to.throw(NotPermittedError);
    const review = scenario({ rule: 'facilitator-approval', phase: 'peer-review' });
    expect(() => approveStandard(review.standard, as(review, facilitator))).to.throw(PhaseConflictError);
  });
});

describe('versions and amendments', () => {
  it('freezes version 1 deeply, sharing nothing with the live standard', () => {
    const s = ratifiedV1();
    const v1 = s.standard.versions[0]!;
    expect(Object.isFrozen(v1)).to.equal(true);
    expect(Object.isFrozen(v1.criteria)).to.equal(true);
    expect(Object.isFrozen(v1.criteria[0])).to.equal(true);
    expect(Object.isFrozen(v1.criteria[0]?.levels[0])).to.equal(true);
    expect(Object.isFrozen(v1.agreedBy)).to.equal(true);
    expect(() => (v1.criteria as unknown as unknown[]).push('x')).to.throw(TypeError);
    expect(v1.ratifiedAt).to.not.equal(s.standard.lastActivityAt);
  });

  it('refuses content changes to a ratified standard until an amendment is opened', () => {
    const s = ratifiedV1();
    const err = thrown(() => propose(s, ann, 'scope'), PhaseConflictError);
    expect(err.details).to.deep.include({ status: 'ratified', reason: 'ratified-open-an-amendment' });
  });

  it('makes version 2 from an amendment and leaves version 1 exactly as it was', () => {
    const s = ratifiedV1('work');
    const v1Before = JSON.stringify(s.standard.versions[0]);
    s.standard = openAmendment(s.standard, as(s, bob));
    expect(s.standard.status).to.equal('amending');
    const id = s.standard.criteria[0]!.id;
    s.standard = editCriterion(
      s.standard,
      { criterionId: id, baseRevision: 1, content: criterion('Clarity for a first reader') },
      as(s, bob),
    );
    for (const m of s.team.members) weigh(s, m, [50, 50]);
    agree(s, ann);
    agree(s, bob);
    const { ratified } = agree(s, cat);
    expect(ratified?.version).to.equal(2);
    expect(ratified?.criteria.map((c) => [c.name, c.weight])).to.deep.equal([
      ['Clarity for a first reader', 0.5],
      ['Evidence', 0.5],
    ]);
    expect(JSON.stringify(s.standard.versions[0])).to.equal(v1Before);
    expect(latestVersionRef(s.standard)).to.deep.equal({ standardId: 'std-1', version: 2 });
  });

  it('refuses to ratify an amendment that changes nothing', () => {
    const s = ratifiedV1();
    s.standard = openAmendment(s.standard, as(s, ann));
    const err = thrown(() => ratifyStandard(s.standard, as(s, ann)), PhaseConflictError);
    expect(err.details).to.deep.include({ reason: 'not-ready', issues: 'unchanged-since-last-version' });
  });

  it('refuses amendments once peer review opened', () => {
    const s = ratifiedV1('work');
    const inReview = { ...s, task: advancePhase(s.task, 'peer-review', at(30), facilitator) };
    const err = thrown(() => openAmendment(s.standard, as(inReview, ann)), PhaseConflictError);
    expect(err.details).to.deep.include({ phase: 'peer-review', reason: 'peer-review-opened' });
  });

  it('stops an amendment in progress when peer review opens; reviews pin the last ratified version', () => {
    const s = ratifiedV1('work');
    s.standard = openAmendment(s.standard, as(s, ann));
    const inReview = { ...s, task: advancePhase(s.task, 'peer-review', at(30), facilitator) };
    expect(() => propose(inReview, ann, 'late-idea')).to.throw(PhaseConflictError);
    expect(latestVersionRef(s.standard)).to.deep.equal({ standardId: 'std-1', version: 1 });
  });

  it('refuses to open a second amendment, or one before ratification', () => {
    const s = ratifiedV1();
    s.standard = openAmendment(s.standard, as(s, ann));
    expect(thrown(() => openAmendment(s.standard, as(s, ann)), PhaseConflictError).details.reason).to.equal(
      'already-amending',
    );
    const draft = scenario();
    expect(
      thrown(() => openAmendment(draft.standard, as(draft, ann)), PhaseConflictError).details.reason,
    ).to.equal('not-ratified');
  });

  it('finds a pinned version by its ref, and refuses a ref that does not exist', () => {
    const s = ratifiedV1();
    expect(findVersion(s.standard, { standardId: asStandardId('std-1'), version: 1 }).version).to.equal(1);
    expect(() => findVersion(s.standard, { standardId: asStandardId('std-1'), version: 2 })).to.throw(
      NotFoundError,
    );
    expect(() => findVersion(s.standard, { standardId: asStandardId('other'), version: 1 })).to.throw(
      NotFoundError,
    );
  });

  it('has no version to pin before ratification', () => {
    expect(latestVersionRef(scenario().standard)).to.equal(undefined);
  });

  it('carries library provenance into every version', () => {
    const s = ratifiedV1();
    const provenance = {
      source: { standardId: asStandardId('lib-1'), version: 4 },
      copiedBy: ann,
      copiedAt: at(0),
    };
    s.standard = openAmendment({ ...s.standard, provenance }, as(s, ann));
    weigh(s, ann, [10, 90]);
    for (const m of s.team.members) agree(s, m);
    expect(s.standard.versions[1]?.provenance).to.deep.equal(provenance);
  });
});
