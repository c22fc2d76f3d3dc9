/**
 * Team standards. A save compares and sets `revision` (a concurrent save → VersionConflictError)
 * and inserts the versions the standard has that the store does not yet have; call `save` inside
 * a transaction when a version may be new (ratification), so the two commit together.
 */
import type { Connection } from 'mongoose';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asCommentId,
  asCriterionId,
  asObjectionId,
  asStandardId,
  asTeamId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type StandardId,
  type TeamId,
  type TeamTaskId,
} from '../../domain/shared/ids.js';
import type { ActorRole } from '../../domain/shared/actor.js';
import type {
  Criterion,
  ObjectionStatus,
  StandardStatus,
  TeamStandard,
} from '../../domain/standard/team-standard.js';
import { teamStandardModel, type TeamStandardDoc } from '../mongo/models/team-standard.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';
import { contentFromDoc, contentToDoc } from '../team-tasks/team-task-repo.js';
import { provenanceFromDoc, provenanceToDoc, type StandardVersionRepo } from './standard-version-repo.js';

export interface TeamStandardRepo {
  findById(id: StandardId): Promise<TeamStandard | undefined>;
  findByTeam(taskId: TeamTaskId, teamId: TeamId): Promise<TeamStandard | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly TeamStandard[]>;
  /** @throws the server's duplicate-key error when the team already has a standard. */
  insert(standard: TeamStandard, courseId: CourseId, tx?: Tx): Promise<void>;
  /**
   * @throws VersionConflictError when the stored revision is not `expectedRevision`.
   */
  save(standard: TeamStandard, courseId: CourseId, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createTeamStandardRepo(
  connection: Connection,
  versions: StandardVersionRepo,
): TeamStandardRepo {
  const model = teamStandardModel(connection);
  const withVersions = async (doc: TeamStandardDoc | null): Promise<TeamStandard | undefined> =>
    doc === null ? undefined : fromDoc(doc, await versions.listByStandard(asStandardId(doc._id)));
  return {
    async findById(id) {
      return withVersions(await model.findById(id).lean<TeamStandardDoc>());
    },
    async findByTeam(taskId, teamId) {
      return withVersions(await model.findOne({ taskId, teamId }).lean<TeamStandardDoc>());
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).lean<TeamStandardDoc[]>();
      return Promise.all(
        docs.map(async (d) => fromDoc(d, await versions.listByStandard(asStandardId(d._id)))),
      );
    },
    async insert(standard, courseId, tx) {
      await model.create([toDoc(standard, courseId)], sessionOf(tx));
      for (const v of standard.versions) await versions.insert(v, courseId, tx);
    },
    async save(standard, courseId, expectedRevision, tx) {
      const options = sessionOf(tx);
      const before = await model
        .findOneAndReplace({ _id: standard.id, revision: expectedRevision }, toDoc(standard, courseId), {
          ...options,
          projection: { versionCount: 1 },
        })
        .lean<{ versionCount: number }>();
      if (before === null) {
        const current = await model
          .findById(standard.id, { revision: 1 }, options)
          .lean<{ revision: number }>();
        throw new VersionConflictError({
          entity: 'standard',
          id: standard.id,
          expected: expectedRevision,
          ...(current !== null ? { actual: current.revision } : {}),
        });
      }
      for (const v of standard.versions.slice(before.versionCount)) await versions.insert(v, courseId, tx);
    },
  };
}

function toDoc(s: TeamStandard, courseId: CourseId): TeamStandardDoc {
  return {
    _id: s.id,
    courseId,
    taskId: s.taskId,
    teamId: s.teamId,
    status: s.status,
    ...(s.locked !== undefined ? { locked: { by: s.locked.by, at: s.locked.at } } : {}),
    criteria: s.criteria.map((c) => ({
      id: c.id,
      origin: c.origin,
      revisions: c.revisions.map((r) => ({
        number: r.number,
        content: contentToDoc(r.content),
        author: r.author,
        at: r.at,
      })),
      ...(c.withdrawn !== undefined ? { withdrawn: { by: c.withdrawn.by, at: c.withdrawn.at } } : {}),
    })),
    comments: s.comments.map((c) => ({
      id: c.id,
      ...(c.criterionId !== undefined ? { criterionId: c.criterionId } : {}),
      ...(c.replyTo !== undefined ? { replyTo: c.replyTo } : {}),
      author: c.author,
      authorRole: c.authorRole,
      body: c.body,
      at: c.at,
    })),
    objections: s.objections.map((o) => ({
      id: o.id,
      by: o.by,
      ...(o.criterionId !== undefined ? { criterionId: o.criterionId } : {}),
      reason: o.reason,
      at: o.at,
      status: o.status,
      ...(o.closedAt !== undefined ? { closedAt: o.closedAt } : {}),
    })),
    weightings: s.weightings.map((w) => ({
      member: w.member,
      points: w.points.map((p) => ({ criterionId: p.criterionId, points: p.points })),
      at: w.at,
    })),
    agreements: s.agreements.map((a) => ({ member: a.member, contentRevision: a.contentRevision, at: a.at })),
    ...(s.provenance !== undefined ? { provenance: provenanceToDoc(s.provenance) } : {}),
    versionCount: s.versions.length,
    contentRevision: s.contentRevision,
    revision: s.revision,
    createdAt: s.createdAt,
    lastActivityAt: s.lastActivityAt,
  };
}

function fromDoc(d: TeamStandardDoc, versions: TeamStandard['versions']): TeamStandard {
  return {
    id: asStandardId(d._id),
    taskId: asTeamTaskId(d.taskId),
    teamId: asTeamId(d.teamId),
    status: d.status as StandardStatus,
    ...(d.locked != null ? { locked: { by: asUserId(d.locked.by), at: d.locked.at } } : {}),
    criteria: d.criteria.map((c): Criterion => ({
      id: asCriterionId(c.id),
      origin: c.origin as Criterion['origin'],
      revisions: c.revisions.map((r) => ({
        number: r.number,
        content: contentFromDoc(r.content),
        author: asUserId(r.author),
        at: r.at,
      })),
      ...(c.withdrawn != null ? { withdrawn: { by: asUserId(c.withdrawn.by), at: c.withdrawn.at } } : {}),
    })),
    comments: d.comments.map((c) => ({
      id: asCommentId(c.id),
      ...(typeof c.criterionId === 'string' ? { criterionId: asCriterionId(c.criterionId) } : {}),
      ...(typeof c.replyTo === 'string' ? { replyTo: asCommentId(c.replyTo) } : {}),
      author: asUserId(c.author),
      authorRole: c.authorRole as ActorRole,
      body: c.body,
      at: c.at,
    })),
    objections: d.objections.map((o) => ({
      id: asObjectionId(o.id),
      by: asUserId(o.by),
      ...(typeof o.criterionId === 'string' ? { criterionId: asCriterionId(o.criterionId) } : {}),
      reason: o.reason,
      at: o.at,
      status: o.status as ObjectionStatus,
      ...(o.closedAt instanceof Date ? { closedAt: o.closedAt } : {}),
    })),
    weightings: d.weightings.map((w) => ({
      member: asUserId(w.member),
      points: w.points.map((p) => ({ criterionId: asCriterionId(p.criterionId), points: p.points })),
      at: w.at,
    })),
    agreements: d.agreements.map((a) => ({
      member: asUserId(a.member),
      contentRevision: a.contentRevision,
      at: a.at,
    })),
    versions: versions.slice(0, d.versionCount),
    ...(d.provenance != null ? { provenance: provenanceFromDoc(d.provenance) } : {}),
    contentRevision: d.contentRevision,
    revision: d.revision,
    createdAt: d.createdAt,
    lastActivityAt: d.lastActivityAt,
  };
}
