/**
 * Who acts in which course, for the team-task pages: the launch (res.locals.launch) mapped to the
 * stored person and course (`CourseActor`). Facilitators act as facilitators even when they also
 * hold a learner role; viewers (L&D) are not actors of team tasks.
 */
import type { NextFunction, Request, Response } from 'express';
import { LaunchRefusedError } from '../../domain/lti/launch-refused.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import type { CourseActor } from '../../services/shared/access.js';
import type { CourseDirectory } from '../../store/lti/course-directory.js';

export function launchOf(res: Response): LaunchContext {
  const launch = res.locals['launch'] as LaunchContext | undefined;
  if (launch === undefined) throw new LaunchRefusedError('session-invalid');
  return launch;
}

/**
 * Resolves `res.locals.courseActor` on every request that came through the LTI layer.
 * @throws LaunchRefusedError (403) for a session whose launch was never recorded or whose roles
 *   give no part in team tasks.
 */
export function resolveCourseActor(directory: () => CourseDirectory) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const launch = res.locals['launch'] as LaunchContext | undefined;
    if (launch === undefined) {
      next();
      return;
    }
    const role = launch.roles.course.includes('facilitator')
      ? 'facilitator'
      : launch.roles.course.includes('learner')
        ? 'learner'
        : undefined;
    if (role === undefined) {
      next();
      return;
    }
    directory()
      .idsOf({
        issuer: launch.platform.issuer,
        deploymentId: launch.deployment.id,
        contextId: launch.course.id,
        subject: launch.user.id,
      })
      .then((ids) => {
        if (ids !== undefined) {
          const actor: CourseActor = { actor: { userId: ids.userId, role }, courseId: ids.courseId };
          res.locals['courseActor'] = actor;
        }
        next();
      }, next);
  };
}

/** The acting person of a team-task page. @throws LaunchRefusedError when there is none. */
export function courseActorOf(res: Response): CourseActor {
  const actor = res.locals['courseActor'] as CourseActor | undefined;
  if (actor !== undefined) return actor;
  const roles = launchOf(res).roles.course;
  throw new LaunchRefusedError(
    roles.includes('facilitator') || roles.includes('learner') ? 'session-invalid' : 'no-course-role',
  );
}
