/**
 * Push allocation: when peer review opens, every handed-in submission gets `reviewsPerSubmission`
 * distinct reviewers, and every reviewer about the same number of reviews.
 *
 * The strategy is chosen per task by its scope (`allocators[scope]`, one tiny interface); both
 * scopes share the algorithm and differ only in who is eligible (`eligibility.ts`):
 *
 * 1. Feasibility first. A submission with fewer eligible reviewers than it needs makes the whole
 *    allocation `infeasible`, with each shortfall listed — never a silent partial allocation.
 * 2. Greedy, most constrained first (Moodle Workshop's "lowest workload" rounds, ordered so the
 *    submissions with the fewest eligible reviewers choose first): each submission takes the
 *    eligible reviewers with the fewest reviews so far, at random among ties.
 * 3. Rebalancing. While some reviewer has at least two more reviews than another, look for a
 *    chain of moves (reviewer a gives submission s₁ to b, b gives s₂ to c, …) from a heavily
 *    loaded reviewer to a lightly loaded one, breadth first; each move keeps every submission
 *    covered by distinct eligible reviewers. This is an augmenting path in the flow network
 *    submissions → reviewers; when none is left the spread of loads is the smallest any
 *    allocation can reach, so `balanced: false` then means "impossible with these teams", and
 *    the log says so.
 *
 * Deterministic: the inputs are put in id order first, and all randomness comes from the
 * seeded `random` — the same input and seed give the same allocation. Existing assignments
 * (earlier rounds, facilitator adjustments) are kept, count toward coverage and load, and are
 * never moved. Every new assignment carries its reasons for the facilitator's view.
 */

import { InvalidInputError } from '../shared/errors.js';
import type { UserId } from '../shared/ids.js';
import { shuffle, type RandomSource } from '../shared/random.js';
import { authorsOf, type SubmissionId } from '../submission/submission.js';
import {
  eligibilityRules,
  type AllocationScope,
  type EligibilityRule,
  type ReviewableSubmission,
  type ReviewerRef,
} from './eligibility.js';

export interface AllocationInput {
  /** Handed-in submissions to allocate reviewers to. */
  readonly submissions: readonly ReviewableSubmission[];
  /** Everyone who reviews (usually every learner in a team of the task, handed in or not). */
  readonly reviewers: readonly ReviewerRef[];
  /** N: the reviews each submission gets (existing ones included). */
  readonly reviewsPerSubmission: number;
  /** Assignments that stay as they are. */
  readonly existing?: readonly { readonly submissionId: SubmissionId; readonly reviewerId: UserId }[];
  readonly random: RandomSource;
}

/** Why an assignment was made, as data; the facilitator view turns it into a sentence. */
export type AssignmentReason =
  | {
      readonly kind: 'fewest-reviews';
      /** The reviewer's reviews before this one. */
      readonly loadBefore: number;
      /** Reviewers who may review this submission under the task's scope. */
      readonly eligibleReviewers: number;
      /** Reviewers excluded by the scope (authors, own team or other teams). */
      readonly excludedReviewers: number;
      /** Eligible reviewers that had the same, lowest load (one was picked at random). */
      readonly tiedReviewers: number;
      /** Position of the submission in the most-constrained-first order (0 = chose first). */
      readonly order: number;
    }
  | {
      readonly kind: 'rebalanced';
      /** Who had it before the move. */
      readonly from: UserId;
      readonly fromLoad: number;
      readonly toLoadBefore: number;
    };

export interface PlannedAssignment {
  readonly submissionId: SubmissionId;
  readonly reviewerId: UserId;
  /** Oldest first. */
  readonly reasons: readonly AssignmentReason[];
}

export interface ReviewerLoad {
  readonly reviewerId: UserId;
  /** Existing and new assignments. */
  readonly load: number;
}

export interface Shortfall {
  readonly submissionId: SubmissionId;
  readonly needed: number;
  readonly eligibleReviewers: number;
}

