/**
 * A learner hands in their (team's) working copy: the first time, or again while the work phase
 * is open (a new version). After the deadline a first hand-in is accepted when the task allows
 * late work, and flagged with how late it is.
 */
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { submitSubmission, type Submission } from '../../domain/submission/submission.js';
import { latestVersionRef } from '../../domain/standard/standard-version.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { workWindow } from '../reviews/review-context.js';
import { loadOwnSubmission } from './submission-access.js';

export async function submitWork(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId; readonly expectedRevision?: number },
): Promise<Submission> {
  const { ctx, submission } = await loadOwnSubmission(deps, input, input.taskId, 'submit-submission');
  if (submission === undefined) throw new NotFoundError('submission', input.taskId);
  if (input.expectedRevision !== undefined) assertRevision(submission, input.expectedRevision, 'submission');
  const next = submitSubmission(submission, input.actor, workWindow(ctx), ctx.now, deps.submissionLimits);
  const teamId = next.owner.teamId;
  const standard = teamId === undefined ? undefined : await deps.standards.findByTeam(ctx.task.id, teamId);
  const ref = standard === undefined ? undefined : latestVersionRef(standard);
  await deps.transaction(async (tx) => {
    await deps.submissions.save(next, input.courseId, submission.revision, tx);
    await deps.events.record(
      [
        {
          type: 'work-submitted',
          at: ctx.now,
          courseId: input.courseId,
          taskId: ctx.task.id,
          userId: input.actor.userId,
          submissionId: next.id,
          ...(teamId !== undefined ? { teamId } : {}),
          byTeam: next.owner.kind === 'team',
          version: next.submitted?.version ?? 1,
          late: next.submitted?.late !== undefined,
          ...(ref !== undefined ? { standard: { standardId: ref.standardId, version: ref.version } } : {}),
        },
      ],
      tx,
    );
  });
  return next;
}
