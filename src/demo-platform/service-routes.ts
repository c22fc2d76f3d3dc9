/**
 * The demo course's LTI Advantage services, each behind a bearer token from `/token` with the
 * right scope:
 * - NRPS 2.0: `GET /nrps/contexts/:contextId/memberships` — the roster without removed members,
 *   `limit` members per page (default: the platform's small page size) and `Link: rel="next"`;
 * - AGS 2.0: line items (`GET|POST /ags/contexts/:contextId/lineitems`, `GET …/lineitems/:id/lineitem`),
 *   scores (`POST …/lineitem/scores`) and results (`GET …/lineitem/results`); line-item URLs carry
 *   a query string, as Moodle's do.
 * - `GET /gradebook`: a page with every line item and its scores.
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { asyncRoute } from '../web/async-route.js';
import { verifyAccessToken } from './access-tokens.js';
import { DEMO_COURSE, DEMO_USERS } from './course.js';
import type { StoredLineItem, StoredScore } from './course-store.js';
import { rolesFor } from './launch-claims.js';
import { AGS_MEDIA, NRPS_MEDIA_TYPE, SCOPE } from './lti-vocabulary.js';
import { serviceUrls, type DemoPlatformContext } from './platform-context.js';

const jsonBody = express.json({
  type: ['application/json', 'application/*+json'],
  limit: '64kb',
});

const lineItemInput = z.object({
  label: z.string().min(1).max(500),
  scoreMaximum: z.number().positive().max(1_000_000),
  resourceLinkId: z.string().max(255).optional(),
  resourceId: z.string().max(255).optional(),
  tag: z.string().max(255).optional(),
});

const scoreInput = z.object({
  userId: z.string().min(1).max(255),
  scoreGiven: z.number().min(0).optional(),
  scoreMaximum: z.number().positive().optional(),
  comment: z.string().max(10_000).optional(),
  activityProgress: z.enum(['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed']),
  gradingProgress: z.enum(['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady']),
  timestamp: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 timestamp'),
});

function problem(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

/** The bearer token's grant, when it is ours, for our tool and has one of `scopes`. */
async function authorize(
  context: DemoPlatformContext,
  req: Request,
  res: Response,
  scopes: readonly string[],
): Promise<boolean> {
  res.setHeader('Cache-Control', 'no-store');
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const grant =
    match === null
      ? undefined
      : await verifyAccessToken(context.key, { issuer: context.issuer }, match[1]!, context.now());
  if (grant === undefined || grant.clientId !== context.clientId) {
    res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    problem(res, 401, 'invalid_token');
    return false;
  }
  if (!scopes.some((s) => grant.scopes.includes(s))) {
    problem(res, 403, 'insufficient_scope');
    return false;
  }
  return true;
}

/** NRPS shows learners in both role notations: some as full LIS URIs, some as short names. */
function nrpsRoles(user: (typeof DEMO_USERS)[number], index: number): string[] {
  if (user.role === 'learner' && index % 2 === 1) return ['Learner'];
  return rolesFor(user);
}

