import { expect } from 'chai';
import { exportJWK, generateKeyPair } from 'jose';
import { createJwksCache, KeysetUnavailableError, maxAgeMs } from '../../../src/lti/jwks-cache.js';

describe('maxAgeMs (how long a platform key set is kept)', () => {
  it('follows Cache-Control max-age within 1 minute and 24 hours', () => {
    expect(maxAgeMs('public, max-age=3600')).to.equal(3_600_000);
    expect(maxAgeMs('max-age=5')).to.equal(60_000);
    expect(maxAgeMs('max-age=999999')).to.equal(86_400_000);
  });
  it('keeps 10 minutes without a header and the minimum for no-store/no-cache', () => {
    expect(maxAgeMs(null)).to.equal(600_000);
    expect(maxAgeMs('no-store')).to.equal(60_000);
    expect(maxAgeMs('no-cache, max-age=3600')).to.equal(60_000);
  });
});

describe('createJwksCache', function () {
  this.timeout(20_000);
  async function keySet(kids: string[]) {
    return {
      keys: await Promise.all(
        kids.map(async (kid) => ({
          ...(await exportJWK((await generateKeyPair('RS256')).publicKey)),
          kid,
          use: 'sig',
        })),
      ),
    };
  }

  function fakeFetch(sets: unknown[], cacheControl = 'max-age=300') {
    const calls: string[] = [];
    const fetchImpl = (async (url: string) => {
      calls.push(url);
      const body = sets[Math.min(calls.length - 1, sets.length - 1)];
      return new Response(JSON.stringify(body), { headers: { 'cache-control': cacheControl } });
    }) as unknown as typeof fetch;
    return { calls, fetchImpl };
  }

  it('fetches once while the set is fresh, and again after max-age', async () => {
    let now = 1_000_000;
    const { calls, fetchImpl } = fakeFetch([await keySet(['a'])]);
    const cache = createJwksCache({ now: () => now, fetch: fetchImpl });
    expect(await cache.getKey('https://lms/jwks', 'a')).to.not.equal(undefined);
    expect(await cache.getKey('https://lms/jwks', 'a')).to.not.equal(undefined);
    expect(calls).to.have.length(1);
    now += 301_000;
    await cache.getKey('https://lms/jwks', 'a');
    expect(calls).to.have.length(2);
  });

  it('refetches once for an unknown kid (key rotation), but not again within the cooldown', async () => {
    let now = 1_000_000;
    const { calls, fetchImpl } = fakeFetch([await keySet(['old']), await keySet(['old', 'new'])]);
    const cache = createJwksCache({ now: () => now, fetch: fetchImpl, refetchCooldownMs: 10_000 });
    await cache.getKey('https://lms/jwks', 'old');
    now += 11_000;
    expect(await cache.getKey('https://lms/jwks', 'new')).to.not.equal(undefined);
    expect(calls).to.have.length(2);
    expect(await cache.getKey('https://lms/jwks', 'made-up')).to.equal(undefined);
    expect(await cache.getKey('https://lms/jwks', 'made-up-2')).to.equal(undefined);
    expect(calls).to.have.length(2);
  });

  it('reports an unreachable or malformed key set as unavailable', async () => {
    const failing = (async () => new Response('oops', { status: 500 })) as unknown as typeof fetch;
    const cache = createJwksCache({ fetch: failing });
    let error: unknown;
    try {
      await cache.getKey('https://lms/jwks', 'a');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(KeysetUnavailableError);
  });
});
