/**
 * Creating and editing a team task (facilitators of the course only). Invalid input re-renders
 * the form with its problems (400) and saves nothing; a save by someone else in between
 * re-renders it with the conflict (409).
 */
import type { Request, Response, Router } from 'express';
import { InvalidInputError, VersionConflictError, type FieldIssue } from '../../../domain/shared/errors.js';
import { currentPhase, type TeamTask } from '../../../domain/team-task/team-task.js';
import { requireFacilitator, type CourseActor } from '../../../services/shared/access.js';
import { createTeamTask } from '../../../services/tasks/create-team-task.js';
import { taskOverview } from '../../../services/tasks/task-overview.js';
import { updateTeamTask } from '../../../services/tasks/update-team-task.js';
import { asyncRoute } from '../../async-route.js';
import { formBody } from '../../forms/form-body.js';
import {
  emptyTaskForm,
  taskFormFrom,
  taskFormValues,
  taskSettingsFrom,
  type TaskFormValues,
} from '../../forms/team-task.form.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import { taskFormView } from '../../view-models/task-form.js';
import { localeOf, taskIdOf, TASK_PATHS, type TaskRouteDeps } from './task-route-deps.js';

export function addTaskFormRoutes(router: Router, deps: TaskRouteDeps): void {
  function render(
    res: Response,
    status: number,
    input: { values: TaskFormValues; issues: readonly FieldIssue[]; task?: TeamTask },
  ): void {
    const task = input.task;
    res.status(status).render(
      'pages/tasks/form',
      taskFormView(localeOf(res), {
        values: input.values,
        issues: input.issues,
        mode: task === undefined ? 'new' : 'edit',
        structureFixed: task !== undefined && currentPhase(task) !== 'setup',
        action: task === undefined ? TASK_PATHS.newTask : TASK_PATHS.edit(task.id),
        cancel: task === undefined ? TASK_PATHS.course : TASK_PATHS.task(task.id),
      }),
    );
  }

  async function loadForEdit(req: Request, who: CourseActor): Promise<TeamTask> {
    return (await taskOverview(deps.teamwork(), { ...who, taskId: taskIdOf(req) })).task;
  }

  router.get(
    TASK_PATHS.newTask,
    asyncRoute(async (_req, res) => {
      requireFacilitator(courseActorOf(res).actor, 'create-team-task');
      render(res, 200, { values: emptyTaskForm(), issues: [] });
    }),
  );

  router.post(
    TASK_PATHS.newTask,
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      requireFacilitator(who.actor, 'create-team-task');
      const values = taskFormValues(formBody.parse(req.body ?? {}));
      const read = taskSettingsFrom(values);
      if ('issues' in read) return render(res, 400, { values, issues: read.issues });
      try {
        const task = await createTeamTask(deps.teamwork(), { ...who, settings: read.settings });
        redirectWithLtik(res, TASK_PATHS.task(task.id));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        render(res, 400, { values, issues: error.issues });
      }
    }),
  );

  router.get(
    '/lti/app/tasks/:taskId/edit',
    asyncRoute(async (req, res) => {
      const task = await loadForEdit(req, courseActorOf(res));
      render(res, 200, { values: taskFormFrom(task), issues: [], task });
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/edit',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const task = await loadForEdit(req, who);
      const values = taskFormValues(formBody.parse(req.body ?? {}));
      const read = taskSettingsFrom(values);
      if ('issues' in read) return render(res, 400, { values, issues: read.issues, task });
      const { title, brief, outcome, schedule } = read.settings;
      // CASE: once started, the phases, rule and starting point are not in the form at all.
      const changes = currentPhase(task) === 'setup' ? read.settings : { title, brief, outcome, schedule };
      try {
        await updateTeamTask(deps.teamwork(), {
          ...who,
          taskId: task.id,
          expectedRevision: values.revision ?? -1,
          changes,
        });
        redirectWithLtik(res, TASK_PATHS.task(task.id));
      } catch (error) {
        if (error instanceof InvalidInputError)
          return render(res, 400, { values, issues: error.issues, task });
        if (error instanceof VersionConflictError) {
          return render(res, 409, {
            values: { ...values, revision: task.revision },
            issues: [{ field: 'revision', code: 'changed' }],
            task,
          });
        }
        throw error;
      }
    }),
  );
}
