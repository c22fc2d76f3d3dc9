import { expect } from 'chai';
import { assignByHand, unassignByHand } from '../../../../src/domain/review/manual-adjustments.js';
import { asReviewId } from '../../../../src/domain/review/review.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamId, asUserId } from '../../../../src/domain/shared/ids.js';
import {
  TASK_ID,
  at,
  facilitator,
  learner,
  makeReview,
  makeStandard,
  makeSubmission,
} from '../../../fixtures/domain/review-fixtures.js';

const submission = makeSubmission(); // team-1: ann, bob
const standard = makeStandard();
const cy = { userId: asUserId('cy'), teamId: asTeamId('team-2') };

function input(
  overrides: Partial<Parameters<typeof assignByHand>[0]> = {},
): Parameters<typeof assignByHand>[0] {
  return {
    id: asReviewId('rev-hand'),
    taskId: TASK_ID,
    scope: 'across-teams',
    submission,
    reviewer: cy,
    reviews: [],
    standard,
    note: ' Cy knows the domain ',
    actor: facilitator(),
    now: at(50),
    ...overrides,
  };
}

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidInputError);
    return (error as InvalidInputError).issues;
  }
  throw new Error('expected an error');
}

describe('facilitator adjustments', () => {
  it('adds a reviewer by hand and logs who, when and why', () => {
    const { review, log } = assignByHand(input());
    expect(review).to.deep.include({
      reviewerId: 'cy',
      submissionId: 'sub-1',
      source: 'facilitator',
      status: 'draft',
      kind: 'peer',
    });
    expect(review.standard).to.deep.equal({ standardId: 'std-1', version: 2 });
    expect(log).to.deep.equal({
      kind: 'assigned-by-hand',
      submissionId: 'sub-1',
      reviewerId: 'cy',
      by: 'fac-1',
      at: at(50),
      note: 'Cy knows the domain',
    });
  });

  it('keeps the scope’s rules: no author, no member of the team, no duplicate', () => {
    expect(
      issues(() =>
        assignByHand(input({ reviewer: { userId: asUserId('ann'), teamId: asTeamId('team-1') } })),
      ),
    ).to.deep.equal([{ field: 'reviewerId', code: 'own-team' }]);
    const existing = makeReview({ reviewerId: asUserId('cy') });
    expect(issues(() => assignByHand(input({ reviews: [existing] })))).to.deep.equal([
      { field: 'reviewerId', code: 'already-assigned' },
    ]);
    expect(issues(() => assignByHand(input({ scope: 'within-team' })))).to.deep.equal([
      { field: 'reviewerId', code: 'own-team' },
    ]);
  });

  it('is for facilitators only', () => {
    expect(() => assignByHand(input({ actor: learner('cy') }))).to.throw(NotPermittedError);
    expect(() => unassignByHand(makeReview(), learner('cy'), at(60))).to.throw(NotPermittedError);
  });

  it('takes an unfinished review away, but never a submitted one', () => {
    const draft = makeReview({ reviewerId: asUserId('cy') });
    expect(unassignByHand(draft, facilitator(), at(60), 'Cy is ill').log).to.deep.include({
      kind: 'unassigned-by-hand',
      reviewerId: 'cy',
      note: 'Cy is ill',
    });
    expect(() => unassignByHand(makeReview({}, [1, 1, 1]), facilitator(), at(60))).to.throw(
      PhaseConflictError,
    );
  });
});
