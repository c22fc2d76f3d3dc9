import { expect } from 'chai';
import {
  allocators,
  allocateBalanced,
  type AllocationResult,
} from '../../../../src/domain/review/allocation.js';
import {
  eligibilityRules,
  type ReviewableSubmission,
  type ReviewerRef,
} from '../../../../src/domain/review/eligibility.js';
import { InvalidInputError } from '../../../../src/domain/shared/errors.js';
import { asUserId } from '../../../../src/domain/shared/ids.js';
import { seededRandom } from '../../../../src/domain/shared/random.js';
import { balancedAllocationExists } from '../../../fixtures/domain/balance-oracle.js';
import { makeRoster, makeSubmissions, randomSizes } from '../../../fixtures/domain/roster.js';

type Allocated = Extract<AllocationResult, { status: 'allocated' }>;

function allocated(result: AllocationResult): Allocated {
  if (result.status !== 'allocated') throw new Error(`expected an allocation, got ${JSON.stringify(result)}`);
  return result;
}

function reviewersOf(result: Allocated, submissionId: string): string[] {
  return result.assignments.filter((a) => a.submissionId === submissionId).map((a) => a.reviewerId);
}

function spread(result: Allocated): number {
  const loads = result.loads.map((l) => l.load);
  return Math.max(...loads) - Math.min(...loads);
}

/** The invariants every allocation keeps, checked pair by pair against the scope's rule. */
function expectSound(
  result: Allocated,
  submissions: readonly ReviewableSubmission[],
  reviewers: readonly ReviewerRef[],
  n: number,
  scope: 'across-teams' | 'within-team',
): void {
  const byId = new Map(reviewers.map((r) => [r.userId as string, r]));
  for (const submission of submissions) {
    const assigned = reviewersOf(result, submission.id);
    expect(assigned, `coverage of ${submission.id}`).to.have.length(n);
    expect(new Set(assigned).size, `distinct reviewers of ${submission.id}`).to.equal(n);
    for (const reviewerId of assigned) {
      const reviewer = byId.get(reviewerId);
      expect(reviewer, `${reviewerId} is on the roster`).to.not.equal(undefined);
      expect(
        eligibilityRules[scope](reviewer as ReviewerRef, submission),
        `${reviewerId} → ${submission.id}`,
      ).to.equal(undefined);
    }
  }
  const loads = new Map(result.loads.map((l) => [l.reviewerId as string, l.load]));
  for (const r of reviewers) {
    expect(loads.get(r.userId)).to.equal(result.assignments.filter((a) => a.reviewerId === r.userId).length);
  }
}

