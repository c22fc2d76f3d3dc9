/**
 * Where each to-do item is done: the page (or the part of the task page) a "what to do next"
 * line links to, for learners (their standard, submission, reviews, feedback, contribution
 * split, reflection and retrospective, story form) and facilitators (team formation, a team's
 * standard, the phase controls). Items that need no page (waiting, the schedule applying
 * itself) have no link.
 */
import type { ToDo } from '../../domain/team-task/to-do.js';
import { newStoryPathFor } from './library-paths.js';
import { TASK_PATHS } from '../routes/tasks/task-route-deps.js';
import { REVIEW_PATHS } from './review-paths.js';

/** The id of the phase controls on the facilitator's task page (`#phase-controls`). */
export const PHASE_CONTROLS_ANCHOR = 'phase-controls';
/** The id of the team choice on the learner's task page. */
export const CHOOSE_TEAM_ANCHOR = 'choose-heading';

export const reflectionPathOf = (taskId: string): string =>
  `/lti/app/tasks/${encodeURIComponent(taskId)}/reflection`;
export const retrospectivePathOf = (taskId: string): string =>
  `/lti/app/tasks/${encodeURIComponent(taskId)}/retrospective`;

export interface ToDoLink {
  readonly path: string;
  /** A second place for the same item (the team retrospective beside the reflection). */
  readonly also?: { readonly path: string; readonly key: string };
}

export function toDoLink(item: ToDo, taskId: string): ToDoLink | undefined {
  const id = encodeURIComponent(taskId);
  switch (item.code) {
    case 'join-team':
      return { path: `${TASK_PATHS.task(id)}#${CHOOSE_TEAM_ANCHOR}` };
    case 'propose-criteria':
    case 'weigh-criteria':
    case 'agree-or-object':
    case 'resolve-objection':
    case 'approve-standard':
    case 'follow-up-standard':
      return { path: TASK_PATHS.standard(id, encodeURIComponent(item.teamId)) };
    case 'submit-work':
      return { path: REVIEW_PATHS.submission(taskId) };
    case 'review-peers':
      return { path: REVIEW_PATHS.mine(taskId) };
    case 'read-feedback':
      return { path: REVIEW_PATHS.feedback(taskId) };
    case 'give-contribution':
      return { path: REVIEW_PATHS.contribution(taskId) };
    case 'reflect':
      return {
        path: reflectionPathOf(taskId),
        also: { path: retrospectivePathOf(taskId), key: 'myTeams.toDo.retrospective' },
      };
    case 'share-story':
      return { path: newStoryPathFor(taskId) };
    case 'form-teams':
      return { path: TASK_PATHS.teams(id) };
    case 'open-task':
    case 'advance-phase':
      return { path: `${TASK_PATHS.task(id)}#${PHASE_CONTROLS_ANCHOR}` };
    case 'wait-for-team':
    case 'apply-schedule':
      return undefined;
  }
}
