/**
 * The demo platform launching a real ltijs 5.9 tool over real HTTP on 127.0.0.1: both mounted in
 * the real web app on one origin, the platform on its own app database and ltijs on its own.
 */
import { expect } from 'chai';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { Router } from 'express';
import mongoose, { type Connection } from 'mongoose';
import { createDemoPlatform, type DemoPlatform } from '../../../src/demo-platform/index.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { findAutoSubmitForm, followLaunch, CookieJar } from '../../helpers/follow-launch.js';
import { lateBoundRouter } from '../../helpers/late-router.js';
import { startLtijsTestTool, type LtijsTestTool } from '../../helpers/ltijs-test-tool.js';
import { startTestWebApp, type TestWebApp } from '../../helpers/web-app.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
const AGS_SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

describe('demo platform launching an ltijs tool', function () {
  this.timeout(30_000);
  let mongo: EmbeddedMongo;
  let connection: Connection;
  let tool: LtijsTestTool;
  let web: TestWebApp;
  let platform: DemoPlatform;

  before(async () => {
    mongo = await startEmbeddedMongo();
    connection = await mongoose.createConnection(`${mongo.uri}/app-test`).asPromise();
    tool = await startLtijsTestTool(`${mongo.uri}/ltijs-test`);
    const late = lateBoundRouter('/demo');
    web = await startTestWebApp({ routers: [late.router, tool.router] });
    platform = await createDemoPlatform({
      publicUrl: web.url,
      tool: {
        loginUrl: `${web.url}${tool.paths.login}`,
        launchUrl: `${web.url}${tool.paths.launch}`,
        jwksUrl: `${web.url}${tool.paths.keys}`,
      },
      connection,
    });
    late.bind(platform.router);
    await tool.registerPlatform(platform.registration);
  });
  after(async () => {
    await web?.close();
    await tool?.close();
    await connection?.close();
    await mongo?.stop();
  });

  const at = (path: string): string => `${web.url}${path}`;
  const userOf = (role: 'instructor' | 'learner') => platform.users.find((u) => u.role === role)!;

  /** Runs the launch up to the tool's redirect to the platform's auth endpoint. */
  async function startLogin(userId: string): Promise<{ authUrl: URL; cookies: CookieJar }> {
    const cookies = new CookieJar();
    const page = await fetch(at(platform.launchPath(userId)));
    const form = findAutoSubmitForm(await page.text());
    expect(form, 'login initiation form').to.not.equal(undefined);
    const login = await fetch(form!.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form!.fields),
    });
    expect(login.status).to.equal(302);
    cookies.store(login);
    return { authUrl: new URL(login.headers.get('location')!), cookies };
  }

  function withParam(url: URL, name: string, value: string): string {
    const changed = new URL(url);
    changed.searchParams.set(name, value);
    return changed.toString();
  }

  describe('registration', () => {
    it('describes the platform under publicUrl + /demo with one client id and deployment', () => {
      expect(platform.registration).to.deep.include({
        issuer: `${web.url}/demo`,
        clientId: 'teamloop-demo',
        authUrl: `${web.url}/demo/auth`,
        tokenUrl: `${web.url}/demo/token`,
        jwksUrl: `${web.url}/demo/jwks`,
      });
      expect(platform.registration.deploymentIds).to.have.length(1);
      expect(platform.users.filter((u) => u.role === 'instructor')).to.have.length(1);
      expect(platform.users.filter((u) => u.role === 'learner')).to.have.length(8);
      expect(new Set(platform.users.map((u) => u.id)).size).to.equal(9);
    });
  });

  describe('a launch through the OIDC third-party-initiated login', () => {
    it('lands a learner in the tool with their sub, Learner roles, the course and the resource link', async () => {
      const learner = userOf('learner');
      const before = tool.launches.length;

      const { response, body, steps } = await followLaunch(at(platform.launchPath(learner.id)));

      expect(response.status, body).to.equal(200);
      expect(body).to.contain(learner.name);
      expect(steps.map((s) => new URL(s.url).pathname)).to.deep.equal([
        '/demo/launch',
        '/lti/login',
        '/demo/auth',
        '/lti/launch',
        '/lti/launch',
      ]);
      expect(tool.launches).to.have.length(before + 1);
      const token = tool.launches.at(-1)!;
      expect(token.iss).to.equal(platform.registration.issuer);
      expect(token.clientId).to.equal('teamloop-demo');
      expect(token.deploymentId).to.equal(platform.registration.deploymentIds[0]);
      expect(token.user).to.equal(learner.id);
      expect(token.userInfo).to.deep.include({
        name: learner.name,
        given_name: learner.givenName,
        family_name: learner.familyName,
        email: learner.email,
      });
      expect(token.platformContext.roles).to.include(`${LIS}membership#Learner`);
      expect(token.platformContext.roles).to.include(`${LIS}institution/person#Student`);
      expect(token.platformContext.roles).not.to.include(`${LIS}membership#Instructor`);
      expect(token.platformContext.context).to.deep.include({
        id: platform.course.id,
        label: platform.course.label,
        title: platform.course.title,
      });
      expect(token.platformContext.resource).to.deep.include({ id: 'demo-team-task-1', title: 'Team task' });
      expect(token.platformContext.messageType).to.equal('LtiResourceLinkRequest');
      expect(token.platformContext.targetLinkUri).to.equal(at('/lti/launch'));
      expect(token.platformContext.custom).to.deep.include({ placement: 'team-task' });
      expect(token.platformContext.launchPresentation).to.deep.include({
        document_target: 'iframe',
        locale: 'en',
        return_url: platform.registration.issuer,
      });
    });

    it('lands the instructor with Instructor roles, into the resource link chosen', async () => {
      const instructor = userOf('instructor');

      const { response } = await followLaunch(at(platform.launchPath(instructor.id, 'demo-team-task-2')));

      expect(response.status).to.equal(200);
      const token = tool.launches.at(-1)!;
      expect(token.user).to.equal(instructor.id);
      expect(token.platformContext.roles).to.include.members([
        `${LIS}membership#Instructor`,
        `${LIS}institution/person#Faculty`,
      ]);
      expect(token.platformContext.roles).not.to.include(`${LIS}membership#Learner`);
      expect(token.platformContext.resource?.id).to.equal('demo-team-task-2');
    });

    it('also starts the login with a GET redirect when asked, and carries a Dutch browser’s locale', async () => {
      const learner = platform.users[3]!;

      const { response, steps } = await followLaunch(
        at(`${platform.launchPath(learner.id)}&transport=redirect`),
        {
          headers: { 'accept-language': 'nl-NL,nl;q=0.9' },
        },
      );

      expect(response.status).to.equal(200);
      expect(steps[0]).to.include({ status: 302 });
      expect(steps[1]).to.include({ method: 'GET' });
      expect(new URL(steps[1]!.url).pathname).to.equal('/lti/login');
      const token = tool.launches.at(-1)!;
      expect(token.user).to.equal(learner.id);
      expect(token.platformContext.launchPresentation?.locale).to.equal('nl');
    });

    it('sends an RS256 id_token with the kid of the key the JWKS serves, valid for 5 minutes', async () => {
      const learner = userOf('learner');
      const { authUrl } = await startLogin(learner.id);

      const auth = await fetch(authUrl, { redirect: 'manual' });
      const form = findAutoSubmitForm(await auth.text())!;

      expect(auth.status).to.equal(200);
      expect(auth.headers.get('cache-control')).to.equal('no-store');
      expect(form.action).to.equal(at('/lti/launch'));
      expect(form.fields['state']).to.equal(authUrl.searchParams.get('state'));
      const jwks = await fetch(platform.registration.jwksUrl);
      expect(jwks.status).to.equal(200);
      expect(jwks.headers.get('cache-control')).to.match(/max-age=\d+/);
      const keys = (
        (await jwks.json()) as { keys: Array<{ kid: string; alg: string; use: string; d?: string }> }
      ).keys;
      expect(keys).to.have.length(1);
      expect(keys[0]).to.include({ alg: 'RS256', use: 'sig' });
      expect(keys[0]).not.to.have.property('d');
      const idToken = form.fields['id_token']!;
      expect(decodeProtectedHeader(idToken)).to.include({ alg: 'RS256', kid: keys[0]!.kid });
      const { payload } = await jwtVerify(
        idToken,
        createRemoteJWKSet(new URL(platform.registration.jwksUrl)),
        {
          issuer: platform.registration.issuer,
          audience: 'teamloop-demo',
        },
      );
      expect(payload).to.include({
        sub: learner.id,
        azp: 'teamloop-demo',
        nonce: authUrl.searchParams.get('nonce'),
      });
      expect(payload.exp! - payload.iat!).to.equal(300);
      expect(payload['https://purl.imsglobal.org/spec/lti/claim/version']).to.equal('1.3.0');
      expect(payload['https://purl.imsglobal.org/spec/lti/claim/deployment_id']).to.equal(
        platform.registration.deploymentIds[0],
      );
      expect(payload['https://purl.imsglobal.org/spec/lti/claim/tool_platform']).to.include({
        name: 'Teamloop demo LMS',
        product_family_code: 'teamloop-demo',
      });
      expect(payload['https://purl.imsglobal.org/spec/lti/claim/lis']).to.include({
        person_sourcedid: `sis:${learner.id}`,
      });
    });
  });

  describe('refusing bad authorisation requests', () => {
    it('refuses a forged login_hint (another person’s user id) with 403 and signs nothing', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);

      const res = await fetch(withParam(authUrl, 'login_hint', 'demo-instructor'));
      const body = await res.text();

      expect(res.status).to.equal(403);
      expect(body).not.to.contain('id_token');
      expect(findAutoSubmitForm(body)).to.equal(undefined);
    });

    it('refuses a login_hint paired with another launch’s lti_message_hint', async () => {
      const first = await startLogin(userOf('learner').id);
      const second = await startLogin(userOf('instructor').id);

      const res = await fetch(
        withParam(first.authUrl, 'lti_message_hint', second.authUrl.searchParams.get('lti_message_hint')!),
      );

      expect(res.status).to.equal(403);
    });

    it('refuses a login_hint that was already used', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);
      const first = await fetch(authUrl);
      expect(first.status).to.equal(200);

      const replay = await fetch(authUrl);

      expect(replay.status).to.equal(403);
      expect(await replay.text()).not.to.contain('id_token');
    });

    it('refuses a redirect_uri that is not the registered launch URL, without using up the hint', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);

      const evil = await fetch(withParam(authUrl, 'redirect_uri', 'https://evil.example/collect'));
      const prefix = await fetch(withParam(authUrl, 'redirect_uri', `${at('/lti/launch')}/../evil`));

      expect(evil.status).to.equal(400);
      expect(await evil.text()).not.to.contain('evil.example');
      expect(prefix.status).to.equal(400);
      expect((await fetch(authUrl)).status).to.equal(200);
    });

    it('refuses another client_id and wrong OIDC parameters with 400', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);

      for (const [name, value] of [
        ['client_id', 'someone-else'],
        ['response_type', 'code'],
        ['response_mode', 'query'],
        ['scope', 'profile'],
        ['prompt', 'login'],
        ['nonce', ''],
        ['state', ''],
      ] as const) {
        const res = await fetch(withParam(authUrl, name, value));
        expect(res.status, `${name}=${value}`).to.equal(400);
      }
    });

    it('refuses query operators smuggled into parameters (login_hint[$ne]=)', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);
      const url = new URL(authUrl);
      url.searchParams.delete('login_hint');
      url.searchParams.set('login_hint[$ne]', 'x');

      const res = await fetch(url);

      expect(res.status).to.equal(400);
    });

    it('accepts the authorisation request as a form POST too', async () => {
      const { authUrl } = await startLogin(userOf('learner').id);

      const res = await fetch(at('/demo/auth'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: authUrl.searchParams,
      });

      expect(res.status).to.equal(200);
      expect(findAutoSubmitForm(await res.text())?.fields).to.have.property('id_token');
    });

    it('answers 404 for a launch as someone not in the course', async () => {
      const res = await fetch(at('/demo/launch?user=nobody'));
      expect(res.status).to.equal(404);
    });
  });

  describe('token endpoint', () => {
    it('grants ltijs an access token for a service scope, signed by the platform key', async () => {
      const granted = await tool.requestAccessToken(platform.registration.issuer, 'teamloop-demo', AGS_SCORE);

      expect(granted.scope).to.equal(AGS_SCORE);
      const { payload } = await jwtVerify(
        granted.access_token,
        createRemoteJWKSet(new URL(platform.registration.jwksUrl)),
        {
          issuer: platform.registration.issuer,
          audience: platform.registration.issuer,
        },
      );
      expect(payload).to.include({ sub: 'teamloop-demo', scope: AGS_SCORE });
    });

    it('refuses a request without a valid client assertion', async () => {
      const res = await fetch(platform.registration.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: 'not.a.jwt',
          scope: AGS_SCORE,
        }),
      });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.include({ error: 'invalid_client' });
    });
  });

  describe('the course page', () => {
    it('is labelled as a demo LMS and offers a launch as each of the nine people into the tool frame', async () => {
      const res = await fetch(at('/demo'));
      const html = await res.text();

      expect(res.status).to.equal(200);
      expect(html).to.contain('Teamloop demo LMS');
      expect(html).to.match(
        /<form class="demo-launch" method="get" action="\/demo\/launch" target="demo-lms-tool-frame">/,
      );
      expect(html).to.match(/<iframe [^>]*name="demo-lms-tool-frame"/);
      for (const user of platform.users) expect(html).to.contain(`name="user" value="${user.id}"`);
      expect(html).not.to.match(/<script>[^<]/);
    });
  });

  describe('the signing key', () => {
    async function servedKid(options: { connection: Connection }): Promise<string> {
      const other = await createDemoPlatform({
        publicUrl: 'http://127.0.0.1:9',
        tool: { loginUrl: at('/lti/login'), launchUrl: at('/lti/launch'), jwksUrl: at('/lti/keys') },
        connection: options.connection,
      });
      const mounted = Router();
      mounted.use('/demo', other.router);
      const server = await startTestWebApp({ routers: [mounted] });
      try {
        const jwks = (await (await fetch(`${server.url}/demo/jwks`)).json()) as {
          keys: Array<{ kid: string }>;
        };
        return jwks.keys[0]!.kid;
      } finally {
        await server.close();
      }
    }

    it('survives a restart: a platform created again on the same database serves the same key', async () => {
      const first = (
        (await (await fetch(platform.registration.jwksUrl)).json()) as { keys: Array<{ kid: string }> }
      ).keys[0]!.kid;
      const reconnected = await mongoose.createConnection(`${mongo.uri}/app-test`).asPromise();
      try {
        expect(await servedKid({ connection: reconnected })).to.equal(first);
        const stored = await reconnected.collection('demoPlatformKeys').find().toArray();
        expect(stored.map((doc) => doc['kid'])).to.deep.equal([first]);
      } finally {
        await reconnected.close();
      }
    });

    it('is generated anew for an empty database, once even when two processes start together', async () => {
      const fresh = await mongoose.createConnection(`${mongo.uri}/app-test-fresh`).asPromise();
      const alsoFresh = await mongoose.createConnection(`${mongo.uri}/app-test-fresh`).asPromise();
      try {
        const [a, b] = await Promise.all([
          servedKid({ connection: fresh }),
          servedKid({ connection: alsoFresh }),
        ]);
        const first = (
          (await (await fetch(platform.registration.jwksUrl)).json()) as { keys: Array<{ kid: string }> }
        ).keys[0]!.kid;
        expect(a).to.equal(b);
        expect(a).not.to.equal(first);
        expect(await fresh.collection('demoPlatformKeys').countDocuments()).to.equal(1);
      } finally {
        await fresh.close();
        await alsoFresh.close();
      }
    });
  });
});
