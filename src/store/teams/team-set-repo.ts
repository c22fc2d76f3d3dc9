/**
 * A task's teams: the team-set document plus one membership document per placed learner,
 * written together in one transaction (the membership index refuses a learner in two teams of
 * one task even when two writers race).
 */
import type { Connection } from 'mongoose';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asTeamId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import type { FormationMode, Team, TeamSet } from '../../domain/team/team.js';
import { teamMembershipModel, teamSetModel, type TeamSetDoc } from '../mongo/models/team-set.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface Membership {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
}

export interface TeamSetRepo {
  findByTask(taskId: TeamTaskId): Promise<TeamSet | undefined>;
  /** The team sets of any of `taskIds` (one query; tasks without teams are absent). */
  listByTasks(taskIds: readonly TeamTaskId[]): Promise<readonly TeamSet[]>;
  /** The teams `userId` is in across the tasks of a course. */
  membershipsOf(userId: UserId, courseId: CourseId): Promise<readonly Membership[]>;
  /**
   * Creates (`expectedRevision` undefined) or replaces the task's team set and its memberships.
   * Call inside a transaction: it writes several documents.
   * @throws VersionConflictError when someone else saved (or created) the set first.
   */
  save(set: TeamSet, courseId: CourseId, expectedRevision: number | undefined, tx: Tx): Promise<void>;
}

export function createTeamSetRepo(connection: Connection): TeamSetRepo {
  const sets = teamSetModel(connection);
  const memberships = teamMembershipModel(connection);
  return {
    async findByTask(taskId) {
      const doc = await sets.findById(taskId).lean<TeamSetDoc>();
      return doc === null ? undefined : toTeamSet(doc);
    },
    async listByTasks(taskIds) {
      if (taskIds.length === 0) return [];
      const docs = await sets.find({ _id: { $in: [...taskIds] } }).lean<TeamSetDoc[]>();
      return docs.map(toTeamSet);
    },
    async membershipsOf(userId, courseId) {
      const docs = await memberships.find({ userId, courseId }).lean<{ taskId: string; teamId: string }[]>();
      return docs.map((d) => ({ taskId: asTeamTaskId(d.taskId), teamId: asTeamId(d.teamId) }));
    },
    async save(set, courseId, expectedRevision, tx) {
      const doc = toDoc(set, courseId);
      const options = sessionOf(tx);
      if (expectedRevision === undefined) {
        const existing = await sets
          .findById(set.taskId, { revision: 1 }, options)
          .lean<{ revision: number }>();
        if (existing !== null) {
          throw new VersionConflictError({
            entity: 'team-set',
            id: set.taskId,
            expected: 0,
            actual: existing.revision,
          });
        }
        await sets.create([doc], options);
      } else {
        const result = await sets.replaceOne({ _id: set.taskId, revision: expectedRevision }, doc, options);
        if (result.matchedCount === 0) {
          throw new VersionConflictError({ entity: 'team-set', id: set.taskId, expected: expectedRevision });
        }
      }
      await memberships.deleteMany({ taskId: set.taskId }, options);
      const rows = set.teams.flatMap((team) =>
        team.members.map((userId) => ({
          _id: `${set.taskId}:${userId}`,
          taskId: set.taskId,
          courseId,
          teamId: team.id,
          userId,
        })),
      );
      if (rows.length > 0) await memberships.insertMany(rows, { ...options, ordered: true });
    },
  };
}

function toDoc(set: TeamSet, courseId: CourseId): TeamSetDoc {
  return {
    _id: set.taskId,
    courseId,
    mode: set.mode,
    ...(set.maxSize !== undefined ? { maxSize: set.maxSize } : {}),
    ...(set.copiedFrom !== undefined ? { copiedFrom: set.copiedFrom } : {}),
    teams: set.teams.map((t) => ({
      id: t.id,
      number: t.number,
      ...(t.name !== undefined ? { name: t.name } : {}),
      members: [...t.members],
    })),
    revision: set.revision,
  };
}

function toTeamSet(doc: TeamSetDoc): TeamSet {
  return {
    taskId: asTeamTaskId(doc._id),
    mode: doc.mode as FormationMode,
    ...(typeof doc.maxSize === 'number' ? { maxSize: doc.maxSize } : {}),
    ...(typeof doc.copiedFrom === 'string' ? { copiedFrom: asTeamTaskId(doc.copiedFrom) } : {}),
    teams: doc.teams.map((t): Team => ({
      id: asTeamId(t.id),
      number: t.number,
      ...(typeof t.name === 'string' ? { name: t.name } : {}),
      members: t.members.map(asUserId),
    })),
    revision: doc.revision,
  };
}
