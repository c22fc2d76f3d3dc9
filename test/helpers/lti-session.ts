/**
 * One person's session in the tool after a real launch through the demo platform: the `ltik`
 * and the cookies, GET and form POST as a browser sends them (redirects not followed, so a test
 * sees the 303s), and small readers for the HTML the pages return.
 */
import { CookieJar, followLaunch } from './follow-launch.js';
import type { RunningLtiTool } from './lti-tool.js';

export interface PageResponse {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

export interface LtiSession {
  readonly userId: string;
  readonly ltik: string;
  /** The page the launch landed on. */
  readonly landing: string;
  get(path: string): Promise<PageResponse>;
  /** A urlencoded form POST; arrays become repeated fields. The ltik is added unless `ltik: false`. */
  post(
    path: string,
    fields?: Readonly<Record<string, string | readonly string[]>>,
    options?: { readonly ltik?: boolean; readonly contentType?: string; readonly rawBody?: string },
  ): Promise<PageResponse>;
}

export async function launchSession(
  running: RunningLtiTool,
  userId: string,
  placementId?: string,
  /** `services: false` launches without NRPS/AGS claims (no background roster sync). */
  options: { readonly locale?: string; readonly services?: false } = {},
): Promise<LtiSession> {
  const demo = running.tool.demoPlatform();
  if (demo === undefined) throw new Error('demo platform not started');
  const cookies = new CookieJar();
  const launch = await followLaunch(
    running.url + demo.launchPath(userId, placementId, options.services === false ? { services: false } : {}),
    {
      cookies,
      headers: options.locale === undefined ? {} : { 'Accept-Language': options.locale },
    },
  );
  if (launch.response.status !== 200) throw new Error(`launch failed: ${launch.response.status}`);
  const ltik = new URL(launch.steps.at(-1)!.url).searchParams.get('ltik');
  if (ltik === null) throw new Error('launch ended without an ltik');
  const read = async (response: Response): Promise<PageResponse> => ({
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
  });
  const withLtik = (path: string): string => {
    const url = new URL(path, running.url);
    url.searchParams.set('ltik', ltik);
    return url.toString();
  };
  return {
    userId,
    ltik,
    landing: launch.body,
    async get(path) {
      return read(await fetch(withLtik(path), { redirect: 'manual', headers: { cookie: cookies.header() } }));
    },
    async post(path, fields = {}, options = {}) {
      const body = new URLSearchParams();
      if (options.ltik !== false) body.append('ltik', ltik);
      for (const [name, value] of Object.entries(fields)) {
        for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
      }
      return read(
        await fetch(options.ltik === false ? new URL(path, running.url).toString() : withLtik(path), {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie: cookies.header(),
            'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
          },
          body: options.rawBody ?? body.toString(),
        }),
      );
    },
  };
}

/** The path of a 303's Location header, without the ltik. */
export function redirectPath(response: PageResponse): string {
  if (response.location === null) throw new Error(`no redirect (status ${response.status})`);
  return new URL(response.location, 'http://x').pathname;
}

const decode = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Values of every `<input name="…" value="…">` with this name, in document order. */
export function inputValues(html: string, name: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = match[0];
    if (!new RegExp(`\\sname="${name}"`).test(tag)) continue;
    const value = /\svalue="([^"]*)"/.exec(tag);
    values.push(decode(value?.[1] ?? ''));
  }
  return values;
}

/** The text content of the element with this id (tags stripped, entities decoded). */
export function textOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) return '';
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))?.[1] ?? 'div';
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open;
  let end = html.length;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) {
      end = m.index;
      break;
    }
  }
  return decode(html.slice(open, end).replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text of the whole page body. */
export function pageText(html: string): string {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return decode(main.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
