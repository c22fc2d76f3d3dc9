/**
 * Creating and editing a team task (facilitators of the course only). Invalid input re-renders
 * the form with its problems (400) and saves nothing; a save by someone else in between
 * re-renders it with the conflict (409).
 */
import type { Request, Response, Router } from 'express';
import { asLibraryStandardId } from '../../../domain/library/library-standard.js';
import {
  InvalidInputError,
  NotFoundError,
  VersionConflictError,
  type FieldIssue,
} from '../../../domain/shared/errors.js';
import { currentPhase, type StandardStart, type TeamTask } from '../../../domain/team-task/team-task.js';
import { libraryStandards, startFromLibraryStandard } from '../../../services/library/library-standards.js';
import { requireFacilitator, type CourseActor } from '../../../services/shared/access.js';
import { createTeamTask } from '../../../services/tasks/create-team-task.js';
import { taskOverview } from '../../../services/tasks/task-overview.js';
import { updateTeamTask } from '../../../services/tasks/update-team-task.js';
import { asyncRoute } from '../../async-route.js';
import { formBody, idParam } from '../../forms/form-body.js';
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
import { libraryActorOf } from '../library.js';
import { localeOf, taskIdOf, TASK_PATHS, type TaskRouteDeps } from './task-route-deps.js';

export function addTaskFormRoutes(router: Router, deps: TaskRouteDeps): void {
  /** The library standards this facilitator may start from (none without a library). */
  async function libraryChoices(res: Response): Promise<readonly { id: string; title: string }[]> {
    if (deps.library === undefined) return [];
    const entries = await libraryStandards(deps.library(), libraryActorOf(res));
    return entries.map((e) => ({ id: e.id, title: e.title }));
  }

  /**
   * The starting point of the chosen library standard; the library decides whether this
   * facilitator may see it (same platform, visibility). Undefined when none can be used.
   */
  async function libraryStart(
    res: Response,
    values: TaskFormValues,
    task?: TeamTask,
  ): Promise<StandardStart | undefined> {
    if (values.standardStart !== 'library') return undefined;
    const id = idParam.safeParse(values.fromLibrary);
    // CASE: editing a task that already starts from the library, without choosing again.
    if (!id.success) return task?.standardStart.kind === 'library' ? task.standardStart : undefined;
    if (deps.library === undefined) return undefined;
    try {
      return await startFromLibraryStandard(deps.library(), {
        ...libraryActorOf(res),
        libraryStandardId: asLibraryStandardId(id.data),
      });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async function render(
    res: Response,
    status: number,
    input: { values: TaskFormValues; issues: readonly FieldIssue[]; task?: TeamTask },
  ): Promise<void> {
    const task = input.task;
    const choices = await libraryChoices(res);
    res.status(status).render(
      'pages/tasks/form',
      taskFormView(localeOf(res), {
        values: input.values,
        issues: input.issues,
        mode: task === undefined ? 'new' : 'edit',
        structureFixed: task !== undefined && currentPhase(task) !== 'setup',
        action: task === undefined ? TASK_PATHS.newTask : TASK_PATHS.edit(task.id),
        cancel: task === undefined ? TASK_PATHS.course : TASK_PATHS.task(task.id),
        libraryStandards: choices,
      }),
    );
  }

  async function loadForEdit(req: Request, who: CourseActor): Promise<TeamTask> {
    return (await taskOverview(deps.teamwork(), { ...who, taskId: taskIdOf(req) })).task;
  }

  router.get(
    TASK_PATHS.newTask,
    asyncRoute(async (req, res) => {
      requireFacilitator(courseActorOf(res).actor, 'create-team-task');
      // `?fromLibrary=<id>` (the library's "start a team task from this standard") preselects it.
      const chosen = idParam.safeParse(req.query['fromLibrary']);
      const values = chosen.success
        ? { ...emptyTaskForm(), standardStart: 'library', fromLibrary: chosen.data }
        : emptyTaskForm();
      await render(res, 200, { values, issues: [] });
    }),
  );

  router.post(
    TASK_PATHS.newTask,
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      requireFacilitator(who.actor, 'create-team-task');
      const values = taskFormValues(formBody.parse(req.body ?? {}));
      const read = taskSettingsFrom(values, await libraryStart(res, values));
      if ('issues' in read) return render(res, 400, { values, issues: read.issues });
      try {
        const task = await createTeamTask(deps.teamwork(), { ...who, settings: read.settings });
        redirectWithLtik(res, TASK_PATHS.task(task.id));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        await render(res, 400, { values, issues: error.issues });
      }
    }),
  );

  router.get(
    '/lti/app/tasks/:taskId/edit',
    asyncRoute(async (req, res) => {
      const task = await loadForEdit(req, courseActorOf(res));
      await render(res, 200, { values: taskFormFrom(task), issues: [], task });
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/edit',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const task = await loadForEdit(req, who);
      const values = taskFormValues(formBody.parse(req.body ?? {}));
      const read = taskSettingsFrom(values, await libraryStart(res, values, task));
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