export function createServiceRouter(context: DemoPlatformContext): Router {
  const router = Router();
  const store = context.courseStore;

  const lineItemJson = (item: StoredLineItem) => ({
    id: serviceUrls(context, item.contextId).lineItemUrl(item._id),
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    ...(item.resourceLinkId === undefined ? {} : { resourceLinkId: item.resourceLinkId }),
    ...(item.resourceId === undefined ? {} : { resourceId: item.resourceId }),
    ...(item.tag === undefined ? {} : { tag: item.tag }),
  });

  async function lineItemOf(req: Request, res: Response): Promise<StoredLineItem | undefined> {
    const item = await store.lineItems
      .findOne({ _id: String(req.params['lineItemId']), contextId: String(req.params['contextId']) })
      .lean<StoredLineItem>();
    if (item === null) problem(res, 404, 'no such line item');
    return item ?? undefined;
  }

  router.get(
    '/nrps/contexts/:contextId/memberships',
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.nrps]))) return;
      if (req.params['contextId'] !== DEMO_COURSE.id) return problem(res, 404, 'no such context');
      const removed = await store.removedMembers();
      const role = typeof req.query['role'] === 'string' ? req.query['role'] : undefined;
      const members = DEMO_USERS.map((user, index) => ({ user, roles: nrpsRoles(user, index) }))
        .filter(({ user }) => !removed.has(user.id))
        .filter(({ roles }) => role === undefined || roles.some((r) => r === role || r.endsWith(`#${role}`)));
      const limit = Math.min(Math.max(Number(req.query['limit']) || context.nrpsPageSize, 1), 100);
      const offset = Math.max(Number(req.query['offset']) || 0, 0);
      const page = members.slice(offset, offset + limit);
      const self = new URL(req.originalUrl, context.publicUrl);
      if (offset + limit < members.length) {
        const next = new URL(self);
        next.searchParams.set('offset', String(offset + limit));
        next.searchParams.set('limit', String(limit));
        res.setHeader('Link', `<${next.toString()}>; rel="next"`);
      }
      res.type(NRPS_MEDIA_TYPE).send(
        JSON.stringify({
          id: self.toString(),
          context: { id: DEMO_COURSE.id, label: DEMO_COURSE.label, title: DEMO_COURSE.title },
          members: page.map(({ user, roles }) => ({
            status: 'Active',
            user_id: user.id,
            name: user.name,
            given_name: user.givenName,
            family_name: user.familyName,
            email: user.email,
            roles,
          })),
        }),
      );
    }),
  );

  router.get(
    '/ags/contexts/:contextId/lineitems',
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.lineItem, SCOPE.lineItemReadonly]))) return;
      const filter: Record<string, string> = { contextId: String(req.params['contextId']) };
      for (const [param, field] of [
        ['resource_link_id', 'resourceLinkId'],
        ['resource_id', 'resourceId'],
        ['tag', 'tag'],
      ] as const) {
        if (typeof req.query[param] === 'string') filter[field] = req.query[param];
      }
      const items = await store.lineItems.find(filter).sort({ createdAt: 1 }).lean<StoredLineItem[]>();
      res.type(AGS_MEDIA.lineItemContainer).send(JSON.stringify(items.map(lineItemJson)));
    }),
  );

  router.post(
    '/ags/contexts/:contextId/lineitems',
    jsonBody,
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.lineItem]))) return;
      const parsed = lineItemInput.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, 'invalid line item');
      const item = await store.lineItems.create({
        _id: store.newId(),
        contextId: String(req.params['contextId']),
        ...parsed.data,
        createdAt: context.now(),
      });
      res
        .status(201)
        .type(AGS_MEDIA.lineItem)
        .send(JSON.stringify(lineItemJson(item.toObject())));
    }),
  );

  router.get(
    '/ags/contexts/:contextId/lineitems/:lineItemId/lineitem',
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.lineItem, SCOPE.lineItemReadonly]))) return;
      const item = await lineItemOf(req, res);
      if (item !== undefined) res.type(AGS_MEDIA.lineItem).send(JSON.stringify(lineItemJson(item)));
    }),
  );

  router.post(
    '/ags/contexts/:contextId/lineitems/:lineItemId/lineitem/scores',
    jsonBody,
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.score]))) return;
      const item = await lineItemOf(req, res);
      if (item === undefined) return;
      const failure = store.takeScoreFailure();
      if (failure !== undefined) {
        if (failure.retryAfterSeconds !== undefined)
          res.setHeader('Retry-After', String(failure.retryAfterSeconds));
        return problem(res, failure.status, 'injected failure');
      }
      const parsed = scoreInput.safeParse(req.body);
      if (!parsed.success) return problem(res, 400, 'invalid score');
      const score = parsed.data;
      if (!DEMO_USERS.some((u) => u.id === score.userId)) return problem(res, 400, 'unknown user');
      const timestamp = new Date(score.timestamp);
      const id = `${item._id}:${score.userId}`;
      const stored = await store.scores.findById(id).select({ timestamp: 1 }).lean<StoredScore>();
      // AGS 2.0 §3.4.8: a score older than the one on record does not replace it.
      if (stored === null || stored.timestamp.getTime() <= timestamp.getTime()) {
        await store.scores.replaceOne(
          { _id: id },
          {
            _id: id,
            lineItemId: item._id,
            userId: score.userId,
            ...(score.scoreGiven === undefined ? {} : { scoreGiven: score.scoreGiven }),
            ...(score.scoreMaximum === undefined ? {} : { scoreMaximum: score.scoreMaximum }),
            ...(score.comment === undefined ? {} : { comment: score.comment }),
            activityProgress: score.activityProgress,
            gradingProgress: score.gradingProgress,
            timestamp,
            receivedAt: context.now(),
          },
          { upsert: true },
        );
      }
      res.status(204).end();
    }),
  );

  router.get(
    '/ags/contexts/:contextId/lineitems/:lineItemId/lineitem/results',
    asyncRoute(async (req, res) => {
      if (!(await authorize(context, req, res, [SCOPE.resultReadonly]))) return;
      const item = await lineItemOf(req, res);
      if (item === undefined) return;
      const userId = typeof req.query['user_id'] === 'string' ? req.query['user_id'] : undefined;
      const scores = await store.scores
        .find({ lineItemId: item._id, ...(userId === undefined ? {} : { userId }) })
        .sort({ userId: 1 })
        .lean<StoredScore[]>();
      const lineItemUrl = serviceUrls(context, item.contextId).lineItemUrl(item._id);
      res.type(AGS_MEDIA.resultContainer).send(
        JSON.stringify(
          scores.map((s) => ({
            id: `${lineItemUrl.split('?')[0]}/results/${encodeURIComponent(s.userId)}`,
            scoreOf: lineItemUrl,
            userId: s.userId,
            ...(s.scoreGiven === undefined ? {} : { resultScore: s.scoreGiven }),
            resultMaximum: s.scoreMaximum ?? item.scoreMaximum,
            ...(s.comment === undefined ? {} : { comment: s.comment }),
          })),
        ),
      );
    }),
  );

  router.get(
    '/gradebook',
    asyncRoute(async (_req, res) => {
      const items = await store.lineItems
        .find({ contextId: DEMO_COURSE.id })
        .sort({ createdAt: 1 })
        .lean<StoredLineItem[]>();
      const scores = await store.scores
        .find({ lineItemId: { $in: items.map((i) => i._id) } })
        .lean<StoredScore[]>();
      const names = new Map(DEMO_USERS.map((u) => [u.id, u.name]));
      res.render('pages/demo/gradebook', {
        layout: 'demo',
        titleKey: 'demoServices.gradebook.title',
        courseUrl: context.basePath === '' ? '/' : context.basePath,
        lineItems: items.map((item) => ({
          id: item._id,
          label: item.label,
          max: item.scoreMaximum,
          scores: scores
            .filter((s) => s.lineItemId === item._id)
            .sort((a, b) => (names.get(a.userId) ?? a.userId).localeCompare(names.get(b.userId) ?? b.userId))
            .map((s) => ({
              userId: s.userId,
              name: names.get(s.userId) ?? s.userId,
              score:
                s.scoreGiven === undefined ? '' : `${s.scoreGiven} / ${s.scoreMaximum ?? item.scoreMaximum}`,
              progress: `${s.activityProgress}, ${s.gradingProgress}`,
              comment: s.comment ?? '',
              when: s.timestamp.toISOString(),
            })),
        })),
      });
    }),
  );
  return router;
}
