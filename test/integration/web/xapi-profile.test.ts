import { expect } from 'chai';
import { createXapiProfileRouter } from '../../../src/web/routes/xapi-profile.js';
import { sampleStatements } from '../../fixtures/xapi/sample-events.js';
import { startTestWebApp, type TestWebApp } from '../../helpers/web-app.js';

const PUBLIC_URL = 'https://teamloop.example.org';

describe('our xAPI Profile at stable URLs under PUBLIC_URL', () => {
  let web: TestWebApp;
  before(async () => {
    web = await startTestWebApp({
      publicUrl: PUBLIC_URL,
      routers: [createXapiProfileRouter({ publicUrl: PUBLIC_URL })],
    });
  });
  after(() => web.close());

  it('serves the JSON-LD profile at /xapi/profile and at the version IRI the statements reference', async () => {
    const category = sampleStatements()['commented']!.context.contextActivities!.category![0]!.id;
    expect(category).to.equal(`${PUBLIC_URL}/xapi/profile/v1.0.0`);
    for (const p of ['/xapi/profile', new URL(category).pathname]) {
      const res = await fetch(new URL(p, web.url));
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^application\/ld\+json/);
      const profile = (await res.json()) as {
        id: string;
        conformsTo: string;
        versions: Array<{ id: string }>;
      };
      expect(profile.id).to.equal(`${PUBLIC_URL}/xapi/profile`);
      expect(profile.conformsTo).to.equal('https://w3id.org/xapi/profiles#1.0');
      expect(profile.versions[0]!.id).to.equal(category);
    }
  });

  it('defines every IRI we mint that the statements use, and each one resolves to its concept', async () => {
    const profile = (await (await fetch(new URL('/xapi/profile', web.url))).json()) as {
      concepts: Array<{ id: string; type: string }>;
    };
    const defined = new Set(profile.concepts.map((c) => c.id));
    const minted = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        if (/^https:\/\/teamloop\.example\.org\/xapi\/(verbs|activity-types|extensions)\//.test(value))
          minted.add(value);
      } else if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          collect(k);
          collect(v);
        }
    };
    collect(sampleStatements());
    expect(minted.size).to.be.greaterThan(5);
    for (const iri of minted) expect(defined.has(iri), iri).to.equal(true);

    const verb = await fetch(new URL('/xapi/verbs/reflected', web.url));
    expect(verb.status).to.equal(200);
    expect(await verb.json()).to.include({ id: `${PUBLIC_URL}/xapi/verbs/reflected`, type: 'Verb' });
    expect((await fetch(new URL('/xapi/verbs/unknown', web.url))).status).to.equal(404);
  });
});
