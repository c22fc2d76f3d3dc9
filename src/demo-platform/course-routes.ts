/**
 * The demo course page: the placements, the people with a "Launch as …" button each, and the
 * frame in which the tool opens, as in an LMS. Plus the page the frame shows before a launch.
 */
import { Router } from 'express';
import { NotFoundError } from '../domain/shared/errors.js';
import { asyncRoute } from '../web/async-route.js';
import { DEFAULT_PLACEMENT_ID, DEMO_COURSE, DEMO_USERS } from './course.js';
import type { StoredLineItem } from './course-store.js';
import { listPlacements } from './placements.js';
import type { DemoPlatformContext } from './platform-context.js';

/** The name of the iframe the launch forms target (like an LMS's tool frame). */
export const TOOL_FRAME_NAME = 'demo-lms-tool-frame';

export function createCourseRouter(context: DemoPlatformContext): Router {
  const router = Router();
  const base = context.basePath;

  router.get(
    '/',
    asyncRoute(async (_req, res) => {
      const placements = await listPlacements(context);
      const removed = await context.courseStore.removedMembers();
      const lineItems = new Map(
        (await context.courseStore.lineItems.find({}).lean<StoredLineItem[]>()).map((i) => [i._id, i]),
      );
      res.render('pages/demo/course', {
        layout: 'demo',
        lmsScript: true,
        titleKey: 'demo.course.pageTitle',
        course: DEMO_COURSE,
        launchAction: `${base}/launch`,
        frameName: TOOL_FRAME_NAME,
        frameUrl: `${base}/frame`,
        toolOrigin: new URL(context.tool.launchUrl).origin,
        placements: placements
          .filter((p) => p.courseId === undefined)
          .map((p) => ({
            id: p.id,
            title: p.title,
            checked: p.id === DEFAULT_PLACEMENT_ID,
            deepLinked: p.deepLinked,
            maxPoints: p.lineItemId === undefined ? undefined : lineItems.get(p.lineItemId)?.scoreMaximum,
          })),
        users: DEMO_USERS.map((u) => ({
          id: u.id,
          name: u.name,
          roleKey: u.role === 'instructor' ? 'demo.roles.instructor' : 'demo.roles.learner',
          removed: removed.has(u.id),
          memberAction:
            u.role === 'learner'
              ? `${base}/course/members/${encodeURIComponent(u.id)}/${removed.has(u.id) ? 'restore' : 'remove'}`
              : undefined,
        })),
        instructors: DEMO_USERS.filter((u) => u.role === 'instructor').map((u) => ({
          id: u.id,
          name: u.name,
        })),
        deepLinkAction: context.tool.deepLinkUrl === undefined ? undefined : `${base}/deep-link`,
        gradebookUrl: `${base}/gradebook`,
      });
    }),
  );

  // Demo administration: a learner leaves the course (the NRPS roster stops listing them) or returns.
  router.post(
    '/course/members/:userId/:action(remove|restore)',
    asyncRoute(async (req, res) => {
      const user = DEMO_USERS.find((u) => u.id === req.params['userId'] && u.role === 'learner');
      if (user === undefined) throw new NotFoundError('demo learner', String(req.params['userId']));
      if (req.params['action'] === 'remove') await context.courseStore.removeMember(user.id, context.now());
      else await context.courseStore.restoreMember(user.id);
      res.redirect(303, base === '' ? '/' : base);
    }),
  );

  router.get('/frame', (_req, res) => {
    res.render('pages/demo/frame', { layout: 'demo', framed: true, titleKey: 'demo.frame.title' });
  });

  return router;
}
