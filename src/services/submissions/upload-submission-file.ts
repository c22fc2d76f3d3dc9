/**
 * A learner adds a file to their (team's) working copy. The file store reads at most the size
 * limit, sniffs the real type and checks the allow-list before writing anything; then the part
 * is added to the draft. When the draft cannot be saved (phase closed, someone saved first), the
 * stored file is deleted again, so a refused upload leaves nothing behind.
 */
import { PhaseConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import {
  asSubmissionId,
  saveDraft,
  startSubmission,
  submissionTiming,
  type Submission,
} from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { workWindow } from '../reviews/review-context.js';
import { loadOwnSubmission } from './submission-access.js';

export async function uploadSubmissionFile(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly name: string;
    /** The client's Content-Type: kept for the record, never trusted. */
    readonly declaredType: string;
    readonly content: AsyncIterable<Uint8Array> | Uint8Array;
    readonly expectedRevision?: number;
  },
): Promise<Submission> {
  const { ctx, owner, submission } = await loadOwnSubmission(
    deps,
    input,
    input.taskId,
    'upload-submission-file',
  );
  if (submission !== undefined && input.expectedRevision !== undefined)
    assertRevision(submission, input.expectedRevision, 'submission');
  const window = workWindow(ctx);
  // Refuse before reading the bytes when nothing could change anyway.
  const timing = submissionTiming(window, ctx.now);
  if (timing.kind === 'closed' || (timing.kind === 'late' && submission?.submitted !== undefined)) {
    throw new PhaseConflictError({
      action: 'upload-submission-file',
      phase: ctx.phase,
      taskId: ctx.task.id,
      reason: timing.kind === 'closed' ? timing.reason : 'resubmit-after-deadline',
    });
  }
  const current =
    submission ??
    startSubmission(
      { id: asSubmissionId(deps.newId()), taskId: ctx.task.id, owner },
      input.actor,
      window,
      ctx.now,
    );
  const limits = deps.submissionLimits;
  const stored = await deps.files.upload(
    {
      taskId: ctx.task.id,
      courseId: input.courseId,
      uploadedBy: input.actor.userId,
      name: input.name,
      declaredType: input.declaredType,
      content: input.content,
      now: ctx.now,
    },
    limits,
  );
  try {
    const next = saveDraft(
      current,
      [
        ...current.draft,
        {
          kind: 'file',
          fileId: stored.fileId,
          name: stored.name,
          size: stored.size,
          contentType: stored.contentType,
        },
      ],
      input.actor,
      window,
      ctx.now,
      limits,
    );
    await deps.submissions.save(next, input.courseId, submission?.revision);
    return next;
  } catch (error) {
    await deps.files.delete(stored.fileId);
    throw error;
  }
}
