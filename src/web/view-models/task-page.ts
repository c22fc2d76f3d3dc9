/**
 * The task page, in two views of one URL: the facilitator's (timeline, phase controls, teams,
 * every team's standard side by side) and a learner's (timeline, their team, what to do, and
 * joining a team when learners choose their own).
 */
import { newStoryPathFor } from './library-paths.js';
import { reflectionPathOf, retrospectivePathOf } from './to-do-links.js';
import type { FieldIssue } from '../../domain/shared/errors.js';
import type { UserId } from '../../domain/shared/ids.js';
import { allowedTransitions, hasWorkStarted } from '../../domain/team-task/phases.js';
import { currentPhase } from '../../domain/team-task/team-task.js';
import type { LearnerTask } from '../../services/tasks/learner-task.js';
import type { TaskOverview } from '../../services/tasks/task-overview.js';
import { translate, type Locale } from '../i18n/translate.js';
import { renderMarkdown } from '../markdown.js';
import { TASK_PATHS } from '../routes/tasks/task-route-deps.js';
import { issueLines } from './task-form.js';
import { formatDate, phaseLabel, teamLabel, timelineView, toDoItems } from './task-labels.js';

type NameOf = (id: UserId) => string;

function common(locale: Locale, task: TaskOverview['task'], issues: readonly FieldIssue[]) {
  return {
    title: task.title,
    briefHtml: renderMarkdown(task.brief),
    outcome: task.outcome,
    issues: issueLines(locale, issues, (l, path) => ({
      id: path === 'confirm' ? 'confirm-end' : 'main',
      label: translate(l, path === 'confirm' ? 'tasks.fields.confirm' : 'tasks.fields.to'),
    })),
    hasIssues: issues.length > 0,
  };
}

export function facilitatorTaskView(
  locale: Locale,
  overview: TaskOverview,
  nameOf: NameOf,
  issues: readonly FieldIssue[] = [],
) {
  const { task } = overview;
  const phase = currentPhase(task);
  const moves = allowedTransitions(task.phases, phase);
  const [next] = moves;
  const endsEarly = moves.includes('closed') && next !== 'closed';
  const teams = overview.teams.map(({ team }) => team);
  return {
    titleKey: 'tasks.page.documentTitle',
    pageTitle: task.title,
    facilitator: true,
    ...common(locale, task, issues),
    editPath: phase === 'closed' ? undefined : TASK_PATHS.edit(task.id),
    teamsPath: phase === 'closed' ? undefined : TASK_PATHS.teams(task.id),
    backPath: TASK_PATHS.course,
    timeline: timelineView(locale, overview.timeline),
    toDo: toDoItems(locale, overview.toDo, teams, task.id),
    phaseForm: {
      action: TASK_PATHS.phase(task.id),
      revision: task.revision,
      ...(next !== undefined
        ? {
            next: {
              value: next,
              label: translate(locale, 'tasks.page.moveTo', { phase: phaseLabel(locale, next) }),
            },
          }
        : {}),
      endsEarly,
      closeValue: 'closed',
    },
    formation:
      overview.formation === undefined
        ? undefined
        : translate(locale, 'tasks.page.formedAs', {
            mode: translate(locale, `tasks.formation.${overview.formation}`),
          }),
    usesStandards: task.phases.includes('standard-setting'),
    teams: overview.teams.map(({ team, standard }) => {
      const label = teamLabel(locale, team);
      const status =
        standard === undefined
          ? translate(locale, 'tasks.standardStatus.none')
          : standard.locked
            ? translate(locale, 'tasks.standardStatus.locked')
            : translate(locale, `tasks.standardStatus.${standard.status}`, {
                version: standard.latestVersion ?? 0,
              });
      return {
        label,
        members: team.members.map(nameOf),
        status,
        criteria: standard?.criteria ?? 0,
        agreement:
          standard === undefined || standard.agreement === null
            ? translate(locale, 'tasks.page.agreementNone')
            : standard.agreement.toFixed(2),
        objections: standard?.openObjections ?? 0,
        lastActivity: standard === undefined ? '—' : formatDate(locale, standard.lastActivityAt),
        standardPath: TASK_PATHS.standard(task.id, team.id),
        standardLinkText: translate(locale, 'tasks.page.openStandard', { team: label }),
        // Read-only for facilitators; the members' reflections shared with facilitators are on it too.
        retrospectivePath: task.phases.includes('reflection')
          ? `${retrospectivePathOf(task.id)}?team=${encodeURIComponent(team.id)}`
          : undefined,
        retrospectiveLinkText: translate(locale, 'retrospective.facilitatorLink', { team: label }),
      };
    }),
    unassigned:
      overview.unassigned.length === 0
        ? undefined
        : translate(locale, 'tasks.page.unassigned', { names: overview.unassigned.map(nameOf).join(', ') }),
    // "Add to library": every team's latest ratified version, with its provenance.
    addToLibrary: {
      action: TASK_PATHS.addToLibrary,
      taskId: task.id,
      visibilities: (['course', 'platform'] as const).map((v) => ({
        value: v,
        labelKey: `library.addVisibilities.${v}`,
      })),
      standards: overview.teams.flatMap(({ team, standard }) =>
        standard?.latestVersion === undefined
          ? []
          : [
              {
                key: team.id,
                standardId: standard.standardId,
                version: standard.latestVersion,
                title: `${task.title} — ${teamLabel(locale, team)}`,
                button: translate(locale, 'library.addButton', {
                  team: teamLabel(locale, team),
                  version: standard.latestVersion,
                }),
              },
            ],
      ),
    },
  };
}

