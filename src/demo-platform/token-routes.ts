/**
 * `POST /token`: the OAuth 2.0 token endpoint for LTI Advantage services (client credentials
 * with a JWT assertion). Answers are JSON per RFC 6749 §5, never cached.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { asyncRoute } from '../web/async-route.js';
import { TokenRequestError } from './access-tokens.js';
import type { DemoPlatformContext } from './platform-context.js';

const tokenForm = z.object({
  grant_type: z.string().max(100),
  client_assertion_type: z.string().max(200).optional(),
  client_assertion: z.string().max(8192).optional(),
  scope: z.string().max(2048).optional(),
});

export function createTokenRouter(context: DemoPlatformContext): Router {
  const router = Router();
  router.post(
    '/token',
    express.urlencoded({ extended: false, limit: '16kb' }),
    asyncRoute(async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const parsed = tokenForm.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'invalid_request', error_description: 'malformed token request' });
        return;
      }
      try {
        const granted = await context.accessTokens.grant(
          {
            grantType: parsed.data.grant_type,
            clientAssertionType: parsed.data.client_assertion_type ?? '',
            clientAssertion: parsed.data.client_assertion ?? '',
            scope: parsed.data.scope ?? '',
          },
          context.now(),
        );
        res.json(granted);
      } catch (err) {
        if (!(err instanceof TokenRequestError)) throw err;
        res
          .status(err.errorCode === 'invalid_client' ? 401 : 400)
          .json({ error: err.errorCode, error_description: err.description });
      }
    }),
  );
  return router;
}
