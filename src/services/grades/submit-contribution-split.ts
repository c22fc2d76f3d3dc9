/** A team member distributes 100 points among their team (WebPA); submitting again replaces it. */
import { asksForContributionSplit } from '../../domain/review/review-settings.js';
import {
  submitContributionSplit as decide,
  type ContributionSplit,
} from '../../domain/grade/contribution.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { teamOf } from '../../domain/team/team.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext } from '../reviews/review-context.js';

export async function submitContributionSplit(
  deps: ReviewDeps,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly points: readonly { readonly userId: string; readonly points: number }[];
  },
): Promise<ContributionSplit> {
  const action = 'submit-contribution-split';
  if (input.actor.role !== 'learner') throw new NotPermittedError(action);
  const ctx = await loadReviewContext(deps, input, input.taskId, action);
  const team = ctx.teamSet === undefined ? undefined : teamOf(ctx.teamSet, input.actor.userId);
  if (team === undefined) throw new NotPermittedError(action);
  const existing = await deps.contributions.find(ctx.task.id, input.actor.userId);
  const split = decide({
    taskId: ctx.task.id,
    teamId: team.id,
    members: team.members,
    enabled: asksForContributionSplit(ctx.settings),
    points: input.points,
    ...(existing !== undefined ? { existing } : {}),
    actor: input.actor,
    phase: ctx.phase,
    now: ctx.now,
  });
  await deps.transaction(async (tx) => {
    await deps.contributions.save(split, existing?.revision, tx);
    await deps.events.record(
      [
        {
          type: 'contribution-split-given',
          at: ctx.now,
          courseId: input.courseId,
          taskId: ctx.task.id,
          userId: input.actor.userId,
          teamId: team.id,
          revision: split.revision,
        },
      ],
      tx,
    );
  });
  return split;
}
