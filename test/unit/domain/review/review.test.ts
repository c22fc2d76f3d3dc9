import { expect } from 'chai';
import {
  buildReviewForm,
  missingCriteria,
  saveReviewDraft,
  startSelfAssessment,
  submitReview,
  asReviewId,
} from '../../../../src/domain/review/review.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import {
  TASK_ID,
  at,
  learner,
  makeReview,
  makeStandard,
  makeSubmission,
  reviewWindow,
} from '../../../fixtures/domain/review-fixtures.js';

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const standard = makeStandard();
const cy = learner('cy');

describe('reviews', () => {
  describe('buildReviewForm', () => {
    it('has a level choice and a comment per criterion of the pinned version, in its order', () => {
      const review = makeReview({}, undefined);
      const form = buildReviewForm(review, standard, reviewWindow());
      expect(form.criteria.map((c) => c.criterionId)).to.deep.equal(['clarity', 'evidence', 'impact']);
      expect(form.criteria[2]?.levels.map((l) => l.id)).to.deep.equal(['impact-0', 'impact-1', 'impact-2']);
      expect(form.criteria.every((c) => c.comment === '' && c.levels.every((l) => !l.selected))).to.equal(
        true,
      );
      expect(form.missing).to.deep.equal(['clarity', 'evidence', 'impact']);
      expect(form.editable).to.equal(true);
    });

    it('shows saved values and is read-only once the submitted review was released', () => {
      const review = makeReview({}, [1, 2, 0]);
      const form = buildReviewForm(review, standard, reviewWindow({ released: true }));
      expect(form.criteria[0]?.levels.find((l) => l.selected)?.id).to.equal('clarity-1');
      expect(form.missing).to.deep.equal([]);
      expect(form.editable).to.equal(false);
    });

    it('refuses a standard other than the pinned version', () => {
      expect(() => buildReviewForm(makeReview(), makeStandard({ version: 3 }), reviewWindow())).to.throw(
        /pinned/,
      );
    });
  });

  describe('saveReviewDraft', () => {
    it('keeps a partial form, trimmed, in criterion order', () => {
      const saved = saveReviewDraft(
        makeReview(),
        {
          ratings: [
            { criterionId: 'impact', comment: ' strong ' },
            { criterionId: 'clarity', levelId: 'clarity-3' },
          ],
          overallComment: '  Nice work ',
        },
        standard,
        cy,
        reviewWindow(),
        at(300),
      );
      expect(saved.ratings).to.deep.equal([
        { criterionId: 'clarity', levelId: 'clarity-3', comment: '' },
        { criterionId: 'impact', comment: 'strong' },
      ]);
      expect(saved.overallComment).to.equal('Nice work');
      expect(saved.status).to.equal('draft');
      expect(missingCriteria(saved.ratings, standard)).to.deep.equal(['evidence', 'impact']);
    });

    it('rejects unknown criteria and levels from another criterion', () => {
      const error = catchError(() =>
        saveReviewDraft(
          makeReview(),
          {
            ratings: [
              { criterionId: 'speed', levelId: 'x' },
              { criterionId: 'clarity', levelId: 'impact-0' },
            ],
          },
          standard,
          cy,
          reviewWindow(),
          at(300),
        ),
      );
      expect((error as InvalidInputError).issues).to.deep.equal([
        { field: 'ratings.speed', code: 'unknown-criterion' },
        { field: 'ratings.clarity.level', code: 'unknown-level' },
      ]);
    });

    it('lets only the reviewer save', () => {
      expect(() =>
        saveReviewDraft(makeReview(), { ratings: [] }, standard, learner('dee'), reviewWindow(), at(300)),
      ).to.throw(NotPermittedError);
    });

    it('refuses saving outside the open review phase', () => {
      const error = catchError(() =>
        saveReviewDraft(makeReview(), { ratings: [] }, standard, cy, reviewWindow({ open: false }), at(300)),
      );
      expect((error as PhaseConflictError).details).to.deep.include({
        action: 'save-review',
        reason: 'phase-not-open',
      });
    });
  });

  describe('submitReview', () => {
    it('rejects a review that misses a criterion, listing every missing one', () => {
      const draft = makeReview({}, undefined);
      const error = catchError(() =>
        submitReview(
          draft,
          { ratings: [{ criterionId: 'evidence', levelId: 'evidence-1', comment: 'ok' }] },
          standard,
          cy,
          reviewWindow(),
          at(300),
        ),
      );
      expect(error).to.be.instanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues).to.deep.equal([
        { field: 'ratings.clarity.level', code: 'required' },
        { field: 'ratings.impact.level', code: 'required' },
      ]);
    });

    it('asks for a comment per criterion when the task requires comments', () => {
      const rules = { requireCriterionComments: true, maxCommentLength: 100, maxOverallCommentLength: 100 };
      const input = {
        ratings: [
          { criterionId: 'clarity', levelId: 'clarity-1', comment: 'why' },
          { criterionId: 'evidence', levelId: 'evidence-1' },
          { criterionId: 'impact', levelId: 'impact-1', comment: '   ' },
        ],
      };
      const error = catchError(() =>
        submitReview(makeReview(), input, standard, cy, reviewWindow(), at(300), rules),
      );
      expect((error as InvalidInputError).issues).to.deep.equal([
        { field: 'ratings.evidence.comment', code: 'required' },
        { field: 'ratings.impact.comment', code: 'required' },
      ]);
    });

    it('submits the saved draft when complete', () => {
      const draft = saveReviewDraft(
        makeReview(),
        {
          ratings: standard.criteria.map((c) => ({
            criterionId: c.id,
            levelId: c.levels[1]?.id as string,
            comment: 'c',
          })),
        },
        standard,
        cy,
        reviewWindow(),
        at(300),
      );
      const submitted = submitReview(draft, undefined, standard, cy, reviewWindow(), at(301));
      expect(submitted).to.deep.include({ status: 'submitted', submittedAt: at(301) });
      expect(submitted.ratings).to.have.length(3);
    });

    it('lets a reviewer revise a submitted review until release, and not after', () => {
      const submitted = makeReview({}, [1, 1, 1]);
      const input = {
        ratings: standard.criteria.map((c) => ({ criterionId: c.id, levelId: c.levels[0]?.id as string })),
      };
      expect(
        submitReview(submitted, input, standard, cy, reviewWindow(), at(400)).ratings[0]?.levelId,
      ).to.equal('clarity-0');
      const error = catchError(() =>
        submitReview(submitted, input, standard, cy, reviewWindow({ released: true }), at(400)),
      );
      expect((error as PhaseConflictError).details).to.deep.include({ reason: 'feedback-released' });
      expect(() => saveReviewDraft(submitted, input, standard, cy, reviewWindow(), at(400))).to.throw(
        PhaseConflictError,
      );
    });

    it('still accepts a draft finished after an early (threshold) release while the phase is open', () => {
      const input = {
        ratings: standard.criteria.map((c) => ({ criterionId: c.id, levelId: c.levels[0]?.id as string })),
      };
      const late = submitReview(makeReview(), input, standard, cy, reviewWindow({ released: true }), at(400));
      expect(late.status).to.equal('submitted');
    });
  });

  describe('startSelfAssessment', () => {
    const submission = makeSubmission();
    const base = {
      id: asReviewId('self-1'),
      taskId: TASK_ID,
      submission,
      standard,
      selfAssessment: true,
      window: reviewWindow({ phase: 'work' as const }),
      now: at(20),
    };

    it('gives an author the same form about their own work', () => {
      const self = startSelfAssessment({ ...base, actor: learner('ann') });
      expect(self).to.deep.include({
        kind: 'self',
        source: 'self',
        reviewerId: 'ann',
        submissionId: 'sub-1',
        status: 'draft',
      });
      expect(buildReviewForm(self, standard, base.window).criteria).to.have.length(3);
      const input = {
        ratings: standard.criteria.map((c) => ({ criterionId: c.id, levelId: c.levels[2]?.id as string })),
      };
      expect(submitReview(self, input, standard, learner('ann'), base.window, at(21)).status).to.equal(
        'submitted',
      );
    });

    it('is refused to non-authors and when the task has no self-assessment', () => {
      expect(() => startSelfAssessment({ ...base, actor: learner('cy') })).to.throw(NotPermittedError);
      expect(() => startSelfAssessment({ ...base, selfAssessment: false, actor: learner('ann') })).to.throw(
        NotPermittedError,
      );
    });

    it('closes at release', () => {
      expect(() =>
        startSelfAssessment({ ...base, window: reviewWindow({ released: true }), actor: learner('ann') }),
      ).to.throw(PhaseConflictError);
    });
  });
});
