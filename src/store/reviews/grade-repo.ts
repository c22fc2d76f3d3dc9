/** Grades: one per learner per task; saves compare-and-set on `revision`. */
import type { Connection } from 'mongoose';
import type { Grade, PublishState } from '../../domain/grade/grade.js';
import {
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import { gradeModel, type GradeDoc } from '../mongo/models/grade.model.js';
import type { Tx } from '../mongo/transactions.js';
import { compareAndSet, optional } from './compare-and-set.js';

export interface GradeRepo {
  find(taskId: TeamTaskId, userId: UserId): Promise<Grade | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly Grade[]>;
  save(grade: Grade, courseId: CourseId, expectedRevision: number | undefined, tx?: Tx): Promise<void>;
}

export function createGradeRepo(connection: Connection): GradeRepo {
  const model = gradeModel(connection);
  return {
    async find(taskId, userId) {
      const doc = await model.findById(`${taskId}:${userId}`).lean<GradeDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).sort({ userId: 1 }).lean<GradeDoc[]>();
      return docs.map(fromDoc);
    },
    async save(grade, courseId, expectedRevision, tx) {
      await compareAndSet(model, toDoc(grade, courseId), expectedRevision, 'grade', tx);
    },
  };
}

function toDoc(g: Grade, courseId: CourseId): GradeDoc {
  const p = g.publish;
  return {
    _id: `${g.taskId}:${g.userId}`,
    taskId: g.taskId,
    courseId,
    userId: g.userId,
    parts: {
      submitted: g.parts.submitted,
      ...optional('submissionScore', g.parts.submissionScore),
      ...optional('reviewScore', g.parts.reviewScore),
      ...optional('contributionFactor', g.parts.contributionFactor),
    },
    ...optional('computed', g.computed),
    ...optional('override', g.override === undefined ? undefined : { ...g.override }),
    computedAt: g.computedAt,
    publish:
      p.state === 'published'
        ? { state: 'published', score: p.score, at: p.at, by: p.by }
        : p.state === 'failed'
          ? { state: 'failed', at: p.at, reason: p.reason }
          : { state: 'unpublished' },
    revision: g.revision,
  };
}

function fromDoc(d: GradeDoc): Grade {
  const p = d.publish;
  const publish: PublishState =
    p.state === 'published'
      ? { state: 'published', score: p.score ?? 0, at: p.at ?? new Date(0), by: asUserId(p.by ?? 'unknown') }
      : p.state === 'failed'
        ? { state: 'failed', at: p.at ?? new Date(0), reason: p.reason ?? '' }
        : { state: 'unpublished' };
  return {
    taskId: asTeamTaskId(d.taskId),
    userId: asUserId(d.userId),
    parts: {
      submitted: d.parts.submitted,
      submissionScore: typeof d.parts.submissionScore === 'number' ? d.parts.submissionScore : undefined,
      reviewScore: typeof d.parts.reviewScore === 'number' ? d.parts.reviewScore : undefined,
      contributionFactor:
        typeof d.parts.contributionFactor === 'number' ? d.parts.contributionFactor : undefined,
    },
    computed: typeof d.computed === 'number' ? d.computed : undefined,
    ...(d.override != null
      ? {
          override: {
            score: d.override.score,
            reason: d.override.reason,
            by: asUserId(d.override.by),
            at: d.override.at,
          },
        }
      : {}),
    computedAt: d.computedAt,
    publish,
    revision: d.revision,
  };
}
