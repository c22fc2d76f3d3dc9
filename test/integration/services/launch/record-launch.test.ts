/**
 * recordLaunch on real mongoose against the embedded server: the records and the `launched`
 * statement commit together or not at all, and the platform's privacy settings pick the actor.
 */
import { expect } from 'chai';
import type { Connection } from 'mongoose';
import type { LaunchContext } from '../../../../src/lti/launch-context.js';
import { recordLaunch, type RecordLaunchDeps } from '../../../../src/services/launch/record-launch.js';
import {
  createLaunchRecordRepo,
  type LaunchRecordRepo,
} from '../../../../src/store/lti/launch-record-repo.js';
import { transactionRunner } from '../../../../src/store/mongo/transaction.js';
import type { XapiRuntime } from '../../../../src/xapi/xapi-runtime.js';
import { fakeClock, makeRuntime, startDatabase, TOOL_URL } from '../../../helpers/xapi-harness.js';
import { xapiProblems } from '../../../helpers/xapi-validate.js';

const ISSUER = 'https://lms.example.edu';

function launchOf(overrides: Partial<LaunchContext> = {}): LaunchContext {
  return {
    launchId: 'launch-1',
    platform: { issuer: ISSUER, clientId: 'client-1', name: 'LMS', productFamilyCode: undefined },
    deployment: { id: 'dep-1' },
    course: { id: 'course-1', title: 'Teamwork 101', label: 'TW101' },
    placement: { id: 'link-1', title: 'Team task' },
    user: {
      id: 'sub-42',
      name: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.edu',
    },
    roles: { lti: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'], course: ['learner'] },
    locale: 'en',
    custom: {},
    messageType: 'LtiResourceLinkRequest',
    targetLinkUri: undefined,
    returnUrl: undefined,
    ...overrides,
  };
}

describe('recordLaunch (records + launched statement in one transaction)', function () {
  this.timeout(30_000);
  let db: Awaited<ReturnType<typeof startDatabase>>;
  let connection: Connection;
  let runtime: XapiRuntime;
  let repo: LaunchRecordRepo;
  const clock = fakeClock();

  before(async () => {
    db = await startDatabase();
    connection = db.connection;
    runtime = await makeRuntime(connection, undefined, clock);
    repo = createLaunchRecordRepo(connection);
  });
  after(async () => {
    await db?.stop();
  });

  const depsWith = (launchRecords: LaunchRecordRepo): RecordLaunchDeps => ({
    launchRecords,
    xapi: {
      outbox: runtime.outbox,
      platformSettings: runtime.platformSettings,
      pseudonymizer: runtime.pseudonymizer,
      toolUrl: TOOL_URL,
    },
    inTransaction: transactionRunner(connection),
    now: clock,
  });
  const count = (name: string, filter: Record<string, unknown> = {}) =>
    connection.collection(name).countDocuments(filter);

  it('writes nothing — neither records nor statement — when the repository fails after the statement was staged', async () => {
    const failing: LaunchRecordRepo = {
      ...repo,
      async record(input, session) {
        // The real writes happen (in the transaction), then the failure aborts it.
        await repo.record(input, session);
        expect(await connection.collection('xapiOutbox').countDocuments({}, { session })).to.equal(1);
        throw new Error('injected failure after the writes');
      },
    };
    let error: unknown;
    try {
      await recordLaunch(depsWith(failing), launchOf({ launchId: 'failing-launch' }));
    } catch (err) {
      error = err;
    }
    expect((error as Error | undefined)?.message).to.equal('injected failure after the writes');
    expect(await count('xapiOutbox')).to.equal(0);
    expect(await count('people')).to.equal(0);
    expect(await count('courses')).to.equal(0);
    expect(await count('memberships')).to.equal(0);
  });

  it('commits the records and one statement together; the same launch again adds no statement', async () => {
    const ids = await recordLaunch(depsWith(repo), launchOf());
    expect(await count('people', { subject: 'sub-42' })).to.equal(1);
    expect(await count('memberships')).to.equal(1);
    expect(ids.courseId).to.be.a('string');
    expect(await count('xapiOutbox')).to.equal(1);
    await recordLaunch(depsWith(repo), launchOf());
    expect(await count('xapiOutbox')).to.equal(1);
    const row = await connection.collection('xapiOutbox').findOne({});
    const statement = JSON.parse(String(row!['payload'])) as { actor: Record<string, unknown> };
    expect(xapiProblems(statement)).to.deep.equal([]);
    expect(JSON.stringify(statement.actor)).not.to.contain('ada@example.edu');
    expect(JSON.stringify(statement.actor)).not.to.contain('sub-42');
  });

  it("follows the platform's identity choice (email) for the actor", async () => {
    await runtime.platformSettings.save(
      {
        issuer: ISSUER,
        lrs: undefined,
        privacy: { identity: 'email', sendFreeText: false, freeTextLimit: 500 },
      },
      clock(),
    );
    await recordLaunch(depsWith(repo), launchOf({ launchId: 'launch-2' }));
    const rows = await connection.collection('xapiOutbox').find({}).toArray();
    expect(rows).to.have.length(2);
    const actors = rows.map((r) => (JSON.parse(String(r['payload'])) as { actor: { mbox?: string } }).actor);
    expect(actors.map((a) => a.mbox)).to.include('mailto:ada@example.edu');
  });

  it('writes nothing for a person without a course role', async () => {
    const before = await count('xapiOutbox');
    let error: unknown;
    try {
      await recordLaunch(
        depsWith(repo),
        launchOf({ launchId: 'launch-3', roles: { lti: ['Guest'], course: [] } }),
      );
    } catch (err) {
      error = err;
    }
    expect((error as { reason?: string } | undefined)?.reason).to.equal('no-course-role');
    expect(await count('xapiOutbox')).to.equal(before);
  });
});
