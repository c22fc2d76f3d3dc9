/** Peer-review settings per task: plain `ReviewSettings` in and out, compare-and-set on revision. */
import type { Connection } from 'mongoose';
import type { CourseId, TeamTaskId } from '../../domain/shared/ids.js';
import { asTeamTaskId, asUserId } from '../../domain/shared/ids.js';
import type { ReviewSettings } from '../../domain/review/review-settings.js';
import type { AllocationScope } from '../../domain/review/eligibility.js';
import type { AggregationStrategy } from '../../domain/review/scores.js';
import type { SubmissionMode } from '../../domain/submission/submission.js';
import { reviewSettingsModel, type ReviewSettingsDoc } from '../mongo/models/review-settings.model.js';
import type { Tx } from '../mongo/transactions.js';
import { compareAndSet } from './compare-and-set.js';

export interface ReviewSettingsRepo {
  findByTask(taskId: TeamTaskId): Promise<ReviewSettings | undefined>;
  /** The stored settings of any of `taskIds` (one query; tasks without settings are absent). */
  listByTasks(taskIds: readonly TeamTaskId[]): Promise<readonly ReviewSettings[]>;
  /** `expectedRevision` 0 inserts. @throws VersionConflictError when someone saved first. */
  save(settings: ReviewSettings, courseId: CourseId, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createReviewSettingsRepo(connection: Connection): ReviewSettingsRepo {
  const model = reviewSettingsModel(connection);
  return {
    async findByTask(taskId) {
      const doc = await model.findById(taskId).lean<ReviewSettingsDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTasks(taskIds) {
      if (taskIds.length === 0) return [];
      const docs = await model.find({ _id: { $in: [...taskIds] } }).lean<ReviewSettingsDoc[]>();
      return docs.map(fromDoc);
    },
    async save(settings, courseId, expectedRevision, tx) {
      await compareAndSet(
        model,
        toDoc(settings, courseId),
        expectedRevision === 0 ? undefined : expectedRevision,
        'review-settings',
        tx,
      );
    },
  };
}

function toDoc(s: ReviewSettings, courseId: CourseId): ReviewSettingsDoc {
  return {
    _id: s.taskId,
    courseId,
    submissionMode: s.submissionMode,
    scope: s.scope,
    allocation: s.allocation,
    reviewsPerSubmission: s.reviewsPerSubmission,
    leaseMinutes: s.leaseMinutes,
    anonymity: { ...s.anonymity },
    release:
      s.release.kind === 'min-reviews'
        ? { kind: 'min-reviews', minReviews: s.release.minReviews }
        : { kind: 'phase-close' },
    selfAssessment: s.selfAssessment,
    lateSubmissions:
      s.lateSubmissions.allowed && s.lateSubmissions.until !== undefined
        ? { allowed: true, until: s.lateSubmissions.until }
        : { allowed: s.lateSubmissions.allowed },
    aggregation: s.aggregation,
    requireCriterionComments: s.requireCriterionComments,
    contributionSplit: s.contributionSplit,
    grading:
      s.grading.mode === 'graded'
        ? { mode: 'graded', formula: { ...s.grading.formula } }
        : { mode: 'formative' },
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
    revision: s.revision,
  };
}

function fromDoc(d: ReviewSettingsDoc): ReviewSettings {
  return {
    taskId: asTeamTaskId(d._id),
    submissionMode: d.submissionMode as SubmissionMode,
    scope: d.scope as AllocationScope,
    allocation: d.allocation === 'pull' ? 'pull' : 'push',
    reviewsPerSubmission: d.reviewsPerSubmission,
    leaseMinutes: d.leaseMinutes,
    anonymity: {
      hideReviewersFromAuthors: d.anonymity.hideReviewersFromAuthors,
      hideAuthorsFromReviewers: d.anonymity.hideAuthorsFromReviewers,
    },
    release:
      d.release.kind === 'min-reviews'
        ? { kind: 'min-reviews', minReviews: d.release.minReviews ?? 1 }
        : { kind: 'phase-close' },
    selfAssessment: d.selfAssessment,
    lateSubmissions: d.lateSubmissions.allowed
      ? d.lateSubmissions.until instanceof Date
        ? { allowed: true, until: d.lateSubmissions.until }
        : { allowed: true }
      : { allowed: false },
    aggregation: d.aggregation as AggregationStrategy,
    requireCriterionComments: d.requireCriterionComments,
    contributionSplit: d.contributionSplit,
    grading:
      d.grading.mode === 'graded' && d.grading.formula !== undefined
        ? { mode: 'graded', formula: { ...d.grading.formula } }
        : { mode: 'formative' },
    updatedAt: d.updatedAt,
    updatedBy: asUserId(d.updatedBy),
    revision: d.revision,
  };
}
