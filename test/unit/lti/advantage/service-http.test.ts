import { expect } from 'chai';
import { lineItemSubUrl, withQuery } from '../../../../src/lti/advantage/ags-client.js';
import {
  backoffDelay,
  nextLink,
  retryAfterMs,
  ServiceCallError,
  withRetries,
} from '../../../../src/lti/advantage/service-http.js';

describe('LTI Advantage HTTP helpers', () => {
  it('finds rel="next" in a Link header among other relations, resolved against the page URL', () => {
    const header =
      '<https://lms.example/m?page=1>; rel="first", </m?page=3&limit=4>; rel="next", <https://lms.example/m?page=9>; rel=last';
    expect(nextLink(header, 'https://lms.example/m?page=2')).to.equal('https://lms.example/m?page=3&limit=4');
    expect(nextLink('<https://lms.example/x>; rel="prev"', 'https://lms.example/')).to.equal(undefined);
    expect(nextLink(null, 'https://lms.example/')).to.equal(undefined);
    expect(nextLink('<https://a.example/n>; rel="prefetch next"', 'https://a.example/')).to.equal(
      'https://a.example/n',
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).to.equal(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).to.equal(30_000);
    expect(retryAfterMs('soon')).to.equal(undefined);
    expect(retryAfterMs(null)).to.equal(undefined);
  });

  it('backs off exponentially up to a cap, and waits longer when the platform asks for it', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, undefined))).to.deep.equal([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelay(1, policy, 700)).to.equal(700);
  });

  it('retries retryable failures only, as often as the policy allows', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) {
          throw new ServiceCallError('busy', { status: 503, retryable: true, retryAfterMs: undefined });
        }
        return 'ok';
      },
      { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).to.equal('ok');
    expect(slept).to.deep.equal([10, 20]);

    let refused = 0;
    const error = await withRetries(
      async () => {
        refused += 1;
        throw new ServiceCallError('no', { status: 403, retryable: false, retryAfterMs: undefined });
      },
      { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
    ).catch((err: unknown) => err);
    expect(error).to.be.instanceOf(ServiceCallError);
    expect(refused).to.equal(1);
  });

  it('appends /scores and /results to a line item URL and keeps its query string', () => {
    expect(
      lineItemSubUrl('https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=2', 'scores'),
    ).to.equal('https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=2');
    expect(lineItemSubUrl('https://lms.example/lineitems/7/', 'results')).to.equal(
      'https://lms.example/lineitems/7/results',
    );
    expect(
      withQuery('https://lms.example/lineitems?type_id=2', { resource_link_id: 'rl 1', tag: undefined }),
    ).to.equal('https://lms.example/lineitems?type_id=2&resource_link_id=rl+1');
  });
});
