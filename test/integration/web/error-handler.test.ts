import { expect } from 'chai';
import { Router } from 'express';
import {
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../src/domain/shared/errors.js';
import { asyncRoute } from '../../../src/web/async-route.js';
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

/** Routes that fail the way services will; the real error handler and views answer. */
function failingRoutes(): Router {
  const router = Router();
  router.get('/fail/invalid', () => {
    throw new InvalidInputError([
      { field: 'name', code: 'required' },
      { field: 'weight', code: 'unheard-of-code' },
    ]);
  });
  router.get('/fail/forbidden', () => {
    throw new NotPermittedError('publish-standard');
  });
  router.get('/fail/missing', () => {
    throw new NotFoundError('TeamTask', 't-1');
  });
  router.get(
    '/fail/phase',
    asyncRoute(async () => {
      await Promise.resolve();
      throw new PhaseConflictError({ action: 'submit-review', phase: 'drafting-standard' });
    }),
  );
  router.get('/fail/version', () => {
    throw new VersionConflictError({ entity: 'Standard', id: 's-1', expected: 3, actual: 4 });
  });
  router.get('/fail/bug', () => {
    throw new TypeError('cannot read properties of undefined (reading "criteria")');
  });
  return router;
}

describe('error handler', () => {
  let web: TestWebApp;
  beforeEach(async () => {
    web = await startTestWebApp({ routers: [failingRoutes()] });
  });
  afterEach(async () => web.close());

  const cases = [
    ['/fail/invalid', 422, en.errors.invalid.title, 'invalid-input'],
    ['/fail/forbidden', 403, en.errors.forbidden.title, 'not-permitted'],
    ['/fail/missing', 404, en.errors.notFound.title, 'not-found'],
    ['/fail/phase', 409, en.errors.phaseConflict.title, 'phase-conflict'],
    ['/fail/version', 409, en.errors.versionConflict.title, 'version-conflict'],
    ['/fail/bug', 500, en.errors.server.title, 'internal'],
  ] as const;

  for (const [path, status, title, code] of cases) {
    it(`answers ${path} with ${status} and a page titled "${title}"`, async () => {
      const res = await fetch(`${web.url}${path}`);
      expect(res.status).to.equal(status);
      const html = await res.text();
      expect(html).to.contain(`<h1>${escapeHtml(title)}</h1>`);
      expect(html).to.contain('href="/"');
    });

    it(`answers ${path} with ${status} and error code "${code}" in JSON`, async () => {
      const res = await fetch(`${web.url}${path}`, { headers: { Accept: 'application/json' } });
      expect(res.status).to.equal(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).to.equal(code);
      expect(body.error.message).to.be.a('string').and.not.equal('');
    });
  }

  it('lists the invalid fields with a message per problem', async () => {
    const html = await (await fetch(`${web.url}/fail/invalid`)).text();
    expect(html).to.contain(`name: ${en.errors.invalid.codes.required}`);
    expect(html).to.contain(`weight: ${en.errors.invalid.codes.invalid}`);
    const json = (await (
      await fetch(`${web.url}/fail/invalid`, { headers: { Accept: 'application/json' } })
    ).json()) as {
      error: { issues: unknown };
    };
    expect(json.error.issues).to.deep.equal([
      { field: 'name', problem: en.errors.invalid.codes.required },
      { field: 'weight', problem: en.errors.invalid.codes.invalid },
    ]);
  });

  it('shows an error id and no stack trace for an internal error, and logs the stack under that id', async () => {
    const res = await fetch(`${web.url}/fail/bug`);
    const html = await res.text();
    const errorId = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(
      html.slice(html.indexOf('<main')),
    )?.[1];
    expect(errorId, 'error id on the page').to.be.a('string');
    expect(html).not.to.contain('TypeError').and.not.to.contain('reading');
    expect(html).not.to.match(/at .*\.js:\d+/);
    const logged = web.log.lines().find((line) => line['errorId'] === errorId);
    expect(logged?.['msg']).to.equal('request failed');
    expect((logged?.['err'] as { stack?: string } | undefined)?.stack).to.contain('TypeError');
  });

  it('shows the error page in the request language', async () => {
    const html = await (
      await fetch(`${web.url}/fail/forbidden`, { headers: { 'Accept-Language': 'nl' } })
    ).text();
    expect(html).to.contain(escapeHtml(nl.errors.forbidden.message));
  });
});
