/**
 * A learner's review to-do list: each peer review they were given (the work's owner through the
 * anonymity projection), its status and lease, and — once the work's feedback is released — how
 * helpful its authors found it (raters hidden when authors are hidden). Also their
 * self-assessment and whether they can ask for more work (pull mode).
 */
import {
  projectRatingsForReviewer,
  projectSubmissionForReviewer,
  type PersonLabel,
  type RatingsForReviewer,
} from '../../domain/review/feedback-view.js';
import type { ReviewId } from '../../domain/review/review.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { AllocationMode } from '../../domain/review/review-settings.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { directoryFor, isReviewOpen, loadReviewContext, releaseOf } from './review-context.js';

export interface MyReviewsView {
  readonly taskId: TeamTaskId;
  readonly allocation: AllocationMode;
  readonly reviewOpen: boolean;
  readonly reviews: readonly {
    readonly reviewId: ReviewId;
    readonly author: PersonLabel;
    readonly status: 'draft' | 'submitted';
    readonly leaseExpiresAt?: Date;
    readonly ratings: RatingsForReviewer;
  }[];
  readonly selfAssessment?: { readonly reviewId: ReviewId; readonly status: 'draft' | 'submitted' };
}

export async function myReviews(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<MyReviewsView> {
  if (input.actor.role !== 'learner') throw new NotPermittedError('view-my-reviews');
  const ctx = await loadReviewContext(deps, input, input.taskId, 'view-my-reviews');
  const mine = await deps.reviews.listByReviewer(ctx.task.id, input.actor.userId);
  const peer = mine.filter((r) => r.kind === 'peer');
  const directory = await directoryFor(deps, ctx);
  const ratings = await deps.helpfulness.listByReviews(peer.map((r) => r.id));
  const rows = [];
  for (const review of peer) {
    const submission = await deps.submissions.findById(review.submissionId);
    if (submission === undefined) continue;
    const release = releaseOf(ctx, await deps.reviews.listBySubmission(submission.id));
    rows.push({
      reviewId: review.id,
      author: projectSubmissionForReviewer({
        viewer: input.actor,
        submission,
        viewerReviews: mine,
        anonymity: ctx.settings.anonymity,
        directory,
      }).author,
      status: review.status,
      ...(review.leaseExpiresAt !== undefined && review.status === 'draft'
        ? { leaseExpiresAt: review.leaseExpiresAt }
        : {}),
      ratings: projectRatingsForReviewer({
        viewer: input.actor,
        review,
        owner: submission.owner,
        ratings,
        release,
        anonymity: ctx.settings.anonymity,
        directory,
      }),
    });
  }
  const self = mine.find((r) => r.kind === 'self');
  return {
    taskId: ctx.task.id,
    allocation: ctx.settings.allocation,
    reviewOpen: isReviewOpen(ctx),
    reviews: rows,
    ...(self !== undefined ? { selfAssessment: { reviewId: self.id, status: self.status } } : {}),
  };
}
