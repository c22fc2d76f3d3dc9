import type { RequestHandler } from 'express';
import { resolveLocale, SUPPORTED_LOCALES } from '../i18n/translate.js';

/**
 * Sets `res.locals.locale` for templates and the `t` helper: the LMS launch locale when the LTI
 * layer has put one in `res.locals.launchLocale`, else the browser's Accept-Language, else English.
 */
export function pickLocale(): RequestHandler {
  return (req, res, next) => {
    const launchLocale: unknown = res.locals['launchLocale'];
    const accepted = req.acceptsLanguages(...SUPPORTED_LOCALES);
    res.locals['locale'] = resolveLocale([
      typeof launchLocale === 'string' ? launchLocale : undefined,
      typeof accepted === 'string' ? accepted : undefined,
    ]);
    next();
  };
}
