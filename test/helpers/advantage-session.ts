/**
 * A launched session through the demo platform (ltik + cookies), for tests that then call the
 * tool's pages and actions as that person.
 */
import { followLaunch, type FollowedLaunch } from './follow-launch.js';

export interface LaunchedSession {
  readonly launch: FollowedLaunch;
  readonly ltik: string;
  get(path: string): Promise<Response>;
  /** POSTs a form (ltik added) without following redirects. */
  post(path: string, fields?: Record<string, string>): Promise<Response>;
}

export async function launchSession(baseUrl: string, startPath: string): Promise<LaunchedSession> {
  const launch = await followLaunch(baseUrl + startPath);
  const last = [...launch.steps].reverse().find((s) => new URL(s.url).searchParams.has('ltik'));
  if (last === undefined) throw new Error(`launch ended without an ltik: ${JSON.stringify(launch.steps)}`);
  const ltik = new URL(last.url).searchParams.get('ltik')!;
  const withLtik = (path: string) => {
    const url = new URL(path, baseUrl);
    url.searchParams.set('ltik', ltik);
    return url.toString();
  };
  return {
    launch,
    ltik,
    get: (path) =>
      fetch(withLtik(path), { headers: { cookie: launch.cookies.header() }, redirect: 'manual' }),
    post: (path, fields = {}) =>
      fetch(new URL(path, baseUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: launch.cookies.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, ltik }),
      }),
  };
}

/** Polls `check` until it returns a value other than undefined (or fails after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
