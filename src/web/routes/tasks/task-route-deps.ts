/** What the team-task pages need: the teamwork use-case deps and display names of people. */
import type { Request } from 'express';
import { NotFoundError } from '../../../domain/shared/errors.js';
import { asTeamTaskId, type TeamTaskId, type UserId } from '../../../domain/shared/ids.js';
import type { TeamworkDeps } from '../../../services/shared/deps.js';
import type { LibraryDeps } from '../../../services/shared/library-deps.js';
import type { ProgressStore } from '../../../services/tasks/learner-progress.js';
import type { CoursePerson } from '../../../store/lti/course-directory.js';
import { idParam } from '../../forms/form-body.js';
import { translate, type Locale } from '../../i18n/translate.js';

export interface TaskRouteDeps {
  readonly teamwork: () => TeamworkDeps;
  readonly people: (ids: readonly UserId[]) => Promise<ReadonlyMap<UserId, CoursePerson>>;
  /** The library (standards to start a task from); without it "from the library" is not offered. */
  readonly library?: () => LibraryDeps;
  /** The review repositories, so a learner's to-do follows their progress (plain items without). */
  readonly progress?: () => ProgressStore;
}

export const TASK_PATHS = {
  newTask: '/lti/app/tasks/new',
  task: (id: string) => `/lti/app/tasks/${id}`,
  edit: (id: string) => `/lti/app/tasks/${id}/edit`,
  phase: (id: string) => `/lti/app/tasks/${id}/phase`,
  teams: (id: string) => `/lti/app/tasks/${id}/teams`,
  join: (id: string) => `/lti/app/tasks/${id}/teams/join`,
  leave: (id: string) => `/lti/app/tasks/${id}/teams/leave`,
  standard: (id: string, teamId: string) => `/lti/app/tasks/${id}/teams/${teamId}/standard`,
  course: '/lti/app/course',
  myTeams: '/lti/app/my-teams',
  /** POST: add a team's ratified version to the library (handled by the library router). */
  addToLibrary: '/lti/app/library/standards',
} as const;

export { localeOf } from '../../middleware/locale.js';

/** The task id of the URL. @throws NotFoundError for anything that cannot be an id. */
export function taskIdOf(req: Request): TeamTaskId {
  const parsed = idParam.safeParse(req.params['taskId']);
  if (!parsed.success) throw new NotFoundError('team-task', String(req.params['taskId']).slice(0, 64));
  return asTeamTaskId(parsed.data);
}

/** Display names for `ids`, with a neutral stand-in for people without a recorded name. */
export async function namesOf(
  deps: TaskRouteDeps,
  locale: Locale,
  ids: readonly UserId[],
): Promise<(id: UserId) => string> {
  const people = ids.length === 0 ? new Map<UserId, CoursePerson>() : await deps.people(ids);
  const unknown = translate(locale, 'tasks.page.unknownPerson');
  return (id) => people.get(id)?.name ?? unknown;
}
