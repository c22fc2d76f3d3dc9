/**
 * A learner saves their (team's) working copy: text and links as posted; file parts only as
 * they already are in the submission (a file enters through `uploadSubmissionFile`, so nobody
 * can point a part at someone else's file). The first save starts the submission.
 */
import { InvalidInputError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import {
  asSubmissionId,
  saveDraft,
  startSubmission,
  type ContentPart,
  type Submission,
} from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { workWindow } from '../reviews/review-context.js';
import { loadOwnSubmission } from './submission-access.js';

/** What a form posts: file parts name a file already in the submission by id. */
export type PostedPart =
  | { readonly kind: 'text'; readonly markdown: string }
  | { readonly kind: 'link'; readonly url: string; readonly title?: string }
  | { readonly kind: 'file'; readonly fileId: string };

export async function saveSubmissionDraft(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly parts: readonly PostedPart[];
    /** The submission's revision the form was rendered from (absent for a new one). */
    readonly expectedRevision?: number;
  },
): Promise<Submission> {
  const { ctx, owner, submission } = await loadOwnSubmission(
    deps,
    input,
    input.taskId,
    'save-submission-draft',
  );
  if (submission !== undefined && input.expectedRevision !== undefined)
    assertRevision(submission, input.expectedRevision, 'submission');
  const window = workWindow(ctx);
  const current =
    submission ??
    startSubmission(
      { id: asSubmissionId(deps.newId()), taskId: ctx.task.id, owner },
      input.actor,
      window,
      ctx.now,
    );
  const parts = resolveParts(current, input.parts);
  const next = saveDraft(current, parts, input.actor, window, ctx.now, deps.submissionLimits);
  await deps.submissions.save(next, input.courseId, submission?.revision);
  return next;
}

export function resolveParts(submission: Submission, posted: readonly PostedPart[]): ContentPart[] {
  const known = [...submission.draft, ...(submission.submitted?.parts ?? [])];
  return posted.map((part, i): ContentPart => {
    if (part.kind !== 'file') return part;
    const file = known.find((k) => k.kind === 'file' && k.fileId === part.fileId);
    if (file === undefined)
      throw new InvalidInputError([{ field: `parts.${i}.fileId`, code: 'unknown-file' }]);
    return file;
  });
}
