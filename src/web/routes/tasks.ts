/**
 * The team-task pages under `/lti/app/tasks` (mounted inside the LTI chain, after
 * `resolveCourseActor`): the task form (new, edit), the task page with phase moves and
 * self-selection, and team formation. Every route checks on the server who acts: facilitators
 * of the task's own course for everything but the task page and joining/leaving a team.
 */
import { Router } from 'express';
import { addTaskFormRoutes } from './tasks/task-form-routes.js';
import { addTaskPageRoutes } from './tasks/task-page-routes.js';
import type { TaskRouteDeps } from './tasks/task-route-deps.js';
import { addTeamFormationRoutes } from './tasks/team-formation-routes.js';

export { TASK_PATHS, type TaskRouteDeps } from './tasks/task-route-deps.js';

export function createTasksRouter(deps: TaskRouteDeps): Router {
  const router = Router();
  // `/tasks/new` before `/tasks/:taskId`.
  addTaskFormRoutes(router, deps);
  addTeamFormationRoutes(router, deps);
  addTaskPageRoutes(router, deps);
  return router;
}
