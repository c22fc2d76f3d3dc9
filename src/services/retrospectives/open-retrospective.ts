/**
 * A member opens the team's retrospective with the criteria of its standard and the review
 * figures (plain ratings per criterion, from peer review results). Opening an open one returns
 * it as it is; two members opening at once get the same one (unique per team and task).
 */
import type { CriterionRatings } from '../../domain/reflection/criterion-gaps.js';
import {
  asRetrospectiveId,
  openRetrospective as decide,
  type Retrospective,
} from '../../domain/retrospective/retrospective.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { isDuplicateKey } from '../../store/mongo/transactions.js';
import type { CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import { loadRetrospectiveTeam } from './load-retrospective.js';

export async function openRetrospective(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'retrospectives' | 'now' | 'newId'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly ratings: readonly CriterionRatings[];
    readonly standard?: StandardRef;
  },
): Promise<Retrospective> {
  const { task, team, ctx } = await loadRetrospectiveTeam(deps, input, 'open-retrospective');
  const existing = await deps.retrospectives.findByTeam(task.id, team.id);
  if (existing !== undefined) return existing;
  const retro = decide(
    {
      id: asRetrospectiveId(deps.newId()),
      courseId: task.courseId,
      taskId: task.id,
      teamId: team.id,
      ratings: input.ratings,
      ...(input.standard !== undefined ? { standard: input.standard } : {}),
    },
    ctx,
  );
  try {
    await deps.retrospectives.insert(retro);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await deps.retrospectives.findByTeam(task.id, team.id);
    if (winner === undefined) throw error;
    return winner;
  }
  return retro;
}
