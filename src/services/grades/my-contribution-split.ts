/** What a member sees on the contribution split page: their team, the budget, their saved split. */
import { asksForContributionSplit } from '../../domain/review/review-settings.js';
import { CONTRIBUTION_BUDGET, type ContributionSplit } from '../../domain/grade/contribution.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { teamOf } from '../../domain/team/team.js';
import type { TaskPhaseName } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from '../reviews/review-context.js';

const OPEN_PHASES: readonly TaskPhaseName[] = ['work', 'peer-review', 'reflection'];

export interface MyContributionSplitView {
  readonly budget: number;
  readonly open: boolean;
  readonly phase: TaskPhaseName;
  readonly members: readonly {
    readonly userId: UserId;
    readonly name: string | undefined;
    readonly self: boolean;
  }[];
  readonly saved?: ContributionSplit;
}

/** @throws NotPermittedError when the task asks no split or the actor is not a learner in a team. */
export async function myContributionSplit(
  deps: ReviewDeps,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<MyContributionSplitView> {
  const action = 'view-contribution-split';
  if (input.actor.role !== 'learner') throw new NotPermittedError(action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, input.actor.userId);
  if (team === undefined) throw new NotPermittedError(action);
  if (!asksForContributionSplit(ctx.settings)) throw new NotPermittedError(action);
  const [names, saved] = await Promise.all([
    deps.directory.people(team.members),
    deps.contributions.find(ctx.task.id, input.actor.userId),
  ]);
  return {
    budget: CONTRIBUTION_BUDGET,
    open: OPEN_PHASES.includes(ctx.phase),
    phase: ctx.phase,
    members: team.members.map((userId) => ({
      userId,
      name: names.get(userId)?.name,
      self: userId === input.actor.userId,
    })),
    ...(saved !== undefined ? { saved } : {}),
  };
}

/** Whether the task's settings ask members for a contribution split (for links). */
export async function asksContributionSplit(deps: ReviewDeps, taskId: TeamTaskId): Promise<boolean> {
  const s = await deps.reviewSettings.findByTask(taskId);
  return s !== undefined && asksForContributionSplit(s);
}
