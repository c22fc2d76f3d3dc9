/**
 * The launch, as an LMS performs it (IMS Security Framework 1.0 §5.1.1, LTI Core 1.3 §4.1):
 * 1. `GET /launch?user=&link=` stores a single-use pair of hints and sends the browser to the
 *    tool's login URL (third-party-initiated login) with `iss`, `login_hint`, `lti_message_hint`,
 *    `target_link_uri`, `client_id` and `lti_deployment_id` — by a self-submitting POST form, or
 *    by a 302 GET redirect with `?transport=redirect`.
 * 2. The tool sends the browser to `GET|POST /auth` (the OIDC authorisation endpoint). Its
 *    request is checked; the hints are redeemed; the answer is a form that POSTs the signed
 *    id_token and the tool's `state` to the registered redirect URI.
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../domain/shared/errors.js';
import { asyncRoute } from '../web/async-route.js';
import { renderAutoSubmitForm } from './auto-submit-form.js';
import { DEFAULT_PLACEMENT_ID, courseOfPlacement, findDemoUser } from './course.js';
import { buildDeepLinkingClaims } from './deep-linking-claims.js';
import { buildLaunchClaims } from './launch-claims.js';
import type { PendingLaunch } from './login-hints.js';
import { findPlacement } from './placements.js';
import { launchServices, registeredRedirectUris, type DemoPlatformContext } from './platform-context.js';

const MAX_PARAM_LENGTH = 2048;
const param = z.string().max(MAX_PARAM_LENGTH);

const launchQuery = z.object({
  user: param,
  link: param.optional(),
  transport: z.enum(['form', 'redirect']).optional(),
  services: z.enum(['all', 'none']).optional(),
});

/**
 * Starts a third-party-initiated login for `pending` (a resource-link launch or a deep-linking
 * request): stores the hints and sends the browser to the tool's login URL.
 */
export async function startLogin(
  context: DemoPlatformContext,
  res: Response,
  pending: PendingLaunch,
  transport: 'form' | 'redirect' = 'form',
): Promise<void> {
  const hints = await context.loginHints.issue(pending, context.now());
  const target = pending.deepLinking === true ? context.tool.deepLinkUrl : undefined;
  const fields = {
    iss: context.issuer,
    login_hint: hints.loginHint,
    lti_message_hint: hints.messageHint,
    target_link_uri: target ?? context.tool.launchUrl,
    client_id: context.clientId,
    lti_deployment_id: context.deploymentId,
  };
  if (transport === 'redirect') {
    const url = new URL(context.tool.loginUrl);
    for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url.toString());
    return;
  }
  renderAutoSubmitForm(res, {
    action: context.tool.loginUrl,
    fields,
    titleKey: 'demo.launch.title',
    messageKey: 'demo.launch.message',
  });
}

/** Every parameter is a single short string: arrays or objects (`a[b]=`) are refused. */
const authRequest = z.object({
  response_type: param.optional(),
  response_mode: param.optional(),
  scope: param.optional(),
  prompt: param.optional(),
  client_id: param.optional(),
  redirect_uri: param.optional(),
  login_hint: param.optional(),
  lti_message_hint: param.optional(),
  nonce: param.optional(),
  state: param.optional(),
  lti_deployment_id: param.optional(),
});

/** Why an authorisation request was refused; each has a message in the catalogue. */
export type RefusalReason =
  | 'malformed'
  | 'response-type'
  | 'response-mode'
  | 'scope'
  | 'prompt'
  | 'client'
  | 'redirect-uri'
  | 'nonce'
  | 'state'
  | 'login-hint';

function refuse(res: Response, context: DemoPlatformContext, status: number, reason: RefusalReason): void {
  res.status(status).render('pages/demo/refused', {
    layout: 'demo',
    framed: true,
    titleKey: 'demo.refused.title',
    reasonKey: `demo.refused.reasons.${reason}`,
    courseUrl: context.basePath === '' ? '/' : context.basePath,
  });
}

