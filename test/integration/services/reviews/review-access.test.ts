/**
 * Authorisation and phase rules of the peer-review services on the real store: another team's
 * review, submission, file or rating; another course (learner and facilitator); learners at
 * facilitator use cases; someone in no team; and every action after its phase closed. A refused
 * request changes nothing.
 */
import { expect } from 'chai';
import type { Review } from '../../../../src/domain/review/review.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asUserId, type UserId } from '../../../../src/domain/shared/ids.js';
import { authorsOf, type Submission } from '../../../../src/domain/submission/submission.js';
import { computeGrades } from '../../../../src/services/grades/compute-grades.js';
import { overrideGrade } from '../../../../src/services/grades/override-grade.js';
import { releaseGrades } from '../../../../src/services/grades/release-grades.js';
import { submitContributionSplit } from '../../../../src/services/grades/submit-contribution-split.js';
import { allocateReviews } from '../../../../src/services/reviews/allocate-reviews.js';
import { assignReviewer } from '../../../../src/services/reviews/assign-reviewer.js';
import { configureReview } from '../../../../src/services/reviews/configure-review.js';
import { feedbackPage } from '../../../../src/services/reviews/feedback-page.js';
import { myReviews } from '../../../../src/services/reviews/my-reviews.js';
import { openReviewForm } from '../../../../src/services/reviews/open-review-form.js';
import { rateReview } from '../../../../src/services/reviews/rate-review.js';
import { reviewDashboard } from '../../../../src/services/reviews/review-dashboard.js';
import { saveReviewDraft } from '../../../../src/services/reviews/save-review-draft.js';
import { startSelfAssessment } from '../../../../src/services/reviews/start-self-assessment.js';
import { submitReview } from '../../../../src/services/reviews/submit-review.js';
import { takeNextReview } from '../../../../src/services/reviews/take-next-review.js';
import { unassignReviewer } from '../../../../src/services/reviews/unassign-reviewer.js';
import { mySubmission } from '../../../../src/services/submissions/my-submission.js';
import { openSubmissionFile } from '../../../../src/services/submissions/open-submission-file.js';
import { saveSubmissionDraft } from '../../../../src/services/submissions/save-submission-draft.js';
import { submitWork } from '../../../../src/services/submissions/submit-work.js';
import { uploadSubmissionFile } from '../../../../src/services/submissions/upload-submission-file.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { startReviewHarness, type ReviewHarness } from '../../../helpers/review-harness.js';
import { as, course, facilitator, learner, otherCourse } from '../../../helpers/teamwork-harness.js';
import { LEARNERS, TEAM_MEMBERS, setUpRound, type Round } from '../../../fixtures/review-round.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-03T09:00:00Z');

