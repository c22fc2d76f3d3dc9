/**
 * The persistent queue of scores for platforms' gradebooks (`gradePublications`): enqueue
 * (replacing a person's pending score for the placement), claim one due item with a lease (so
 * several workers never send the same one), and record the outcome. Nothing here talks to a
 * platform.
 */
import { Types, type Connection } from 'mongoose';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../domain/shared/ids.js';
import {
  gradePublicationModel,
  type GradePublicationDoc,
  type GradePublicationStatus,
} from '../mongo/models/grade-publication.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface QueuedScore {
  readonly placementId: string;
  readonly taskId: string;
  readonly courseId: CourseId;
  readonly personId: UserId;
  readonly subject: string;
  readonly scoreGiven: number;
  readonly scoreMaximum: number;
  readonly comment: string | undefined;
  readonly activityProgress: string;
  readonly gradingProgress: string;
  readonly timestamp: Date;
}

export interface GradePublication extends QueuedScore {
  readonly id: string;
  readonly status: GradePublicationStatus;
  readonly version: number;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | undefined;
  readonly lastStatus: number | undefined;
  readonly sentAt: Date | undefined;
}

export interface GradeQueueRepo {
  enqueue(score: QueuedScore, now: Date, tx?: Tx): Promise<void>;
  /** The next due pending publication, leased to the caller until `leaseUntil`. */
  claimDue(now: Date, leaseUntil: Date): Promise<GradePublication | undefined>;
  /** Marks sent unless the score changed since it was claimed (then it stays pending). */
  markSent(id: string, version: number, at: Date): Promise<boolean>;
  scheduleRetry(
    id: string,
    version: number,
    at: Date,
    error: string,
    status: number | undefined,
  ): Promise<void>;
  markFailed(id: string, version: number, error: string, status: number | undefined): Promise<void>;
  /** Puts a failed publication of the course back in the queue; false when there is none. */
  retry(courseId: CourseId, id: string, now: Date): Promise<boolean>;
  listByCourse(courseId: CourseId): Promise<readonly GradePublication[]>;
  countFailed(courseId: CourseId): Promise<number>;
}

function toPublication(doc: GradePublicationDoc): GradePublication {
  return {
    id: doc._id,
    placementId: doc.placementId,
    taskId: doc.taskId,
    courseId: asCourseId(String(doc.courseId)),
    personId: asUserId(String(doc.personId)),
    subject: doc.subject,
    scoreGiven: doc.scoreGiven,
    scoreMaximum: doc.scoreMaximum,
    comment: doc.comment,
    activityProgress: doc.activityProgress,
    gradingProgress: doc.gradingProgress,
    timestamp: doc.timestamp,
    status: doc.status,
    version: doc.version,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError,
    lastStatus: doc.lastStatus,
    sentAt: doc.sentAt,
  };
}

const objectId = (id: string): Types.ObjectId => new Types.ObjectId(id);

export function createGradeQueueRepo(connection: Connection): GradeQueueRepo {
  const Queue = gradePublicationModel(connection);
  return {
    async enqueue(score, now, tx) {
      await Queue.updateOne(
        { _id: `${score.placementId}:${score.personId}` },
        {
          $set: {
            placementId: score.placementId,
            taskId: score.taskId,
            courseId: objectId(score.courseId),
            personId: objectId(score.personId),
            subject: score.subject,
            scoreGiven: score.scoreGiven,
            scoreMaximum: score.scoreMaximum,
            activityProgress: score.activityProgress,
            gradingProgress: score.gradingProgress,
            timestamp: score.timestamp,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            ...(score.comment === undefined ? {} : { comment: score.comment }),
          },
          $unset: {
            leaseUntil: 1,
            lastError: 1,
            lastStatus: 1,
            ...(score.comment === undefined ? { comment: 1 } : {}),
          },
          $inc: { version: 1 },
        },
        { upsert: true, ...sessionOf(tx) },
      );
    },
    async claimDue(now, leaseUntil) {
      const doc = await Queue.findOneAndUpdate(
        {
          status: 'pending',
          nextAttemptAt: { $lte: now },
          $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
        },
        { $set: { leaseUntil } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      ).lean<GradePublicationDoc>();
      return doc === null ? undefined : toPublication(doc);
    },
    async markSent(id, version, at) {
      const result = await Queue.updateOne(
        { _id: id, version },
        { $set: { status: 'sent', sentAt: at }, $unset: { leaseUntil: 1, lastError: 1, lastStatus: 1 } },
      );
      if (result.modifiedCount === 1) return true;
      await Queue.updateOne({ _id: id }, { $unset: { leaseUntil: 1 } });
      return false;
    },
    async scheduleRetry(id, version, at, error, status) {
      const result = await Queue.updateOne(
        { _id: id, version },
        {
          $set: {
            nextAttemptAt: at,
            lastError: error,
            ...(status === undefined ? {} : { lastStatus: status }),
          },
          $inc: { attempts: 1 },
          $unset: { leaseUntil: 1, ...(status === undefined ? { lastStatus: 1 } : {}) },
        },
      );
      // CASE: a newer score arrived while this one was being sent: release it for the next round.
      if (result.modifiedCount === 0) await Queue.updateOne({ _id: id }, { $unset: { leaseUntil: 1 } });
    },
    async markFailed(id, version, error, status) {
      const result = await Queue.updateOne(
        { _id: id, version },
        {
          $set: {
            status: 'failed',
            lastError: error,
            ...(status === undefined ? {} : { lastStatus: status }),
          },
          $inc: { attempts: 1 },
          $unset: { leaseUntil: 1 },
        },
      );
      if (result.modifiedCount === 0) await Queue.updateOne({ _id: id }, { $unset: { leaseUntil: 1 } });
    },
    async retry(courseId, id, now) {
      const result = await Queue.updateOne(
        { _id: id, courseId: objectId(courseId), status: 'failed' },
        { $set: { status: 'pending', attempts: 0, nextAttemptAt: now }, $inc: { version: 1 } },
      );
      return result.modifiedCount === 1;
    },
    async listByCourse(courseId) {
      const docs = await Queue.find({ courseId: objectId(courseId) })
        .sort({ updatedAt: -1 })
        .limit(500)
        .lean<GradePublicationDoc[]>();
      const order: Record<GradePublicationStatus, number> = { failed: 0, pending: 1, sent: 2 };
      return docs.map(toPublication).sort((a, b) => order[a.status] - order[b.status]);
    },
    countFailed(courseId) {
      return Queue.countDocuments({ courseId: objectId(courseId), status: 'failed' });
    },
  };
}
