/** The platform's public key set (JWKS), which tools fetch to verify id_tokens and access tokens. */
import { Router } from 'express';
import type { DemoPlatformContext } from './platform-context.js';

/** Tools may cache the key set briefly; the key only changes when the database is reset. */
const JWKS_CACHE = 'public, max-age=300';

export function createKeyRouter(context: DemoPlatformContext): Router {
  const router = Router();
  router.get('/jwks', (_req, res) => {
    res.setHeader('Cache-Control', JWKS_CACHE);
    res.type('application/jwk-set+json').send(JSON.stringify({ keys: [context.key.publicJwk] }));
  });
  return router;
}
