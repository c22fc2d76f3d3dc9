/**
 * Grade passback for facilitators: the scores Teamloop queued for the LMS gradebook in this
 * course, whether each is waiting, in the gradebook or failed (with the platform's answer), and
 * "send again" for a failed one. `GET /lti/app/course/grades`, `POST /lti/app/course/grades/:id/retry`.
 */
import { Router, type Response } from 'express';
import { NotFoundError, NotPermittedError } from '../../domain/shared/errors.js';
import { asTeamTaskId, type UserId } from '../../domain/shared/ids.js';
import type { GradeQueueRepo } from '../../store/grades/grade-queue-repo.js';
import type { CoursePerson } from '../../store/lti/course-directory.js';
import type { TeamTaskRepo } from '../../store/team-tasks/team-task-repo.js';
import { asyncRoute } from '../async-route.js';
import { courseActorOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';

export const GRADES_PATH = '/lti/app/course/grades';

export interface GradesRouterDeps {
  readonly queue: () => GradeQueueRepo;
  readonly people: (ids: readonly UserId[]) => Promise<ReadonlyMap<UserId, CoursePerson>>;
  readonly teamTasks: () => Pick<TeamTaskRepo, 'findById'>;
  readonly now: () => Date;
  /** Wakes the publishing worker after a retry (optional). */
  readonly wake?: () => void;
}

function facilitatorCourse(res: Response, action: string) {
  const who = courseActorOf(res);
  if (who.actor.role !== 'facilitator') throw new NotPermittedError(action);
  return who.courseId;
}

export function createGradesRouter(deps: GradesRouterDeps): Router {
  const router = Router();
  router.get(
    GRADES_PATH,
    asyncRoute(async (req, res) => {
      const courseId = facilitatorCourse(res, 'view-grade-passback');
      const items = await deps.queue().listByCourse(courseId);
      const people = await deps.people([...new Set(items.map((i) => i.personId))]);
      const titles = new Map<string, string>();
      for (const taskId of new Set(items.map((i) => i.taskId))) {
        titles.set(taskId, (await deps.teamTasks().findById(asTeamTaskId(taskId)))?.title ?? '');
      }
      res.render('pages/advantage/grades', {
        titleKey: 'advantage.grades.title',
        retried: req.query['retried'] === '1',
        items: items.map((item) => ({
          id: item.id,
          name: people.get(item.personId)?.name ?? item.subject,
          task: titles.get(item.taskId) ?? '',
          given: item.scoreGiven,
          max: item.scoreMaximum,
          statusKey: `advantage.grades.statuses.${item.status}`,
          status: item.status,
          failed: item.status === 'failed',
          error: item.lastError,
          retryAction: `${GRADES_PATH}/${encodeURIComponent(item.id)}/retry`,
        })),
      });
    }),
  );
  router.post(
    `${GRADES_PATH}/:publicationId/retry`,
    asyncRoute(async (req, res) => {
      const courseId = facilitatorCourse(res, 'retry-grade-passback');
      const id = String(req.params['publicationId']);
      if (!(await deps.queue().retry(courseId, id, deps.now()))) throw new NotFoundError('failed-grade', id);
      deps.wake?.();
      redirectWithLtik(res, `${GRADES_PATH}?retried=1`);
    }),
  );
  return router;
}
