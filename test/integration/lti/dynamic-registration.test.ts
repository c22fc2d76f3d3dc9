import { expect } from 'chai';
import express from 'express';
import { createRegistrationLink } from '../../../src/lti/dynamic-registration.js';
import { createRegistrationLinkRepo } from '../../../src/store/lti/registration-link-repo.js';
import { createPlatformRepo } from '../../../src/store/lti/platform-repo.js';
import { connectAppDatabase, type AppDatabase } from '../../../src/store/mongo/connection.js';
import { listenOnLoopback, type LoopbackServer } from '../../helpers/loopback-server.js';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';

describe('LTI Dynamic Registration (one-time links only)', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let lms: LoopbackServer;
  let database: AppDatabase;
  const registrations: Array<{ auth: string | undefined; body: Record<string, unknown> }> = [];

  before(async () => {
    running = await startLtiTool({ DEMO_PLATFORM: 'off', LTI_DYNAMIC_REGISTRATION: 'on' });
    const app = express();
    app.use(express.json());
    app.get('/.well-known/openid-configuration', (_req, res) => {
      res.json({
        issuer: lms.url,
        authorization_endpoint: `${lms.url}/auth`,
        token_endpoint: `${lms.url}/token`,
        jwks_uri: `${lms.url}/jwks`,
        registration_endpoint: `${lms.url}/register`,
        'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle' },
      });
    });
    app.post('/register', (req, res) => {
      registrations.push({ auth: req.headers.authorization, body: req.body as Record<string, unknown> });
      res.json({
        client_id: 'dyn-client-1',
        'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: 'dyn-deployment-7' },
      });
    });
    lms = await listenOnLoopback(app);
    database = await connectAppDatabase(running.started.databaseUri, { dbName: 'teamloop' });
  });
  after(async () => {
    await database?.close();
    await lms?.close();
    await running?.stop();
  });

  const registerUrl = (link: string) =>
    `${link}&openid_configuration=${encodeURIComponent(`${lms.url}/.well-known/openid-configuration`)}&registration_token=reg-token-1`;

  it('registers the platform with its deployment id through a one-time link, and the link works once', async () => {
    const links = createRegistrationLinkRepo(database.connection);
    const { url } = await createRegistrationLink(links, running.url, new Date(), 3600_000);
    const done = await fetch(registerUrl(url), { headers: { accept: 'text/html' } });
    expect(done.status).to.equal(200);
    expect(await done.text()).to.contain('Teamloop is registered');
    expect(registrations).to.have.length(1);
    expect(registrations[0]!.auth).to.equal('Bearer reg-token-1');
    expect(registrations[0]!.body).to.include({
      initiate_login_uri: `${running.url}/lti/login`,
      jwks_uri: `${running.url}/lti/keys`,
    });
    const platform = await createPlatformRepo(database.connection).find(lms.url, 'dyn-client-1');
    expect(platform).to.include({
      source: 'dynamic',
      jwksUrl: `${lms.url}/jwks`,
      authUrl: `${lms.url}/auth`,
    });
    expect(platform!.deploymentIds).to.deep.equal(['dyn-deployment-7']);

    const again = await fetch(registerUrl(url), { headers: { accept: 'text/html' } });
    expect(again.status).to.equal(403);
    expect(await again.text()).to.contain('data-reason="registration-link-invalid"');
    expect(registrations).to.have.length(1);
  });

  it('refuses the endpoint without a link and fetches nothing', async () => {
    const before = await running.countAppDocuments();
    const res = await fetch(registerUrl(`${running.url}/lti/register?rt=made-up`), {
      headers: { accept: 'text/html' },
    });
    expect(res.status).to.equal(403);
    expect(registrations).to.have.length(1);
    expect(await running.countAppDocuments()).to.deep.equal(before);
  });
});
