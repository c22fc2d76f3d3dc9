/** Contribution splits: one per member per task; submitting again replaces (compare-and-set). */
import type { Connection } from 'mongoose';
import type { ContributionSplit } from '../../domain/grade/contribution.js';
import { asTeamId, asTeamTaskId, asUserId, type TeamTaskId, type UserId } from '../../domain/shared/ids.js';
import {
  contributionSplitModel,
  type ContributionSplitDoc,
} from '../mongo/models/contribution-split.model.js';
import type { Tx } from '../mongo/transactions.js';
import { compareAndSet } from './compare-and-set.js';

export interface ContributionRepo {
  find(taskId: TeamTaskId, raterId: UserId): Promise<ContributionSplit | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly ContributionSplit[]>;
  /** The splits one member gave across `taskIds` (one query). */
  listByRater(taskIds: readonly TeamTaskId[], raterId: UserId): Promise<readonly ContributionSplit[]>;
  save(split: ContributionSplit, expectedRevision: number | undefined, tx?: Tx): Promise<void>;
}

export function createContributionRepo(connection: Connection): ContributionRepo {
  const model = contributionSplitModel(connection);
  return {
    async find(taskId, raterId) {
      const doc = await model.findById(`${taskId}:${raterId}`).lean<ContributionSplitDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).sort({ _id: 1 }).lean<ContributionSplitDoc[]>();
      return docs.map(fromDoc);
    },
    async listByRater(taskIds, raterId) {
      if (taskIds.length === 0) return [];
      const ids = taskIds.map((taskId) => `${taskId}:${raterId}`);
      const docs = await model.find({ _id: { $in: ids } }).lean<ContributionSplitDoc[]>();
      return docs.map(fromDoc);
    },
    async save(split, expectedRevision, tx) {
      const doc: ContributionSplitDoc = {
        _id: `${split.taskId}:${split.raterId}`,
        taskId: split.taskId,
        teamId: split.teamId,
        raterId: split.raterId,
        points: split.points.map((p) => ({ userId: p.userId, points: p.points })),
        at: split.at,
        revision: split.revision,
      };
      await compareAndSet(model, doc, expectedRevision, 'contribution-split', tx);
    },
  };
}

function fromDoc(d: ContributionSplitDoc): ContributionSplit {
  return {
    taskId: asTeamTaskId(d.taskId),
    teamId: asTeamId(d.teamId),
    raterId: asUserId(d.raterId),
    points: d.points.map((p) => ({ userId: asUserId(p.userId), points: p.points })),
    at: d.at,
    revision: d.revision,
  };
}
