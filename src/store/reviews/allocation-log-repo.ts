/** The allocation log: automatic runs (seed, strategy, outcome) and adjustments by hand. */
import type { Connection } from 'mongoose';
import type { AllocationLogEntry } from '../../domain/review/allocation.js';
import type { AllocationScope } from '../../domain/review/eligibility.js';
import type { AdjustmentLogEntry } from '../../domain/review/manual-adjustments.js';
import { asTeamTaskId, asUserId, type TeamTaskId, type UserId } from '../../domain/shared/ids.js';
import { asSubmissionId } from '../../domain/submission/submission.js';
import { allocationLogModel, type AllocationLogDoc } from '../mongo/models/review-allocation-log.model.js';
import { isDuplicateKey, sessionOf, type Tx } from '../mongo/transactions.js';
import { VersionConflictError } from '../../domain/shared/errors.js';

export interface AllocationRun {
  readonly taskId: TeamTaskId;
  readonly round: number;
  /** The seed of the random source: the same inputs and seed give the same allocation. */
  readonly seed: number;
  readonly scope: AllocationScope;
  readonly reviewsPerSubmission: number;
  readonly status: 'allocated' | 'infeasible';
  readonly balanced: boolean;
  readonly added: number;
  readonly log: readonly AllocationLogEntry[];
  readonly at: Date;
  readonly by: UserId;
}

export type AllocationEvent =
  ({ readonly kind: 'run' } & AllocationRun) | ({ readonly taskId: TeamTaskId } & AdjustmentLogEntry);

export interface AllocationLogRepo {
  /** Oldest first. */
  listByTask(taskId: TeamTaskId): Promise<readonly AllocationEvent[]>;
  /** @throws VersionConflictError when that round was already recorded (a concurrent run). */
  insertRun(run: AllocationRun, tx?: Tx): Promise<void>;
  insertAdjustment(taskId: TeamTaskId, entry: AdjustmentLogEntry, id: string, tx?: Tx): Promise<void>;
}

export function createAllocationLogRepo(connection: Connection): AllocationLogRepo {
  const model = allocationLogModel(connection);
  return {
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).sort({ at: 1, _id: 1 }).lean<AllocationLogDoc[]>();
      return docs.map(fromDoc);
    },
    async insertRun(run, tx) {
      try {
        await model.create(
          [
            {
              _id: `${run.taskId}:run:${run.round}`,
              taskId: run.taskId,
              kind: 'run',
              at: run.at,
              by: run.by,
              round: run.round,
              seed: run.seed,
              scope: run.scope,
              reviewsPerSubmission: run.reviewsPerSubmission,
              status: run.status,
              balanced: run.balanced,
              added: run.added,
              log: run.log.map((entry) => JSON.parse(JSON.stringify(entry)) as Record<string, unknown>),
            },
          ],
          sessionOf(tx),
        );
      } catch (error) {
        if (isDuplicateKey(error))
          throw new VersionConflictError(
            { entity: 'allocation-run', id: run.taskId, expected: run.round - 1 },
            { cause: error },
          );
        throw error;
      }
    },
    async insertAdjustment(taskId, entry, id, tx) {
      await model.create(
        [
          {
            _id: `${taskId}:adj:${id}`,
            taskId,
            kind: entry.kind,
            at: entry.at,
            by: entry.by,
            submissionId: entry.submissionId,
            reviewerId: entry.reviewerId,
            note: entry.note,
          },
        ],
        sessionOf(tx),
      );
    },
  };
}

function fromDoc(d: AllocationLogDoc): AllocationEvent {
  if (d.kind === 'run') {
    return {
      kind: 'run',
      taskId: asTeamTaskId(d.taskId),
      round: d.round ?? 0,
      seed: d.seed ?? 0,
      scope: d.scope as AllocationScope,
      reviewsPerSubmission: d.reviewsPerSubmission ?? 0,
      status: d.status === 'infeasible' ? 'infeasible' : 'allocated',
      balanced: d.balanced ?? false,
      added: d.added ?? 0,
      log: (d.log ?? []) as unknown as AllocationLogEntry[],
      at: d.at,
      by: asUserId(d.by),
    };
  }
  return {
    taskId: asTeamTaskId(d.taskId),
    kind: d.kind === 'unassigned-by-hand' ? 'unassigned-by-hand' : 'assigned-by-hand',
    submissionId: asSubmissionId(d.submissionId ?? ''),
    reviewerId: asUserId(d.reviewerId ?? ''),
    by: asUserId(d.by),
    at: d.at,
    note: d.note ?? '',
  };
}
