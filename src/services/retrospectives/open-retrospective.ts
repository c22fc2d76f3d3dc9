/**
 * A member opens the team's retrospective with the criteria of its standard (the review figures
 * are read live when the page is shown, never stored). Opening an open one returns it as it is —
 * except that one without criteria (opened before the standard was ratified, or by an earlier
 * version) adopts the criteria given now (`adoptCriteria`). Two members opening at once get the
 * same one (unique per team and task; a lost race on adopting re-reads the winner).
 */
import type { CriterionRatings } from '../../domain/reflection/criterion-gaps.js';
import {
  adoptCriteria,
  asRetrospectiveId,
  openRetrospective as decide,
  type Retrospective,
} from '../../domain/retrospective/retrospective.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
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
    readonly ratings: readonly Pick<CriterionRatings, 'criterionId' | 'name' | 'levelCount'>[];
    readonly standard?: StandardRef;
  },
): Promise<Retrospective> {
  const { task, team, ctx } = await loadRetrospectiveTeam(deps, input, 'open-retrospective');
  const existing = await deps.retrospectives.findByTeam(task.id, team.id);
  if (existing !== undefined) {
    const adopted = adoptCriteria(
      existing,
      { criteria: input.ratings, ...(input.standard !== undefined ? { standard: input.standard } : {}) },
      ctx.now,
    );
    if (adopted === existing) return existing;
    try {
      await deps.retrospectives.save(adopted, existing.revision);
      return adopted;
    } catch (error) {
      // CASE: a teammate's load adopted (or changed) it meanwhile: theirs stands.
      if (!(error instanceof VersionConflictError)) throw error;
      return (await deps.retrospectives.findByTeam(task.id, team.id)) ?? existing;
    }
  }
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
