/**
 * A full peer-review round on the real store: three teams hand in (one resubmits, one late, with
 * a file), reviews are allocated across teams (seed stored, every assignment explained), reviewed
 * against each team's pinned standard version (a form missing a criterion is refused), one
 * self-assessment, released at phase close (median per criterion, comments, self vs peer),
 * helpfulness rated and seen by the reviewer, contribution split, grades computed, overridden
 * with a reason and published through the gradebook port (recording adapter; see
 * review-harness.ts), and the facilitator's dashboard. With both anonymity switches on, every
 * read model a learner got is searched for the names and ids of everyone outside their team.
 */
import { expect } from 'chai';
import { allocators } from '../../../../src/domain/review/allocation.js';
import type { Review } from '../../../../src/domain/review/review.js';
import { InvalidInputError } from '../../../../src/domain/shared/errors.js';
import { seededRandom } from '../../../../src/domain/shared/random.js';
import { asUserId, type UserId } from '../../../../src/domain/shared/ids.js';
import { DEFAULT_GRADE_FORMULA } from '../../../../src/domain/grade/grade.js';
import { computeGrades } from '../../../../src/services/grades/compute-grades.js';
import { overrideGrade } from '../../../../src/services/grades/override-grade.js';
import { releaseGrades } from '../../../../src/services/grades/release-grades.js';
import { submitContributionSplit } from '../../../../src/services/grades/submit-contribution-split.js';
import { allocateReviews } from '../../../../src/services/reviews/allocate-reviews.js';
import { feedbackPage } from '../../../../src/services/reviews/feedback-page.js';
import { myReviews } from '../../../../src/services/reviews/my-reviews.js';
import { openReviewForm } from '../../../../src/services/reviews/open-review-form.js';
import { rateReview } from '../../../../src/services/reviews/rate-review.js';
import { reviewDashboard } from '../../../../src/services/reviews/review-dashboard.js';
import { saveReviewDraft } from '../../../../src/services/reviews/save-review-draft.js';
import { startSelfAssessment } from '../../../../src/services/reviews/start-self-assessment.js';
import { submitReview } from '../../../../src/services/reviews/submit-review.js';
import { mySubmission } from '../../../../src/services/submissions/my-submission.js';
import { saveSubmissionDraft } from '../../../../src/services/submissions/save-submission-draft.js';
import { submitWork } from '../../../../src/services/submissions/submit-work.js';
import { uploadSubmissionFile } from '../../../../src/services/submissions/upload-submission-file.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { xapiProblems } from '../../../helpers/xapi-validate.js';
import type { Tx } from '../../../../src/store/mongo/transactions.js';
import type { GradeToPublish } from '../../../../src/services/shared/gradebook.js';
import { startReviewHarness, type ReviewHarness } from '../../../helpers/review-harness.js';
import { as, facilitator, learner } from '../../../helpers/teamwork-harness.js';
import { LEARNERS, NAMES, TEAM_MEMBERS, setUpRound, type Round } from '../../../fixtures/review-round.js';

const HOUR = 3_600_000;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

