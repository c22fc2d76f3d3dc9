/**
 * A real OIDC launch into the tool from a second registered LTI platform (`rogue-platform.ts`),
 * landing in a course whose context id may repeat the demo platform's, and a session on it that
 * GETs and POSTs pages with its ltik and cookies.
 */
import { expect } from 'chai';
import { followLaunch } from './follow-launch.js';
import type { PageResponse } from './lti-session.js';
import type { RunningLtiTool } from './lti-tool.js';
import { LTI_CLAIM, type RoguePlatform } from './rogue-platform.js';

const ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

export interface Session {
  get(path: string): Promise<PageResponse>;
  post(path: string, fields: Record<string, string>): Promise<PageResponse>;
}

/** A real OIDC launch from the second platform; same course and user ids as the demo platform's. */
export async function launchFromOtherPlatform(
  running: RunningLtiTool,
  platform: RoguePlatform,
  sub: string,
  role: 'Learner' | 'Instructor',
): Promise<Session> {
  const login = await platform.login(running.url);
  expect(login.status).to.equal(302);
  const token = await platform.sign(
    platform.claims({
      nonce: login.nonce,
      sub,
      [`${LTI_CLAIM}roles`]: [`${ROLE}${role}`],
      [`${LTI_CLAIM}context`]: { id: 'demo-course-1', title: 'Same id, other LMS', label: 'C1' },
      [`${LTI_CLAIM}resource_link`]: { id: 'demo-team-task-1', title: 'Team task' },
    }),
  );
  const posted = await platform.post(login.redirectUri, { id_token: token, state: login.state }, login.jar);
  expect(posted.status, posted.body.slice(0, 300)).to.equal(302);
  // The tool's launch route records the launch and lands on the app, as a browser would follow it.
  const landed = await followLaunch(new URL(posted.location!, running.url).toString(), {
    cookies: posted.jar,
  });
  expect(landed.response.status, landed.body.slice(0, 300)).to.equal(200);
  const ltik = new URL(landed.steps.at(-1)!.url).searchParams.get('ltik')!;
  expect(ltik).to.be.a('string').and.not.equal('');
  const jar = landed.cookies;
  const withLtik = (path: string): string => {
    const url = new URL(path, running.url);
    url.searchParams.set('ltik', ltik);
    return url.toString();
  };
  const read = async (res: Response): Promise<PageResponse> => ({
    status: res.status,
    location: res.headers.get('location'),
    body: await res.text(),
  });
  return {
    get: async (path) =>
      read(await fetch(withLtik(path), { redirect: 'manual', headers: { cookie: jar.header() } })),
    post: async (path, fields) =>
      read(
        await fetch(withLtik(path), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ltik, ...fields }).toString(),
        }),
      ),
  };
}
