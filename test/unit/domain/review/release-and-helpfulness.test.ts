import { expect } from 'chai';
import { rateReview } from '../../../../src/domain/review/helpfulness.js';
import { isReviewPhaseOver, releaseState, type ReleaseState } from '../../../../src/domain/review/release.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { at, learner, makeReview, makeSubmission } from '../../../fixtures/domain/review-fixtures.js';

const RELEASED: ReleaseState = { released: true, because: 'phase-closed' };

describe('release', () => {
  it('phase-close: waits while peer review is open, releases when its deadline passes or the task moves on', () => {
    const policy = { kind: 'phase-close' } as const;
    expect(releaseState(policy, { phase: 'peer-review', open: true }, 5)).to.deep.equal({
      released: false,
      waitingFor: { kind: 'phase-close' },
    });
    expect(releaseState(policy, { phase: 'peer-review', open: false }, 0)).to.deep.equal(RELEASED);
    expect(releaseState(policy, { phase: 'reflection', open: false }, 0)).to.deep.equal(RELEASED);
  });

  it('min-reviews: releases once k peer reviews are in, saying how many are missing until then', () => {
    const policy = { kind: 'min-reviews', minReviews: 3 } as const;
    expect(releaseState(policy, { phase: 'peer-review', open: true }, 1)).to.deep.equal({
      released: false,
      waitingFor: { kind: 'reviews', missing: 2 },
    });
    expect(releaseState(policy, { phase: 'peer-review', open: true }, 3)).to.deep.equal({
      released: true,
      because: 'enough-reviews',
    });
  });

  it('min-reviews: releases at phase close even with fewer than k reviews', () => {
    expect(
      releaseState({ kind: 'min-reviews', minReviews: 3 }, { phase: 'closed', open: false }, 1),
    ).to.deep.equal(RELEASED);
  });

  it('nothing is released before peer review starts', () => {
    expect(isReviewPhaseOver({ phase: 'work', open: true })).to.equal(false);
    expect(
      releaseState({ kind: 'min-reviews', minReviews: 0 }, { phase: 'work', open: true }, 0).released,
    ).to.equal(false);
  });
});

describe('rateReview (feedback on feedback)', () => {
  const review = makeReview({}, [1, 1, 1]);
  const owner = makeSubmission().owner;
  const base = {
    review,
    owner,
    stars: 4,
    reply: '  Helpful, thanks ',
    release: RELEASED,
    phase: 'reflection' as const,
    now: at(900),
  };

  it('lets an author rate a released review 1–5 with an optional reply', () => {
    const rating = rateReview({ ...base, actor: learner('bob') });
    expect(rating).to.deep.equal({
      reviewId: review.id,
      raterId: 'bob',
      stars: 4,
      reply: 'Helpful, thanks',
      ratedAt: at(900),
      revision: 1,
    });
    const again = rateReview({
      ...base,
      stars: 2,
      reply: undefined,
      existing: rating,
      actor: learner('bob'),
    });
    expect(again).to.deep.include({ stars: 2, reply: '', revision: 2 });
  });

  it('refuses stars outside 1..5 and over-long replies', () => {
    try {
      rateReview({ ...base, stars: 6, reply: 'x'.repeat(2001), actor: learner('bob') });
      expect.fail('expected an error');
    } catch (error) {
      expect((error as InvalidInputError).issues).to.deep.equal([
        { field: 'stars', code: 'out-of-range' },
        { field: 'reply', code: 'too-long' },
      ]);
    }
    expect(() => rateReview({ ...base, stars: 0, actor: learner('bob') })).to.throw(InvalidInputError);
  });

  it('is only for authors of the reviewed work', () => {
    expect(() => rateReview({ ...base, actor: learner('cy') })).to.throw(NotPermittedError);
  });

  it('waits for release and ends when the task closes', () => {
    const waiting: ReleaseState = { released: false, waitingFor: { kind: 'phase-close' } };
    expect(() =>
      rateReview({ ...base, release: waiting, phase: 'peer-review', actor: learner('bob') }),
    ).to.throw(PhaseConflictError);
    expect(() => rateReview({ ...base, phase: 'closed', actor: learner('bob') })).to.throw(
      PhaseConflictError,
    );
  });

  it('rates submitted peer reviews only', () => {
    expect(() => rateReview({ ...base, review: makeReview(), actor: learner('bob') })).to.throw(
      InvalidInputError,
    );
    const self = makeReview({ kind: 'self', source: 'self' }, [1, 1, 1]);
    expect(() => rateReview({ ...base, review: self, actor: learner('bob') })).to.throw(InvalidInputError);
  });

  it('cannot take over someone else’s rating', () => {
    const annRating = rateReview({ ...base, actor: learner('ann') });
    expect(() => rateReview({ ...base, existing: annRating, actor: learner('bob') })).to.throw(
      NotPermittedError,
    );
  });
});