describe('services: a full peer-review round with three teams', function () {
  let h: ReviewHarness;
  let round: Round;
  /** Everything a learner got back, to search for hidden people at the end. */
  const seen: { viewer: UserId; what: string; value: unknown }[] = [];
  const record = <T>(viewer: UserId, what: string, value: T): T => {
    seen.push({ viewer, what, value });
    return value;
  };
  const teamIndexOf = (u: UserId) => TEAM_MEMBERS.findIndex((m) => m.includes(u));

  before(async function () {
    h = await startReviewHarness('review-round');
    round = await setUpRound(
      h,
      {
        submissionMode: 'team',
        scope: 'across-teams',
        allocation: 'push',
        reviewsPerSubmission: 3,
        anonymity: { hideReviewersFromAuthors: true, hideAuthorsFromReviewers: true },
        release: { kind: 'phase-close' },
        selfAssessment: true,
        lateSubmissions: { allowed: true },
        contributionSplit: true,
        grading: { mode: 'graded', formula: { ...DEFAULT_GRADE_FORMULA, scoreMaximum: 20 } },
      },
      { work: { closesAt: new Date(Date.parse('2025-03-03T09:00:00Z') + 10 * HOUR) } },
    );
  });
  after(async function () {
    await h?.stop();
  });

  const d = () => h.reviewDeps;
  const who = (u: UserId) => as(learner(u));
  const task = () => ({ taskId: round.taskId });

  it('runs submission → allocation → review → release → helpfulness → grades → publish', async function () {
    const [t0, t1, t2] = TEAM_MEMBERS as [UserId[], UserId[], UserId[]];

    // --- Work: team 0 hands in text, a link and a file, then resubmits; team 1 on time; team 2 late.
    h.at(2);
    const draft = await saveSubmissionDraft(d(), {
      ...who(t0[0]!),
      ...task(),
      parts: [
        { kind: 'text', markdown: 'Our onboarding flow, first cut.' },
        { kind: 'link', url: 'https://example.org/prototype', title: 'Prototype' },
      ],
    });
    const withFile = await uploadSubmissionFile(d(), {
      ...who(t0[1]!),
      ...task(),
      name: 'flow.png',
      declaredType: 'text/plain',
      content: PNG,
      expectedRevision: draft.revision,
    });
    const filePart = withFile.draft[2];
    expect(filePart).to.include({
      kind: 'file',
      name: 'flow.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    const v1 = await submitWork(d(), { ...who(t0[2]!), ...task() });
    expect(v1.submitted?.version).to.equal(1);
    await saveSubmissionDraft(d(), {
      ...who(t1[0]!),
      ...task(),
      parts: [{ kind: 'text', markdown: 'Team two: a checklist.' }],
    });
    await submitWork(d(), { ...who(t1[0]!), ...task() });
    h.at(3);
    await saveSubmissionDraft(d(), {
      ...who(t0[0]!),
      ...task(),
      parts: [
        { kind: 'text', markdown: 'Our onboarding flow, second cut.' },
        { kind: 'file', fileId: filePart!.kind === 'file' ? filePart!.fileId : '' },
      ],
    });
    const v2 = await submitWork(d(), { ...who(t0[0]!), ...task() });
    expect(v2.submitted?.version).to.equal(2);
    expect(v2.submitted?.late).to.equal(undefined);
    h.at(12);
    await saveSubmissionDraft(d(), {
      ...who(t2[1]!),
      ...task(),
      parts: [{ kind: 'text', markdown: 'Team three, a bit late.' }],
    });
    const late = await submitWork(d(), { ...who(t2[1]!), ...task() });
    expect(late.submitted?.late?.byMs).to.equal(2 * HOUR);
    const mine = record(t2[0]!, 'my submission', await mySubmission(d(), { ...who(t2[0]!), ...task() }));
    expect(mine.submitted?.late?.byMs).to.equal(2 * HOUR);
    for (const u of LEARNERS) record(u, 'my submission', await mySubmission(d(), { ...who(u), ...task() }));

    // --- Allocation: 3 reviewers per submission, never the own team, one review each, explained.
    h.at(13);
    await advancePhase(d(), { ...as(facilitator), ...task(), to: 'peer-review' });
    const allocation = await allocateReviews(d(), { ...as(facilitator), ...task() });
    expect(allocation.result.status).to.equal('allocated');
    expect(allocation.created).to.have.length(9);
    const submissions = await d().submissions.listByTask(round.taskId);
    for (const s of submissions) {
      const reviewers = allocation.created.filter((r) => r.submissionId === s.id).map((r) => r.reviewerId);
      expect(reviewers).to.have.length(3);
      const own = s.owner.kind === 'team' ? s.owner.members : [];
      for (const r of reviewers) expect(own).not.to.include(r);
    }
    for (const u of LEARNERS) expect(allocation.created.filter((r) => r.reviewerId === u)).to.have.length(1);
    const stored = await d().allocationLog.listByTask(round.taskId);
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ kind: 'run', round: 1, seed: allocation.seed, balanced: true, added: 9 });
    const assignments = await d().reviews.listAssignments(round.taskId);
    for (const a of assignments) {
      expect(a.explanation[0]).to.deep.include({ kind: 'allocation-run', round: 1, seed: allocation.seed });
      expect(a.explanation[1]).to.have.property('kind', 'fewest-reviews');
    }
    // Reproducible: the stored seed and the same inputs give the same pairs.
    const replay = allocators['across-teams']({
      submissions: submissions.map((s) => ({ id: s.id, owner: s.owner })),
      reviewers: TEAM_MEMBERS.flatMap((m, i) => m.map((userId) => ({ userId, teamId: round.teams[i]! }))),
      reviewsPerSubmission: 3,
      random: seededRandom(stored[0]!.kind === 'run' ? stored[0]!.seed : 0),
    });
    const pairs = (xs: readonly { submissionId: string; reviewerId: string }[]) =>
      xs.map((x) => `${x.submissionId}/${x.reviewerId}`).sort();
    expect(replay.status === 'allocated' && pairs(replay.assignments)).to.deep.equal(
      pairs(allocation.created),
    );

    // --- Reviews: the form comes from the pinned version; a missing criterion is refused.
    const reviewOf = (u: UserId): Review => allocation.created.find((r) => r.reviewerId === u)!;
    const team0Sub = submissions.find((s) => s.owner.kind === 'team' && s.owner.teamId === round.teams[0])!;
    const levels = new Map<UserId, [string, string]>();
    for (const u of LEARNERS) {
      const review = reviewOf(u);
      const page = record(
        u,
        'review form',
        await openReviewForm(d(), { ...who(u), ...task(), reviewId: review.id }),
      );
      expect(page.form.criteria.map((c) => c.name)).to.deep.equal(['Clarity', 'Evidence']);
      expect(page.form.criteria.map((c) => c.levels.length)).to.deep.equal([3, 4]);
      expect(page.work.kind === 'peer' && page.work.submission.author).to.deep.include({
        kind: 'pseudonym',
        role: 'team',
      });
      if (review.submissionId === team0Sub.id) {
        expect(page.work.kind === 'peer' && page.work.submission.version).to.equal(2);
      }
      // Team 0's work: two reviewers say top, the third bottom (to be moderated).
      const isOutlier =
        review.submissionId === team0Sub.id &&
        levels.size > 0 &&
        [...levels.keys()].some(
          (k) => reviewOf(k).submissionId === team0Sub.id && levels.get(k)![0] === 'l2',
        ) &&
        [...levels.keys()].filter((k) => reviewOf(k).submissionId === team0Sub.id).length === 2;
      const chosen: [string, string] =
        review.submissionId === team0Sub.id ? (isOutlier ? ['l0', 'l0'] : ['l2', 'l3']) : ['l1', 'l2'];
      levels.set(u, chosen);
      const [c1, c2] = page.form.criteria.map((c) => c.criterionId);
      const saved = record(
        u,
        'saved review',
        await saveReviewDraft(d(), {
          ...who(u),
          ...task(),
          reviewId: review.id,
          values: { ratings: [{ criterionId: c1!, levelId: chosen[0], comment: 'Clear structure.' }] },
        }),
      );
      const refused = await expectRejection(
        submitReview(d(), { ...who(u), ...task(), reviewId: review.id }),
        InvalidInputError,
      );
      expect(refused.issues).to.deep.equal([{ field: `ratings.${c2}.level`, code: 'required' }]);
      expect((await d().reviews.findById(review.id))?.status).to.equal('draft');
      record(
        u,
        'submitted review',
        await submitReview(d(), {
          ...who(u),
          ...task(),
          reviewId: review.id,
          expectedRevision: saved.revision,
          values: {
            ratings: [
              { criterionId: c1!, levelId: chosen[0], comment: 'Clear structure.' },
              { criterionId: c2!, levelId: chosen[1], comment: 'Evidence is thin in places.' },
            ],
            overallComment: 'Solid work overall.',
          },
        }),
      );
    }

    // --- Self-assessment by a team-0 member.
    const self = await startSelfAssessment(d(), { ...who(t0[1]!), ...task() });
    record(t0[1]!, 'self-assessment', self);
    const selfForm = record(
      t0[1]!,
      'self form',
      await openReviewForm(d(), { ...who(t0[1]!), ...task(), reviewId: self.reviewId }),
    );
    expect(selfForm.work.kind).to.equal('self');
    const [s1, s2] = selfForm.form.criteria.map((c) => c.criterionId);
    await submitReview(d(), {
      ...who(t0[1]!),
      ...task(),
      reviewId: self.reviewId,
      values: {
        ratings: [
          { criterionId: s1!, levelId: 'l1', comment: 'We could be clearer.' },
          { criterionId: s2!, levelId: 'l1', comment: '' },
        ],
      },
    });

    // --- Before release the authors see nothing of it.
    const early = record(
      t0[0]!,
      'feedback before release',
      await feedbackPage(d(), { ...who(t0[0]!), ...task() }),
    );
    expect(early).to.deep.equal({
      submissionId: team0Sub.id,
      release: { released: false, waitingFor: { kind: 'phase-close' } },
    });

    // --- Release at phase close: median per criterion, comments, self beside peer.
    h.at(20);
    await advancePhase(d(), { ...as(facilitator), ...task(), to: 'reflection' });
    const feedback = record(t0[0]!, 'feedback', await feedbackPage(d(), { ...who(t0[0]!), ...task() }));
    if (!('criteria' in feedback)) throw new Error('feedback not released');
    expect(feedback.release).to.deep.equal({ released: true, because: 'phase-closed' });
    const [clarity, evidence] = feedback.criteria;
    expect(clarity!.peer).to.deep.include({ count: 3, median: 2, medianLevelIds: ['l2'] });
    expect(clarity!.self).to.deep.include({ count: 1, median: 1 });
    expect(clarity!.gap).to.equal(-1);
    expect(evidence!.peer.median).to.equal(3);
    expect(clarity!.comments.filter((c) => c.kind === 'peer').map((c) => c.by)).to.deep.equal([
      { kind: 'pseudonym', role: 'reviewer', letter: 'A' },
      { kind: 'pseudonym', role: 'reviewer', letter: 'B' },
      { kind: 'pseudonym', role: 'reviewer', letter: 'C' },
    ]);
    expect(feedback.reviews).to.have.length(3);
    for (const u of LEARNERS) record(u, 'feedback', await feedbackPage(d(), { ...who(u), ...task() }));

    // --- Feedback on feedback: the outlier's review is rated unhelpful, with a reply.
    const outlier = LEARNERS.find(
      (u) => reviewOf(u).submissionId === team0Sub.id && levels.get(u)![0] === 'l0',
    )!;
    const helpful = LEARNERS.find(
      (u) => reviewOf(u).submissionId === team0Sub.id && levels.get(u)![0] === 'l2',
    )!;
    record(
      t0[0]!,
      'rating',
      await rateReview(d(), {
        ...who(t0[0]!),
        ...task(),
        reviewId: reviewOf(outlier).id,
        stars: 1,
        reply: 'Why the lowest level?',
      }),
    );
    record(
      t0[1]!,
      'rating',
      await rateReview(d(), { ...who(t0[1]!), ...task(), reviewId: reviewOf(helpful).id, stars: 5 }),
    );
    const theirs = record(outlier, 'my reviews', await myReviews(d(), { ...who(outlier), ...task() }));
    expect(theirs.reviews[0]!.ratings).to.deep.equal({
      reviewId: reviewOf(outlier).id,
      released: true,
      ratings: [
        { by: { kind: 'pseudonym', role: 'author', letter: 'A' }, stars: 1, reply: 'Why the lowest level?' },
      ],
    });
    for (const u of LEARNERS) record(u, 'my reviews', await myReviews(d(), { ...who(u), ...task() }));

    // --- Contribution split in team 0 (60/20/20 from everyone: member 0 did most).
    for (const u of t0) {
      record(
        u,
        'split',
        await submitContributionSplit(d(), {
          ...who(u),
          ...task(),
          points: [
            { userId: t0[0]!, points: 60 },
            { userId: t0[1]!, points: 20 },
            { userId: t0[2]!, points: 20 },
          ],
        }),
      );
    }

    // --- Grades: computed, overridden with a reason, published through the port.
    const grades = await computeGrades(d(), { ...as(facilitator), ...task() });
    expect(grades).to.have.length(9);
    const g0 = grades.find((g) => g.userId === t0[0])!;
    expect(g0.parts.contributionFactor).to.be.closeTo(1.8, 1e-9);
    expect(g0.parts.submissionScore).to.equal(100);
    const gOutlier = grades.find((g) => g.userId === outlier)!;
    expect(gOutlier.parts.reviewScore).to.be.lessThan(
      grades.find((g) => g.userId === helpful)!.parts.reviewScore!,
    );
    const noReason = await expectRejection(
      overrideGrade(d(), { ...as(facilitator), ...task(), userId: t2[0]!, score: 70, reason: '  ' }),
      InvalidInputError,
    );
    expect(noReason.issues).to.deep.equal([{ field: 'reason', code: 'required' }]);
    const overridden = await overrideGrade(d(), {
      ...as(facilitator),
      ...task(),
      userId: t2[0]!,
      score: 70,
      reason: 'Illness during the work phase',
    });
    expect(overridden.override).to.deep.include({
      score: 70,
      reason: 'Illness during the work phase',
      by: facilitator.userId,
    });

    h.gradebook.unplaced.add(t1[0]!);
    const released = await releaseGrades(d(), { ...as(facilitator), ...task() });
    expect(released.mode).to.equal('graded');
    expect(released.published).to.have.length(8);
    expect(released.notPlaced).to.deep.equal([t1[0]]);
    const call = (await h.gradebook.calls()).find((c) => c.userId === t2[0])!;
    expect(call).to.deep.equal({
      taskId: round.taskId,
      userId: t2[0],
      score: 14,
      max: 20,
      progress: { activity: 'Completed', grading: 'FullyGraded' },
      at: new Date(Date.parse('2025-03-03T09:00:00Z') + 20 * HOUR),
    });
    const notPlaced = await d().grades.find(round.taskId, t1[0]!);
    expect(notPlaced?.publish).to.deep.include({ state: 'failed', reason: 'no-graded-placement' });
    // Releasing again sends only what the gradebook does not have yet.
    h.gradebook.unplaced.clear();
    const again = await releaseGrades(d(), { ...as(facilitator), ...task() });
    expect(again.published).to.deep.equal([t1[0]]);
    expect(again.unchanged).to.have.length(8);
    expect(await h.gradebook.calls()).to.have.length(9);
    // A changed override is published again.
    await overrideGrade(d(), {
      ...as(facilitator),
      ...task(),
      userId: t2[0]!,
      score: 75,
      reason: 'Regraded after appeal',
    });
    const third = await releaseGrades(d(), { ...as(facilitator), ...task() });
    expect(third.published).to.deep.equal([t2[0]]);
    expect((await h.gradebook.calls()).at(-1)).to.deep.include({ userId: t2[0], score: 15, max: 20 });

    // --- The facilitator's dashboard.
    const dash = await reviewDashboard(d(), { ...as(facilitator), ...task() });
    expect(dash.completion).to.deep.equal({
      expectedSubmissions: 3,
      handedIn: 3,
      late: 1,
      peerReviewsAssigned: 9,
      peerReviewsSubmitted: 9,
    });
    expect(dash.missing).to.deep.equal([]);
    expect(dash.allocation.balanced).to.equal(true);
    expect(dash.allocation.runs.map((r) => r.seed)).to.deep.equal([allocation.seed]);
    const flagged = dash.moderation.find((m) => m.reviewId === reviewOf(outlier).id);
    expect(flagged?.flags).to.deep.equal(['low-agreement', 'rated-unhelpful']);
    expect(flagged?.reviewer).to.deep.equal({ userId: outlier, name: NAMES.get(outlier) });
    expect(
      dash.grades.mode === 'graded' &&
        dash.grades.rows.every((r) => r.grade.publish.state === 'published' && !r.needsPublishing),
    ).to.equal(true);
    const lateRow = dash.submissions.find((s) => s.late !== undefined);
    expect(lateRow?.owner.kind === 'team' && lateRow.owner.teamId).to.equal(round.teams[2]);
  });

  it('never lets a learner see the name or id of anyone outside their team (both anonymity switches on)', function () {
    expect(seen.length).to.be.greaterThan(40);
    for (const { viewer, what, value } of seen) {
      const json = JSON.stringify(value);
      const mine = teamIndexOf(viewer);
      for (const [i, members] of TEAM_MEMBERS.entries()) {
        if (i === mine) continue;
        for (const other of members) {
          expect(json, `${what} for ${viewer} shows ${other}`).not.to.include(other);
          expect(json, `${what} for ${viewer} shows ${NAMES.get(other)}`).not.to.include(NAMES.get(other)!);
        }
      }
    }
  });

  it('releases atomically: when the gradebook port fails, nothing is queued or marked published', async function () {
    const [, , t2] = TEAM_MEMBERS as [UserId[], UserId[], UserId[]];
    await overrideGrade(d(), {
      ...as(facilitator),
      ...task(),
      userId: t2[0]!,
      score: 80,
      reason: 'Second appeal',
    });
    const before = await d().grades.listByTask(round.taskId);
    const queued = (await h.gradebook.calls()).length;
    let calls = 0;
    const failing = {
      ...d(),
      gradebook: {
        publish: async (grade: GradeToPublish, tx?: Tx) => {
          calls++;
          await h.gradebook.publish(grade, tx);
          throw new Error('queue unavailable');
        },
      },
    };
    const error = await releaseGrades(failing as never, { ...as(facilitator), ...task() }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).to.include('queue unavailable');
    expect(calls).to.be.greaterThan(0);
    expect(await d().grades.listByTask(round.taskId)).to.deep.equal(before);
    expect(await h.gradebook.calls()).to.have.length(queued);
  });

  it('sent hand-ins, reviews, criterion ratings and helpfulness to the xAPI outbox as valid statements', async function () {
    const submitted = await h.statements('/submit');
    expect(submitted).to.have.length(4); // team 0 twice (v1, v2), team 1, team 2 (late)
    for (const st of submitted) expect(st.actor).to.have.property('objectType', 'Group');
    const reviewed = await h.statements('/reviewed');
    expect(reviewed).to.have.length(10); // 9 peer reviews + 1 self-assessment
    const rated = await h.statements('/rated');
    expect(rated).to.have.length(10 * 2 + 2); // one per criterion per review, 2 helpfulness ratings
    const helpfulness = rated.filter((st) => st.object.id.includes('/review/'));
    expect(helpfulness.map((st) => st.result?.score?.raw).sort()).to.deep.equal([1, 5]);
    for (const st of [...submitted, ...reviewed, ...rated]) expect(xapiProblems(st)).to.deep.equal([]);
    // Names never go to the LRS (pseudonymous accounts, no free text by default).
    const all = JSON.stringify([...submitted, ...reviewed, ...rated]);
    for (const name of NAMES.values()) expect(all).not.to.include(name);
    expect(all).not.to.include('Why the lowest level?');
  });

  it('saves nothing when the learning event cannot be recorded (same transaction)', async function () {
    const formative = await setUpRound(h, { grading: { mode: 'formative' } });
    h.at(32);
    const failing = {
      ...d(),
      events: {
        record: async (events: readonly { type: string }[], tx: Tx) => {
          await d().events.record(events as never, tx);
          throw new Error('outbox down');
        },
      },
    };
    const [first] = TEAM_MEMBERS[0]!;
    await saveSubmissionDraft(d(), {
      ...who(first!),
      taskId: formative.taskId,
      parts: [{ kind: 'text', markdown: 'x' }],
    });
    const before = await h.statements('/submit');
    let error: unknown;
    try {
      await submitWork(failing, { ...who(first!), taskId: formative.taskId });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include('outbox down');
    const stored = await d().submissions.listByTask(formative.taskId);
    expect(stored[0]?.submitted).to.equal(undefined);
    expect(await h.statements('/submit')).to.have.length(before.length);
  });

  it('publishes nothing for a formative task', async function () {
    const formative = await setUpRound(h, { grading: { mode: 'formative' }, reviewsPerSubmission: 2 });
    h.at(30);
    await advancePhase(d(), { ...as(facilitator), taskId: formative.taskId, to: 'peer-review' });
    await advancePhase(d(), { ...as(facilitator), taskId: formative.taskId, to: 'reflection' });
    const before = (await h.gradebook.calls()).length;
    const outcome = await releaseGrades(d(), { ...as(facilitator), taskId: formative.taskId });
    expect(outcome).to.deep.equal({
      mode: 'formative',
      published: [],
      notPlaced: [],
      pending: [],
      unchanged: [],
    });
    expect(await h.gradebook.calls()).to.have.length(before);
    expect(await d().grades.listByTask(formative.taskId)).to.deep.equal([]);
    void asUserId;
  });
});
