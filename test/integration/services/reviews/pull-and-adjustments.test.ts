/**
 * Pull mode with leases on the real store (the late team's work is offered first, an expired
 * claim stops holding its submission, a renewed one can still be finished), early release at k
 * reviews, and push-mode facilitator adjustments by hand and concurrent allocation runs.
 */
import { expect } from 'chai';
import { PhaseConflictError, VersionConflictError } from '../../../../src/domain/shared/errors.js';
import type { UserId } from '../../../../src/domain/shared/ids.js';
import type { ReviewId } from '../../../../src/domain/review/review.js';
import type { Submission } from '../../../../src/domain/submission/submission.js';
import { allocateReviews } from '../../../../src/services/reviews/allocate-reviews.js';
import { assignReviewer } from '../../../../src/services/reviews/assign-reviewer.js';
import { feedbackPage } from '../../../../src/services/reviews/feedback-page.js';
import { openReviewForm } from '../../../../src/services/reviews/open-review-form.js';
import { renewReviewLease } from '../../../../src/services/reviews/renew-review-lease.js';
import { reviewDashboard } from '../../../../src/services/reviews/review-dashboard.js';
import { submitReview } from '../../../../src/services/reviews/submit-review.js';
import { takeNextReview, type TakeNextOutcome } from '../../../../src/services/reviews/take-next-review.js';
import { unassignReviewer } from '../../../../src/services/reviews/unassign-reviewer.js';
import { saveSubmissionDraft } from '../../../../src/services/submissions/save-submission-draft.js';
import { submitWork } from '../../../../src/services/submissions/submit-work.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { startReviewHarness, type ReviewHarness } from '../../../helpers/review-harness.js';
import { as, facilitator, learner } from '../../../helpers/teamwork-harness.js';
import { TEAM_MEMBERS, setUpRound, type Round } from '../../../fixtures/review-round.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-03T09:00:00Z');

