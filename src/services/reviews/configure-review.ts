/** A facilitator sets how peer review runs in a task (see `domain/review/review-settings.ts`). */
import {
  configureReview as decide,
  type ReviewSettings,
  type ReviewSettingsValues,
} from '../../domain/review/review-settings.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import { requireFacilitator, type CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from './review-context.js';

export async function configureReview(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly changes: Partial<ReviewSettingsValues>;
    /** The settings' revision the form was rendered from (0 before anything was saved). */
    readonly expectedRevision?: number;
  },
): Promise<ReviewSettings> {
  requireFacilitator(input.actor, 'configure-review');
  const ctx = await loadReviewContext(deps, input, input.taskId, 'configure-review');
  if (input.expectedRevision !== undefined)
    assertRevision(
      { id: ctx.task.id, revision: ctx.settings.revision },
      input.expectedRevision,
      'review-settings',
    );
  const next = decide(ctx.settings, input.changes, input.actor, ctx.phase, ctx.now);
  await deps.reviewSettings.save(next, input.courseId, ctx.settings.revision);
  return next;
}
