import { expect } from 'chai';
import {
  DEFAULT_ANONYMITY,
  projectFeedbackForAuthor,
  projectRatingsForReviewer,
  projectSubmissionForReviewer,
  pseudonymLetter,
  summariseFeedback,
  type Directory,
} from '../../../../src/domain/review/feedback-view.js';
import type { HelpfulnessRating } from '../../../../src/domain/review/helpfulness.js';
import type { ReleaseState } from '../../../../src/domain/review/release.js';
import { NotPermittedError } from '../../../../src/domain/shared/errors.js';
import { asTeamId, asUserId } from '../../../../src/domain/shared/ids.js';
import { asSubmissionId } from '../../../../src/domain/submission/submission.js';
import {
  at,
  facilitator,
  learner,
  makeReview,
  makeStandard,
  makeSubmission,
  personOwner,
} from '../../../fixtures/domain/review-fixtures.js';

const standard = makeStandard();
const RELEASED: ReleaseState = { released: true, because: 'phase-closed' };
const WAITING: ReleaseState = { released: false, waitingFor: { kind: 'phase-close' } };

// Team 1 (Ann Author, Bob Author) handed in; Cy Reviewer, Dee Reviewer and Eve Reviewer review it.
const directory: Directory = {
  people: new Map(
    [
      ['ann', 'Ann Author'],
      ['bob', 'Bob Author'],
      ['rv-cy', 'Cy Reviewer'],
      ['rv-dee', 'Dee Reviewer'],
      ['rv-eve', 'Eve Reviewer'],
    ].map(([id, name]) => [asUserId(id as string), name as string]),
  ),
  teams: new Map([
    [asTeamId('team-1'), { number: 1, name: 'Falcons' }],
    [asTeamId('team-2'), { number: 2, name: 'Owls' }],
  ]),
};
const submission = makeSubmission();
const reviews = [
  makeReview({ reviewerId: asUserId('rv-dee'), submittedAt: at(300) }, [2, 1, 1]),
  makeReview({ reviewerId: asUserId('rv-cy'), submittedAt: at(200) }, [3, 2, 2]),
  makeReview(
    { reviewerId: asUserId('rv-eve'), submittedAt: at(400), overallComment: 'Clear story overall' },
    [1, 1, 0],
  ),
  makeReview({ reviewerId: asUserId('ann'), kind: 'self', source: 'self', submittedAt: at(100) }, [3, 3, 2]),
  makeReview({ reviewerId: asUserId('rv-zed') }), // a draft: never shown
];
const hiddenReviewers = [
  'rv-cy',
  'rv-dee',
  'rv-eve',
  'rv-zed',
  'Cy Reviewer',
  'Dee Reviewer',
  'Eve Reviewer',
];

function expectAbsent(value: unknown, words: readonly string[]): void {
  const json = JSON.stringify(value);
  for (const word of words) expect(json, `"${word}" leaked`).to.not.include(word);
}

