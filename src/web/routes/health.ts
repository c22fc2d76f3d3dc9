/**
 * Health endpoints for people, monitors and load balancers.
 * `live`: the process answers (always 200). `ready`: it can serve traffic, i.e. the database
 * answers a ping within a short time (200), otherwise 503 so the balancer routes elsewhere.
 */
import { Router } from 'express';
import { asyncRoute } from '../async-route.js';

export interface HealthDeps {
  /** Resolves true when the database answered a ping; must not throw. */
  readonly pingDatabase: () => Promise<boolean>;
  readonly isDraining: () => boolean;
  /** How long a ping may take before the database counts as down. */
  readonly pingTimeoutMs?: number;
}

export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  const timeoutMs = deps.pingTimeoutMs ?? 2000;

  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get(
    '/health/ready',
    asyncRoute(async (_req, res) => {
      const database = (await withTimeout(deps.pingDatabase(), timeoutMs)) ? 'up' : 'down';
      const ready = database === 'up' && !deps.isDraining();
      res
        .status(ready ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json({ status: ready ? 'ready' : 'unavailable', checks: { database } });
    }),
  );

  return router;
}

async function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
