/**
 * Ticks an agreed action off (or opens it again): by a member of the team that agreed it, or by
 * its owner from a later task the action was carried into.
 */
import {
  markActionDone as decide,
  type ActionId,
  type Retrospective,
  type RetrospectiveId,
} from '../../domain/retrospective/retrospective.js';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import { findTeam } from '../../domain/team/team.js';
import type { CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';

export async function markActionDone(
  deps: Pick<LibraryDeps, 'teamSets' | 'retrospectives' | 'now'>,
  input: CourseActor & {
    readonly retrospectiveId: RetrospectiveId;
    readonly actionId: ActionId;
    readonly done: boolean;
  },
): Promise<Retrospective> {
  const retro = await deps.retrospectives.findById(input.retrospectiveId);
  if (retro === undefined) throw new NotFoundError('retrospective', input.retrospectiveId);
  if (retro.courseId !== input.courseId) throw new NotPermittedError('mark-action-done');
  const set = await deps.teamSets.findByTask(retro.taskId);
  const members = (set === undefined ? undefined : findTeam(set, retro.teamId))?.members ?? [];
  const next = decide(retro, input.actionId, input.done, {
    actor: input.actor,
    teamMembers: members,
    now: deps.now(),
  });
  await deps.retrospectives.save(next, retro.revision);
  return next;
}
