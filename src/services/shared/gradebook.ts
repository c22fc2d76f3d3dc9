/**
 * The port through which released grades reach the LMS gradebook (LTI AGS, implemented at the
 * LTI edge). One call per learner; it resolves when the platform accepted the score and
 * rejects otherwise. Formative tasks never call it.
 *
 * `activityProgress` and `gradingProgress` use the AGS score service's vocabulary.
 */
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';

export interface GradebookScore {
  readonly taskId: TeamTaskId;
  readonly userId: UserId;
  readonly scoreGiven: number;
  readonly scoreMaximum: number;
  readonly comment?: string;
  readonly activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  readonly gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
}

export interface GradebookPort {
  publish(score: GradebookScore): Promise<void>;
}

/** Used until the AGS adapter is wired: every publish fails with this, and the grade records it. */
export class GradebookUnavailableError extends Error {
  constructor() {
    super('no gradebook is connected for this course (LTI AGS)');
    this.name = 'GradebookUnavailableError';
  }
}

export const unavailableGradebook: GradebookPort = {
  publish: async () => {
    throw new GradebookUnavailableError();
  },
};
