/**
 * The learner home ("my teams") as templates need it: per task of the course, the phase, the
 * person's team with its members, the team standard at a glance ("3 of 4 agreed, 1 objection")
 * and what is left to do, each item linked to where it is done (`to-do-links.ts`). Texts are message keys with
 * their parameters; names come from the course directory.
 */
import type { UserId } from '../../domain/shared/ids.js';
import type { ToDo } from '../../domain/team-task/to-do.js';
import type { MyTask } from '../../services/tasks/my-teams.js';
import type { PeopleNames } from './standard-page.js';
import { reviewLinks } from './review-paths.js';
import { standardPath } from './standard-paths.js';
import { toDoLink } from './to-do-links.js';

export interface ToDoView {
  readonly key: string;
  readonly missing?: number;
  readonly to?: string;
  /** Peer reviews still open. */
  readonly open?: number;
  /** Where to do it. */
  readonly path?: string;
  /** A second place for it (the retrospective beside the reflection). */
  readonly also?: { readonly path: string; readonly key: string };
}

export function buildMyTeamsView(tasks: readonly MyTask[], me: UserId, people: PeopleNames) {
  const nameOf = (id: UserId): { readonly you: boolean; readonly name?: string } =>
    id === me ? { you: true } : { you: false, ...withName(people.get(id)?.name) };
  const views = tasks.map((task) => {
    const usesStandard = task.timeline.steps.some((s) => s.phase === 'standard-setting');
    const standardLink =
      task.team !== undefined && usesStandard ? standardPath(task.taskId, task.team.id) : undefined;
    const toDo: ToDoView[] = task.toDo.map((item) => toDoView(item, task.taskId));
    if (
      task.team !== undefined &&
      task.standard === undefined &&
      task.timeline.phase === 'standard-setting' &&
      task.timeline.open
    ) {
      toDo.push({ key: 'myTeams.toDo.start-standard', ...(standardLink ? { path: standardLink } : {}) });
    }
    const s = task.standard;
    return {
      taskId: task.taskId,
      title: task.title,
      taskPath: `/lti/app/tasks/${encodeURIComponent(task.taskId)}`,
      review:
        task.team !== undefined && task.timeline.steps.some((s) => s.phase === 'peer-review')
          ? reviewLinks(task.taskId, 'learner')
          : undefined,
      phaseKey: `myTeams.phase.${task.timeline.phase}`,
      closesAt: task.timeline.closesAt?.toISOString().slice(0, 10),
      team:
        task.team === undefined
          ? undefined
          : {
              name: task.team.name,
              number: task.team.number,
              members: task.team.members.map(nameOf),
            },
      standardPath: standardLink,
      standard:
        s === undefined
          ? undefined
          : {
              statusKey: `myTeams.standard.${s.status}`,
              version: s.latestVersion ?? 0,
              criteria: s.criteria,
              agreed: s.consensus.agreed.length,
              members: task.team?.members.length ?? 0,
              objections: s.openObjections,
              approvalRule: s.consensus.rule === 'facilitator-approval',
              agreement: s.agreement === null ? undefined : (Math.round(s.agreement * 100) / 100).toFixed(2),
              locked: s.locked,
            },
      toDo,
    };
  });
  const anyToDo = views.some((v) => v.toDo.length > 0);
  return { tasks: views, hasTasks: views.length > 0, inAnyTeam: views.some((v) => v.team), anyToDo };
}

function withName(name: string | undefined): { readonly name?: string } {
  return name === undefined ? {} : { name };
}

export function toDoView(item: ToDo, taskId: string): ToDoView {
  const link = toDoLink(item, taskId);
  const open = item.code === 'review-peers' ? item.open : undefined;
  return {
    key: open !== undefined && open > 0 ? 'myTeams.toDo.review-peers-open' : `myTeams.toDo.${item.code}`,
    ...('missing' in item ? { missing: item.missing } : {}),
    ...('to' in item ? { to: item.to } : {}),
    ...(open !== undefined ? { open } : {}),
    ...(link !== undefined ? { path: link.path, ...(link.also ? { also: link.also } : {}) } : {}),
  };
}
