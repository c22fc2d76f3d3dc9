/**
 * Team retrospectives with their agreed actions: plain `Retrospective` values; one per team and
 * task; saves compare-and-set on `revision`. `openActionOwners` is derived on every write so
 * "open actions owned by these people in this course" is one indexed query.
 */
import type { Connection } from 'mongoose';
import {
  asActionId,
  asRetrospectiveId,
  type Retrospective,
  type RetrospectiveId,
} from '../../domain/retrospective/retrospective.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asCourseId,
  asCriterionId,
  asTeamId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import { retrospectiveModel, type RetrospectiveDoc } from '../mongo/models/retrospective.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';
import { presentNumbers, refFromDoc, refToDoc } from '../shared-mappers.js';

export interface RetrospectiveRepo {
  findById(id: RetrospectiveId): Promise<Retrospective | undefined>;
  findByTeam(taskId: TeamTaskId, teamId: TeamId): Promise<Retrospective | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly Retrospective[]>;
  /** Retrospectives of a course holding open actions owned by any of `owners`. */
  listWithOpenActions(courseId: CourseId, owners: readonly UserId[]): Promise<readonly Retrospective[]>;
  /** @throws the server's duplicate-key error when the team already has one. */
  insert(retro: Retrospective, tx?: Tx): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  save(retro: Retrospective, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createRetrospectiveRepo(connection: Connection): RetrospectiveRepo {
  const model = retrospectiveModel(connection);
  return {
    async findById(id) {
      const doc = await model.findById(id).lean<RetrospectiveDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async findByTeam(taskId, teamId) {
      const doc = await model.findOne({ taskId, teamId }).lean<RetrospectiveDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).lean<RetrospectiveDoc[]>();
      return docs.map(fromDoc);
    },
    async listWithOpenActions(courseId, owners) {
      if (owners.length === 0) return [];
      const docs = await model
        .find({ courseId, openActionOwners: { $in: [...owners] } })
        .lean<RetrospectiveDoc[]>();
      return docs.map(fromDoc);
    },
    async insert(retro, tx) {
      await model.create([toDoc(retro)], sessionOf(tx));
    },
    async save(retro, expectedRevision, tx) {
      const result = await model.replaceOne(
        { _id: retro.id, revision: expectedRevision },
        toDoc(retro),
        sessionOf(tx),
      );
      if (result.matchedCount === 0) {
        const current = await model.findById(retro.id, { revision: 1 }).lean<{ revision: number }>();
        throw new VersionConflictError({
          entity: 'retrospective',
          id: retro.id,
          expected: expectedRevision,
          ...(current !== null ? { actual: current.revision } : {}),
        });
      }
    },
  };
}

const ROW_NUMBERS = ['team'] as const;

function toDoc(r: Retrospective): RetrospectiveDoc {
  return {
    _id: r.id,
    courseId: r.courseId,
    taskId: r.taskId,
    teamId: r.teamId,
    ...(r.standard !== undefined ? { standard: refToDoc(r.standard) } : {}),
    criteria: r.criteria.map((c) => ({
      criterionId: c.criterionId,
      name: c.name,
      levelCount: c.levelCount,
      ...presentNumbers(c, ROW_NUMBERS),
    })),
    ...(r.facilitatorRating !== undefined
      ? {
          facilitatorRating: {
            levels: { ...r.facilitatorRating.levels },
            comment: r.facilitatorRating.comment,
            by: r.facilitatorRating.by,
            at: r.facilitatorRating.at,
          },
        }
      : {}),
    wentWell: r.wentWell,
    toImprove: r.toImprove,
    actions: r.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner,
      due: a.due,
      ...(a.done !== undefined ? { done: { by: a.done.by, at: a.done.at } } : {}),
    })),
    openActionOwners: [...new Set(r.actions.filter((a) => a.done === undefined).map((a) => a.owner))],
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    revision: r.revision,
  };
}

function fromDoc(d: RetrospectiveDoc): Retrospective {
  const standard = refFromDoc(d.standard);
  return {
    id: asRetrospectiveId(d._id),
    courseId: asCourseId(d.courseId),
    taskId: asTeamTaskId(d.taskId),
    teamId: asTeamId(d.teamId),
    ...(standard !== undefined ? { standard } : {}),
    criteria: d.criteria.map((c) => ({
      criterionId: asCriterionId(c.criterionId),
      name: c.name,
      levelCount: c.levelCount,
      // Legacy peer figures (peerMedian, peerCount, facilitator) stored by earlier versions are
      // not read: the chart takes them live from the released feedback.
      ...presentNumbers(c, ROW_NUMBERS),
    })),
    ...(d.facilitatorRating != null
      ? { facilitatorRating: facilitatorRatingFromDoc(d.facilitatorRating) }
      : {}),
    wentWell: d.wentWell,
    toImprove: d.toImprove,
    actions: d.actions.map((a) => ({
      id: asActionId(a.id),
      text: a.text,
      owner: asUserId(a.owner),
      due: a.due,
      ...(a.done != null && typeof a.done.by === 'string'
        ? { done: { by: asUserId(a.done.by), at: a.done.at } }
        : {}),
    })),
    createdBy: asUserId(d.createdBy),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    revision: d.revision,
  };
}

function facilitatorRatingFromDoc(
  d: NonNullable<RetrospectiveDoc['facilitatorRating']>,
): NonNullable<Retrospective['facilitatorRating']> {
  const levels: Record<string, number> = {};
  for (const [criterionId, level] of Object.entries(d.levels ?? {})) {
    if (typeof level === 'number' && Number.isInteger(level)) levels[criterionId] = level;
  }
  return { levels, comment: d.comment ?? '', by: asUserId(d.by), at: d.at };
}