export type AllocationLogEntry =
  | {
      readonly kind: 'summary';
      readonly scope: AllocationScope;
      readonly submissions: number;
      readonly reviewers: number;
      readonly reviewsPerSubmission: number;
      readonly kept: number;
      readonly added: number;
    }
  | { readonly kind: 'balanced'; readonly minLoad: number; readonly maxLoad: number; readonly moves: number }
  | {
      readonly kind: 'unbalanced-unavoidable';
      readonly minLoad: number;
      readonly maxLoad: number;
      readonly moves: number;
    }
  | { readonly kind: 'shortfall'; readonly shortfall: Shortfall }
  | { readonly kind: 'no-submissions' };

export type AllocationResult =
  | {
      readonly status: 'allocated';
      readonly assignments: readonly PlannedAssignment[];
      readonly loads: readonly ReviewerLoad[];
      /** max − min ≤ 1 over all reviewers. */
      readonly balanced: boolean;
      readonly log: readonly AllocationLogEntry[];
    }
  | {
      readonly status: 'infeasible';
      readonly shortfalls: readonly Shortfall[];
      readonly log: readonly AllocationLogEntry[];
    };

/** The strategy interface: one function per allocation scope. */
export type Allocator = (input: AllocationInput) => AllocationResult;

export const allocators: Readonly<Record<AllocationScope, Allocator>> = {
  'across-teams': (input) => allocateBalanced(input, 'across-teams'),
  'within-team': (input) => allocateBalanced(input, 'within-team'),
};

/** Reviewers per submission must be a whole number from 1 to this. */
export const MAX_REVIEWS_PER_SUBMISSION = 20;

/**
 * @throws InvalidInputError when `reviewsPerSubmission` is not a whole number in 1..20, or a
 *   submission or reviewer appears twice.
 */
export function allocateBalanced(input: AllocationInput, scope: AllocationScope): AllocationResult {
  const n = input.reviewsPerSubmission;
  if (!Number.isInteger(n) || n < 1 || n > MAX_REVIEWS_PER_SUBMISSION) {
    throw new InvalidInputError([{ field: 'reviewsPerSubmission', code: 'out-of-range' }]);
  }
  const rule = eligibilityRules[scope];
  const reviewers = [...input.reviewers].sort((a, b) => compare(a.userId, b.userId));
  const submissions = [...input.submissions].sort((a, b) => compare(a.id, b.id));
  assertUnique(
    reviewers.map((r) => r.userId),
    'reviewers',
  );
  assertUnique(
    submissions.map((s) => s.id),
    'submissions',
  );

  const state = new AllocationState(reviewers, submissions, rule, scope);
  const kept = state.keep(input.existing ?? []);
  const summary = (added: number): AllocationLogEntry => ({
    kind: 'summary',
    scope,
    submissions: submissions.length,
    reviewers: reviewers.length,
    reviewsPerSubmission: n,
    kept,
    added,
  });

  if (submissions.length === 0) {
    return {
      status: 'allocated',
      assignments: [],
      loads: state.loads(),
      balanced: true,
      log: [summary(0), { kind: 'no-submissions' }],
    };
  }

  const shortfalls: Shortfall[] = [];
  submissions.forEach((submission, j) => {
    if (state.reachable(j) < n) {
      shortfalls.push({ submissionId: submission.id, needed: n, eligibleReviewers: state.eligibleCount(j) });
    }
  });
  if (shortfalls.length > 0) {
    return {
      status: 'infeasible',
      shortfalls,
      log: [
        summary(0),
        ...shortfalls.map((shortfall): AllocationLogEntry => ({ kind: 'shortfall', shortfall })),
      ],
    };
  }

  // Most constrained first; a seeded shuffle breaks ties between equally constrained submissions.
  const order = shuffle(
    submissions.map((_, j) => j),
    input.random,
  ).sort((a, b) => state.eligibleCount(a) - state.eligibleCount(b));
  order.forEach((j, position) => state.fill(j, n, position, input.random));

  const moves = state.rebalance();
  const { min, max } = state.loadRange();
  const balanced = max - min <= 1;
  return {
    status: 'allocated',
    assignments: state.planned(),
    loads: state.loads(),
    balanced,
    log: [
      summary(state.addedCount()),
      balanced
        ? { kind: 'balanced', minLoad: min, maxLoad: max, moves }
        : { kind: 'unbalanced-unavoidable', minLoad: min, maxLoad: max, moves },
    ],
  };
}

interface WorkingAssignment {
  readonly submission: number;
  reviewer: number;
  readonly reasons: AssignmentReason[];
}

