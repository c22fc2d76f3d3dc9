/**
 * The team formation page: the current teams, and one form per way of forming them (random,
 * self-selection, copy from another task, by hand), with the warning and confirmation that go
 * with changing teams after work has started.
 */
import type { FieldIssue } from '../../domain/shared/errors.js';
import type { UserId } from '../../domain/shared/ids.js';
import { hasWorkStarted } from '../../domain/team-task/phases.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import { TEAM_LIMITS } from '../../domain/team/team.js';
import type { CourseTask } from '../../services/tasks/course-tasks.js';
import type { TaskOverview } from '../../services/tasks/task-overview.js';
import { translate, type Locale } from '../i18n/translate.js';
import { TASK_PATHS } from '../routes/tasks/task-route-deps.js';
import { issueLines } from './task-form.js';
import { teamLabel } from './task-labels.js';

const FIELD_IDS: Readonly<Record<string, string>> = {
  targetSize: 'target-size',
  maxSize: 'max-size',
  teamCount: 'team-count',
  source: 'copy-source',
  confirm: 'confirm-random',
};

/** How many "new team" choices the by-hand form offers. */
export function newTeamSlots(learners: number, existingTeams: number): number {
  return existingTeams === 0 ? Math.max(1, Math.ceil(learners / 2)) : 2;
}

export function teamFormationView(
  locale: Locale,
  input: {
    readonly overview: TaskOverview;
    readonly otherTasks: readonly CourseTask[];
    readonly nameOf: (id: UserId) => string;
    readonly issues?: readonly FieldIssue[];
    readonly values?: Readonly<Record<string, string>>;
  },
) {
  const { overview, nameOf } = input;
  const { task } = overview;
  const phase = currentPhase(task);
  const learners = [...new Set([...overview.teams.flatMap((t) => t.team.members), ...overview.unassigned])];
  const issues = input.issues ?? [];
  const values = input.values ?? {};
  const slots = newTeamSlots(learners.length, overview.teams.length);
  const assignmentOf = (id: UserId): string => {
    const posted = values[`assign-${id}`];
    if (posted !== undefined) return posted;
    const team = overview.teams.find((t) => t.team.members.includes(id));
    return team === undefined ? 'none' : `team:${team.team.id}`;
  };
  const sources = input.otherTasks.filter((t) => t.taskId !== task.id && t.teams.length > 0);
  return {
    titleKey: 'tasks.teams.title',
    intro: translate(locale, 'tasks.teams.intro', { task: task.title, count: learners.length }),
    action: TASK_PATHS.teams(task.id),
    backPath: TASK_PATHS.task(task.id),
    revision: overview.teamSetRevision,
    workStarted: hasWorkStarted(phase),
    issues: issueLines(locale, issues, (l, path) => ({
      id: FIELD_IDS[path] ?? 'manual-heading',
      label: translate(l, `tasks.fields.${path in FIELD_IDS ? path : 'teams'}`),
    })),
    hasIssues: issues.length > 0,
    hasTeams: overview.teams.length > 0,
    maxTeamSize: TEAM_LIMITS.maxTeamSize,
    modes: { random: 'random', manual: 'manual', self: 'self-selection', copy: 'copied' },
    values: {
      targetSize: values['targetSize'] ?? '3',
      maxSize: values['maxSize'] ?? '4',
      teamCount: values['teamCount'] ?? String(Math.max(1, Math.ceil(learners.length / 3))),
    },
    teams: overview.teams.map(({ team }) => ({
      label: teamLabel(locale, team),
      members: team.members.map(nameOf),
    })),
    sources: sources.map((t, i) => ({ value: t.taskId, label: t.title, selected: i === 0 })),
    hasLearners: learners.length > 0,
    learners: learners.map((id) => {
      const chosen = assignmentOf(id);
      const name = nameOf(id);
      return {
        field: `assign-${id}`,
        id: `assign-${id}`,
        label: translate(locale, 'tasks.teams.learnerTeam', { name }),
        options: [
          { value: 'none', label: translate(locale, 'tasks.teams.noTeam'), selected: chosen === 'none' },
          ...overview.teams.map(({ team }) => ({
            value: `team:${team.id}`,
            label: teamLabel(locale, team),
            selected: chosen === `team:${team.id}`,
          })),
          ...Array.from({ length: slots }, (_, n) => ({
            value: `new:${n + 1}`,
            label: translate(locale, 'tasks.teams.newTeam', { n: n + 1 }),
            selected: chosen === `new:${n + 1}`,
          })),
        ],
      };
    }),
  };
}
