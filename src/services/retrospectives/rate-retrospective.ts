/**
 * A facilitator of the course rates a team's work in its retrospective: a level per criterion and
 * an optional short comment (peer review has no facilitator review kind). The rating is stored on
 * the retrospective and saved with its revision check, like the team's own edits: a stale save is
 * refused (VersionConflictError) and nothing is written.
 *
 * In the same transaction: a `retrospective-rated` learning event — one xAPI `rated` per
 * criterion given a level, by the facilitator, the team in the context (the comment stays home:
 * it is for the team). None when the retrospective has no pinned standard version to name the
 * levels by.
 */
import { rateAsFacilitator, type Retrospective } from '../../domain/retrospective/retrospective.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { CourseActor } from '../shared/access.js';
import type { LearningEvent } from '../shared/learning-events.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import { loadRetrospective, loadRetrospectiveTeam } from './load-retrospective.js';

export async function rateRetrospective(
  deps: Pick<
    LibraryDeps,
    'teamTasks' | 'teamSets' | 'retrospectives' | 'standardVersions' | 'transaction' | 'events' | 'now'
  >,
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
  const events = await ratedEvents(deps, next, input.actor.userId);
  await deps.transaction(async (tx) => {
    await deps.retrospectives.save(next, retro.revision, tx);
    if (events.length > 0) await deps.events.record(events, tx);
  });
  return next;
}

/** The learning event of the rating: levels named by the pinned version's level ids. */
async function ratedEvents(
  deps: Pick<LibraryDeps, 'standardVersions'>,
  retro: Retrospective,
  facilitator: CourseActor['actor']['userId'],
): Promise<LearningEvent[]> {
  const rating = retro.facilitatorRating;
  if (retro.standard === undefined || rating === undefined) return [];
  const version = await deps.standardVersions.find(retro.standard);
  if (version === undefined) return [];
  const ratings = version.criteria.flatMap((criterion) => {
    const level = rating.levels[criterion.id];
    if (level === undefined || criterion.levels[level] === undefined) return [];
    // The same level ids as peer reviews use (`toPinnedStandard`): `l0` is the lowest.
    const levels = criterion.levels.map((l, i) => ({ id: `l${i}`, label: l.label }));
    return [
      {
        criterion: { id: criterion.id, name: criterion.name, levels },
        levelId: levels[level]!.id,
      },
    ];
  });
  if (ratings.length === 0) return [];
  return [
    {
      type: 'retrospective-rated',
      at: rating.at,
      courseId: retro.courseId,
      taskId: retro.taskId,
      userId: facilitator,
      teamId: retro.teamId,
      retrospectiveId: retro.id,
      revision: retro.revision,
      standard: retro.standard,
      ratings,
    },
  ];
}
