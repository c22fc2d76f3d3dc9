/**
 * The reviewer's page: the form generated from the pinned standard version with their values,
 * and the work under review — for a peer review through the anonymity projection (with authors
 * hidden, a pseudonym instead of their names and ids), for a self-assessment their own work.
 */
import {
  projectSubmissionForReviewer,
  type SubmissionForReviewer,
} from '../../domain/review/feedback-view.js';
import { buildReviewForm, type ReviewForm, type ReviewId } from '../../domain/review/review.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { ContentPart } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { directoryFor, reviewRules } from './review-context.js';
import { loadReviewForReviewer } from './review-access.js';

export interface ReviewFormPage {
  readonly taskId: TeamTaskId;
  readonly form: ReviewForm;
  /** Post back as `expectedRevision`. */
  readonly revision: number;
  readonly leaseExpiresAt?: Date;
  /** Peer review: the projected submission; self-assessment: the handed-in parts of one's own work. */
  readonly work:
    | { readonly kind: 'peer'; readonly submission: SubmissionForReviewer }
    | { readonly kind: 'self'; readonly parts: readonly ContentPart[]; readonly version: number };
}

export async function openReviewForm(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly reviewId: ReviewId },
): Promise<ReviewFormPage> {
  const loaded = await loadReviewForReviewer(deps, input, input.taskId, input.reviewId, 'open-review');
  const { ctx, review, submission, standard, window } = loaded;
  const form = buildReviewForm(review, standard, window, reviewRules(ctx));
  let work: ReviewFormPage['work'];
  if (review.kind === 'peer') {
    const viewerReviews = await deps.reviews.listByReviewer(ctx.task.id, review.reviewerId);
    work = {
      kind: 'peer',
      submission: projectSubmissionForReviewer({
        viewer:
          input.actor.role === 'facilitator' ? input.actor : { userId: review.reviewerId, role: 'learner' },
        submission,
        viewerReviews,
        anonymity: ctx.settings.anonymity,
        directory: await directoryFor(deps, ctx),
      }),
    };
  } else {
    work = {
      kind: 'self',
      parts: submission.submitted?.parts ?? [],
      version: submission.submitted?.version ?? 0,
    };
  }
  return {
    taskId: ctx.task.id,
    form,
    revision: review.revision,
    ...(review.leaseExpiresAt !== undefined ? { leaseExpiresAt: review.leaseExpiresAt } : {}),
    work,
  };
}
