import type { HelperOptions } from 'handlebars';
import { withLtik } from '../../launch/with-ltik.js';

/**
 * `{{ltikUrl "/lti/app/course"}}`: an internal link that keeps the LTI session (`ltik` from
 * `@root.ltik`). Every link between pages after launch goes through this helper.
 */
export function ltikUrl(path: unknown, options: HelperOptions): string {
  if (typeof path !== 'string') throw new TypeError('the ltikUrl helper needs a path');
  const root = (options.data as { root?: { ltik?: unknown } } | undefined)?.root;
  return withLtik(path, typeof root?.ltik === 'string' ? root.ltik : undefined);
}
