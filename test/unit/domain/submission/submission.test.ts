import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import {
  DEFAULT_SUBMISSION_LIMITS,
  asFileId,
  asSubmissionId,
  saveDraft,
  startSubmission,
  submissionTiming,
  submitSubmission,
  type ContentPart,
  type Submission,
} from '../../../../src/domain/submission/submission.js';
import {
  TEXT,
  at,
  facilitator,
  learner,
  personOwner,
  teamOwner,
  workWindow,
} from '../../../fixtures/domain/review-fixtures.js';

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function started(owner = teamOwner('team-1', ['ann', 'bob'])): Submission {
  return startSubmission(
    { id: asSubmissionId('sub-1'), taskId: asTeamTaskId('task-1'), owner },
    learner('ann'),
    workWindow(),
    at(0),
  );
}

const PDF: ContentPart = {
  kind: 'file',
  fileId: asFileId('f1'),
  name: ' report.pdf ',
  size: 1000,
  contentType: 'Application/PDF; name=x',
};

describe('submissions', () => {
  describe('submissionTiming', () => {
    it('is on time in the work phase before the deadline', () => {
      expect(submissionTiming(workWindow(), at(59))).to.deep.equal({ kind: 'on-time' });
    });

    it('is closed at the deadline when the task accepts no late work', () => {
      expect(submissionTiming(workWindow(), at(60))).to.deep.equal({
        kind: 'closed',
        reason: 'deadline-passed',
      });
    });

    it('is late, with how late, when the task accepts late work — also once peer review has opened', () => {
      const window = workWindow({ lateSubmissions: { allowed: true } });
      expect(submissionTiming(window, at(90))).to.deep.equal({
        kind: 'late',
        lateness: { byMs: 30 * 60_000, dueAt: at(60) },
      });
      expect(submissionTiming({ ...window, phase: 'peer-review' }, at(600))).to.deep.include({
        kind: 'late',
      });
    });

    it('closes late hand-in at its own limit and once peer review is over', () => {
      const window = workWindow({ lateSubmissions: { allowed: true, until: at(120) } });
      expect(submissionTiming(window, at(120))).to.deep.equal({ kind: 'closed', reason: 'late-window-over' });
      expect(submissionTiming({ ...window, phase: 'reflection' }, at(61))).to.deep.equal({
        kind: 'closed',
        reason: 'phase-over',
      });
    });

    it('is closed before the work phase starts', () => {
      expect(submissionTiming(workWindow({ phase: 'standard-setting' }), at(0))).to.deep.equal({
        kind: 'closed',
        reason: 'not-started',
      });
    });
  });

  describe('drafts and hand-in', () => {
    it('lets any team member save the working copy, trimmed and with normalised content types', () => {
      const saved = saveDraft(
        started(),
        [{ kind: 'text', markdown: '  hello  ' }, PDF],
        learner('bob'),
        workWindow(),
        at(5),
      );
      expect(saved.draft).to.deep.equal([
        { kind: 'text', markdown: 'hello' },
        { ...PDF, name: 'report.pdf', contentType: 'application/pdf' },
      ]);
      expect(saved.updatedBy).to.equal('bob');
      expect(saved.revision).to.equal(2);
      expect(saved.submitted).to.equal(undefined);
    });

    it('refuses edits from someone outside the team, facilitators included', () => {
      expect(() => saveDraft(started(), [TEXT], learner('cy'), workWindow(), at(5))).to.throw(
        NotPermittedError,
      );
      expect(() => saveDraft(started(), [TEXT], facilitator(), workWindow(), at(5))).to.throw(
        NotPermittedError,
      );
    });

    it('hands in version 1, then resubmits as version 2 while on time', () => {
      const first = submitSubmission(
        saveDraft(started(), [TEXT], learner('ann'), workWindow(), at(5)),
        learner('ann'),
        workWindow(),
        at(6),
      );
      expect(first.submitted).to.deep.include({ version: 1, at: at(6), by: 'ann' });
      expect(first.submitted).to.not.have.property('late');
      const edited = saveDraft(
        first,
        [{ kind: 'text', markdown: 'better' }],
        learner('bob'),
        workWindow(),
        at(30),
      );
      expect(edited.submitted?.parts).to.deep.equal([TEXT]);
      const second = submitSubmission(edited, learner('bob'), workWindow(), at(31));
      expect(second.submitted).to.deep.include({ version: 2, by: 'bob' });
      expect(second.submitted?.parts).to.deep.equal([{ kind: 'text', markdown: 'better' }]);
    });

    it('accepts a first late hand-in when allowed and flags it with how late it was', () => {
      const window = workWindow({ phase: 'peer-review', lateSubmissions: { allowed: true } });
      const draft = saveDraft(started(), [TEXT], learner('ann'), workWindow(), at(5));
      const late = submitSubmission(draft, learner('ann'), window, at(60 + 24 * 60));
      expect(late.submitted?.late).to.deep.equal({ byMs: 24 * 3_600_000, dueAt: at(60) });
    });

    it('refuses a late resubmission: reviewers judge what was there at the deadline', () => {
      const window = workWindow({ lateSubmissions: { allowed: true } });
      const first = submitSubmission(
        saveDraft(started(), [TEXT], learner('ann'), window, at(5)),
        learner('ann'),
        window,
        at(6),
      );
      const error = catchError(() => saveDraft(first, [TEXT], learner('ann'), window, at(61)));
      expect(error).to.be.instanceOf(PhaseConflictError);
      expect((error as PhaseConflictError).details).to.deep.include({ reason: 'resubmit-after-deadline' });
      expect(() => submitSubmission(first, learner('ann'), window, at(61))).to.throw(PhaseConflictError);
    });

    it('refuses hand-in after the deadline when the task accepts no late work', () => {
      const draft = saveDraft(started(), [TEXT], learner('ann'), workWindow(), at(5));
      const error = catchError(() => submitSubmission(draft, learner('ann'), workWindow(), at(60)));
      expect((error as PhaseConflictError).details).to.deep.include({
        action: 'submit-submission',
        reason: 'deadline-passed',
      });
    });

    it('refuses to hand in an empty working copy', () => {
      const error = catchError(() => submitSubmission(started(), learner('ann'), workWindow(), at(5)));
      expect((error as InvalidInputError).issues).to.deep.equal([{ field: 'parts', code: 'required' }]);
    });

    it('lets a person submit their own work only, in person mode', () => {
      const mine = started(personOwner('ann', 'team-1'));
      expect(() => saveDraft(mine, [TEXT], learner('bob'), workWindow(), at(5))).to.throw(NotPermittedError);
      expect(saveDraft(mine, [TEXT], learner('ann'), workWindow(), at(5)).draft).to.have.length(1);
    });
  });

  describe('content rules', () => {
    function issues(parts: readonly ContentPart[]) {
      const error = catchError(() => saveDraft(started(), parts, learner('ann'), workWindow(), at(5)));
      expect(error).to.be.instanceOf(InvalidInputError);
      return (error as InvalidInputError).issues;
    }

    it('accepts http and https links only', () => {
      expect(
        issues([
          { kind: 'link', url: 'javascript:alert(1)' },
          { kind: 'link', url: 'ftp://x.org/a' },
        ]),
      ).to.deep.equal([
        { field: 'parts.0.url', code: 'invalid-url' },
        { field: 'parts.1.url', code: 'invalid-url' },
      ]);
      const ok = saveDraft(
        started(),
        [{ kind: 'link', url: ' https://example.org/demo ', title: ' Demo ' }],
        learner('ann'),
        workWindow(),
        at(5),
      );
      expect(ok.draft).to.deep.equal([{ kind: 'link', url: 'https://example.org/demo', title: 'Demo' }]);
    });

    it('refuses files over the size limit and content types off the allow-list', () => {
      const big = { ...PDF, size: DEFAULT_SUBMISSION_LIMITS.maxFileBytes + 1 };
      const html = { ...PDF, name: 'page.html', contentType: 'text/html' };
      expect(issues([big, html])).to.deep.equal([
        { field: 'parts.0.size', code: 'too-large' },
        { field: 'parts.1.contentType', code: 'not-allowed' },
      ]);
    });

    it('applies configured limits', () => {
      const limits = { ...DEFAULT_SUBMISSION_LIMITS, maxParts: 1, allowedContentTypes: ['text/html'] };
      const error = catchError(() =>
        saveDraft(started(), [TEXT, TEXT], learner('ann'), workWindow(), at(5), limits),
      );
      expect((error as InvalidInputError).issues).to.deep.equal([{ field: 'parts', code: 'too-many' }]);
      const html = { ...PDF, contentType: 'text/html' };
      expect(saveDraft(started(), [html], learner('ann'), workWindow(), at(5), limits).draft).to.have.length(
        1,
      );
    });

    it('refuses empty text', () => {
      expect(issues([{ kind: 'text', markdown: '   ' }])).to.deep.equal([
        { field: 'parts.0.markdown', code: 'required' },
      ]);
    });
  });
});
