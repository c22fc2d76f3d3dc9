/**
 * One HTTP request to an LTI Advantage service (NRPS, AGS) with a bearer token, a timeout and a
 * clear classification of failures: `ServiceCallError.retryable` is true for 5xx, 429 and network
 * failures or timeouts (with the platform's `Retry-After`, if any), false for other 4xx.
 * `withRetries` repeats a call with exponential backoff for callers that wait for the answer.
 */

export interface ServiceResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON body, or undefined for an empty or non-JSON body. */
  readonly body: unknown;
}

export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly details: {
      /** HTTP status, or undefined for a network failure or timeout. */
      readonly status: number | undefined;
      readonly retryable: boolean;
      /** From `Retry-After` (seconds or an HTTP date), in milliseconds. */
      readonly retryAfterMs: number | undefined;
    },
  ) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'ServiceCallError', enumerable: false });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryable(): boolean {
    return this.details.retryable;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export interface ServiceRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly token: string;
  readonly accept: string;
  readonly contentType?: string;
  readonly body?: unknown;
  readonly timeoutMs: number;
}

/** Milliseconds from a `Retry-After` value (delta seconds or HTTP date); undefined if absent or bad. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const USER_AGENT = 'Teamloop (LTI Advantage)';

export async function callService(request: ServiceRequest): Promise<ServiceResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      redirect: 'error',
      headers: {
        authorization: `Bearer ${request.token}`,
        accept: request.accept,
        'user-agent': USER_AGENT,
        ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (err) {
    throw new ServiceCallError(`${request.method} ${request.url} failed: ${(err as Error).message}`, {
      status: undefined,
      retryable: true,
      retryAfterMs: undefined,
    });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const status = response.status;
    throw new ServiceCallError(`${request.method} ${request.url} answered ${status}`, {
      status,
      retryable: status >= 500 || status === 429 || status === 408,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

export interface RetryPolicy {
  /** Total attempts including the first. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Exponential backoff delay for the n-th retry (1-based), honouring a longer `Retry-After`. */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  retryAfter: number | undefined,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.max(exponential, Math.min(retryAfter ?? 0, Math.max(policy.maxDelayMs, exponential)));
}

/** Runs `call`, repeating it after retryable failures with exponential backoff. */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ServiceCallError) || !err.retryable || attempt >= policy.attempts) throw err;
      await sleep(backoffDelay(attempt, policy, err.details.retryAfterMs));
    }
  }
}

/** The `rel="next"` target of an RFC 8288 `Link` header, resolved against `base`. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match === null) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!);
    const rel = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('next')) {
      try {
        return new URL(match[1]!, base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
