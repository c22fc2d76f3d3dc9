/**
 * The LRS client: `@xapi/xapi` with our own adapter. The library has no timeout and its
 * built-in adapters lose the HTTP status; ours aborts after `timeoutMs`, throws `LrsHttpError`
 * with the status, body and `Retry-After`, and `LrsNetworkError` for anything below HTTP.
 * Statements are posted as the exact JSON stored in the outbox (`RawJson`), never re-serialised.
 */
import xapiPkg from '@xapi/xapi';
import type { AdapterFunction, AdapterResponse } from '@xapi/xapi/dist/types/adapters/index.js';
import { XAPI_VERSION } from './vocabulary.js';

// CASE: the package has no `exports` map and its typings lack `export =`; under NodeNext the
// default import is the CommonJS module object, whose `default` is the class (research §1.1).
const XAPI = xapiPkg.default;

export class LrsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    /** Milliseconds the LRS asked us to wait (`Retry-After`), if it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`LRS responded ${status}: ${body.slice(0, 300)}`);
    this.name = 'LrsHttpError';
  }
}

/** Connection refused, reset, DNS, timeout: the LRS never answered with HTTP. */
export class LrsNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LrsNetworkError';
  }
}

/** A request body that is already JSON text: sent byte for byte. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface LrsTarget {
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
}

export interface LrsClient {
  /** POSTs the statements (each an exact JSON text) as one batch. */
  postStatements(payloads: readonly string[]): Promise<void>;
  /** The stored statement, or undefined when the LRS does not have it (404). */
  getStatement(id: string): Promise<Record<string, unknown> | undefined>;
  /** `GET /about`: cheap, used as the circuit-breaker probe. */
  about(): Promise<void>;
}

export interface LrsClientOptions {
  readonly timeoutMs: number;
  /** For HTTP-date `Retry-After` values (default `Date.now`). */
  readonly now?: () => number;
}

export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function timeoutFetchAdapter(options: LrsClientOptions): AdapterFunction {
  const now = options.now ?? Date.now;
  const adapter = async ({
    url,
    method,
    data,
    headers,
  }: {
    url: string;
    method: string;
    data?: unknown;
    headers?: Record<string, string>;
  }): Promise<AdapterResponse<unknown>> => {
    const h: Record<string, string> = { Accept: 'application/json', ...(headers ?? {}) };
    let body: string | undefined;
    if (data instanceof RawJson) body = data.text;
    else if (data !== undefined) body = typeof data === 'string' ? data : JSON.stringify(data);
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, headers: h, body, signal: AbortSignal.timeout(options.timeoutMs) });
      text = await res.text();
    } catch (err) {
      const reason =
        err instanceof Error && err.name === 'TimeoutError'
          ? `timed out after ${options.timeoutMs} ms`
          : String((err as Error).cause ?? err);
      throw new LrsNetworkError(`${method} ${url}: ${reason}`, { cause: err });
    }
    if (!res.ok)
      throw new LrsHttpError(res.status, text, parseRetryAfter(res.headers.get('retry-after'), now()));
    let parsed: unknown = text;
    try {
      parsed = text === '' ? text : JSON.parse(text);
    } catch {
      // Not JSON (204, documents): keep the text.
    }
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    return { data: parsed, headers: responseHeaders, status: res.status };
  };
  return adapter as AdapterFunction;
}

export function createLrsClient(target: LrsTarget, options: LrsClientOptions): LrsClient {
  const xapi = new XAPI({
    endpoint: target.endpoint,
    auth: XAPI.toBasicAuth(target.username, target.password),
    version: XAPI_VERSION,
    adapter: timeoutFetchAdapter(options),
  });
  return {
    async postStatements(payloads) {
      const batch = new RawJson(`[${payloads.join(',')}]`);
      // The adapter sends RawJson as is; the library passes `statements` through untouched.
      await xapi.sendStatements({
        statements: batch as unknown as Parameters<typeof xapi.sendStatements>[0]['statements'],
      });
    },
    async getStatement(id) {
      try {
        const res = await xapi.getStatement({ statementId: id });
        return res.data as unknown as Record<string, unknown>;
      } catch (err) {
        if (err instanceof LrsHttpError && err.status === 404) return undefined;
        throw err;
      }
    },
    async about() {
      await xapi.getAbout();
    },
  };
}
