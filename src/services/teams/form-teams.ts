/**
 * A facilitator forms (or re-forms) the teams of a task from the course roster: by hand, at
 * random with a target size, as empty teams for self-selection, or copied from another task of
 * the course. After work has started the result carries the `work-started` warning.
 */
import { InvalidInputError, NotFoundError } from '../../domain/shared/errors.js';
import { asTeamId, type TeamId, type TeamTaskId, type UserId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import {
  copyTeams,
  formRandomTeams,
  formTeamsByHand,
  openSelfSelection,
  type TeamContext,
} from '../../domain/team/team-formation.js';
import type { TeamSetChange } from '../../domain/team/team.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export type Formation =
  | {
      readonly mode: 'manual';
      /**
       * `id` keeps an existing team (and so its standard and work) when re-forming by hand;
       * teams without one are new.
       */
      readonly teams: readonly {
        readonly id?: TeamId;
        readonly name?: string;
        readonly members: readonly UserId[];
      }[];
    }
  | { readonly mode: 'random'; readonly targetSize: number }
  | {
      readonly mode: 'self-selection';
      readonly maxSize: number;
      readonly teams: readonly { readonly name?: string }[];
    }
  | { readonly mode: 'copied'; readonly fromTaskId: TeamTaskId };

export async function formTeams(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'transaction' | 'roster' | 'newId' | 'random'>,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly formation: Formation;
    /** The team set's revision the facilitator saw, when re-forming existing teams. */
    readonly expectedRevision?: number;
  },
): Promise<TeamSetChange & { readonly leftOut?: readonly UserId[] }> {
  requireFacilitator(input.actor, 'form-teams');
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'form-teams');
  const existing = await deps.teamSets.findByTask(task.id);
  if (existing !== undefined && input.expectedRevision !== undefined)
    assertRevision({ id: task.id, revision: existing.revision }, input.expectedRevision, 'team-set');
  const roster = await deps.roster.learnersOf(input.courseId);
  const ctx: TeamContext = { actor: input.actor, phase: currentPhase(task), roster };
  const ids = (n: number): TeamId[] => Array.from({ length: n }, () => asTeamId(deps.newId()));
  const f = input.formation;
  let change: TeamSetChange & { readonly leftOut?: readonly UserId[] };
  switch (f.mode) {
    case 'manual': {
      const known = new Set(existing?.teams.map((t) => t.id) ?? []);
      const order = existing?.teams.map((t) => t.id) ?? [];
      const rank = (id: TeamId | undefined): number => (id === undefined ? order.length : order.indexOf(id));
      const unknown = f.teams.findIndex((t) => t.id !== undefined && !known.has(t.id));
      if (unknown !== -1) throw new InvalidInputError([{ field: `teams.${unknown}.id`, code: 'unknown' }]);
      change = formTeamsByHand(
        {
          taskId: task.id,
          // Kept teams stay in their order (and so keep their numbers where they can); new ones follow.
          teams: [...f.teams]
            .sort((a, b) => rank(a.id) - rank(b.id))
            .map((t) => {
              const kept = t.id === undefined ? undefined : existing?.teams.find((e) => e.id === t.id);
              const name = t.name ?? kept?.name;
              return { ...t, id: t.id ?? asTeamId(deps.newId()), ...(name !== undefined ? { name } : {}) };
            }),
        },
        ctx,
      );
      break;
    }
    case 'random':
      change = formRandomTeams(
        { taskId: task.id, targetSize: f.targetSize, teamIds: ids(Math.max(1, roster.length)) },
        deps.random,
        ctx,
      );
      break;
    case 'self-selection':
      change = openSelfSelection(
        {
          taskId: task.id,
          maxSize: f.maxSize,
          teams: f.teams.map((t) => ({ ...t, id: asTeamId(deps.newId()) })),
        },
        ctx,
      );
      break;
    case 'copied': {
      await loadTaskInCourse(deps, input.courseId, f.fromTaskId, 'form-teams');
      const source = await deps.teamSets.findByTask(f.fromTaskId);
      if (source === undefined) throw new NotFoundError('team-set', f.fromTaskId);
      change = copyTeams(source, { taskId: task.id, teamIds: ids(source.teams.length) }, ctx);
      break;
    }
  }
  const teamSet = { ...change.teamSet, revision: (existing?.revision ?? 0) + 1 };
  await deps.transaction((tx) => deps.teamSets.save(teamSet, input.courseId, existing?.revision, tx));
  // xAPI: teams formed
  return { ...change, teamSet };
}
