import { expect } from 'chai';
import {
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCriterionId, asObjectionId } from '../../../../src/domain/shared/ids.js';
import {
  commentThreads,
  openObjections,
  withdrawObjection,
} from '../../../../src/domain/standard/discussion.js';
import { withdrawCriterion } from '../../../../src/domain/standard/criteria.js';
import { ann, bob, cat, facilitator, thrown } from '../../../fixtures/domain/builders.js';
import {
  agree,
  as,
  comment,
  object,
  propose,
  readyToAgree,
  scenario,
} from '../../../fixtures/domain/standard-scenario.js';

describe('addComment', () => {
  it('starts threads on a criterion and on the standard as a whole, with replies in their thread', () => {
    const s = scenario();
    const clarity = propose(s, ann, 'clarity');
    comment(s, bob, 'c1', 'Can we make the top level measurable?', { criterionId: clarity });
    comment(s, cat, 'c2', 'General question');
    comment(s, ann, 'c3', 'Yes: "no questions from a first reader".', { replyTo: 'c1' });
    comment(s, bob, 'c4', 'Agreed', { replyTo: 'c3' }); // a reply to a reply joins the same thread
    const threads = commentThreads(s.standard, clarity);
    expect(threads.map((t) => [t.first.id, t.replies.map((r) => r.id)])).to.deep.equal([
      ['c1', ['c3', 'c4']],
    ]);
    expect(threads[0]?.replies[1]).to.deep.include({
      replyTo: 'c1',
      criterionId: clarity,
      author: bob,
      authorRole: 'learner',
    });
    expect(commentThreads(s.standard, undefined).map((t) => t.first.id)).to.deep.equal(['c2']);
  });

  it('does not change the content revision (comments do not unsettle agreements)', () => {
    const s = scenario();
    const before = s.standard.contentRevision;
    comment(s, bob, 'c1', 'Hi');
    expect(s.standard.contentRevision).to.equal(before);
  });

  it('lets the facilitator comment, also during work', () => {
    const s = scenario({ phase: 'work' });
    comment(s, facilitator, 'f1', 'Remember the brief.');
    expect(s.standard.comments[0]).to.deep.include({ author: facilitator.userId, authorRole: 'facilitator' });
  });

  it('refuses comments from anyone once peer review opened', () => {
    const s = scenario({ phase: 'peer-review' });
    expect(() => comment(s, facilitator, 'f1', 'Too late')).to.throw(PhaseConflictError);
    expect(() => comment(s, ann, 'a1', 'Too late')).to.throw(PhaseConflictError);
  });

  it('refuses an empty or too long body, an unknown thread or criterion, and a reused id', () => {
    const s = scenario();
    expect(thrown(() => comment(s, ann, 'c1', '  '), InvalidInputError).issues).to.deep.equal([
      { field: 'body', code: 'required' },
    ]);
    expect(() => comment(s, ann, 'c1', 'x'.repeat(4001))).to.throw(InvalidInputError);
    expect(() => comment(s, ann, 'c1', 'reply', { replyTo: 'nope' })).to.throw(InvalidInputError);
    expect(() => comment(s, ann, 'c1', 'on', { criterionId: asCriterionId('nope') })).to.throw(
      InvalidInputError,
    );
    comment(s, ann, 'c1', 'first');
    expect(() => comment(s, bob, 'c1', 'same id')).to.throw(InvalidInputError);
  });
});

describe('raiseObjection', () => {
  it('records the objection with its reason and takes back the objector’s agreement', () => {
    const s = scenario();
    readyToAgree(s);
    agree(s, ann);
    object(s, ann, 'o1', 'Evidence is weighted too low');
    expect(s.standard.agreements).to.deep.equal([]);
    expect(s.standard.objections[0]).to.deep.include({
      by: ann,
      reason: 'Evidence is weighted too low',
      status: 'open',
    });
  });

  it('can be about one criterion', () => {
    const s = scenario();
    const [, evidence] = readyToAgree(s);
    object(s, bob, 'o1', 'Unclear levels', evidence);
    expect(s.standard.objections[0]?.criterionId).to.equal(evidence);
  });

  it('refuses an objection without a reason or about an unknown criterion', () => {
    const s = scenario();
    expect(thrown(() => object(s, ann, 'o1', ' '), InvalidInputError).issues).to.deep.equal([
      { field: 'reason', code: 'required' },
    ]);
    expect(() => object(s, ann, 'o1', 'why', asCriterionId('nope'))).to.throw(NotFoundError);
  });

  it('is only for members', () => {
    const s = scenario();
    expect(() => object(s, facilitator.userId, 'o1')).to.throw(NotPermittedError);
  });
});

describe('withdrawObjection', () => {
  it('lets the objector withdraw it, recording when', () => {
    const s = scenario();
    object(s, ann, 'o1');
    s.standard = withdrawObjection(s.standard, { objectionId: asObjectionId('o1') }, as(s, ann));
    expect(s.standard.objections[0]).to.deep.include({ status: 'withdrawn' });
    expect(s.standard.objections[0]?.closedAt).to.be.instanceOf(Date);
    expect(openObjections(s.standard, s.team.members)).to.deep.equal([]);
  });

  it('refuses anyone but the objector', () => {
    const s = scenario();
    object(s, ann, 'o1');
    expect(() => withdrawObjection(s.standard, { objectionId: asObjectionId('o1') }, as(s, bob))).to.throw(
      NotPermittedError,
    );
  });

  it('refuses an objection that is not open any more, and an unknown one', () => {
    const s = scenario();
    object(s, ann, 'o1');
    s.standard = withdrawObjection(s.standard, { objectionId: asObjectionId('o1') }, as(s, ann));
    const err = thrown(
      () => withdrawObjection(s.standard, { objectionId: asObjectionId('o1') }, as(s, ann)),
      PhaseConflictError,
    );
    expect(err.details.reason).to.equal('objection-withdrawn');
    expect(() => withdrawObjection(s.standard, { objectionId: asObjectionId('o9') }, as(s, ann))).to.throw(
      NotFoundError,
    );
  });
});

describe('openObjections', () => {
  it('ignores objections by people who left the team and objections to withdrawn criteria', () => {
    const s = scenario();
    const [clarity] = readyToAgree(s);
    object(s, ann, 'o1', 'General');
    object(s, bob, 'o2', 'About clarity', clarity);
    object(s, cat, 'o3', 'Cat leaves later');
    s.standard = withdrawCriterion(s.standard, { criterionId: clarity }, as(s, ann));
    expect(openObjections(s.standard, [ann, bob]).map((o) => o.id)).to.deep.equal(['o1']);
  });
});
