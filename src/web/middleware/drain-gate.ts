/**
 * While the process shuts down, requests that still arrive on kept-alive connections are turned
 * away with 503 and `Connection: close`, so clients and load balancers retry elsewhere, while the
 * requests already in flight finish normally. `/health/live` keeps answering: the process is alive.
 */
import type { RequestHandler } from 'express';
import { DEFAULT_LOCALE, isLocale, translate } from '../i18n/translate.js';

export interface DrainGate {
  readonly middleware: RequestHandler;
  beginDraining(): void;
  isDraining(): boolean;
}

export function createDrainGate(): DrainGate {
  let draining = false;
  const middleware: RequestHandler = (req, res, next) => {
    if (!draining || req.path === '/health/live') {
      next();
      return;
    }
    const locale: unknown = res.locals['locale'];
    const message = translate(
      typeof locale === 'string' && isLocale(locale) ? locale : DEFAULT_LOCALE,
      'errors.unavailable.message',
    );
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '5');
    res.status(503);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ status: 'draining', error: { code: 'shutting-down', message } });
    } else {
      res.type('text/plain; charset=utf-8').send(message);
    }
  };
  return {
    middleware,
    beginDraining() {
      draining = true;
    },
    isDraining: () => draining,
  };
}