/**
 * Mutable working state, local to one call: reviewers are grouped in pools (everyone for
 * across-teams, one pool per team for within-team) and, inside a pool, in buckets by load, so
 * "an eligible reviewer with the fewest reviews" is found without scanning everyone.
 */
class AllocationState {
  private readonly load: number[];
  private readonly reviewerIndex = new Map<string, number>();
  private readonly onSubmission: Set<number>[];
  private readonly work: WorkingAssignment[] = [];
  /** Per reviewer: indices into `work` (movable assignments only). */
  private readonly held: number[][];
  private readonly pools = new Map<string, LoadBuckets>();
  private readonly poolOfReviewer: (string | undefined)[];
  /** Per submission: reviewers in its pool the rule might exclude (authors, own team). */
  private readonly suspects: number[][];
  private readonly eligible: number[];
  private readonly teamMembers = new Map<string, number[]>();

  constructor(
    private readonly reviewers: readonly ReviewerRef[],
    private readonly submissions: readonly ReviewableSubmission[],
    private readonly rule: EligibilityRule,
    private readonly scope: AllocationScope,
  ) {
    this.load = reviewers.map(() => 0);
    this.held = reviewers.map(() => []);
    this.onSubmission = submissions.map(() => new Set<number>());
    reviewers.forEach((r, i) => {
      this.reviewerIndex.set(r.userId, i);
      if (r.teamId !== undefined) pushTo(this.teamMembers, r.teamId, i);
    });
    this.poolOfReviewer = reviewers.map((r) => (scope === 'across-teams' ? '*' : r.teamId));
    this.poolOfReviewer.forEach((pool, i) => {
      if (pool === undefined) return;
      let buckets = this.pools.get(pool);
      if (buckets === undefined) this.pools.set(pool, (buckets = new LoadBuckets()));
      buckets.add(i, 0);
    });
    this.suspects = submissions.map((s) => this.suspectsOf(s));
    this.eligible = submissions.map((s, j) => {
      const pool = this.poolOfSubmission(s);
      const size = pool === undefined ? 0 : (this.pools.get(pool)?.size ?? 0);
      const excluded = (this.suspects[j] ?? []).filter(
        (i) => this.rule(this.reviewer(i), s) !== undefined,
      ).length;
      return size - excluded;
    });
  }

  eligibleCount(j: number): number {
    return this.eligible[j] ?? 0;
  }

  /** Reviews the submission can reach: those it has plus eligible reviewers not yet on it. */
  reachable(j: number): number {
    const submission = this.submissions[j] as ReviewableSubmission;
    const on = this.onSubmission[j] as Set<number>;
    const eligibleOn = [...on].filter(
      (i) => i >= 0 && this.rule(this.reviewer(i), submission) === undefined,
    ).length;
    return on.size + this.eligibleCount(j) - eligibleOn;
  }

  keep(existing: readonly { readonly submissionId: SubmissionId; readonly reviewerId: UserId }[]): number {
    const subIndex = new Map(this.submissions.map((s, j) => [s.id as string, j]));
    let kept = 0;
    for (const pair of existing) {
      const j = subIndex.get(pair.submissionId);
      if (j === undefined) continue;
      const i = this.reviewerIndex.get(pair.reviewerId);
      // CASE: a reviewer outside the roster (added by hand) still counts toward coverage.
      const key = i ?? -1 - kept;
      const set = this.onSubmission[j] as Set<number>;
      if (i !== undefined && set.has(i)) continue;
      set.add(key);
      if (i !== undefined) this.bump(i, +1);
      kept++;
    }
    return kept;
  }

  fill(j: number, n: number, order: number, random: RandomSource): void {
    const submission = this.submissions[j] as ReviewableSubmission;
    const pool = this.pools.get(this.poolOfSubmission(submission) ?? '');
    const on = this.onSubmission[j] as Set<number>;
    const skip = (i: number): boolean => on.has(i) || this.rule(this.reviewer(i), submission) !== undefined;
    while (on.size < n && pool !== undefined) {
      const pick = pool.pickLowest(skip, random);
      if (pick === undefined) break; // cannot happen after the feasibility check
      // Eligible reviewers at the picked load: the bucket minus those skipped for this submission.
      const skippedThere = new Set(
        [...(this.suspects[j] ?? []), ...on].filter((i) => i >= 0 && this.load[i] === pick.load && skip(i)),
      );
      const tied = pick.bucketSize - skippedThere.size;
      const reason: AssignmentReason = {
        kind: 'fewest-reviews',
        loadBefore: pick.load,
        eligibleReviewers: this.eligibleCount(j),
        excludedReviewers: this.reviewers.length - this.eligibleCount(j),
        tiedReviewers: tied,
        order,
      };
      this.add(j, pick.index, reason);
    }
  }

