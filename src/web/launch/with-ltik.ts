/**
 * The `ltik` (ltijs's session token) travels with every request after launch: links get it as a
 * query parameter (`ltikUrl` helper), forms as a hidden field (`{{> ltik-field}}`), redirects
 * through `redirectWithLtik`. Only paths inside the tool are accepted, so none of them can be
 * turned into an open redirect.
 */
import type { Response } from 'express';

/** True for an absolute path on this site (`/x`), not a scheme-relative (`//host`) or full URL. */
export function isInternalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !/[\r\n]/.test(path);
}

export function withLtik(path: string, ltik: string | undefined): string {
  if (!isInternalPath(path)) throw new TypeError(`not an internal path: ${path}`);
  if (ltik === undefined || ltik === '') return path;
  const hashAt = path.indexOf('#');
  const base = hashAt === -1 ? path : path.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  const url = new URL(base, 'http://internal.invalid');
  url.searchParams.set('ltik', ltik);
  return `${url.pathname}${url.search}${hash}`;
}

/** 303 to an internal path, keeping the session. */
export function redirectWithLtik(res: Response, path: string): void {
  const ltik: unknown = res.locals['ltik'];
  res.redirect(303, withLtik(path, typeof ltik === 'string' ? ltik : undefined));
}