describe('services: pull allocation, early release and adjustments', function () {
  let h: ReviewHarness;
  const [t0, t1, t2] = TEAM_MEMBERS as [UserId[], UserId[], UserId[]];
  const d = () => h.reviewDeps;
  const who = (u: UserId) => as(learner(u));

  before(async function () {
    h = await startReviewHarness('review-pull');
  });
  after(async function () {
    await h?.stop();
  });

  async function handIn(round: Round, members: readonly UserId[]): Promise<Submission> {
    await saveSubmissionDraft(d(), {
      ...who(members[0]!),
      taskId: round.taskId,
      parts: [{ kind: 'text', markdown: 'Our work.' }],
    });
    return submitWork(d(), { ...who(members[0]!), taskId: round.taskId });
  }

  async function complete(round: Round, u: UserId, reviewId: ReviewId, level = 'l1') {
    const page = await openReviewForm(d(), { ...who(u), taskId: round.taskId, reviewId });
    return submitReview(d(), {
      ...who(u),
      taskId: round.taskId,
      reviewId,
      values: {
        ratings: page.form.criteria.map((c) => ({
          criterionId: c.criterionId,
          levelId: level,
          comment: 'noted',
        })),
      },
    });
  }

  const claimed = (o: TakeNextOutcome) => {
    if (o.kind !== 'review') throw new Error(`expected a review, got ${o.reason}`);
    return o;
  };

  it('offers the fewest-reviewed work under a lease, late work first, and frees expired claims', async function () {
    const round = await setUpRound(
      h,
      {
        allocation: 'pull',
        reviewsPerSubmission: 1,
        leaseMinutes: 30,
        release: { kind: 'min-reviews', minReviews: 1 },
        lateSubmissions: { allowed: true },
      },
      { work: { closesAt: new Date(T0 + 10 * HOUR) } },
    );
    const task = { taskId: round.taskId };
    h.at(2);
    const sub0 = await handIn(round, t0);
    const sub1 = await handIn(round, t1);
    h.at(11);
    await advancePhase(d(), { ...as(facilitator), ...task, to: 'peer-review' });
    await expectRejection(allocateReviews(d(), { ...as(facilitator), ...task }), PhaseConflictError);

    const g = claimed(await takeNextReview(d(), { ...who(t2[0]!), ...task }));
    expect(g.resumed).to.equal(false);
    expect(g.leaseExpiresAt?.getTime()).to.equal(T0 + 11 * HOUR + 30 * 60_000);
    expect(await takeNextReview(d(), { ...who(t2[0]!), ...task })).to.deep.equal({
      kind: 'review',
      reviewId: g.reviewId,
      resumed: true,
    });
    const x = (await d().reviews.findById(g.reviewId))!.submissionId;

    h.at(11.25);
    const h2 = claimed(await takeNextReview(d(), { ...who(t2[1]!), ...task }));
    expect((await d().reviews.findById(h2.reviewId))!.submissionId).to.equal(
      x === sub0.id ? sub1.id : sub0.id,
    );
    expect(await takeNextReview(d(), { ...who(t2[2]!), ...task })).to.deep.equal({
      kind: 'nothing-left',
      reason: 'all-covered',
    });

    // Team 2 hands in late, during peer review: the next reviewer gets it (no reviews yet).
    h.at(11.3);
    const late = await handIn(round, t2);
    expect(late.submitted?.late?.byMs).to.equal(1.3 * HOUR);
    h.at(11.35);
    const a = claimed(await takeNextReview(d(), { ...who(t0[0]!), ...task }));
    expect((await d().reviews.findById(a.reviewId))!.submissionId).to.equal(late.id);

    // g's claim expired at 11:30 unfinished: its submission is offered again.
    h.at(11.6);
    const asker = x === sub0.id ? t1[0]! : t0[1]!;
    const again = claimed(await takeNextReview(d(), { ...who(asker), ...task }));
    expect((await d().reviews.findById(again.reviewId))!.submissionId).to.equal(x);
    const explanation = (await d().reviews.listAssignments(round.taskId)).find(
      (r) => r.review.id === again.reviewId,
    )!.explanation;
    expect(explanation[0]).to.deep.include({ kind: 'pulled-fewest-reviews', reviewsCounted: 0 });

    // g renews and finishes anyway: one review more than asked, never lost work.
    const renewed = await renewReviewLease(d(), { ...who(t2[0]!), ...task, reviewId: g.reviewId });
    expect(renewed.leaseExpiresAt?.getTime()).to.equal(T0 + 11.6 * HOUR + 30 * 60_000);
    await complete(round, t2[0]!, g.reviewId, 'l2');

    // k = 1: released as soon as one review is in, while review is still open.
    const owner = x === sub0.id ? t0 : t1;
    const feedback = await feedbackPage(d(), { ...who(owner[0]!), ...task });
    expect(feedback.release).to.deep.equal({ released: true, because: 'enough-reviews' });
    // The finished review is final now; the other claim on it may still be submitted.
    const revise = await expectRejection(complete(round, t2[0]!, g.reviewId, 'l0'), PhaseConflictError);
    expect(revise.details.reason).to.equal('feedback-released');
    await complete(round, asker, again.reviewId, 'l1');
    const after = await feedbackPage(d(), { ...who(owner[0]!), ...task });
    expect('reviews' in after && after.reviews).to.have.length(2);
  });

  it('lets a facilitator take an unfinished review away and add a reviewer by hand, logged with notes', async function () {
    const round = await setUpRound(h, { allocation: 'push', reviewsPerSubmission: 1 });
    const task = { taskId: round.taskId };
    h.at(2);
    for (const team of TEAM_MEMBERS) await handIn(round, team);
    h.at(3);
    await advancePhase(d(), { ...as(facilitator), ...task, to: 'peer-review' });
    const { created } = await allocateReviews(d(), { ...as(facilitator), ...task });
    expect(created).to.have.length(3);
    const [first, second] = created;
    await complete(round, second!.reviewerId, second!.id);
    await expectRejection(
      unassignReviewer(d(), { ...as(facilitator), ...task, reviewId: second!.id }),
      PhaseConflictError,
    );

    await unassignReviewer(d(), { ...as(facilitator), ...task, reviewId: first!.id, note: 'Away this week' });
    expect(await d().reviews.findById(first!.id)).to.equal(undefined);
    const submission = (await d().submissions.findById(first!.submissionId))!;
    const ownTeam = submission.owner.kind === 'team' ? submission.owner.members : [];
    const replacement = TEAM_MEMBERS.flat().find((u) => !ownTeam.includes(u) && u !== first!.reviewerId)!;
    const added = await assignReviewer(d(), {
      ...as(facilitator),
      ...task,
      submissionId: submission.id,
      reviewerId: replacement,
      note: 'Covers for a colleague',
    });
    expect(added).to.deep.include({ source: 'facilitator', reviewerId: replacement, status: 'draft' });

    const dash = await reviewDashboard(d(), { ...as(facilitator), ...task });
    expect(dash.allocation.adjustments.map((a) => [a.kind, a.reviewerId, a.note])).to.deep.equal([
      ['unassigned-by-hand', first!.reviewerId, 'Away this week'],
      ['assigned-by-hand', replacement, 'Covers for a colleague'],
    ]);
    const row = dash.submissions.find((s) => s.submissionId === submission.id)!;
    expect(row.reviews.find((r) => r.reviewId === added.id)?.explanation).to.deep.equal([
      { kind: 'assigned-by-hand', by: facilitator.userId, note: 'Covers for a colleague' },
    ]);
  });

  it('records one allocation run when two facilitators allocate at the same moment', async function () {
    const round = await setUpRound(h, { allocation: 'push', reviewsPerSubmission: 2 });
    const task = { taskId: round.taskId };
    h.at(2);
    for (const team of TEAM_MEMBERS) await handIn(round, team);
    h.at(3);
    await advancePhase(d(), { ...as(facilitator), ...task, to: 'peer-review' });
    const results = await Promise.allSettled([
      allocateReviews(d(), { ...as(facilitator), ...task }),
      allocateReviews(d(), { ...as(facilitator), ...task }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).to.have.length(1);
    expect((rejected[0] as PromiseRejectedResult).reason).to.be.instanceOf(VersionConflictError);
    expect(await d().reviews.listByTask(round.taskId)).to.have.length(6);
    expect((await d().allocationLog.listByTask(round.taskId)).filter((e) => e.kind === 'run')).to.have.length(
      1,
    );
    // A later run (e.g. after late work) adds nothing when everything is covered, and says so.
    const rerun = await allocateReviews(d(), { ...as(facilitator), ...task });
    expect(rerun.round).to.equal(2);
    expect(rerun.created).to.deep.equal([]);
  });
});
