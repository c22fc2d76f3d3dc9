/**
 * Person-mode tasks on the real store: everyone hands in their own work, reviews are allocated
 * within the team (never one's own work, never another team's), missing work is listed per
 * person, and grades count missing work as 0 (no contribution split in person mode).
 */
import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import type { UserId } from '../../../../src/domain/shared/ids.js';
import { computeGrades } from '../../../../src/services/grades/compute-grades.js';
import { submitContributionSplit } from '../../../../src/services/grades/submit-contribution-split.js';
import { allocateReviews } from '../../../../src/services/reviews/allocate-reviews.js';
import { configureReview } from '../../../../src/services/reviews/configure-review.js';
import { openReviewForm } from '../../../../src/services/reviews/open-review-form.js';
import { reviewDashboard } from '../../../../src/services/reviews/review-dashboard.js';
import { submitReview } from '../../../../src/services/reviews/submit-review.js';
import { saveSubmissionDraft } from '../../../../src/services/submissions/save-submission-draft.js';
import { submitWork } from '../../../../src/services/submissions/submit-work.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { startReviewHarness, type ReviewHarness } from '../../../helpers/review-harness.js';
import { as, facilitator, learner } from '../../../helpers/teamwork-harness.js';
import { NAMES, TEAM_MEMBERS, setUpRound } from '../../../fixtures/review-round.js';

describe('services: person-mode peer review within teams', function () {
  let h: ReviewHarness;
  const d = () => h.reviewDeps;
  const who = (u: UserId) => as(learner(u));

  before(async function () {
    h = await startReviewHarness('review-person');
  });
  after(async function () {
    await h?.stop();
  });

  it('allocates within each team, never one’s own work, and grades missing work as 0', async function () {
    const round = await setUpRound(h, {
      submissionMode: 'person',
      scope: 'within-team',
      reviewsPerSubmission: 2,
      grading: {
        mode: 'graded',
        formula: { submissionWeight: 1, reviewWeight: 0, contributionWeighting: 0, scoreMaximum: 100 },
      },
    });
    const task = { taskId: round.taskId };
    const absent = TEAM_MEMBERS[2]![2]!;
    h.at(2);
    for (const u of TEAM_MEMBERS.flat()) {
      if (u === absent) continue;
      await saveSubmissionDraft(d(), {
        ...who(u),
        ...task,
        parts: [{ kind: 'text', markdown: `My own work.` }],
      });
      const s = await submitWork(d(), { ...who(u), ...task });
      expect(s.owner).to.deep.include({ kind: 'person', userId: u });
    }
    await expectRejection(
      submitContributionSplit(d(), { ...who(TEAM_MEMBERS[0]![0]!), ...task, points: [] }),
      NotPermittedError,
    );
    const fixed = await expectRejection(
      configureReview(d(), { ...as(facilitator), ...task, changes: { submissionMode: 'team' } }),
      PhaseConflictError,
    );
    expect(fixed.details['setting']).to.equal('submissionMode');

    h.at(3);
    await advancePhase(d(), { ...as(facilitator), ...task, to: 'peer-review' });
    const { created, result } = await allocateReviews(d(), { ...as(facilitator), ...task });
    expect(result.status).to.equal('allocated');
    expect(created).to.have.length(8 * 2);
    const submissions = await d().submissions.listByTask(round.taskId);
    for (const review of created) {
      const s = submissions.find((x) => x.id === review.submissionId)!;
      const author = s.owner.kind === 'person' ? s.owner.userId : undefined;
      expect(review.reviewerId).not.to.equal(author);
      const team = TEAM_MEMBERS.find((m) => m.includes(author!))!;
      expect(team).to.include(review.reviewerId);
    }

    for (const review of created) {
      const page = await openReviewForm(d(), { ...who(review.reviewerId), ...task, reviewId: review.id });
      // Authors are visible to reviewers by default: the person, by name.
      const author = page.work.kind === 'peer' ? page.work.submission.author : undefined;
      expect(author?.kind).to.equal('person');
      if (author?.kind === 'person') expect(author.name).to.equal(NAMES.get(author.userId));
      await submitReview(d(), {
        ...who(review.reviewerId),
        ...task,
        reviewId: review.id,
        values: {
          ratings: page.form.criteria.map((c) => ({
            criterionId: c.criterionId,
            levelId: 'l1',
            comment: '',
          })),
        },
      });
    }
    const dash = await reviewDashboard(d(), { ...as(facilitator), ...task });
    expect(dash.completion).to.deep.include({ expectedSubmissions: 9, handedIn: 8 });
    expect(dash.missing).to.deep.equal([{ kind: 'person', userId: absent, name: NAMES.get(absent) }]);

    h.at(4);
    await advancePhase(d(), { ...as(facilitator), ...task, to: 'reflection' });
    const grades = await computeGrades(d(), { ...as(facilitator), ...task });
    expect(grades.find((g) => g.userId === absent)).to.deep.include({ computed: 0 });
    expect(grades.find((g) => g.userId === absent)?.parts.submitted).to.equal(false);
    // Clarity l1 of 3 levels = 0.5, Evidence l1 of 4 = 1/3; weights 0.6 / 0.4.
    const expected = 100 * (0.6 * 0.5 + 0.4 * (1 / 3));
    for (const g of grades.filter((x) => x.userId !== absent))
      expect(g.computed).to.be.closeTo(expected, 1e-9);
    const invalid = await expectRejection(
      configureReview(d(), {
        ...as(facilitator),
        ...task,
        changes: {
          grading: {
            mode: 'graded',
            formula: { submissionWeight: 1, reviewWeight: 0, contributionWeighting: 0, scoreMaximum: -1 },
          },
        },
      }),
      InvalidInputError,
    );
    expect(invalid.issues).to.deep.equal([{ field: 'grading.formula.scoreMaximum', code: 'out-of-range' }]);
  });
});