describe('allocators (push allocation)', () => {
  describe('across teams', () => {
    it('gives every team submission N reviewers from other teams, never its own members', () => {
      const roster = makeRoster([3, 3, 3, 3]);
      const submissions = makeSubmissions(roster, 'team');
      const result = allocated(
        allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 2,
          random: seededRandom(1),
        }),
      );
      expectSound(result, submissions, roster.reviewers, 2, 'across-teams');
      for (const submission of submissions) {
        const team = submission.owner.teamId as string;
        expect(
          reviewersOf(result, submission.id).every((u) => !u.startsWith(`u-${team.slice(2)}-`)),
        ).to.equal(true);
      }
      // 4 submissions × 2 reviews over 12 reviewers: 8 reviewers get one, 4 get none.
      expect(spread(result)).to.equal(1);
      expect(result.balanced).to.equal(true);
    });

    it('never gives a person their own work nor a teammate’s', () => {
      const roster = makeRoster([2, 3, 4]);
      const submissions = makeSubmissions(roster, 'person');
      const result = allocated(
        allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 3,
          random: seededRandom(7),
        }),
      );
      expectSound(result, submissions, roster.reviewers, 3, 'across-teams');
      expect(result.balanced).to.equal(true);
      expect(result.loads.every((l) => l.load === 3)).to.equal(true);
    });

    it('explains every assignment: fewest reviews so far, how many were eligible and tied', () => {
      const roster = makeRoster([2, 2, 2]);
      const submissions = makeSubmissions(roster, 'team');
      const result = allocated(
        allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 2,
          random: seededRandom(3),
        }),
      );
      for (const assignment of result.assignments) {
        const first = assignment.reasons[0];
        expect(first?.kind).to.equal('fewest-reviews');
        if (first?.kind !== 'fewest-reviews') continue;
        expect(first.eligibleReviewers).to.equal(4);
        expect(first.excludedReviewers).to.equal(2);
        expect(first.tiedReviewers).to.be.within(1, 4);
      }
      expect(result.log[0]).to.deep.include({
        kind: 'summary',
        scope: 'across-teams',
        submissions: 3,
        reviewers: 6,
        added: 6,
      });
      expect(result.log[1]).to.deep.include({ kind: 'balanced', minLoad: 1, maxLoad: 1 });
    });

    it('reports an infeasible allocation with every shortfall instead of a partial one', () => {
      const roster = makeRoster([4, 1]);
      const submissions = makeSubmissions(roster, 'team');
      const result = allocators['across-teams']({
        submissions,
        reviewers: roster.reviewers,
        reviewsPerSubmission: 2,
        random: seededRandom(1),
      });
      expect(result.status).to.equal('infeasible');
      if (result.status !== 'infeasible') return;
      // Team 1's work can only go to the one member of team 2.
      expect(result.shortfalls).to.deep.equal([{ submissionId: 's-t-1', needed: 2, eligibleReviewers: 1 }]);
      expect(result).to.not.have.property('assignments');
    });

    it('says the spread is unavoidable when team sizes force it', () => {
      // Ten people in team 1 and one in team 2: team 1's ten submissions can only go to u-2-1.
      const roster = makeRoster([10, 1]);
      const submissions = makeSubmissions(roster, 'person');
      const result = allocated(
        allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 1,
          random: seededRandom(5),
        }),
      );
      expectSound(result, submissions, roster.reviewers, 1, 'across-teams');
      expect(result.balanced).to.equal(false);
      expect(result.loads.find((l) => l.reviewerId === 'u-2-1')?.load).to.equal(10);
      expect(result.log[1]).to.deep.include({ kind: 'unbalanced-unavoidable', minLoad: 0, maxLoad: 10 });
    });

    it('keeps existing assignments and only tops up what is missing', () => {
      const roster = makeRoster([3, 3, 3]);
      const submissions = makeSubmissions(roster, 'team');
      const existing = [{ submissionId: submissions[0]!.id, reviewerId: asUserId('u-2-1') }];
      const result = allocated(
        allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 2,
          existing,
          random: seededRandom(9),
        }),
      );
      expect(reviewersOf(result, 's-t-1')).to.have.length(1).and.not.include('u-2-1');
      expect(result.loads.find((l) => l.reviewerId === 'u-2-1')?.load).to.be.at.least(1);
      expect(result.log[0]).to.deep.include({ kind: 'summary', kept: 1, added: 5 });
    });

    it('rejects a number of reviews outside 1..20', () => {
      const roster = makeRoster([3, 3]);
      for (const n of [0, 1.5, 21]) {
        expect(() =>
          allocateBalanced(
            {
              submissions: makeSubmissions(roster, 'team'),
              reviewers: roster.reviewers,
              reviewsPerSubmission: n,
              random: seededRandom(1),
            },
            'across-teams',
          ),
        ).to.throw(InvalidInputError);
      }
    });
  });

  describe('within the team', () => {
    it('gives each person N teammates as reviewers, never themselves', () => {
      const roster = makeRoster([4, 4, 4]);
      const submissions = makeSubmissions(roster, 'person');
      const result = allocated(
        allocators['within-team']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: 2,
          random: seededRandom(2),
        }),
      );
      expectSound(result, submissions, roster.reviewers, 2, 'within-team');
      for (const a of result.assignments) {
        expect(a.reviewerId).to.not.equal(a.submissionId.slice(2));
        expect(a.reviewerId.split('-')[1]).to.equal(a.submissionId.split('-')[2]);
      }
      expect(result.loads.every((l) => l.load === 2)).to.equal(true);
    });

    it('is infeasible for a team too small for N', () => {
      const roster = makeRoster([4, 2]);
      const result = allocators['within-team']({
        submissions: makeSubmissions(roster, 'person'),
        reviewers: roster.reviewers,
        reviewsPerSubmission: 2,
        random: seededRandom(2),
      });
      expect(result.status).to.equal('infeasible');
      if (result.status === 'infeasible') {
        expect(result.shortfalls.map((s) => s.submissionId)).to.deep.equal(['s-u-2-1', 's-u-2-2']);
      }
    });

    it('is infeasible for team submissions: nobody in the team is not an author', () => {
      const roster = makeRoster([3, 3]);
      const result = allocators['within-team']({
        submissions: makeSubmissions(roster, 'team'),
        reviewers: roster.reviewers,
        reviewsPerSubmission: 1,
        random: seededRandom(2),
      });
      expect(result.status).to.equal('infeasible');
    });
  });

  describe('properties over seeded random rosters', () => {
    const cases = 300;

    it(`keeps coverage, eligibility and max − min ≤ 1 across teams (${cases} rosters)`, () => {
      const meta = seededRandom(20260701);
      let checked = 0;
      let balancedCases = 0;
      for (let c = 0; c < cases; c++) {
        const sizes = randomSizes(meta, 2 + Math.floor(meta() * 7), 1, 7);
        const roster = makeRoster(sizes);
        const mode = meta() < 0.5 ? 'team' : 'person';
        // Some people never hand in: they still review.
        const submissions = makeSubmissions(roster, mode, () => meta() < 0.85);
        const n = 1 + Math.floor(meta() * 3);
        const result = allocators['across-teams']({
          submissions,
          reviewers: roster.reviewers,
          reviewsPerSubmission: n,
          random: seededRandom(c),
        });
        if (result.status === 'infeasible') {
          // Only when some submission truly has fewer than n reviewers outside its team.
          expect(result.shortfalls.every((s) => s.eligibleReviewers < n)).to.equal(true);
          continue;
        }
        expectSound(result, submissions, roster.reviewers, n, 'across-teams');
        // Balanced exactly when the independent max-flow oracle says a balanced allocation exists.
        const possible = balancedAllocationExists(
          submissions,
          roster.reviewers,
          n,
          eligibilityRules['across-teams'],
        );
        expect(result.balanced, `sizes ${sizes.join(',')} mode ${mode} n ${n}`).to.equal(possible);
        expect(spread(result) <= 1).to.equal(result.balanced);
        if (possible) balancedCases++;
        checked++;
      }
      expect(checked).to.be.greaterThan(cases / 2);
      expect(balancedCases).to.be.greaterThan(cases / 2);
    });

    it(`keeps coverage, eligibility and max − min ≤ 1 within teams of equal size (${cases} rosters)`, () => {
      const meta = seededRandom(42);
      for (let c = 0; c < cases; c++) {
        const size = 3 + Math.floor(meta() * 5);
        const roster = makeRoster(Array.from({ length: 1 + Math.floor(meta() * 6) }, () => size));
        const submissions = makeSubmissions(roster, 'person');
        const n = 1 + Math.floor(meta() * (size - 1));
        const result = allocated(
          allocators['within-team']({
            submissions,
            reviewers: roster.reviewers,
            reviewsPerSubmission: n,
            random: seededRandom(c),
          }),
        );
        expectSound(result, submissions, roster.reviewers, n, 'within-team');
        expect(spread(result)).to.be.at.most(1);
      }
    });

    it('is deterministic for a seed and does not depend on the order of its input', () => {
      const meta = seededRandom(99);
      for (let c = 0; c < 50; c++) {
        const roster = makeRoster(randomSizes(meta, 5, 2, 6));
        const submissions = makeSubmissions(roster, 'person');
        const run = (
          subs: readonly ReviewableSubmission[],
          reviewers: readonly ReviewerRef[],
          seed: number,
        ) =>
          JSON.stringify(
            allocators['across-teams']({
              submissions: subs,
              reviewers,
              reviewsPerSubmission: 2,
              random: seededRandom(seed),
            }),
          );
        const first = run(submissions, roster.reviewers, c);
        expect(run(submissions, roster.reviewers, c)).to.equal(first);
        expect(run([...submissions].reverse(), [...roster.reviewers].reverse(), c)).to.equal(first);
        if (c === 0) expect(run(submissions, roster.reviewers, c + 1000)).to.not.equal(first);
      }
    });
  });
});
