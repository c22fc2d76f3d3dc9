/**
 * A file of a submission, for someone allowed to see it: its authors (working copy and handed-in
 * versions), a peer reviewer of the submission (the handed-in version only) and the course's
 * facilitators. What is returned carries no uploader: a hidden author stays hidden.
 */
import type { Readable } from 'node:stream';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { asFileId, isAuthor, type SubmissionId } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from '../reviews/review-context.js';
import { loadSubmissionOfTask } from './submission-access.js';

export interface SubmissionFileDownload {
  readonly name: string;
  readonly size: number;
  /** As sniffed at upload. */
  readonly contentType: string;
  readonly open: () => Readable;
}

export async function openSubmissionFile(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly submissionId: SubmissionId;
    readonly fileId: string;
  },
): Promise<SubmissionFileDownload> {
  const action = 'download-submission-file';
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  const submission = await loadSubmissionOfTask(deps, ctx, input.submissionId);
  const { actor } = input;
  const inDraft = submission.draft.some((p) => p.kind === 'file' && p.fileId === input.fileId);
  const inSubmitted = (submission.submitted?.parts ?? []).some(
    (p) => p.kind === 'file' && p.fileId === input.fileId,
  );
  if (!inDraft && !inSubmitted) throw new NotFoundError('file', input.fileId);
  let allowed = actor.role === 'facilitator' || isAuthor(submission.owner, actor.userId);
  if (!allowed && inSubmitted) {
    const reviews = await deps.reviews.listBySubmission(submission.id);
    allowed = reviews.some((r) => r.kind === 'peer' && r.reviewerId === actor.userId);
  }
  if (!allowed) throw new NotPermittedError(action);
  const file = await deps.files.find(asFileId(input.fileId));
  if (file === undefined || file.taskId !== ctx.task.id) throw new NotFoundError('file', input.fileId);
  return {
    name: file.name,
    size: file.size,
    contentType: file.contentType,
    open: () => deps.files.openDownload(file.fileId),
  };
}
