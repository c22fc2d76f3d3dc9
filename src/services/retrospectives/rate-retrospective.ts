/**
 * A facilitator of the course rates a team's work in its retrospective: a level per criterion and
 * an optional short comment (peer review has no facilitator review kind). The rating is stored on
 * the retrospective and saved with its revision check, like the team's own edits: a stale save is
 * refused (VersionConflictError) and nothing is written.
 *
 * No xAPI statement: our profile has no template for a facilitator's judgement of a team (its
 * "rated" verb means a learner's helpfulness stars on a review), so none is sent rather than one
 * an LRS would misread.
 */
import { rateAsFacilitator, type Retrospective } from '../../domain/retrospective/retrospective.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import { loadRetrospective, loadRetrospectiveTeam } from './load-retrospective.js';

export async function rateRetrospective(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'retrospectives' | 'now'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
    readonly expectedRevision: number;
    /** criterionId → level position, or null for "not rated". */
    readonly levels: Readonly<Record<string, number | null>>;
    readonly comment: string;
  },
): Promise<Retrospective> {
  const action = 'rate-retrospective';
  if (input.actor.role !== 'facilitator') throw new NotPermittedError(action);
  const { task, team, ctx } = await loadRetrospectiveTeam(deps, input, action);
  const retro = await loadRetrospective(deps, task, team);
  assertRevision(retro, input.expectedRevision, 'retrospective');
  const next = rateAsFacilitator(
    retro,
    { levels: input.levels, comment: input.comment },
    { actor: input.actor, courseId: input.courseId, now: ctx.now },
  );
  await deps.retrospectives.save(next, retro.revision);
  return next;
}
