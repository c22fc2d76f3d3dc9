/**
 * The port through which team-task grading (issue 7) sends a person's score to the LMS gradebook.
 * `publish` only queues the score (in the caller's transaction when given one) for every graded
 * placement of the task; a background worker sends it with LTI AGS, retrying with backoff while
 * the platform is busy or down. It never waits on the LMS. A newer score for the same person and
 * placement replaces one not sent yet. Tasks without a graded placement, or whose platform offers
 * no grade service, queue nothing (`queued: 0`).
 */
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { Tx } from '../../store/mongo/transactions.js';

/** AGS 2.0 activity progress of the person on the task. */
export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
/** AGS 2.0 grading progress: `FullyGraded` makes the score final in the gradebook. */
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

export interface GradeToPublish {
  readonly taskId: TeamTaskId;
  /** The person (Teamloop user id, as in `CourseActor.actor.userId`). */
  readonly userId: UserId;
  /** 0 ≤ score ≤ max (AGS scoreGiven). */
  readonly score: number;
  /** > 0 (AGS scoreMaximum); the platform scales to its line item's maximum. */
  readonly max: number;
  /** Shown to the learner in the gradebook (plain text, at most 4000 characters). */
  readonly comment?: string;
  /** Default `{ activity: 'Completed', grading: 'FullyGraded' }`. */
  readonly progress?: { readonly activity: ActivityProgress; readonly grading: GradingProgress };
  /** When the score was given (AGS timestamp); default now. */
  readonly at?: Date;
}

export interface GradePublishResult {
  /** How many graded placements of the task the score was queued for (0: none). */
  readonly queued: number;
}

export interface GradebookPort {
  /**
   * @throws InvalidInputError for a score outside 0..max, max ≤ 0 or a comment over 4000 characters.
   */
  publish(grade: GradeToPublish, tx?: Tx): Promise<GradePublishResult>;
}
