import { expect } from 'chai';
import {
  claimNextSubmission,
  coverage,
  renewLease,
  type PullInput,
} from '../../../../src/domain/review/pull-allocation.js';
import { NotPermittedError, PhaseConflictError } from '../../../../src/domain/shared/errors.js';
import { asTeamId, asUserId } from '../../../../src/domain/shared/ids.js';
import { seededRandom } from '../../../../src/domain/shared/random.js';
import { asSubmissionId } from '../../../../src/domain/submission/submission.js';
import { at, learner, makeReview } from '../../../fixtures/domain/review-fixtures.js';
import { makeRoster, makeSubmissions } from '../../../fixtures/domain/roster.js';

const HOUR = 3_600_000;
const roster = makeRoster([3, 3, 3]);
const submissions = makeSubmissions(roster, 'team');
const u11 = { userId: asUserId('u-1-1'), teamId: asTeamId('t-1') };

function input(overrides: Partial<PullInput> = {}): PullInput {
  return {
    reviewer: u11,
    scope: 'across-teams',
    reviewsPerSubmission: 2,
    submissions,
    reviews: [],
    now: at(0),
    leaseMs: 8 * HOUR,
    random: seededRandom(1),
    ...overrides,
  };
}

function pulled(submission: string, reviewer: string, status: 'draft' | 'submitted', leaseExpiresAt?: Date) {
  return makeReview({
    submissionId: asSubmissionId(submission),
    reviewerId: asUserId(reviewer),
    source: 'pulled',
    status,
    ...(leaseExpiresAt !== undefined ? { leaseExpiresAt } : {}),
  });
}