  /** Moves along augmenting paths until no reviewer can pass work to one with ≥ 2 fewer. Returns the moves. */
  rebalance(): number {
    let moves = 0;
    for (;;) {
      const { min, max } = this.loadRange();
      if (max - min <= 1) return moves;
      const down = this.augment(
        (l) => l === max,
        (l) => l <= max - 2,
      );
      if (down > 0) {
        moves += down;
        continue;
      }
      const up = this.augment(
        (l) => l >= min + 2,
        (l) => l === min,
      );
      if (up > 0) {
        moves += up;
        continue;
      }
      return moves;
    }
  }

  loadRange(): { min: number; max: number } {
    if (this.load.length === 0) return { min: 0, max: 0 };
    let min = Infinity;
    let max = -Infinity;
    for (const l of this.load) {
      if (l < min) min = l;
      if (l > max) max = l;
    }
    return { min, max };
  }

  loads(): ReviewerLoad[] {
    return this.reviewers.map((r, i) => ({ reviewerId: r.userId, load: this.load[i] ?? 0 }));
  }

  addedCount(): number {
    return this.work.length;
  }

  planned(): PlannedAssignment[] {
    return this.work
      .map((w) => ({
        submissionId: (this.submissions[w.submission] as ReviewableSubmission).id,
        reviewerId: this.reviewer(w.reviewer).userId,
        reasons: [...w.reasons],
      }))
      .sort((a, b) => compare(a.submissionId, b.submissionId) || compare(a.reviewerId, b.reviewerId));
  }

  private reviewer(i: number): ReviewerRef {
    return this.reviewers[i] as ReviewerRef;
  }

  private poolOfSubmission(s: ReviewableSubmission): string | undefined {
    if (this.scope === 'across-teams') return '*';
    return s.owner.teamId;
  }

  private suspectsOf(s: ReviewableSubmission): number[] {
    const out = new Set<number>();
    for (const author of authorsOf(s.owner)) {
      const i = this.reviewerIndex.get(author);
      if (i !== undefined) out.add(i);
    }
    if (this.scope === 'across-teams' && s.owner.teamId !== undefined) {
      for (const i of this.teamMembers.get(s.owner.teamId) ?? []) out.add(i);
    }
    if (this.scope === 'within-team' && s.owner.kind === 'team') {
      for (const i of this.teamMembers.get(s.owner.teamId) ?? []) out.add(i);
    }
    return [...out];
  }

  private add(j: number, i: number, reason: AssignmentReason): void {
    (this.onSubmission[j] as Set<number>).add(i);
    this.work.push({ submission: j, reviewer: i, reasons: [reason] });
    (this.held[i] as number[]).push(this.work.length - 1);
    this.bump(i, +1);
  }

  private bump(i: number, delta: number): void {
    const pool = this.poolOfReviewer[i];
    const before = this.load[i] ?? 0;
    this.load[i] = before + delta;
    if (pool !== undefined) this.pools.get(pool)?.move(i, before, before + delta);
  }

