/**
 * Forming a task's teams (facilitators of the course only): by hand, at random, as
 * self-selection, or copied from another task. Once work has started, a change needs the
 * explicit confirmation; bad input re-renders the page with its problems (400) and changes
 * nothing; a change made by someone else in between re-renders it with the conflict (409).
 */
import type { Request, Response, Router } from 'express';
import { InvalidInputError, VersionConflictError, type FieldIssue } from '../../../domain/shared/errors.js';
import { hasWorkStarted } from '../../../domain/team-task/phases.js';
import { currentPhase } from '../../../domain/team-task/team-task.js';
import { requireFacilitator, type CourseActor } from '../../../services/shared/access.js';
import { courseTasks } from '../../../services/tasks/course-tasks.js';
import { taskOverview } from '../../../services/tasks/task-overview.js';
import { formTeams } from '../../../services/teams/form-teams.js';
import { asyncRoute } from '../../async-route.js';
import { field, formBody, wholeNumber, type FormBody } from '../../forms/form-body.js';
import { formationFrom } from '../../forms/team-formation.form.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import { teamFormationView } from '../../view-models/team-formation.js';
import { localeOf, namesOf, taskIdOf, TASK_PATHS, type TaskRouteDeps } from './task-route-deps.js';

export function addTeamFormationRoutes(router: Router, deps: TaskRouteDeps): void {
  async function load(req: Request, who: CourseActor) {
    requireFacilitator(who.actor, 'form-teams');
    const overview = await taskOverview(deps.teamwork(), { ...who, taskId: taskIdOf(req) });
    return overview;
  }

  async function render(
    res: Response,
    who: CourseActor,
    overview: Awaited<ReturnType<typeof load>>,
    status = 200,
    issues: readonly FieldIssue[] = [],
    body: FormBody = {},
  ): Promise<void> {
    const people = [...overview.teams.flatMap((t) => t.team.members), ...overview.unassigned];
    const nameOf = await namesOf(deps, localeOf(res), people);
    const values = Object.fromEntries(
      Object.keys(body)
        .filter((k) => k !== 'ltik')
        .map((k) => [k, field(body, k)]),
    );
    res.status(status).render(
      'pages/tasks/teams',
      teamFormationView(localeOf(res), {
        overview,
        otherTasks: await courseTasks(deps.teamwork(), who),
        nameOf,
        issues,
        values,
      }),
    );
  }

  router.get(
    '/lti/app/tasks/:taskId/teams',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      await render(res, who, await load(req, who));
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/teams',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const overview = await load(req, who);
      const body = formBody.parse(req.body ?? {});
      const learners = [
        ...new Set([...overview.teams.flatMap((t) => t.team.members), ...overview.unassigned]),
      ];
      const read = formationFrom(body, learners);
      const issues: FieldIssue[] = 'issues' in read ? [...read.issues] : [];
      // CASE: after work has started, changing teams is allowed only with the explicit confirmation.
      if (hasWorkStarted(currentPhase(overview.task)) && field(body, 'confirm') !== '1') {
        issues.push({ field: 'confirm', code: 'confirm-required' });
      }
      if (issues.length > 0 || !('formation' in read)) return render(res, who, overview, 400, issues, body);
      const revision = wholeNumber(body, 'revision');
      try {
        await formTeams(deps.teamwork(), {
          ...who,
          taskId: overview.task.id,
          formation: read.formation,
          ...(revision !== undefined ? { expectedRevision: revision } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidInputError)
          return render(res, who, overview, 400, [...error.issues], body);
        if (error instanceof VersionConflictError) {
          const fresh = await load(req, who);
          return render(res, who, fresh, 409, [{ field: 'revision', code: 'changed' }]);
        }
        throw error;
      }
      redirectWithLtik(res, TASK_PATHS.task(overview.task.id));
    }),
  );
}