describe('pull allocation', () => {
  it('claims the eligible submission with the fewest reviews under a lease, never its own team’s', () => {
    const reviews = [pulled('s-t-2', 'u-3-1', 'submitted')];
    const result = claimNextSubmission(input({ reviews }));
    expect(result).to.deep.equal({
      kind: 'claim',
      submissionId: 's-t-3',
      leaseExpiresAt: at(8 * 60),
      reason: { kind: 'fewest-reviews', reviewsCounted: 0, candidates: 2, tied: 1 },
    });
  });

  it('serves a late submission first: it has no reviews yet', () => {
    const reviews = [pulled('s-t-2', 'u-3-1', 'submitted'), pulled('s-t-3', 'u-2-1', 'submitted')];
    const late = {
      id: asSubmissionId('s-late'),
      owner: { kind: 'person' as const, userId: asUserId('zed') },
    };
    const result = claimNextSubmission(input({ reviews, submissions: [...submissions, late] }));
    expect(result).to.deep.include({ kind: 'claim', submissionId: 's-late' });
  });

  it('counts active leases, and stops counting them once expired', () => {
    const reviews = [pulled('s-t-2', 'u-3-1', 'draft', at(60)), pulled('s-t-2', 'u-3-2', 'draft', at(60))];
    expect(coverage(reviews, at(59)).get('s-t-2')).to.equal(2);
    expect(claimNextSubmission(input({ reviews, now: at(59) }))).to.deep.include({ submissionId: 's-t-3' });
    expect(coverage(reviews, at(60)).get('s-t-2')).to.equal(undefined);
    const afterExpiry = claimNextSubmission(input({ reviews, now: at(60), random: seededRandom(3) }));
    expect(afterExpiry).to.deep.include({ kind: 'claim' });
    if (afterExpiry.kind === 'claim') expect(afterExpiry.reason.tied).to.equal(2);
  });

  it('returns the reviewer’s unfinished claim instead of a second one', () => {
    const mine = pulled('s-t-3', 'u-1-1', 'draft', at(10));
    expect(claimNextSubmission(input({ reviews: [mine], now: at(30) }))).to.deep.equal({
      kind: 'resume',
      reviewId: mine.id,
      submissionId: 's-t-3',
    });
  });

  it('says when every eligible submission has its reviews, and when nothing is eligible', () => {
    const reviews = ['s-t-2', 's-t-3'].flatMap((s) => [
      pulled(s, 'u-x-1', 'submitted'),
      pulled(s, 'u-x-2', 'submitted'),
    ]);
    expect(claimNextSubmission(input({ reviews }))).to.deep.equal({
      kind: 'nothing-left',
      reason: 'all-covered',
    });
    const done = [pulled('s-t-2', 'u-1-1', 'submitted'), pulled('s-t-3', 'u-1-1', 'submitted')];
    expect(claimNextSubmission(input({ reviews: done }))).to.deep.equal({
      kind: 'nothing-left',
      reason: 'none-eligible',
    });
  });

  it('within the team: only teammates’ work, never one’s own', () => {
    const people = makeSubmissions(roster, 'person');
    for (let seed = 0; seed < 20; seed++) {
      const result = claimNextSubmission(
        input({ scope: 'within-team', submissions: people, random: seededRandom(seed) }),
      );
      expect(result.kind).to.equal('claim');
      if (result.kind === 'claim') expect(['s-u-1-2', 's-u-1-3']).to.include(result.submissionId);
    }
  });

  it('is deterministic for a seed', () => {
    const a = claimNextSubmission(input({ random: seededRandom(11) }));
    const b = claimNextSubmission(input({ random: seededRandom(11) }));
    expect(a).to.deep.equal(b);
  });

  it('property: reviewers pulling in random order cover every submission N times, never their own team’s', () => {
    const meta = seededRandom(77);
    for (let c = 0; c < 100; c++) {
      const people = makeRoster([
        3 + Math.floor(meta() * 3),
        3 + Math.floor(meta() * 3),
        3 + Math.floor(meta() * 3),
      ]);
      const subs = makeSubmissions(people, meta() < 0.5 ? 'team' : 'person');
      const reviews: ReturnType<typeof pulled>[] = [];
      const random = seededRandom(c);
      for (let step = 0; step < 400; step++) {
        const reviewer = people.reviewers[Math.floor(meta() * people.reviewers.length)]!;
        const result = claimNextSubmission(
          input({ reviewer, submissions: subs, reviews, random, now: at(step) }),
        );
        if (result.kind === 'claim')
          reviews.push(pulled(result.submissionId, reviewer.userId, 'draft', result.leaseExpiresAt));
        if (result.kind === 'resume') {
          const i = reviews.findIndex((r) => r.id === result.reviewId);
          reviews[i] = { ...reviews[i]!, status: 'submitted' };
        }
      }
      const counts = coverage(reviews, at(400));
      for (const s of subs) {
        expect(counts.get(s.id) ?? 0, `${s.id} in case ${c}`).to.be.at.least(2);
        expect(counts.get(s.id) ?? 0).to.be.at.most(2);
      }
      for (const r of reviews) {
        const s = subs.find((x) => x.id === r.submissionId)!;
        expect(s.owner.teamId).to.not.equal(people.reviewers.find((x) => x.userId === r.reviewerId)?.teamId);
      }
    }
  });

  describe('renewLease', () => {
    it('extends the holder’s claim, also after it expired', () => {
      const claim = pulled('s-t-3', 'u-1-1', 'draft', at(60));
      expect(renewLease(claim, learner('u-1-1'), at(90), HOUR).leaseExpiresAt).to.deep.equal(at(150));
    });

    it('is refused to others and for submitted or pushed reviews', () => {
      const claim = pulled('s-t-3', 'u-1-1', 'draft', at(60));
      expect(() => renewLease(claim, learner('u-2-1'), at(30), HOUR)).to.throw(NotPermittedError);
      expect(() => renewLease({ ...claim, status: 'submitted' }, learner('u-1-1'), at(30), HOUR)).to.throw(
        PhaseConflictError,
      );
      expect(() => renewLease({ ...claim, source: 'allocated' }, learner('u-1-1'), at(30), HOUR)).to.throw(
        PhaseConflictError,
      );
    });
  });
});
