/**
 * Text for the plain data of team tasks (phases, timelines, to-do items, team names, dates),
 * looked up in the message catalogue for one locale. Dates are shown, and entered, in UTC: the
 * launch does not tell us the person's time zone, so the page says which one it uses.
 */
import type { Timeline } from '../../domain/team-task/timeline.js';
import type { TaskPhase } from '../../domain/team-task/phases.js';
import type { ToDo } from '../../domain/team-task/to-do.js';
import type { Team } from '../../domain/team/team.js';
import { translate, type Locale } from '../i18n/translate.js';
import { toDoLink } from './to-do-links.js';

export function phaseLabel(locale: Locale, phase: TaskPhase): string {
  return translate(locale, `tasks.phases.${phase}`);
}

export function teamLabel(locale: Locale, team: Pick<Team, 'name' | 'number'>): string {
  return team.name ?? translate(locale, 'tasks.teamName', { number: team.number });
}

/** `27 Nov 2026, 14:00 UTC` in the locale's style. */
export function formatDate(locale: Locale, date: Date): string {
  const text = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return translate(locale, 'tasks.dates.utc', { date: text });
}

/** The value of a `datetime-local` input for `date` (UTC), e.g. `2026-11-27T14:00`. */
export function toDateTimeLocal(date: Date | undefined): string {
  return date === undefined ? '' : date.toISOString().slice(0, 16);
}

export interface TimelineView {
  readonly phase: string;
  readonly open: boolean;
  readonly overdue: boolean;
  readonly closesAt?: string;
  readonly next?: string;
  readonly steps: readonly {
    readonly phase: string;
    readonly status: string;
    readonly statusLabel: string;
    readonly current: boolean;
    readonly planned?: string;
    readonly happened?: string;
  }[];
}

export function timelineView(locale: Locale, timeline: Timeline): TimelineView {
  const next = timeline.next;
  return {
    phase: phaseLabel(locale, timeline.phase),
    open: timeline.open,
    overdue: timeline.overdue,
    ...(timeline.closesAt !== undefined ? { closesAt: formatDate(locale, timeline.closesAt) } : {}),
    ...(next !== undefined
      ? {
          next:
            next.by === 'schedule' && next.at !== undefined
              ? translate(locale, 'tasks.timeline.nextOnDate', {
                  phase: phaseLabel(locale, next.phase),
                  date: formatDate(locale, next.at),
                })
              : translate(locale, 'tasks.timeline.nextByFacilitator', {
                  phase: phaseLabel(locale, next.phase),
                }),
        }
      : {}),
    steps: timeline.steps.map((step) => {
      const planned = [
        step.opensAt !== undefined
          ? translate(locale, 'tasks.timeline.opens', { date: formatDate(locale, step.opensAt) })
          : undefined,
        step.closesAt !== undefined
          ? translate(locale, 'tasks.timeline.closes', { date: formatDate(locale, step.closesAt) })
          : undefined,
      ].filter((part): part is string => part !== undefined);
      const happened = [
        step.openedAt !== undefined
          ? translate(locale, 'tasks.timeline.opened', { date: formatDate(locale, step.openedAt) })
          : undefined,
        step.leftAt !== undefined
          ? translate(locale, 'tasks.timeline.left', { date: formatDate(locale, step.leftAt) })
          : undefined,
      ].filter((part): part is string => part !== undefined);
      return {
        phase: phaseLabel(locale, step.phase),
        status: step.status,
        statusLabel: translate(locale, `tasks.stepStatus.${step.status}`),
        current: step.status === 'current',
        ...(planned.length > 0 ? { planned: planned.join(' · ') } : {}),
        ...(happened.length > 0 ? { happened: happened.join(' · ') } : {}),
      };
    }),
  };
}

/** One line of text per to-do item; `teams` names the teams items refer to. */
export function toDoLines(
  locale: Locale,
  items: readonly ToDo[],
  teams: readonly Pick<Team, 'id' | 'name' | 'number'>[],
): string[] {
  const teamText = (id: string): string => {
    const team = teams.find((t) => t.id === id);
    return team === undefined ? translate(locale, 'tasks.toDo.yourTeam') : teamLabel(locale, team);
  };
  return items.map((item) => {
    const key = `tasks.toDo.${item.code}`;
    switch (item.code) {
      case 'propose-criteria':
        return translate(locale, key, { team: teamText(item.teamId), missing: item.missing });
      case 'form-teams':
        return translate(locale, key, { count: item.unassigned });
      case 'review-peers':
        return item.open !== undefined && item.open > 0
          ? translate(locale, 'tasks.toDo.review-peers-open', { count: item.open })
          : translate(locale, key);
      case 'advance-phase':
        return translate(locale, key, { phase: phaseLabel(locale, item.to as TaskPhase) });
      case 'join-team':
      case 'wait-for-team':
      case 'open-task':
      case 'apply-schedule':
        return translate(locale, key);
      default:
        return translate(locale, key, { team: teamText(item.teamId) });
    }
  });
}

export interface ToDoItemView {
  readonly text: string;
  /** Where it is done (an internal path, linked with the session). */
  readonly path?: string;
  readonly also?: { readonly path: string; readonly text: string };
}

/** The to-do lines of one task, each linked to where it is done. */
export function toDoItems(
  locale: Locale,
  items: readonly ToDo[],
  teams: readonly Pick<Team, 'id' | 'name' | 'number'>[],
  taskId: string,
): ToDoItemView[] {
  const lines = toDoLines(locale, items, teams);
  return items.map((item, i) => {
    const link = toDoLink(item, taskId);
    return {
      text: lines[i] ?? '',
      ...(link !== undefined
        ? {
            path: link.path,
            ...(link.also !== undefined
              ? { also: { path: link.also.path, text: translate(locale, link.also.key) } }
              : {}),
          }
        : {}),
    };
  });
}
