/**
 * Drives a browser-less launch: GETs a start URL and follows what a browser would — redirects
 * (keeping cookies) and self-submitting forms (`data-auto-submit`, the demo platform's hand-over
 * pages) — until a page that is neither. Used to launch a tool through the demo platform.
 */

export interface LaunchStep {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly status: number;
}

export interface FollowedLaunch {
  readonly response: Response;
  readonly body: string;
  readonly steps: readonly LaunchStep[];
  readonly cookies: CookieJar;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      if (index < 1) continue;
      const name = pair.slice(0, index).trim();
      if (/expires=thu, 01 jan 1970/i.test(header) || /max-age=0\b/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(index + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface HtmlForm {
  readonly action: string;
  readonly method: string;
  readonly fields: Readonly<Record<string, string>>;
}

const decodeHtml = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match === null ? undefined : decodeHtml(match[1]!);
}

/** The first self-submitting form in `html`, or undefined. */
export function findAutoSubmitForm(html: string): HtmlForm | undefined {
  const form = /<form\b[^>]*\sdata-auto-submit\b[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (form === null) return undefined;
  const tag = /<form\b[^>]*>/.exec(form[0])![0];
  const fields: Record<string, string> = {};
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input[0], 'name');
    if (name !== undefined) fields[name] = attribute(input[0], 'value') ?? '';
  }
  return {
    action: attribute(tag, 'action') ?? '',
    method: (attribute(tag, 'method') ?? 'get').toUpperCase(),
    fields,
  };
}

export async function followLaunch(
  startUrl: string,
  options: { cookies?: CookieJar; maxSteps?: number; headers?: Record<string, string> } = {},
): Promise<FollowedLaunch> {
  const cookies = options.cookies ?? new CookieJar();
  const steps: LaunchStep[] = [];
  let request: { method: 'GET' | 'POST'; url: string; body?: URLSearchParams } = {
    method: 'GET',
    url: startUrl,
  };
  for (let step = 0; step < (options.maxSteps ?? 10); step += 1) {
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: {
        ...options.headers,
        cookie: cookies.header(),
        ...(request.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    cookies.store(response);
    steps.push({ method: request.method, url: request.url, status: response.status });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.arrayBuffer();
      request = { method: 'GET', url: new URL(location, request.url).toString() };
      continue;
    }
    const body = await response.text();
    const form = response.status === 200 ? findAutoSubmitForm(body) : undefined;
    if (form === undefined) return { response, body, steps, cookies };
    const action = new URL(form.action, request.url).toString();
    request =
      form.method === 'POST'
        ? { method: 'POST', url: action, body: new URLSearchParams(form.fields) }
        : { method: 'GET', url: `${action}?${new URLSearchParams(form.fields).toString()}` };
  }
  throw new Error(`launch did not finish within ${options.maxSteps ?? 10} steps: ${JSON.stringify(steps)}`);
}
