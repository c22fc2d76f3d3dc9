import type { RequestHandler, Response } from 'express';
import {
  DEFAULT_LOCALE,
  isLocale,
  resolveLocale,
  SUPPORTED_LOCALES,
  type Locale,
} from '../i18n/translate.js';

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

/** The locale `pickLocale` (or the launch) chose for this response; English if none. */
export function localeOf(res: Response): Locale {
  const locale: unknown = res.locals['locale'];
  return typeof locale === 'string' && isLocale(locale) ? locale : DEFAULT_LOCALE;
}