export function createOidcRouter(context: DemoPlatformContext): Router {
  const router = Router();

  router.get(
    '/launch',
    asyncRoute(async (req, res) => {
      const parsed = launchQuery.safeParse(req.query);
      if (!parsed.success) throw new NotFoundError('demo launch', '');
      const user = findDemoUser(parsed.data.user);
      if (user === undefined) throw new NotFoundError('demo user', parsed.data.user);
      const placement = await findPlacement(context, parsed.data.link ?? DEFAULT_PLACEMENT_ID);
      if (placement === undefined) throw new NotFoundError('demo placement', parsed.data.link ?? '');
      const locale = typeof res.locals['locale'] === 'string' ? res.locals['locale'] : 'en';
      await startLogin(
        context,
        res,
        { userId: user.id, placementId: placement.id, locale, services: parsed.data.services !== 'none' },
        parsed.data.transport,
      );
    }),
  );

  const authorize = asyncRoute(async (req: Request, res: Response) => {
    const parsed = authRequest.safeParse(req.method === 'POST' ? req.body : req.query);
    if (!parsed.success) return refuse(res, context, 400, 'malformed');
    const request = parsed.data;
    if (request.response_type !== 'id_token') return refuse(res, context, 400, 'response-type');
    if (request.response_mode !== 'form_post') return refuse(res, context, 400, 'response-mode');
    if (!(request.scope ?? '').split(' ').includes('openid')) return refuse(res, context, 400, 'scope');
    if (request.prompt !== 'none') return refuse(res, context, 400, 'prompt');
    if (request.client_id !== context.clientId) return refuse(res, context, 400, 'client');
    const redirectUri = request.redirect_uri;
    if (redirectUri === undefined || !registeredRedirectUris(context).includes(redirectUri)) {
      return refuse(res, context, 400, 'redirect-uri');
    }
    if (request.nonce === undefined || request.nonce === '') return refuse(res, context, 400, 'nonce');
    if (request.state === undefined || request.state === '') return refuse(res, context, 400, 'state');
    if (request.login_hint === undefined || request.lti_message_hint === undefined) {
      return refuse(res, context, 403, 'login-hint');
    }
    const now = context.now();
    const launch = await context.loginHints.redeem(
      { loginHint: request.login_hint, messageHint: request.lti_message_hint },
      now,
    );
    if (launch === undefined) return refuse(res, context, 403, 'login-hint');
    const user = findDemoUser(launch.userId);
    if (user === undefined) return refuse(res, context, 403, 'login-hint');
    let claims: Record<string, unknown>;
    if (launch.deepLinking === true) {
      claims = await buildDeepLinkingClaims(context, {
        user,
        nonce: request.nonce,
        locale: launch.locale,
        now,
      });
    } else {
      const placement = await findPlacement(context, launch.placementId);
      if (placement === undefined) return refuse(res, context, 403, 'login-hint');
      claims = buildLaunchClaims({
        issuer: context.issuer,
        clientId: context.clientId,
        deploymentId: context.deploymentId,
        nonce: request.nonce,
        targetLinkUri: context.tool.launchUrl,
        returnUrl: context.issuer,
        locale: launch.locale,
        user,
        course: courseOfPlacement(placement),
        placement,
        platform: context.platformInfo,
        now,
        // The second demo course offers no NRPS/AGS (a platform without those services).
        ...(launch.services === false || placement.courseId !== undefined
          ? {}
          : { services: launchServices(context, placement.lineItemId) }),
      });
    }
    const idToken = await context.key.sign(claims);
    renderAutoSubmitForm(res, {
      action: redirectUri,
      fields: { id_token: idToken, state: request.state },
      titleKey: 'demo.launch.title',
      messageKey: 'demo.launch.message',
    });
  });
  router.get('/auth', authorize);
  router.post('/auth', express.urlencoded({ extended: false, limit: '16kb' }), authorize);

  return router;
}
