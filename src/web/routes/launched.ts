/**
 * Pages after launch. The LTI layer (mounted at `/lti`) checks the launch or the `ltik` session
 * and lets the request fall through to this router with `res.locals.launch` (a LaunchContext).
 * A launch (`/lti/launch`, `/lti/deep-linking`) records the person, course and membership, then
 * shows the landing page for the person's strongest role: facilitators the course overview,
 * learners their teams and what to do next, L&D viewers the course reports.
 */
import { Router, type Request, type Response } from 'express';
import { LaunchRefusedError } from '../../domain/lti/launch-refused.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import { recordLaunch, type RecordLaunchDeps } from '../../services/launch/record-launch.js';
import { asyncRoute } from '../async-route.js';
import { isLocale, resolveLocale, SUPPORTED_LOCALES, type Locale } from '../i18n/translate.js';
import type { CourseActor } from '../../services/shared/access.js';
import { asCourseId, asUserId } from '../../domain/shared/ids.js';
import type { LearnerHome } from './my-teams.js';
import { redirectWithLtik } from '../launch/with-ltik.js';
import type { LaunchRecordIds } from '../../store/lti/launch-record-repo.js';

/** Optional steps of a launch owned by other features (LTI Advantage: roster, placements). */
export interface LaunchHooks {
  /** Runs after the launch is recorded; must not wait on the platform (fire and forget). */
  afterLaunch?(launch: LaunchContext, ids: LaunchRecordIds): void;
  /**
   * Where this launch should land instead of the role's default page (an internal path), e.g.
   * the team task a placement opens; undefined keeps the default.
   */
  landingPath?(launch: LaunchContext, ids: LaunchRecordIds): Promise<string | undefined>;
  /** Extra view data for the facilitator's course overview (e.g. "set up this activity"). */
  landingExtras?(launch: LaunchContext, courseId: string): Promise<Record<string, unknown>>;
}

export const LAUNCHED_PATHS = {
  courseOverview: '/lti/app/course',
  myTeams: '/lti/app/my-teams',
  reports: '/lti/app/reports',
} as const;

function launchOf(res: Response): LaunchContext | undefined {
  return res.locals['launch'] as LaunchContext | undefined;
}

export interface LaunchedRouterDeps extends RecordLaunchDeps {
  /** The course's team tasks for the facilitator's course page (extra view-model fields). */
  readonly courseTasks?: (who: CourseActor, locale: Locale, launch: LaunchContext) => Promise<object>;
  /** The learner home's teams and to-do (see `my-teams.ts`); without it the page is empty. */
  readonly learnerHome?: LearnerHome;
  readonly hooks?: LaunchHooks;
}

export function createLaunchedRouter(deps: LaunchedRouterDeps): Router {
  const hooks = deps.hooks ?? {};
  const router = Router();

  // Only requests that came through the LTI layer have a launch; the locale follows the LMS.
  router.use('/lti', (req, res, next) => {
    const launch = launchOf(res);
    if (launch === undefined) {
      next();
      return;
    }
    const accepted = req.acceptsLanguages(...SUPPORTED_LOCALES);
    res.locals['locale'] = resolveLocale([
      launch.locale,
      typeof accepted === 'string' ? accepted : undefined,
    ]);
    next();
  });

  const landing = asyncRoute(async (_req: Request, res: Response) => {
    const launch = launchOf(res);
    if (launch === undefined) throw new LaunchRefusedError('missing-token');
    const ids = await recordLaunch(deps, launch);
    hooks.afterLaunch?.(launch, ids);
    const target = await hooks.landingPath?.(launch, ids);
    if (target !== undefined) {
      redirectWithLtik(res, target);
      return;
    }
    if (launch.messageType === 'LtiDeepLinkingRequest') {
      res.render('pages/launched/deep-linking', { titleKey: 'launched.deepLinking.title' });
      return;
    }
    await renderFor(res, launch, launch.roles.course[0], ids.courseId, ids.personId);
  });
  router.all('/lti/register', (_req, res, next) => {
    if (res.locals['registeredPlatform'] === undefined) {
      next();
      return;
    }
    res.render('pages/registration/done', { titleKey: 'registration.done.title' });
  });
  router.all('/lti/launch', landing);
  router.all('/lti/deep-linking', landing);

  async function renderFor(
    res: Response,
    launch: LaunchContext,
    role: string | undefined,
    courseId: string | undefined,
    personId?: string,
  ): Promise<void> {
    const course = launch.course.title ?? launch.course.label;
    const courseParams = { course: course ?? '', hasCourse: course !== undefined };
    if (role === 'facilitator') {
      const id =
        courseId ??
        (await deps.launchRecords.findCourseId(
          launch.platform.issuer,
          launch.deployment.id,
          launch.course.id,
        ));
      const summary = id === undefined ? undefined : await deps.launchRecords.courseSummary(id);
      const actorId = personId ?? (res.locals['courseActor'] as CourseActor | undefined)?.actor.userId;
      const locale: unknown = res.locals['locale'];
      const tasks =
        deps.courseTasks === undefined || id === undefined || actorId === undefined
          ? {}
          : await deps.courseTasks(
              { actor: { userId: asUserId(actorId), role: 'facilitator' }, courseId: asCourseId(id) },
              typeof locale === 'string' && isLocale(locale) ? locale : 'en',
              launch,
            );
      const extras = id === undefined ? {} : ((await hooks.landingExtras?.(launch, id)) ?? {});
      res.render('pages/launched/course-overview', {
        titleKey: 'launched.courseOverview.title',
        ...courseParams,
        // Active members from launches and the LMS roster (NRPS), counted by the launch records.
        facilitators: summary?.facilitatorCount ?? 0,
        learners: summary?.learnerCount ?? 0,
        myTeamsPath: LAUNCHED_PATHS.myTeams,
        canSeeLearnerView: launch.roles.course.includes('learner'),
        ...tasks,
        ...extras,
      });
      return;
    }
    if (role === 'learner') {
      const home = deps.learnerHome === undefined ? {} : await deps.learnerHome(launch);
      res.render('pages/launched/my-teams', { titleKey: 'launched.myTeams.title', ...courseParams, ...home });
      return;
    }
    if (role === 'viewer') {
      res.render('pages/launched/reports', { titleKey: 'launched.viewer.title', ...courseParams });
      return;
    }
    throw new LaunchRefusedError('no-course-role');
  }

  function page(path: string, role: 'facilitator' | 'learner' | 'viewer'): void {
    router.get(
      path,
      asyncRoute(async (_req: Request, res: Response) => {
        const launch = launchOf(res);
        if (launch === undefined) throw new LaunchRefusedError('session-invalid');
        if (!launch.roles.course.includes(role)) throw new LaunchRefusedError('no-course-role');
        await renderFor(res, launch, role, undefined);
      }),
    );
  }
  page(LAUNCHED_PATHS.courseOverview, 'facilitator');
  page(LAUNCHED_PATHS.myTeams, 'learner');
  page(LAUNCHED_PATHS.reports, 'viewer');
  return router;
}