describe('feedback views', () => {
  describe('summariseFeedback', () => {
    it('gives per criterion the median peer level, the spread, the comments, and the self-assessment beside it', () => {
      const summary = summariseFeedback(standard, reviews);
      const clarity = summary.criteria[0];
      expect(clarity?.peer).to.deep.equal({
        count: 3,
        median: 2,
        medianLevelIds: ['clarity-2'],
        distribution: [0, 1, 1, 1],
      });
      expect(clarity?.self).to.deep.include({ count: 1, median: 3, medianLevelIds: ['clarity-3'] });
      expect(clarity?.gap).to.equal(1);
      expect(clarity?.comments.map((c) => c.kind)).to.deep.equal(['peer', 'peer', 'peer', 'self']);
      expect(summary.overall.map((o) => o.comment)).to.deep.equal(['Clear story overall']);
    });

    it('names the two levels an even count lies between', () => {
      const summary = summariseFeedback(standard, reviews.slice(0, 2));
      expect(summary.criteria[0]?.peer).to.deep.include({
        median: 2.5,
        medianLevelIds: ['clarity-2', 'clarity-3'],
      });
    });
  });

  describe('projectFeedbackForAuthor', () => {
    const view = (
      viewer = learner('bob'),
      release: ReleaseState = RELEASED,
      ratings: HelpfulnessRating[] = [],
    ) =>
      projectFeedbackForAuthor({
        viewer,
        submission,
        reviews,
        standard,
        release,
        anonymity: DEFAULT_ANONYMITY,
        directory,
        ratings,
      });

    it('hides reviewers behind stable pseudonyms, in the order reviews came in', () => {
      const projected = view();
      if (!('criteria' in projected)) throw new Error('expected released feedback');
      expect(projected.reviews.map((r) => r.by)).to.deep.equal([
        { kind: 'pseudonym', role: 'reviewer', letter: 'A' },
        { kind: 'pseudonym', role: 'reviewer', letter: 'B' },
        { kind: 'pseudonym', role: 'reviewer', letter: 'C' },
      ]);
      // Cy submitted first: Reviewer A, on every criterion and in the overall comments.
      const cyReview = reviews[1]!;
      expect(projected.reviews[0]?.reviewId).to.equal(cyReview.id);
      expect(projected.criteria[0]?.comments.find((c) => c.reviewId === cyReview.id)?.by).to.deep.include({
        letter: 'A',
      });
      expect(projected.overall[0]?.by).to.deep.include({ letter: 'C' });
    });

    it('never lets a hidden reviewer’s id or name into the projected value', () => {
      expectAbsent(view(), hiddenReviewers);
      expectAbsent(view(learner('ann')), hiddenReviewers);
    });

    it('shows the self-assessment as the viewer’s own, or by name to a teammate', () => {
      const ann = view(learner('ann'));
      const bob = view(learner('bob'));
      if (!('criteria' in ann) || !('criteria' in bob)) throw new Error('expected released feedback');
      expect(ann.criteria[0]?.comments.at(-1)?.by).to.deep.equal({ kind: 'you' });
      expect(bob.criteria[0]?.comments.at(-1)?.by).to.deep.equal({
        kind: 'person',
        userId: 'ann',
        name: 'Ann Author',
      });
    });

    it('gives nothing but the release state before release', () => {
      const projected = view(learner('bob'), WAITING);
      expect(projected).to.deep.equal({ submissionId: 'sub-1', release: WAITING });
    });

    it('names reviewers when the task does not hide them, and always to a facilitator', () => {
      const open = projectFeedbackForAuthor({
        viewer: learner('bob'),
        submission,
        reviews,
        standard,
        release: RELEASED,
        anonymity: { hideReviewersFromAuthors: false, hideAuthorsFromReviewers: false },
        directory,
      });
      expect(JSON.stringify(open)).to.include('Cy Reviewer');
      expect(JSON.stringify(view(facilitator(), WAITING))).to.include('Dee Reviewer');
    });

    it('carries the viewer’s own helpfulness rating of each review, not a teammate’s', () => {
      const rating = (raterId: string, stars: number): HelpfulnessRating => ({
        reviewId: reviews[1]!.id,
        raterId: asUserId(raterId),
        stars,
        reply: `thanks from ${raterId}`,
        ratedAt: at(500),
        revision: 1,
      });
      const projected = view(learner('bob'), RELEASED, [rating('ann', 2), rating('bob', 5)]);
      if (!('criteria' in projected)) throw new Error('expected released feedback');
      expect(projected.reviews[0]?.myRating).to.deep.equal({ stars: 5, reply: 'thanks from bob' });
    });

    it('is refused to anyone who is not an author', () => {
      expect(() => view(learner('rv-cy'))).to.throw(NotPermittedError);
    });
  });

  describe('projectSubmissionForReviewer', () => {
    const cyReviews = [
      makeReview({ reviewerId: asUserId('rv-cy'), submissionId: asSubmissionId('sub-0'), assignedAt: at(1) }),
      makeReview({ reviewerId: asUserId('rv-cy'), submissionId: asSubmissionId('sub-1'), assignedAt: at(2) }),
    ];

    it('hides the authors when the task says so: "Team B", with no names or ids', () => {
      const projected = projectSubmissionForReviewer({
        viewer: learner('rv-cy'),
        submission,
        viewerReviews: cyReviews,
        anonymity: { hideReviewersFromAuthors: true, hideAuthorsFromReviewers: true },
        directory,
      });
      expect(projected.author).to.deep.equal({ kind: 'pseudonym', role: 'team', letter: 'B' });
      expect(projected.parts).to.deep.equal(submission.submitted?.parts);
      expectAbsent(projected, ['ann', 'bob', 'Ann Author', 'Bob Author', 'team-1', 'Falcons']);
    });

    it('names the team by default', () => {
      const projected = projectSubmissionForReviewer({
        viewer: learner('rv-cy'),
        submission,
        viewerReviews: cyReviews,
        anonymity: DEFAULT_ANONYMITY,
        directory,
      });
      expect(projected.author).to.deep.equal({ kind: 'team', teamId: 'team-1', number: 1, name: 'Falcons' });
    });

    it('shows the handed-in version, never the working copy', () => {
      const edited = makeSubmission({ draft: [{ kind: 'text', markdown: 'secret next draft' }] });
      const projected = projectSubmissionForReviewer({
        viewer: learner('rv-cy'),
        submission: edited,
        viewerReviews: cyReviews,
        anonymity: DEFAULT_ANONYMITY,
        directory,
      });
      expectAbsent(projected, ['secret next draft']);
    });

    it('is refused to someone without a review of it', () => {
      expect(() =>
        projectSubmissionForReviewer({
          viewer: learner('rv-dee'),
          submission,
          viewerReviews: cyReviews,
          anonymity: DEFAULT_ANONYMITY,
          directory,
        }),
      ).to.throw(NotPermittedError);
    });
  });

  describe('projectRatingsForReviewer', () => {
    const review = reviews[1]!;
    const ratings: HelpfulnessRating[] = [
      {
        reviewId: review.id,
        raterId: asUserId('bob'),
        stars: 4,
        reply: 'Useful, thanks',
        ratedAt: at(600),
        revision: 1,
      },
    ];
    const input = {
      viewer: learner('rv-cy'),
      review,
      owner: submission.owner,
      ratings,
      anonymity: { hideReviewersFromAuthors: true, hideAuthorsFromReviewers: true },
      directory,
    };

    it('shows the reviewer the ratings of their review only after release', () => {
      expect(projectRatingsForReviewer({ ...input, release: WAITING })).to.deep.equal({
        reviewId: review.id,
        released: false,
      });
      const released = projectRatingsForReviewer({ ...input, release: RELEASED });
      expect(released).to.deep.equal({
        reviewId: review.id,
        released: true,
        ratings: [
          { by: { kind: 'pseudonym', role: 'author', letter: 'A' }, stars: 4, reply: 'Useful, thanks' },
        ],
      });
      expectAbsent(released, ['bob', 'Bob Author']);
    });

    it('is refused to other learners', () => {
      expect(() =>
        projectRatingsForReviewer({ ...input, viewer: learner('rv-dee'), release: RELEASED }),
      ).to.throw(NotPermittedError);
    });
  });

  describe('pseudonymLetter', () => {
    it('counts A…Z, then AA, AB…', () => {
      expect([0, 1, 25, 26, 27, 51, 52].map(pseudonymLetter)).to.deep.equal([
        'A',
        'B',
        'Z',
        'AA',
        'AB',
        'AZ',
        'BA',
      ]);
    });
  });

  it('a person’s own work is labelled by name when authors are not hidden', () => {
    const own = makeSubmission({ owner: personOwner('ann', 'team-1') });
    const projected = projectSubmissionForReviewer({
      viewer: learner('rv-cy'),
      submission: own,
      viewerReviews: [makeReview({ reviewerId: asUserId('rv-cy') })],
      anonymity: DEFAULT_ANONYMITY,
      directory,
    });
    expect(projected.author).to.deep.equal({ kind: 'person', userId: 'ann', name: 'Ann Author' });
  });
});
