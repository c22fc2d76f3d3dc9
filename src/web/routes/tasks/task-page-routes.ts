/**
 * The task page (one URL, a facilitator's or a learner's view), the facilitator's phase moves,
 * and a learner joining or leaving a self-selected team.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { InvalidInputError, VersionConflictError, type FieldIssue } from '../../../domain/shared/errors.js';
import { asTeamId, type UserId } from '../../../domain/shared/ids.js';
import { TASK_PHASES, allowedTransitions, type TaskPhase } from '../../../domain/team-task/phases.js';
import { currentPhase } from '../../../domain/team-task/team-task.js';
import { requireFacilitator, type CourseActor } from '../../../services/shared/access.js';
import { advancePhase } from '../../../services/tasks/advance-phase.js';
import { learnerTask } from '../../../services/tasks/learner-task.js';
import { taskOverview } from '../../../services/tasks/task-overview.js';
import { joinTeam } from '../../../services/teams/join-team.js';
import { leaveTeam } from '../../../services/teams/leave-team.js';
import { asyncRoute } from '../../async-route.js';
import { field, formBody, idParam, wholeNumber } from '../../forms/form-body.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import { reviewLinks } from '../../view-models/review-paths.js';
import { facilitatorTaskView, learnerTaskView } from '../../view-models/task-page.js';
import { libraryActorOf } from '../library.js';
import { curationLink } from './course-tasks-view.js';
import { localeOf, namesOf, taskIdOf, TASK_PATHS, type TaskRouteDeps } from './task-route-deps.js';

const phaseForm = z.object({
  to: z.enum(TASK_PHASES as [TaskPhase, ...TaskPhase[]]),
  revision: z.number().int().positive(),
  confirm: z.boolean(),
});

/** Links to the peer-review pages when the task has a peer-review phase. */
function reviewLinksOf(task: { readonly id: string; readonly phases: readonly string[] }, role?: 'learner') {
  if (!task.phases.includes('peer-review')) return {};
  return { review: reviewLinks(task.id, role ?? 'facilitator') };
}

export function addTaskPageRoutes(router: Router, deps: TaskRouteDeps): void {
  async function renderFacilitator(
    req: Request,
    res: Response,
    who: CourseActor,
    status = 200,
    issues: readonly FieldIssue[] = [],
  ): Promise<void> {
    const overview = await taskOverview(deps.teamwork(), { ...who, taskId: taskIdOf(req) });
    const people = [...overview.teams.flatMap((t) => t.team.members), ...overview.unassigned];
    const nameOf = await namesOf(deps, localeOf(res), people);
    // Stories of this task waiting for a curator, linked to the queue.
    const curation =
      deps.library === undefined
        ? undefined
        : await curationLink(deps.library(), libraryActorOf(res), localeOf(res), overview.task.id);
    res.status(status).render('pages/tasks/task', {
      ...facilitatorTaskView(localeOf(res), overview, nameOf, issues),
      ...reviewLinksOf(overview.task),
      ...(curation !== undefined ? { curation } : {}),
    });
  }

  router.get(
    '/lti/app/tasks/:taskId',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      if (who.actor.role === 'facilitator') return renderFacilitator(req, res, who);
      const view = await learnerTask(
        { ...deps.teamwork(), ...deps.progress?.() },
        { ...who, taskId: taskIdOf(req) },
      );
      const people: UserId[] = [
        ...(view.team?.members ?? []),
        ...(view.selfSelection?.teams.flatMap((t) => t.members) ?? []),
      ];
      const nameOf = await namesOf(deps, localeOf(res), people);
      res.render('pages/tasks/task', {
        ...learnerTaskView(localeOf(res), view, who.actor.userId, nameOf),
        ...(view.team !== undefined ? reviewLinksOf(view.task, 'learner') : {}),
      });
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/phase',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      requireFacilitator(who.actor, 'advance-phase');
      const taskId = taskIdOf(req);
      const body = formBody.parse(req.body ?? {});
      const parsed = phaseForm.safeParse({
        to: field(body, 'to'),
        revision: wholeNumber(body, 'revision'),
        confirm: field(body, 'confirm') === '1',
      });
      if (!parsed.success) return renderFacilitator(req, res, who, 400, [{ field: 'to', code: 'invalid' }]);
      const { to, revision, confirm } = parsed.data;
      // Ending a running task before its last phase needs the explicit confirmation.
      const overview = await taskOverview(deps.teamwork(), { ...who, taskId });
      const [next] = allowedTransitions(overview.task.phases, currentPhase(overview.task));
      if (to === 'closed' && next !== 'closed' && !confirm) {
        return renderFacilitator(req, res, who, 400, [{ field: 'confirm', code: 'confirm-required' }]);
      }
      try {
        await advancePhase(deps.teamwork(), { ...who, taskId, to, expectedRevision: revision });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        return renderFacilitator(req, res, who, 409, [{ field: 'revision', code: 'changed' }]);
      }
      redirectWithLtik(res, TASK_PATHS.task(taskId));
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/teams/join',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = taskIdOf(req);
      const teamId = idParam.safeParse(field(formBody.parse(req.body ?? {}), 'teamId'));
      if (!teamId.success) throw new InvalidInputError([{ field: 'teamId', code: 'invalid' }]);
      await joinTeam(deps.teamwork(), { ...who, taskId, teamId: asTeamId(teamId.data) });
      redirectWithLtik(res, TASK_PATHS.task(taskId));
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/teams/leave',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = taskIdOf(req);
      await leaveTeam(deps.teamwork(), { ...who, taskId });
      redirectWithLtik(res, TASK_PATHS.task(taskId));
    }),
  );
}
