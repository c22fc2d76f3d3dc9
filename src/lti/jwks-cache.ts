/**
 * Platform key sets (JWKS), cached. ltijs fetches the platform's JWKS on every launch with no
 * cache and no timeout; launches go through our own verifier (`id-token-verifier.ts`), which
 * gets keys from here:
 * - a fetched key set is kept for its `Cache-Control: max-age` (bounded to 1 min – 24 h; 10 min
 *   when the platform sends none), and `no-store`/`no-cache` means the minimum;
 * - a `kid` that is not in the cached set triggers one refetch (a platform rotated its key), at
 *   most once per `refetchCooldownMs` per URL so that tokens with made-up kids cannot make us
 *   hammer the platform;
 * - every fetch has a short timeout and a size limit; concurrent misses share one fetch.
 */
import { importJWK, type JWK } from 'jose';

export interface JwksCacheOptions {
  readonly now?: () => number;
  readonly timeoutMs?: number;
  readonly refetchCooldownMs?: number;
  readonly fetch?: typeof fetch;
}

export type VerificationKey = Awaited<ReturnType<typeof importJWK>>;

export class KeysetUnavailableError extends Error {}

interface Entry {
  readonly keys: ReadonlyMap<string, JWK>;
  readonly expiresAt: number;
  readonly fetchedAt: number;
}

const MIN_TTL_MS = 60_000;
const MAX_TTL_MS = 24 * 3600_000;
const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_BYTES = 256 * 1024;

export function maxAgeMs(cacheControl: string | null): number {
  if (cacheControl === null) return DEFAULT_TTL_MS;
  const directives = cacheControl.toLowerCase();
  if (/\b(no-store|no-cache)\b/.test(directives)) return MIN_TTL_MS;
  const match = /\bmax-age\s*=\s*"?(\d+)"?/.exec(directives);
  if (match === null) return DEFAULT_TTL_MS;
  return Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, Number(match[1]) * 1000));
}

export interface JwksCache {
  /** The key with `kid` from the set at `url`; undefined when the platform has no such key. */
  getKey(url: string, kid: string): Promise<{ jwk: JWK; key: VerificationKey } | undefined>;
  /** How many HTTP fetches were made (for tests and the benchmark). */
  readonly fetchCount: number;
}

export function createJwksCache(options: JwksCacheOptions = {}): JwksCache {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  const cooldownMs = options.refetchCooldownMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();
  const imported = new Map<JWK, Promise<VerificationKey>>();
  let fetchCount = 0;

  async function load(url: string): Promise<Entry> {
    fetchCount += 1;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new KeysetUnavailableError(`keyset fetch failed: ${(err as Error).message}`, { cause: err });
    }
    if (!response.ok) throw new KeysetUnavailableError(`keyset answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new KeysetUnavailableError('keyset too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new KeysetUnavailableError('keyset is not JSON');
    }
    const list = (body as { keys?: unknown }).keys;
    if (!Array.isArray(list)) throw new KeysetUnavailableError('keyset has no keys array');
    const keys = new Map<string, JWK>();
    for (const item of list as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const jwk = item as JWK;
      if (typeof jwk.kid === 'string' && jwk.kty === 'RSA' && (jwk.use === undefined || jwk.use === 'sig')) {
        keys.set(jwk.kid, jwk);
      }
    }
    const fetchedAt = now();
    return { keys, fetchedAt, expiresAt: fetchedAt + maxAgeMs(response.headers.get('cache-control')) };
  }

  function refresh(url: string): Promise<Entry> {
    let pending = inFlight.get(url);
    if (pending === undefined) {
      pending = load(url)
        .then((entry) => {
          entries.set(url, entry);
          return entry;
        })
        .finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    return pending;
  }

  async function importKey(jwk: JWK): Promise<VerificationKey> {
    let key = imported.get(jwk);
    if (key === undefined) {
      key = importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
      imported.set(jwk, key);
    }
    return key;
  }

  return {
    get fetchCount() {
      return fetchCount;
    },
    async getKey(url, kid) {
      let entry = entries.get(url);
      if (entry === undefined || entry.expiresAt <= now()) entry = await refresh(url);
      let jwk = entry.keys.get(kid);
      if (jwk === undefined && now() - entry.fetchedAt >= cooldownMs) {
        // CASE: the platform may have rotated its key since we cached the set.
        entry = await refresh(url);
        jwk = entry.keys.get(kid);
      }
      if (jwk === undefined) return undefined;
      return { jwk, key: await importKey(jwk) };
    },
  };
}
