/**
 * Deep linking, platform side (LTI Deep Linking 2.0):
 * - `GET /deep-link?user=` — an instructor's "add activity": starts a login whose id_token is an
 *   `LtiDeepLinkingRequest` for the demo course;
 * - `POST /deep-link/return` — the tool's `LtiDeepLinkingResponse` JWT, verified against the
 *   tool's JWKS (RS256, iss = client id, aud = this platform, deployment, our own signed `data`);
 *   each `ltiResourceLink` becomes an activity of the course, with a line item when it asks for
 *   one, and the course page lists it.
 */
import express, { Router, type Response } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { NotFoundError } from '../domain/shared/errors.js';
import { asyncRoute } from '../web/async-route.js';
import { DEMO_COURSE, findDemoUser } from './course.js';
import { DEEP_LINK_DATA_PURPOSE } from './deep-linking-claims.js';
import { DEEP_LINKING_RESPONSE, LTI_CLAIM, LTI_VERSION } from './lti-vocabulary.js';
import { startLogin } from './oidc-routes.js';
import type { DemoPlatformContext } from './platform-context.js';

const MAX_RESPONSE_AGE_SECONDS = 10 * 60;

const resourceLink = z.object({
  type: z.literal('ltiResourceLink'),
  title: z.string().min(1).max(255).optional(),
  text: z.string().max(2000).optional(),
  url: z.string().max(2048).optional(),
  custom: z.record(z.string().max(255), z.string().max(1024)).optional(),
  lineItem: z
    .object({
      label: z.string().max(255).optional(),
      scoreMaximum: z.number().positive().max(1_000_000),
      resourceId: z.string().max(255).optional(),
      tag: z.string().max(255).optional(),
    })
    .optional(),
});

class DeepLinkRefused extends Error {}

export function createDeepLinkingRouter(context: DemoPlatformContext): Router {
  const router = Router();
  const toolKeys = createRemoteJWKSet(new URL(context.tool.jwksUrl), { timeoutDuration: 5000 });

  router.get(
    '/deep-link',
    asyncRoute(async (req, res) => {
      const user = findDemoUser(typeof req.query['user'] === 'string' ? req.query['user'] : '');
      if (user === undefined || user.role !== 'instructor' || context.tool.deepLinkUrl === undefined) {
        throw new NotFoundError('demo deep-linking user', String(req.query['user'] ?? ''));
      }
      const locale = typeof res.locals['locale'] === 'string' ? res.locals['locale'] : 'en';
      await startLogin(context, res, {
        userId: user.id,
        placementId: 'deep-linking',
        locale,
        deepLinking: true,
      });
    }),
  );

  async function verifyResponse(jwt: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, toolKeys, {
        algorithms: ['RS256'],
        issuer: context.clientId,
        audience: context.issuer,
        maxTokenAge: MAX_RESPONSE_AGE_SECONDS,
        currentDate: context.now(),
      }));
    } catch (err) {
      throw new DeepLinkRefused(`signature or claims (${(err as Error).message})`);
    }
    if (payload[LTI_CLAIM.messageType] !== DEEP_LINKING_RESPONSE) throw new DeepLinkRefused('message type');
    if (payload[LTI_CLAIM.version] !== LTI_VERSION) throw new DeepLinkRefused('LTI version');
    if (payload[LTI_CLAIM.deploymentId] !== context.deploymentId) throw new DeepLinkRefused('deployment');
    const data = payload[LTI_CLAIM.deepLinkingData];
    try {
      const request = await context.key.verify(typeof data === 'string' ? data : '', {
        issuer: context.issuer,
        audience: context.issuer,
        currentDate: context.now(),
      });
      if (request['purpose'] !== DEEP_LINK_DATA_PURPOSE) throw new Error('purpose');
    } catch {
      throw new DeepLinkRefused('the data claim is not from a request of this platform');
    }
    return payload;
  }

  function answer(res: Response, status: number, params: Record<string, unknown>): void {
    res.status(status).render('pages/demo/deep-link-returned', {
      layout: 'demo',
      framed: true,
      titleKey: 'demoServices.returned.title',
      courseUrl: context.basePath === '' ? '/' : context.basePath,
      ...params,
    });
  }

  router.post(
    '/deep-link/return',
    express.urlencoded({ extended: false, limit: '64kb' }),
    asyncRoute(async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const jwt = (req.body as Record<string, unknown>)['JWT'];
      let payload: JWTPayload;
      try {
        if (typeof jwt !== 'string' || jwt.length > 60_000) throw new DeepLinkRefused('no JWT');
        payload = await verifyResponse(jwt);
      } catch (err) {
        if (!(err instanceof DeepLinkRefused)) throw err;
        answer(res, 400, { refused: err.message });
        return;
      }
      const items = payload[LTI_CLAIM.deepLinkingContentItems];
      const links = (Array.isArray(items) ? items : [])
        .filter((item) => (item as { type?: unknown })?.type === 'ltiResourceLink')
        .map((item) => resourceLink.safeParse(item));
      if (links.length > 1 || links.some((l) => !l.success)) {
        answer(res, 400, { refused: 'content items (one valid ltiResourceLink expected)' });
        return;
      }
      const added: string[] = [];
      for (const parsed of links) {
        if (!parsed.success) continue;
        const link = parsed.data;
        const id = `dl-${context.courseStore.newId()}`;
        const title = link.title ?? link.lineItem?.label ?? 'Teamloop';
        let lineItemId: string | undefined;
        if (link.lineItem !== undefined) {
          lineItemId = context.courseStore.newId();
          await context.courseStore.lineItems.create({
            _id: lineItemId,
            contextId: DEMO_COURSE.id,
            label: link.lineItem.label ?? title,
            scoreMaximum: link.lineItem.scoreMaximum,
            resourceLinkId: id,
            ...(link.lineItem.resourceId === undefined ? {} : { resourceId: link.lineItem.resourceId }),
            ...(link.lineItem.tag === undefined ? {} : { tag: link.lineItem.tag }),
            createdAt: context.now(),
          });
        }
        await context.courseStore.placements.create({
          _id: id,
          title,
          custom: link.custom ?? {},
          ...(lineItemId === undefined ? {} : { lineItemId }),
          createdAt: context.now(),
        });
        added.push(title);
      }
      answer(res, 200, { added });
    }),
  );
  return router;
}
