/**
 * The course roster for facilitators: who is in the course (from the platform's names-and-roles
 * service, or from launches when the platform offers none), who left (inactive), when it was last
 * synced, and a button to sync now. `GET /lti/app/course/roster`, `POST /lti/app/course/roster/sync`.
 */
import { Router, type Response } from 'express';
import { NotPermittedError } from '../../domain/shared/errors.js';
import type { RosterSync } from '../../services/roster/sync-roster.js';
import type { RosterRepo } from '../../store/lti/roster-repo.js';
import { asyncRoute } from '../async-route.js';
import { courseActorOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';

export const ROSTER_PATHS = {
  roster: '/lti/app/course/roster',
  sync: '/lti/app/course/roster/sync',
} as const;

export interface RosterRouterDeps {
  readonly rosterSync: () => RosterSync;
  readonly rosters: () => RosterRepo;
}

function facilitatorCourse(res: Response, action: string) {
  const who = courseActorOf(res);
  if (who.actor.role !== 'facilitator') throw new NotPermittedError(action);
  return who.courseId;
}

function formatDate(date: Date | undefined, locale: unknown): { iso: string; text: string } | undefined {
  if (date === undefined) return undefined;
  const tag = typeof locale === 'string' ? locale : 'en';
  return {
    iso: date.toISOString(),
    text: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
      date,
    ),
  };
}

const OUTCOMES = new Set(['synced', 'failed', 'unavailable']);

export function createRosterRouter(deps: RosterRouterDeps): Router {
  const router = Router();

  router.get(
    ROSTER_PATHS.roster,
    asyncRoute(async (req, res) => {
      const courseId = facilitatorCourse(res, 'view-roster');
      const [course, members] = await Promise.all([
        deps.rosters().courseServices(courseId),
        deps.rosters().roster(courseId),
      ]);
      const outcome =
        typeof req.query['sync'] === 'string' && OUTCOMES.has(req.query['sync'])
          ? req.query['sync']
          : undefined;
      const locale = res.locals['locale'];
      const row = (m: (typeof members)[number]) => ({
        name: m.name,
        roleKeys: m.roles.map((r) => `advantage.roster.roles.${r}`),
        sourceKey: `advantage.roster.sources.${m.source}`,
      });
      res.render('pages/advantage/roster', {
        titleKey: 'advantage.roster.title',
        hasService: course?.membershipsUrl !== undefined,
        lastSync:
          course?.roster === undefined
            ? undefined
            : {
                ok: course.roster.status === 'ok',
                at: formatDate(course.roster.at, locale),
                syncedAt: formatDate(course.roster.syncedAt, locale),
                active: course.roster.activeCount ?? 0,
                inactive: course.roster.inactiveCount ?? 0,
              },
        outcomeKey: outcome === undefined ? undefined : `advantage.roster.outcome.${outcome}`,
        outcomeFailed: outcome === 'failed',
        active: members.filter((m) => m.active).map(row),
        inactive: members.filter((m) => !m.active).map(row),
        syncAction: ROSTER_PATHS.sync,
      });
    }),
  );

  router.post(
    ROSTER_PATHS.sync,
    asyncRoute(async (_req, res) => {
      const courseId = facilitatorCourse(res, 'sync-roster');
      const outcome = await deps.rosterSync().sync(courseId);
      redirectWithLtik(res, `${ROSTER_PATHS.roster}?sync=${outcome.kind}`);
    }),
  );
  return router;
}
