import type { HelperOptions } from 'handlebars';
import { DEFAULT_LOCALE, isLocale, translate, type MessageParams } from '../../i18n/translate.js';

/**
 * `{{t "home.title"}}` or `{{t "errors.server.errorId" id=errorId}}`: UI text from the message
 * catalogue in the request's locale (`res.locals.locale`, reachable as `@root.locale`).
 */
export function t(key: unknown, options: HelperOptions): string {
  if (typeof key !== 'string') throw new TypeError('the t helper needs a message key');
  const root: unknown = (options.data as { root?: unknown } | undefined)?.root;
  const locale = (root as { locale?: unknown } | undefined)?.locale;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options.hash as Record<string, unknown>)) {
    params[name] = typeof value === 'number' ? value : String(value);
  }
  return translate(
    typeof locale === 'string' && isLocale(locale) ? locale : DEFAULT_LOCALE,
    key,
    params as MessageParams,
  );
}
