/**
 * The feedback on a submission: per criterion the median peer level and the comments, the
 * self-assessment beside it (gap), overall comments, and the viewer's own helpfulness ratings.
 * A learner gets their (team's) submission through the anonymity projection — with reviewers
 * hidden, pseudonyms only — and nothing before release; a facilitator any submission, by name.
 */
import { projectFeedbackForAuthor, type AuthorFeedbackView } from '../../domain/review/feedback-view.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { Submission, SubmissionId } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadOwnSubmission, loadSubmissionOfTask } from '../submissions/submission-access.js';
import {
  directoryFor,
  loadReviewContext,
  pinnedByRef,
  releaseOf,
  type ReviewContext,
} from './review-context.js';

export async function feedbackPage(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    /** Facilitators name the submission; learners always get their own. */
    readonly submissionId?: SubmissionId;
  },
): Promise<AuthorFeedbackView> {
  const action = 'view-feedback';
  let ctx: ReviewContext;
  let submission: Submission | undefined;
  if (input.actor.role === 'facilitator') {
    ctx = await loadReviewContext(deps, input, input.taskId, action);
    if (input.submissionId === undefined) throw new NotFoundError('submission', '');
    submission = await loadSubmissionOfTask(deps, ctx, input.submissionId);
  } else {
    const own = await loadOwnSubmission(deps, input, input.taskId, action);
    ctx = own.ctx;
    submission = own.submission;
    if (submission === undefined) throw new NotFoundError('submission', input.taskId);
  }
  const reviews = await deps.reviews.listBySubmission(submission.id);
  const release = releaseOf(ctx, reviews);
  if (!release.released && input.actor.role !== 'facilitator')
    return { submissionId: submission.id, release };
  const ref = reviews.find((r) => r.status === 'submitted')?.standard ?? reviews[0]?.standard;
  if (ref === undefined)
    return { submissionId: submission.id, release, criteria: [], overall: [], reviews: [] };
  const ratings = await deps.helpfulness.listByReviews(reviews.map((r) => r.id));
  return projectFeedbackForAuthor({
    viewer: input.actor,
    submission,
    reviews,
    standard: await pinnedByRef(deps, ref),
    release,
    anonymity: ctx.settings.anonymity,
    directory: await directoryFor(deps, ctx),
    ratings,
  });
}
