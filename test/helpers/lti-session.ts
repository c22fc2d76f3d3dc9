/**
 * A person's session in the tool after a real launch through the demo platform: GETs and form
 * POSTs that carry the `ltik` and the session cookie as a browser would, without following
 * redirects (so tests see the 303s).
 */
import { followLaunch, type CookieJar } from './follow-launch.js';
import type { RunningLtiTool } from './lti-tool.js';

export interface PageResponse {
  readonly status: number;
  readonly body: string;
  readonly location: string | null;
}

export interface LtiSession {
  readonly ltik: string;
  readonly landing: string;
  get(path: string): Promise<PageResponse>;
  post(path: string, fields: Record<string, string | readonly string[]>): Promise<PageResponse>;
}

export async function launchSession(
  running: RunningLtiTool,
  userId: string,
  placementId?: string,
  options: { readonly locale?: string } = {},
): Promise<LtiSession> {
  const demo = running.tool.demoPlatform();
  if (demo === undefined) throw new Error('demo platform not started');
  const launch = await followLaunch(
    running.url + demo.launchPath(userId, placementId),
    options.locale === undefined ? {} : { headers: { 'Accept-Language': options.locale } },
  );
  if (launch.response.status !== 200) throw new Error(`launch failed: ${launch.response.status}`);
  const ltik = new URL(launch.steps.at(-1)!.url).searchParams.get('ltik');
  if (ltik === null) throw new Error('no ltik after launch');
  const cookies: CookieJar = launch.cookies;
  async function send(path: string, init: RequestInit): Promise<PageResponse> {
    const res = await fetch(running.url + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.header() },
    });
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
  return {
    ltik,
    landing: launch.body,
    get(path) {
      const url = new URL(path, 'http://x');
      url.searchParams.set('ltik', ltik);
      return send(`${url.pathname}${url.search}`, { method: 'GET' });
    },
    post(path, fields) {
      const body = new URLSearchParams();
      body.append('ltik', ltik);
      for (const [name, value] of Object.entries(fields)) {
        for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
      }
      return send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    },
  };
}

/** The path of a 303's Location header, without the ltik. */
export function redirectPath(response: PageResponse): string {
  if (response.location === null) throw new Error(`no redirect (status ${response.status})`);
  return new URL(response.location, 'http://x').pathname;
}
