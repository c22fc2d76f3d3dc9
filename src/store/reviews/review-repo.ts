/**
 * Reviews: plain `Review` values in and out; saves compare-and-set on `revision`. Each review
 * document also keeps the explanation of how it was assigned, read only by the facilitator's
 * allocation view (`listAssignments`).
 */
import type { Connection } from 'mongoose';
import {
  asCriterionId,
  asStandardId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import {
  asReviewId,
  type Review,
  type ReviewId,
  type ReviewKind,
  type ReviewSource,
} from '../../domain/review/review.js';
import { asSubmissionId, type SubmissionId } from '../../domain/submission/submission.js';
import { reviewModel, type ReviewDoc } from '../mongo/models/review.model.js';
import { isDuplicateKey, sessionOf, type Tx } from '../mongo/transactions.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
import { compareAndSet, optional } from './compare-and-set.js';

/** Why a review was assigned, as data (allocation reasons, a pull claim's reason, a facilitator's note). */
export type AssignmentExplanation = readonly Readonly<Record<string, unknown>>[];

export interface AssignmentRow {
  readonly review: Review;
  readonly explanation: AssignmentExplanation;
}

export interface ReviewRepo {
  findById(id: ReviewId, tx?: Tx): Promise<Review | undefined>;
  listByTask(taskId: TeamTaskId, tx?: Tx): Promise<readonly Review[]>;
  listBySubmission(submissionId: SubmissionId, tx?: Tx): Promise<readonly Review[]>;
  listByReviewer(taskId: TeamTaskId, reviewerId: UserId): Promise<readonly Review[]>;
  /** A reviewer's reviews across `taskIds` (one query). */
  listByReviewerInTasks(taskIds: readonly TeamTaskId[], reviewerId: UserId): Promise<readonly Review[]>;
  /** The reviews of any of `submissionIds` (one query). */
  listBySubmissions(submissionIds: readonly SubmissionId[]): Promise<readonly Review[]>;
  /** Every review of the task with how it was assigned (facilitator view). */
  listAssignments(taskId: TeamTaskId): Promise<readonly AssignmentRow[]>;
  /**
   * New reviews. @throws VersionConflictError when one already exists for a reviewer and
   * submission (the unique index; concurrent allocation or claims).
   */
  insertMany(
    rows: readonly { readonly review: Review; readonly explanation: AssignmentExplanation }[],
    courseId: CourseId,
    tx?: Tx,
  ): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  save(review: Review, courseId: CourseId, expectedRevision: number, tx?: Tx): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  remove(id: ReviewId, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createReviewRepo(connection: Connection): ReviewRepo {
  const model = reviewModel(connection);
  return {
    async findById(id, tx) {
      const doc = await model.findById(id, null, sessionOf(tx)).lean<ReviewDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId, tx) {
      const docs = await model.find({ taskId }, null, sessionOf(tx)).sort({ _id: 1 }).lean<ReviewDoc[]>();
      return docs.map(fromDoc);
    },
    async listBySubmission(submissionId, tx) {
      const docs = await model
        .find({ submissionId }, null, sessionOf(tx))
        .sort({ _id: 1 })
        .lean<ReviewDoc[]>();
      return docs.map(fromDoc);
    },
    async listByReviewer(taskId, reviewerId) {
      const docs = await model
        .find({ taskId, reviewerId })
        .sort({ assignedAt: 1, _id: 1 })
        .lean<ReviewDoc[]>();
      return docs.map(fromDoc);
    },
    async listByReviewerInTasks(taskIds, reviewerId) {
      if (taskIds.length === 0) return [];
      const docs = await model
        .find({ taskId: { $in: [...taskIds] }, reviewerId })
        .sort({ _id: 1 })
        .lean<ReviewDoc[]>();
      return docs.map(fromDoc);
    },
    async listBySubmissions(submissionIds) {
      if (submissionIds.length === 0) return [];
      const docs = await model
        .find({ submissionId: { $in: [...submissionIds] } })
        .sort({ _id: 1 })
        .lean<ReviewDoc[]>();
      return docs.map(fromDoc);
    },
    async listAssignments(taskId) {
      const docs = await model.find({ taskId }).sort({ _id: 1 }).lean<ReviewDoc[]>();
      return docs.map((d) => ({ review: fromDoc(d), explanation: d.explanation ?? [] }));
    },
    async insertMany(rows, courseId, tx) {
      if (rows.length === 0) return;
      try {
        await model.insertMany(
          rows.map((r) => toDoc(r.review, courseId, r.explanation)),
          { ...sessionOf(tx), ordered: true },
        );
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw new VersionConflictError(
            { entity: 'review', id: rows[0]?.review.submissionId ?? '', expected: 0 },
            { cause: error },
          );
        }
        throw error;
      }
    },
    async save(review, courseId, expectedRevision, tx) {
      const existing = await model
        .findById(review.id, { explanation: 1 }, sessionOf(tx))
        .lean<Pick<ReviewDoc, 'explanation'>>();
      await compareAndSet(
        model,
        toDoc(review, courseId, existing?.explanation ?? []),
        expectedRevision,
        'review',
        tx,
      );
    },
    async remove(id, expectedRevision, tx) {
      const result = await model.deleteOne({ _id: id, revision: expectedRevision }, sessionOf(tx));
      if (result.deletedCount === 0)
        throw new VersionConflictError({ entity: 'review', id, expected: expectedRevision });
    },
  };
}

function toDoc(r: Review, courseId: CourseId, explanation: AssignmentExplanation): ReviewDoc {
  return {
    _id: r.id,
    taskId: r.taskId,
    courseId,
    submissionId: r.submissionId,
    reviewerId: r.reviewerId,
    kind: r.kind,
    source: r.source,
    standard: { standardId: r.standard.standardId, version: r.standard.version },
    ratings: r.ratings.map((x) => ({
      criterionId: x.criterionId,
      ...optional('levelId', x.levelId),
      comment: x.comment,
    })),
    overallComment: r.overallComment,
    status: r.status,
    assignedAt: r.assignedAt,
    ...optional('leaseExpiresAt', r.leaseExpiresAt),
    ...optional('savedAt', r.savedAt),
    ...optional('submittedAt', r.submittedAt),
    explanation: explanation.map((e) => ({ ...e })),
    revision: r.revision,
  };
}

function fromDoc(d: ReviewDoc): Review {
  return {
    id: asReviewId(d._id),
    taskId: asTeamTaskId(d.taskId),
    submissionId: asSubmissionId(d.submissionId),
    reviewerId: asUserId(d.reviewerId),
    kind: d.kind as ReviewKind,
    source: d.source as ReviewSource,
    standard: { standardId: asStandardId(d.standard.standardId), version: d.standard.version },
    ratings: d.ratings.map((x) => ({
      criterionId: asCriterionId(x.criterionId),
      ...(typeof x.levelId === 'string' ? { levelId: x.levelId } : {}),
      comment: x.comment,
    })),
    overallComment: d.overallComment,
    status: d.status === 'submitted' ? 'submitted' : 'draft',
    assignedAt: d.assignedAt,
    ...(d.leaseExpiresAt instanceof Date ? { leaseExpiresAt: d.leaseExpiresAt } : {}),
    ...(d.savedAt instanceof Date ? { savedAt: d.savedAt } : {}),
    ...(d.submittedAt instanceof Date ? { submittedAt: d.submittedAt } : {}),
    revision: d.revision,
  };
}
