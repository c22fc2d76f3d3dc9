import { expect } from 'chai';
import { en } from '../../../src/web/i18n/messages/en.js';
import { nl } from '../../../src/web/i18n/messages/nl.js';
import { startTestWebApp, type TestWebApp } from '../../helpers/web-app.js';

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

describe('web pages', () => {
  let web: TestWebApp;
  beforeEach(async () => {
    web = await startTestWebApp({ frameAncestors: ['https://moodle.example.edu'] });
  });
  afterEach(async () => web.close());

  describe('GET /', () => {
    it('explains what Teamloop is and links to the health endpoints and the LTI setup docs', async () => {
      const res = await fetch(`${web.url}/`);
      const html = await res.text();
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html/);
      expect(html).to.contain('<html lang="en">');
      expect(html).to.contain(escapeHtml(en.home.intro));
      expect(html).to.contain('href="/health/live"').and.contain('href="/health/ready"');
      expect(html).to.contain('lti-config/README.md');
    });

    it('has a skip link to the main landmark and loads the frame-resize script from a file', async () => {
      const html = await (await fetch(`${web.url}/`)).text();
      expect(html).to.match(/<a class="skip-link" href="#main">/);
      expect(html).to.match(/<main id="main"/);
      expect(html)
        .to.match(/<header[\s>]/)
        .and.match(/<footer[\s>]/);
      expect(html).to.match(
        /<script src="\/assets\/js\/frame-resize\.js\?v&#x3D;[0-9a-f]{12}" defer><\/script>/,
      );
      expect(html).not.to.match(/<script>[^<]/);
      expect(html).not.to.match(/\sstyle="/);
    });

    it('speaks Dutch to a browser that prefers Dutch', async () => {
      const res = await fetch(`${web.url}/`, { headers: { 'Accept-Language': 'nl-NL,nl;q=0.9,en;q=0.5' } });
      const html = await res.text();
      expect(html).to.contain('<html lang="nl">');
      expect(html).to.contain(escapeHtml(nl.home.cycleHeading));
    });

    it('falls back to English for a language it does not speak', async () => {
      const html = await (await fetch(`${web.url}/`, { headers: { 'Accept-Language': 'fr-FR' } })).text();
      expect(html).to.contain('<html lang="en">');
    });
  });

  describe('security headers', () => {
    it('may be framed by itself and the configured LMS origins only, and runs no inline script', async () => {
      const res = await fetch(`${web.url}/`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).to.contain("frame-ancestors 'self' https://moodle.example.edu");
      expect(csp).to.contain("script-src 'self'");
      expect(csp).not.to.contain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).to.equal(null);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('x-powered-by')).to.equal(null);
      expect(res.headers.get('strict-transport-security')).to.equal(null);
    });

    it('insists on HTTPS when the public URL is https', async () => {
      const secure = await startTestWebApp({ publicUrl: 'https://teamloop.example.org' });
      try {
        const res = await fetch(`${secure.url}/`);
        expect(res.headers.get('strict-transport-security')).to.match(/max-age=\d+/);
        expect(res.headers.get('content-security-policy')).to.contain('upgrade-insecure-requests');
      } finally {
        await secure.close();
      }
    });
  });

  describe('static assets', () => {
    it('serves a versioned asset with a year-long immutable cache', async () => {
      const html = await (await fetch(`${web.url}/`)).text();
      const href = /href="(\/assets\/css\/app\.css\?v&#x3D;[0-9a-f]+)"/
        .exec(html)?.[1]
        ?.replace('&#x3D;', '=');
      expect(href).to.be.a('string');
      const res = await fetch(`${web.url}${href}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/css/);
      expect(res.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
      expect(await res.text()).to.contain('.skip-link');
    });

    it('caches an unversioned or outdated asset URL only briefly', async () => {
      for (const url of ['/assets/js/frame-resize.js', '/assets/js/frame-resize.js?v=000000000000']) {
        const res = await fetch(`${web.url}${url}`);
        expect(res.status).to.equal(200);
        expect(res.headers.get('cache-control')).to.equal('public, max-age=300');
      }
    });

    it('answers a missing asset with the 404 page', async () => {
      expect((await fetch(`${web.url}/assets/nope.css`)).status).to.equal(404);
    });
  });

  describe('unknown routes', () => {
    it('show a friendly 404 page', async () => {
      const res = await fetch(`${web.url}/no/such/page`);
      const html = await res.text();
      expect(res.status).to.equal(404);
      expect(html).to.contain(escapeHtml(en.errors.notFound.title));
      expect(html).to.contain('href="/"');
    });

    it('answer JSON to a client that asks for JSON', async () => {
      const res = await fetch(`${web.url}/no/such/page`, { headers: { Accept: 'application/json' } });
      expect(res.status).to.equal(404);
      expect(await res.json()).to.deep.equal({
        error: { code: 'not-found', message: en.errors.notFound.message },
      });
    });
  });

  describe('request ids', () => {
    it('keeps a well-formed X-Request-Id and logs the request under it', async () => {
      const res = await fetch(`${web.url}/?ltik=secret-token`, {
        headers: { 'X-Request-Id': 'lb-4711' },
      });
      expect(res.headers.get('x-request-id')).to.equal('lb-4711');
      const line = web.log.lines().find((l) => (l['req'] as { id?: unknown } | undefined)?.id === 'lb-4711');
      expect(line, 'request log line').to.not.equal(undefined);
      expect(web.log.text()).not.to.contain('secret-token');
    });

    it('keeps successful health probes out of the info log', async () => {
      await fetch(`${web.url}/health/live`, { headers: { 'X-Request-Id': 'probe-1' } });
      await fetch(`${web.url}/`, { headers: { 'X-Request-Id': 'page-1' } });
      const ids = web.log.lines().map((l) => (l['req'] as { id?: unknown } | undefined)?.id);
      expect(ids).to.include('page-1');
      expect(ids).not.to.include('probe-1');
    });

    it('generates an id when none (or a malformed one) is sent', async () => {
      const first = (await fetch(`${web.url}/health/live`)).headers.get('x-request-id');
      const second = (
        await fetch(`${web.url}/health/live`, { headers: { 'X-Request-Id': 'bad id; DROP' } })
      ).headers.get('x-request-id');
      expect(first).to.match(/^[0-9a-f-]{36}$/);
      expect(second).to.match(/^[0-9a-f-]{36}$/);
      expect(second).not.to.equal(first);
    });
  });
});
