import { expect } from 'chai';
import { startLtiTool, type RunningLtiTool } from '../../helpers/lti-tool.js';
import { startRoguePlatform, type RoguePlatform } from '../../helpers/rogue-platform.js';

describe('LTI cookies behind an https PUBLIC_URL', function () {
  this.timeout(60_000);
  let running: RunningLtiTool;
  let platform: RoguePlatform;

  before(async () => {
    running = await startLtiTool({ DEMO_PLATFORM: 'off', PUBLIC_URL: 'https://teamloop.example.org' });
    platform = await startRoguePlatform();
    await running.tool.lti.registerPlatform(
      {
        issuer: platform.issuer,
        clientId: platform.clientId,
        deploymentIds: [platform.deploymentId],
        authUrl: `${platform.issuer}/auth`,
        tokenUrl: `${platform.issuer}/token`,
        jwksUrl: platform.jwksUrl,
        name: 'Rogue LMS',
      },
      'cli',
    );
  });
  after(async () => {
    await platform?.close();
    await running?.stop();
  });

  it('sets the login state cookie SameSite=None; Secure so it survives the cross-site form post in the LMS frame', async () => {
    const res = await fetch(`http://127.0.0.1:${running.started.port}/lti/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        iss: platform.issuer,
        login_hint: 'u1',
        target_link_uri: 'https://teamloop.example.org/lti/launch',
        client_id: platform.clientId,
      }),
    });
    expect(res.status).to.equal(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('state'));
    expect(cookie)
      .to.match(/; Secure/i)
      .and.match(/SameSite=None/i)
      .and.match(/HttpOnly/i);
  });
});