  /**
   * Breadth-first search from every reviewer whose load satisfies `isSource` to one whose load
   * satisfies `isTarget`, along "a hands one of its new assignments to an eligible b not yet on
   * that submission"; applies the first path found. Returns the moves made (0 when none).
   */
  private augment(isSource: (load: number) => boolean, isTarget: (load: number) => boolean): number {
    const parent = new Map<number, { from: number; work: number }>();
    const queue: number[] = [];
    this.load.forEach((l, i) => {
      if (isSource(l) && (this.held[i]?.length ?? 0) > 0) {
        parent.set(i, { from: -1, work: -1 });
        queue.push(i);
      }
    });
    const sourceLoad = new Map<number, number>(queue.map((i) => [i, this.load[i] ?? 0]));
    const rootOf = new Map<number, number>(queue.map((i) => [i, i]));
    for (let head = 0; head < queue.length; head++) {
      const a = queue[head] as number;
      const root = rootOf.get(a) as number;
      for (const w of this.held[a] ?? []) {
        const work = this.work[w] as WorkingAssignment;
        const submission = this.submissions[work.submission] as ReviewableSubmission;
        const on = this.onSubmission[work.submission] as Set<number>;
        const pool = this.pools.get(this.poolOfSubmission(submission) ?? '');
        if (pool === undefined) continue;
        for (const b of pool.members()) {
          if (parent.has(b) || on.has(b) || this.rule(this.reviewer(b), submission) !== undefined) continue;
          parent.set(b, { from: a, work: w });
          rootOf.set(b, root);
          const bLoad = this.load[b] ?? 0;
          const rootLoad = sourceLoad.get(root) ?? 0;
          if (isTarget(bLoad) && bLoad <= rootLoad - 2) return this.applyPath(b, parent);
          queue.push(b);
        }
      }
    }
    return 0;
  }

  private applyPath(target: number, parent: Map<number, { from: number; work: number }>): number {
    const steps: { from: number; to: number; work: number }[] = [];
    for (let b = target; ;) {
      const p = parent.get(b) as { from: number; work: number };
      if (p.from < 0) break;
      steps.push({ from: p.from, to: b, work: p.work });
      b = p.from;
    }
    // Apply from the source end so every intermediate reviewer gives one and takes one.
    for (const step of steps.reverse()) {
      const work = this.work[step.work] as WorkingAssignment;
      const on = this.onSubmission[work.submission] as Set<number>;
      work.reasons.push({
        kind: 'rebalanced',
        from: this.reviewer(step.from).userId,
        fromLoad: this.load[step.from] ?? 0,
        toLoadBefore: this.load[step.to] ?? 0,
      });
      on.delete(step.from);
      on.add(step.to);
      work.reviewer = step.to;
      const held = this.held[step.from] as number[];
      held.splice(held.indexOf(step.work), 1);
      (this.held[step.to] as number[]).push(step.work);
      this.bump(step.from, -1);
      this.bump(step.to, +1);
    }
    return steps.length;
  }
}

/**
 * Reviewers of one pool in buckets by load. `pickLowest` returns a reviewer from the lowest
 * bucket holding one that is not skipped: a few random probes first (ties are broken at random),
 * then a scan from a random offset.
 */
class LoadBuckets {
  private readonly buckets: number[][] = [];
  private readonly position = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(i: number, load: number): void {
    const bucket = (this.buckets[load] ??= []);
    this.position.set(i, bucket.length);
    bucket.push(i);
    this.count++;
  }

  move(i: number, from: number, to: number): void {
    const bucket = this.buckets[from] as number[];
    const at = this.position.get(i) as number;
    const last = bucket.pop() as number;
    if (last !== i) {
      bucket[at] = last;
      this.position.set(last, at);
    }
    this.count--;
    this.add(i, to);
  }

  *members(): Iterable<number> {
    for (const bucket of this.buckets) if (bucket !== undefined) yield* bucket;
  }

  pickLowest(
    skip: (i: number) => boolean,
    random: RandomSource,
  ): { index: number; load: number; bucketSize: number } | undefined {
    for (let load = 0; load < this.buckets.length; load++) {
      const bucket = this.buckets[load];
      if (bucket === undefined || bucket.length === 0) continue;
      for (let probe = 0; probe < 4; probe++) {
        const i = bucket[Math.floor(random() * bucket.length)] as number;
        if (!skip(i)) return { index: i, load, bucketSize: bucket.length };
      }
      const start = Math.floor(random() * bucket.length);
      for (let k = 0; k < bucket.length; k++) {
        const i = bucket[(start + k) % bucket.length] as number;
        if (!skip(i)) return { index: i, load, bucketSize: bucket.length };
      }
    }
    return undefined;
  }
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertUnique(ids: readonly string[], field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new InvalidInputError([{ field: `${field}.${i}`, code: 'duplicate' }]);
    seen.add(id);
  });
}
