import { expect } from 'chai';
import { summariseStandard } from '../../../../src/domain/standard/standard-summary.js';
import { ann, bob, cat } from '../../../fixtures/domain/builders.js';
import {
  agree,
  comment,
  object,
  readyToAgree,
  scenario,
  weigh,
} from '../../../fixtures/domain/standard-scenario.js';

describe('summariseStandard', () => {
  it('summarises a standard in progress for the facilitator overview', () => {
    const s = scenario();
    readyToAgree(s); // everyone weighed 60/40
    weigh(s, cat, [30, 70]);
    agree(s, ann);
    object(s, bob, 'o1', 'Not yet');
    comment(s, cat, 'c1', 'Hmm');
    const summary = summariseStandard(s.standard, s.task, s.team);
    expect(summary).to.deep.include({
      standardId: 'std-1',
      teamId: 'team-1',
      status: 'drafting',
      locked: false,
      criteria: 2,
      openObjections: 1,
      comments: 1,
    });
    expect(summary.consensus).to.deep.include({
      agreed: [ann],
      objecting: [bob],
      pending: [cat],
      satisfied: false,
    });
    expect(summary.readiness).to.deep.equal([]);
    // ann and bob rank Clarity first, cat ranks Evidence first: R = 4 5, S = 0.25·2, W = 12·0.5/(9·6) = 1/9.
    expect(summary.agreement).to.be.closeTo(1 / 9, 1e-12);
    expect(summary.lastActivityAt).to.deep.equal(s.standard.lastActivityAt);
    expect(summary).to.not.have.property('latestVersion');
  });

  it('shows the latest version once ratified', () => {
    const s = scenario();
    readyToAgree(s);
    for (const m of s.team.members) agree(s, m);
    const summary = summariseStandard(s.standard, s.task, s.team);
    expect(summary).to.deep.include({ status: 'ratified', latestVersion: 1, agreement: 1 });
    expect(summary.ratifiedAt).to.deep.equal(s.standard.versions[0]?.ratifiedAt);
  });
});
