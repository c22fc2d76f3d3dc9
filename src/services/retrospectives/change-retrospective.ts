/**
 * Members change the retrospective: ratings and notes, agree or drop an action. Every change
 * carries the revision the page was rendered from; a stale one is refused (VersionConflictError)
 * and nothing is written, so two members editing at once never silently overwrite each other.
 */
import {
  agreeAction,
  asActionId,
  dropAction,
  updateRetrospective,
  type ActionId,
  type Retrospective,
  type RetrospectiveChanges,
} from '../../domain/retrospective/retrospective.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { CourseActor } from '../shared/access.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import { loadRetrospective, loadRetrospectiveTeam } from './load-retrospective.js';

export type RetrospectiveChange =
  | { readonly kind: 'update'; readonly changes: RetrospectiveChanges }
  | { readonly kind: 'agree-action'; readonly text: string; readonly owner: UserId; readonly due: Date }
  | { readonly kind: 'drop-action'; readonly actionId: ActionId };

export async function changeRetrospective(
  deps: Pick<
    LibraryDeps,
    'teamTasks' | 'teamSets' | 'retrospectives' | 'transaction' | 'events' | 'now' | 'newId'
  >,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly expectedRevision: number;
    readonly change: RetrospectiveChange;
  },
): Promise<Retrospective> {
  const { task, team, ctx } = await loadRetrospectiveTeam(deps, input, `${input.change.kind}-retrospective`);
  const retro = await loadRetrospective(deps, task, team);
  assertRevision(retro, input.expectedRevision, 'retrospective');
  const change = input.change;
  const next =
    change.kind === 'update'
      ? updateRetrospective(retro, change.changes, ctx)
      : change.kind === 'agree-action'
        ? agreeAction(
            retro,
            { id: asActionId(deps.newId()), text: change.text, owner: change.owner, due: change.due },
            ctx,
          )
        : dropAction(retro, change.actionId, ctx);
  await deps.transaction(async (tx) => {
    await deps.retrospectives.save(next, retro.revision, tx);
    // The team reflected when it saved its ratings and notes (agreeing or dropping an action is
    // part of the same retrospective, not another one).
    if (change.kind === 'update')
      await deps.events.record(
        [
          {
            type: 'retrospective-saved',
            at: next.updatedAt,
            courseId: next.courseId,
            taskId: next.taskId,
            userId: input.actor.userId,
            teamId: next.teamId,
            retrospectiveId: next.id,
            revision: next.revision,
            ...(next.standard !== undefined ? { standard: next.standard } : {}),
            text: [next.wentWell, next.toImprove].filter((part) => part.trim() !== '').join('\n\n'),
          },
        ],
        tx,
      );
  });
  return next;
}
