/**
 * `GradebookPort` (see `services/shared/gradebook.ts`): queues a score for each graded placement
 * of the task that is bound to a resource link on a platform offering AGS.
 */
import { InvalidInputError, type FieldIssue } from '../../domain/shared/errors.js';
import type { GradeQueueRepo } from '../../store/grades/grade-queue-repo.js';
import type { PlacementRepo } from '../../store/lti/placement-repo.js';
import type { RosterRepo } from '../../store/lti/roster-repo.js';
import type { GradebookPort } from '../shared/gradebook.js';

export const MAX_GRADE_COMMENT = 4000;

export interface PublishGradeDeps {
  readonly queue: GradeQueueRepo;
  readonly placements: PlacementRepo;
  readonly rosters: Pick<RosterRepo, 'courseServices' | 'subjectOf'>;
  readonly now: () => Date;
  /** Called after queueing so an idle worker may start at once (optional). */
  readonly wake?: () => void;
}

export function createGradebook(deps: PublishGradeDeps): GradebookPort {
  return {
    async publish(grade, tx) {
      const issues: FieldIssue[] = [];
      if (!Number.isFinite(grade.max) || grade.max <= 0) issues.push({ field: 'max', code: 'out-of-range' });
      if (!Number.isFinite(grade.score) || grade.score < 0 || grade.score > grade.max) {
        issues.push({ field: 'score', code: 'out-of-range' });
      }
      if (grade.comment !== undefined && grade.comment.length > MAX_GRADE_COMMENT) {
        issues.push({ field: 'comment', code: 'too-long' });
      }
      if (issues.length > 0) throw new InvalidInputError(issues);
      const placements = (await deps.placements.listByTask(grade.taskId)).filter(
        (p) => p.graded && p.resourceLinkId !== undefined,
      );
      if (placements.length === 0) return { queued: 0 };
      const subject = await deps.rosters.subjectOf(grade.userId);
      if (subject === undefined) return { queued: 0 };
      const now = deps.now();
      let queued = 0;
      for (const placement of placements) {
        const course = await deps.rosters.courseServices(placement.courseId);
        if (
          course === undefined ||
          (course.lineItemsUrl === undefined && placement.lineItemUrl === undefined)
        ) {
          continue;
        }
        await deps.queue.enqueue(
          {
            placementId: placement.id,
            taskId: grade.taskId,
            courseId: placement.courseId,
            personId: grade.userId,
            subject,
            scoreGiven: grade.score,
            scoreMaximum: grade.max,
            comment: grade.comment,
            activityProgress: grade.progress?.activity ?? 'Completed',
            gradingProgress: grade.progress?.grading ?? 'FullyGraded',
            timestamp: grade.at ?? now,
          },
          now,
          tx,
        );
        queued += 1;
      }
      if (queued > 0) deps.wake?.();
      return { queued };
    },
  };
}
