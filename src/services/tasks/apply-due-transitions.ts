/**
 * For the scheduler: every task whose schedule has made phase changes due moves through them.
 * A task someone changed at the same moment is skipped (the next run picks it up).
 */
import { VersionConflictError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import {
  applyDueTransitions as decide,
  dueTransitions,
  type DueTransition,
} from '../../domain/team-task/phase-transitions.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { phaseChanges } from './phase-events.js';

export interface AppliedTransitions {
  readonly taskId: TeamTaskId;
  readonly transitions: readonly DueTransition[];
}

export async function applyDueTransitions(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'now' | 'transaction' | 'events'>,
): Promise<readonly AppliedTransitions[]> {
  const now = deps.now();
  const applied: AppliedTransitions[] = [];
  for (const task of await deps.teamTasks.listNotClosed()) {
    const transitions = dueTransitions(task, now);
    if (transitions.length === 0) continue;
    try {
      const next = decide(task, now);
      await deps.transaction(async (tx) => {
        await deps.teamTasks.save(next, task.revision, tx);
        await deps.events.record(phaseChanges(task, next), tx);
      });
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    applied.push({ taskId: task.id, transitions });
  }
  return applied;
}