describe('services: peer-review authorisation and phase rules', function () {
  let h: ReviewHarness;
  let round: Round;
  let reviews: readonly Review[];
  let submissions: readonly Submission[];
  const [t0, t1] = TEAM_MEMBERS as [UserId[], UserId[], UserId[]];
  const d = () => h.reviewDeps;
  const task = () => ({ taskId: round.taskId });
  const who = (u: UserId, courseId = course) => as(learner(u), courseId);
  const stranger = asUserId('usr-nobody-99');

  before(async function () {
    h = await startReviewHarness('review-access');
    round = await setUpRound(
      h,
      {
        lateSubmissions: { allowed: false },
        reviewsPerSubmission: 2,
        contributionSplit: true,
        grading: {
          mode: 'graded',
          formula: { submissionWeight: 1, reviewWeight: 0, contributionWeighting: 0, scoreMaximum: 10 },
        },
      },
      {
        work: { closesAt: new Date(T0 + 10 * HOUR) },
        'peer-review': { opensAt: new Date(T0 + 11 * HOUR), closesAt: new Date(T0 + 20 * HOUR) },
      },
    );
    h.setRoster(course, [...LEARNERS, stranger]);
    h.at(2);
    for (const members of TEAM_MEMBERS) {
      await saveSubmissionDraft(d(), {
        ...who(members[0]!),
        ...task(),
        parts: [{ kind: 'text', markdown: 'Work.' }],
      });
      await uploadSubmissionFile(d(), {
        ...who(members[0]!),
        ...task(),
        name: 'notes.txt',
        declaredType: 'text/plain',
        content: Buffer.from('plain notes'),
      });
      await submitWork(d(), { ...who(members[0]!), ...task() });
    }
    h.at(11);
    await advancePhase(d(), { ...as(facilitator), ...task(), to: 'peer-review' });
    const outcome = await allocateReviews(d(), { ...as(facilitator), ...task() });
    reviews = outcome.created;
    submissions = await d().submissions.listByTask(round.taskId);
  });
  after(async function () {
    await h?.stop();
  });

  const reviewBy = (u: UserId) => reviews.find((r) => r.reviewerId === u)!;
  const submissionOf = (members: readonly UserId[]) =>
    submissions.find((s) => s.owner.kind === 'team' && s.owner.members.includes(members[0]!))!;
  const fileOf = (s: Submission) => {
    const part = s.submitted!.parts.find((p) => p.kind === 'file');
    return part?.kind === 'file' ? part.fileId : '';
  };

  describe('another team', function () {
    it("refuses another reviewer's review form, draft and submit, and changes nothing", async function () {
      const review = reviewBy(t0[0]!);
      const intruder = LEARNERS.find(
        (u) => u !== t0[0] && !reviews.some((r) => r.reviewerId === u && r.id === review.id),
      )!;
      await expectRejection(
        openReviewForm(d(), { ...who(intruder), ...task(), reviewId: review.id }),
        NotPermittedError,
      );
      await expectRejection(
        saveReviewDraft(d(), {
          ...who(intruder),
          ...task(),
          reviewId: review.id,
          values: { ratings: [], overallComment: 'hijack' },
        }),
        NotPermittedError,
      );
      await expectRejection(
        submitReview(d(), { ...who(intruder), ...task(), reviewId: review.id }),
        NotPermittedError,
      );
      expect(await d().reviews.findById(review.id)).to.deep.equal(review);
    });

    it("refuses a file of another team's work to someone who neither wrote nor reviews it", async function () {
      const target = submissionOf(t0);
      const reviewerIds = reviews.filter((r) => r.submissionId === target.id).map((r) => r.reviewerId);
      const outsider =
        t1.find((u) => !reviewerIds.includes(u)) ?? TEAM_MEMBERS[2]!.find((u) => !reviewerIds.includes(u))!;
      await expectRejection(
        openSubmissionFile(d(), {
          ...who(outsider),
          ...task(),
          submissionId: target.id,
          fileId: fileOf(target),
        }),
        NotPermittedError,
      );
      const reviewer = reviewerIds[0]!;
      const file = await openSubmissionFile(d(), {
        ...who(reviewer),
        ...task(),
        submissionId: target.id,
        fileId: fileOf(target),
      });
      expect(file).to.include({ name: 'notes.txt', contentType: 'text/plain', size: 11 });
      expect(Object.keys(file).sort()).to.deep.equal(['contentType', 'name', 'open', 'size']);
    });

    it("refuses rating a review of another team's work", async function () {
      const review = reviews.find((r) => r.submissionId === submissionOf(t0).id)!;
      await expectRejection(
        rateReview(d(), { ...who(t1[0]!), ...task(), reviewId: review.id, stars: 1 }),
        NotPermittedError,
      );
    });

    it('refuses facilitator use cases to learners', async function () {
      const me = who(t0[0]!);
      await expectRejection(allocateReviews(d(), { ...me, ...task() }), NotPermittedError);
      await expectRejection(
        assignReviewer(d(), { ...me, ...task(), submissionId: submissionOf(t1).id, reviewerId: t0[1]! }),
        NotPermittedError,
      );
      await expectRejection(
        unassignReviewer(d(), { ...me, ...task(), reviewId: reviews[0]!.id }),
        NotPermittedError,
      );
      await expectRejection(reviewDashboard(d(), { ...me, ...task() }), NotPermittedError);
      await expectRejection(
        configureReview(d(), { ...me, ...task(), changes: { reviewsPerSubmission: 1 } }),
        NotPermittedError,
      );
      await expectRejection(computeGrades(d(), { ...me, ...task() }), NotPermittedError);
      await expectRejection(
        overrideGrade(d(), { ...me, ...task(), userId: t0[0]!, score: 100, reason: 'me' }),
        NotPermittedError,
      );
      await expectRejection(releaseGrades(d(), { ...me, ...task() }), NotPermittedError);
    });

    it('refuses someone in no team of the task', async function () {
      await expectRejection(mySubmission(d(), { ...who(stranger), ...task() }), NotPermittedError);
      await expectRejection(myReviews(d(), { ...who(stranger), ...task() }), NotPermittedError);
      await expectRejection(feedbackPage(d(), { ...who(stranger), ...task() }), NotPermittedError);
    });

    it("refuses a facilitator adding a reviewer to their own team's work, or someone outside the teams", async function () {
      const target = submissionOf(t0);
      const free = t0.find((u) => !reviews.some((r) => r.submissionId === target.id && r.reviewerId === u))!;
      const own = await expectRejection(
        assignReviewer(d(), { ...as(facilitator), ...task(), submissionId: target.id, reviewerId: free }),
        InvalidInputError,
      );
      expect(own.issues).to.deep.equal([{ field: 'reviewerId', code: 'own-team' }]);
      await expectRejection(
        assignReviewer(d(), { ...as(facilitator), ...task(), submissionId: target.id, reviewerId: stranger }),
        InvalidInputError,
      );
      expect((await d().reviews.listBySubmission(target.id)).length).to.equal(2);
    });
  });

  describe('another course', function () {
    it('refuses every learner use case with the course they did not launch from', async function () {
      const elsewhere = who(t0[0]!, otherCourse);
      const review = reviewBy(t0[0]!);
      for (const attempt of [
        () => mySubmission(d(), { ...elsewhere, ...task() }),
        () => saveSubmissionDraft(d(), { ...elsewhere, ...task(), parts: [] }),
        () => submitWork(d(), { ...elsewhere, ...task() }),
        () => openReviewForm(d(), { ...elsewhere, ...task(), reviewId: review.id }),
        () => submitReview(d(), { ...elsewhere, ...task(), reviewId: review.id }),
        () => myReviews(d(), { ...elsewhere, ...task() }),
        () => feedbackPage(d(), { ...elsewhere, ...task() }),
        () => takeNextReview(d(), { ...elsewhere, ...task() }),
        () => startSelfAssessment(d(), { ...elsewhere, ...task() }),
        () => rateReview(d(), { ...elsewhere, ...task(), reviewId: review.id, stars: 3 }),
        () => submitContributionSplit(d(), { ...elsewhere, ...task(), points: [] }),
        () =>
          openSubmissionFile(d(), {
            ...elsewhere,
            ...task(),
            submissionId: submissionOf(t0).id,
            fileId: fileOf(submissionOf(t0)),
          }),
      ]) {
        await expectRejection(attempt(), NotPermittedError);
      }
    });

    it("refuses another course's facilitator", async function () {
      const elsewhere = as(facilitator, otherCourse);
      await expectRejection(allocateReviews(d(), { ...elsewhere, ...task() }), NotPermittedError);
      await expectRejection(reviewDashboard(d(), { ...elsewhere, ...task() }), NotPermittedError);
      await expectRejection(releaseGrades(d(), { ...elsewhere, ...task() }), NotPermittedError);
      await expectRejection(
        feedbackPage(d(), { ...elsewhere, ...task(), submissionId: submissionOf(t0).id }),
        NotPermittedError,
      );
    });
  });

  describe('after the phase closed', function () {
    it('refuses changing or resubmitting work after the work deadline (no late work in this task)', async function () {
      const before = await d().submissions.findById(submissionOf(t0).id);
      const closed = await expectRejection(
        saveSubmissionDraft(d(), {
          ...who(t0[0]!),
          ...task(),
          parts: [{ kind: 'text', markdown: 'Too late' }],
        }),
        PhaseConflictError,
      );
      expect(closed.details.reason).to.equal('phase-over');
      await expectRejection(submitWork(d(), { ...who(t0[0]!), ...task() }), PhaseConflictError);
      await expectRejection(
        uploadSubmissionFile(d(), {
          ...who(t0[0]!),
          ...task(),
          name: 'late.txt',
          declaredType: 'text/plain',
          content: Buffer.from('x'),
        }),
        PhaseConflictError,
      );
      expect(await d().submissions.findById(submissionOf(t0).id)).to.deep.equal(before);
    });

    it('refuses reviewing after the review deadline, and rating after the task closed', async function () {
      const review = reviewBy(t0[0]!);
      const form = await openReviewForm(d(), { ...who(t0[0]!), ...task(), reviewId: review.id });
      const values = {
        ratings: form.form.criteria.map((c) => ({
          criterionId: c.criterionId,
          levelId: 'l1',
          comment: 'ok',
        })),
      };
      await submitReview(d(), { ...who(t0[0]!), ...task(), reviewId: review.id, values });
      h.at(21); // the peer-review close date passed; the task still sits in peer review
      const late = reviewBy(t1[0]!);
      const refused = await expectRejection(
        submitReview(d(), { ...who(t1[0]!), ...task(), reviewId: late.id, values }),
        PhaseConflictError,
      );
      expect(refused.details.reason).to.equal('phase-not-open');
      await expectRejection(
        saveReviewDraft(d(), { ...who(t1[0]!), ...task(), reviewId: late.id, values }),
        PhaseConflictError,
      );
      await expectRejection(takeNextReview(d(), { ...who(t1[0]!), ...task() }), PhaseConflictError);
      await expectRejection(allocateReviews(d(), { ...as(facilitator), ...task() }), PhaseConflictError);
      expect((await d().reviews.findById(late.id))?.status).to.equal('draft');
      // Released at the deadline: the authors of the reviewed work may rate it until the task closes.
      const author = authorsOf(submissions.find((s) => s.id === review.submissionId)!.owner)[0]!;
      await rateReview(d(), { ...who(author), ...task(), reviewId: review.id, stars: 4 });
      await advancePhase(d(), { ...as(facilitator), ...task(), to: 'reflection' });
      await advancePhase(d(), { ...as(facilitator), ...task(), to: 'closed' });
      const closed = await expectRejection(
        rateReview(d(), { ...who(author), ...task(), reviewId: review.id, stars: 1 }),
        PhaseConflictError,
      );
      expect(closed.details.reason).to.equal('task-closed');
      expect((await d().helpfulness.find(review.id, author))?.stars).to.equal(4);
      await expectRejection(
        submitContributionSplit(d(), {
          ...who(t0[0]!),
          ...task(),
          points: t0.map((userId) => ({ userId, points: userId === t0[0] ? 34 : 33 })),
        }),
        PhaseConflictError,
      );
      await expectRejection(
        configureReview(d(), { ...as(facilitator), ...task(), changes: { reviewsPerSubmission: 3 } }),
        PhaseConflictError,
      );
    });
  });
});
