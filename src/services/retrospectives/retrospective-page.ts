/**
 * What the retrospective page shows for one team: the retrospective (if opened) with its chart
 * rows (the team's and facilitator's recorded levels beside the peers' live figures), and the open actions its members carry in from earlier tasks of the course.
 */
import {
  canReadRetrospective,
  carriedActions,
  retrospectiveRows,
  type CarriedAction,
  type PeerFigure,
  type Retrospective,
  type RetrospectiveRow,
} from '../../domain/retrospective/retrospective.js';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import { loadRetrospectiveTeam } from './load-retrospective.js';

export interface RetrospectivePage {
  readonly retrospective?: Retrospective;
  readonly rows: readonly RetrospectiveRow[];
  readonly carriedIn: readonly CarriedAction[];
}

export async function retrospectivePage(
  deps: Pick<LibraryDeps, 'teamTasks' | 'teamSets' | 'retrospectives' | 'now'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly teamId?: TeamId;
    /** The peers' figures of the team's released feedback, read now (see `teamPeerFigures`). */
    readonly peers?: readonly PeerFigure[];
  },
): Promise<RetrospectivePage> {
  const { task, team } = await loadRetrospectiveTeam(deps, input, 'read-retrospective');
  const retro = await deps.retrospectives.findByTeam(task.id, team.id);
  if (
    retro !== undefined &&
    !canReadRetrospective(retro, { actor: input.actor, courseId: input.courseId, teamId: team.id })
  ) {
    throw new NotPermittedError('read-retrospective');
  }
  const tasks = await deps.teamTasks.listByCourse(task.courseId);
  const createdAt = new Map(tasks.map((t) => [t.id as string, t.createdAt]));
  const earlier = (await deps.retrospectives.listWithOpenActions(task.courseId, team.members)).flatMap(
    (r) => {
      const at = createdAt.get(r.taskId);
      return at === undefined ? [] : [{ retrospective: r, taskCreatedAt: at }];
    },
  );
  return {
    ...(retro !== undefined ? { retrospective: retro } : {}),
    rows: retro === undefined ? [] : retrospectiveRows(retro, input.peers ?? []),
    carriedIn: carriedActions(task, team.members, earlier),
  };
}
