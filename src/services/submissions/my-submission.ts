/**
 * The author's page about their (team's) work: working copy, what was handed in (version, late
 * flag), whether handing in is possible now and how. Only the authors' own team appears; no
 * reviewer is named here.
 */
import type { TeamTaskId } from '../../domain/shared/ids.js';
import {
  submissionTiming,
  type ContentPart,
  type SubmissionMode,
  type SubmissionTiming,
  type SubmittedVersion,
} from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { workWindow } from '../reviews/review-context.js';
import { loadOwnSubmission } from './submission-access.js';

export interface MySubmissionView {
  readonly taskId: TeamTaskId;
  readonly mode: SubmissionMode;
  readonly submissionId?: string;
  /** Post back as `expectedRevision`. */
  readonly revision?: number;
  readonly draft: readonly ContentPart[];
  readonly submitted?: Omit<SubmittedVersion, 'by'>;
  readonly timing: SubmissionTiming;
  readonly dueAt?: Date;
  readonly maxFileBytes: number;
  readonly allowedContentTypes: readonly string[];
}

export async function mySubmission(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<MySubmissionView> {
  const { ctx, submission } = await loadOwnSubmission(deps, input, input.taskId, 'view-submission');
  const window = workWindow(ctx);
  const submitted = submission?.submitted;
  return {
    taskId: ctx.task.id,
    mode: ctx.settings.submissionMode,
    ...(submission !== undefined ? { submissionId: submission.id, revision: submission.revision } : {}),
    draft: submission?.draft ?? [],
    ...(submitted !== undefined
      ? {
          submitted: {
            version: submitted.version,
            parts: submitted.parts,
            at: submitted.at,
            ...(submitted.late !== undefined ? { late: submitted.late } : {}),
          },
        }
      : {}),
    timing: submissionTiming(window, ctx.now),
    ...(window.dueAt !== undefined ? { dueAt: window.dueAt } : {}),
    maxFileBytes: deps.submissionLimits.maxFileBytes,
    allowedContentTypes: deps.submissionLimits.allowedContentTypes,
  };
}
