/** Review settings: facilitator only, validated, and fixed once people acted on them. */
import { expect } from 'chai';
import {
  asksForContributionSplit,
  configureReview,
  defaultReviewSettings,
  reviewSettingsIssues,
  DEFAULT_REVIEW_SETTINGS,
} from '../../../../src/domain/review/review-settings.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamTaskId, asUserId } from '../../../../src/domain/shared/ids.js';
import { at, facilitator, learner } from '../../../fixtures/domain/review-fixtures.js';

describe('review settings', function () {
  const base = defaultReviewSettings(asTeamTaskId('t'), asUserId('fac-1'), at(0));

  it('asks for a contribution split only when switched on and the team hands in one piece of work', function () {
    expect(asksForContributionSplit(base)).to.equal(false);
    expect(asksForContributionSplit({ ...base, contributionSplit: true })).to.equal(true);
    expect(asksForContributionSplit({ contributionSplit: true, submissionMode: 'person' })).to.equal(false);
  });

  it('defaults to team work reviewed across teams by 3, reviewers hidden, formative', function () {
    expect(base).to.deep.include({
      submissionMode: 'team',
      scope: 'across-teams',
      reviewsPerSubmission: 3,
      anonymity: { hideReviewersFromAuthors: true, hideAuthorsFromReviewers: false },
      grading: { mode: 'formative' },
      revision: 0,
    });
    expect(reviewSettingsIssues(DEFAULT_REVIEW_SETTINGS)).to.deep.equal([]);
  });

  it('lets a facilitator change settings before work starts, counting revisions', function () {
    const next = configureReview(
      base,
      { submissionMode: 'person', scope: 'within-team' },
      facilitator(),
      'setup',
      at(1),
    );
    expect(next).to.deep.include({
      submissionMode: 'person',
      scope: 'within-team',
      revision: 1,
      updatedAt: at(1),
    });
    expect(() => configureReview(base, { reviewsPerSubmission: 2 }, learner('l'), 'setup', at(1))).to.throw(
      NotPermittedError,
    );
  });

  it('lists every invalid value', function () {
    try {
      configureReview(
        base,
        {
          scope: 'within-team',
          reviewsPerSubmission: 0,
          leaseMinutes: 1,
          release: { kind: 'min-reviews', minReviews: 0 },
          contributionSplit: true,
          submissionMode: 'person',
          grading: {
            mode: 'graded',
            formula: { submissionWeight: 0, reviewWeight: 0, contributionWeighting: 2, scoreMaximum: 0 },
          },
        },
        facilitator(),
        'setup',
        at(1),
      );
      expect.fail('expected InvalidInputError');
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues.map((i) => `${i.field}:${i.code}`)).to.have.members([
        'reviewsPerSubmission:out-of-range',
        'leaseMinutes:out-of-range',
        'release.minReviews:out-of-range',
        'contributionSplit:needs-team-mode',
        'grading.formula.submissionWeight:weights-sum-to-zero',
        'grading.formula.contributionWeighting:out-of-range',
        'grading.formula.scoreMaximum:out-of-range',
      ]);
    }
    const teamWithin = reviewSettingsIssues({ ...DEFAULT_REVIEW_SETTINGS, scope: 'within-team' });
    expect(teamWithin).to.deep.equal([{ field: 'scope', code: 'within-team-needs-person-mode' }]);
  });

  it('fixes the submission mode once work started and allocation and anonymity once review started; grading stays open', function () {
    const fixed = (
      changes: Parameters<typeof configureReview>[1],
      phase: Parameters<typeof configureReview>[3],
    ) => {
      try {
        configureReview(base, changes, facilitator(), phase, at(1));
      } catch (error) {
        expect(error).to.be.instanceOf(PhaseConflictError);
        return (error as PhaseConflictError).details['setting'];
      }
      return undefined;
    };
    expect(fixed({ submissionMode: 'person' }, 'work')).to.equal('submissionMode');
    expect(fixed({ reviewsPerSubmission: 2 }, 'work')).to.equal(undefined);
    expect(fixed({ reviewsPerSubmission: 2 }, 'peer-review')).to.equal('reviewsPerSubmission');
    expect(
      fixed(
        { anonymity: { hideReviewersFromAuthors: false, hideAuthorsFromReviewers: false } },
        'reflection',
      ),
    ).to.equal('anonymity');
    expect(fixed({ reviewsPerSubmission: 3 }, 'peer-review')).to.equal(undefined); // unchanged value
    const graded = configureReview(
      base,
      {
        grading: {
          mode: 'graded',
          formula: { submissionWeight: 1, reviewWeight: 1, contributionWeighting: 0, scoreMaximum: 10 },
        },
      },
      facilitator(),
      'reflection',
      at(2),
    );
    expect(graded.grading.mode).to.equal('graded');
    expect(() => configureReview(base, {}, facilitator(), 'closed', at(3))).to.throw(PhaseConflictError);
  });
});