export function learnerTaskView(locale: Locale, view: LearnerTask, me: UserId, nameOf: NameOf) {
  const { task, team } = view;
  const phase = currentPhase(task);
  const canChoose = view.selfSelection !== undefined && !hasWorkStarted(phase) && phase !== 'closed';
  const maxSize = view.selfSelection?.maxSize;
  const myLabel = team === undefined ? undefined : teamLabel(locale, team);
  return {
    titleKey: 'tasks.page.documentTitle',
    pageTitle: task.title,
    facilitator: false,
    ...common(locale, task, []),
    backPath: TASK_PATHS.myTeams,
    timeline: timelineView(locale, view.timeline),
    toDo: toDoItems(locale, view.toDo, team === undefined ? [] : [team], task.id),
    onRoster: view.onRoster,
    team:
      team === undefined
        ? undefined
        : {
            label: myLabel,
            heading: translate(locale, 'tasks.page.teammates', { team: myLabel ?? '' }),
            members: team.members.map((id) =>
              id === me ? translate(locale, 'tasks.page.you', { name: nameOf(id) }) : nameOf(id),
            ),
            standardPath:
              task.phases.includes('standard-setting') && phase !== 'setup'
                ? TASK_PATHS.standard(task.id, team.id)
                : undefined,
            storyPath: newStoryPathFor(task.id),
            reflectionPath: reflectionPathOf(task.id),
            retrospectivePath: retrospectivePathOf(task.id),
            leave: canChoose
              ? {
                  action: TASK_PATHS.leave(task.id),
                  label: translate(locale, 'tasks.page.leave', { team: myLabel ?? '' }),
                }
              : undefined,
          },
    choose: canChoose
      ? {
          action: TASK_PATHS.join(task.id),
          teams: (view.selfSelection?.teams ?? []).map((t) => {
            const label = teamLabel(locale, t);
            const full = maxSize !== undefined && t.members.length >= maxSize;
            return {
              id: t.id,
              label,
              places:
                maxSize === undefined
                  ? translate(locale, 'tasks.page.placesOpen', { count: t.members.length })
                  : translate(locale, 'tasks.page.places', { count: t.members.length, max: maxSize }),
              members: t.members.map(nameOf).join(', '),
              mine: t.id === team?.id,
              full,
              joinLabel: translate(locale, 'tasks.page.join', { team: label }),
              fullLabel: translate(locale, 'tasks.page.full', { team: label }),
            };
          }),
        }
      : undefined,
  };
}
