import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { asCourseId, asUserId } from '../../../src/domain/shared/ids.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { createCourseDirectory, type CourseDirectory } from '../../../src/store/lti/course-directory.js';
import { createLaunchRecordRepo, type LaunchRecordRepo } from '../../../src/store/lti/launch-record-repo.js';
import type { CourseRole } from '../../../src/domain/lti/roles.js';
import { tenantKeyOf } from '../../../src/domain/shared/tenant.js';

describe('course directory (people and courses recorded by launches)', function () {
  let server: EmbeddedMongo;
  let connection: Connection;
  let records: LaunchRecordRepo;
  let directory: CourseDirectory;
  const at = new Date('2026-01-05T10:00:00Z');

  function launch(
    subject: string,
    contextId: string,
    roles: CourseRole[],
    person: { name?: string; givenName?: string; familyName?: string } = {},
  ) {
    return records.record({
      issuer: 'https://lms.example',
      deploymentId: 'd1',
      person: { subject, ...person },
      course: { contextId, title: `Course ${contextId}` },
      roles,
      ltiRoles: [],
      at,
    });
  }

  before(async function () {
    server = await startEmbeddedMongo({ nodeEnv: 'test' });
    connection = await mongoose.createConnection(`${server.uri}/course-directory`).asPromise();
    records = createLaunchRecordRepo(connection);
    directory = createCourseDirectory(connection);
  });

  after(async function () {
    await connection.close();
    await server.stop();
  });

  it('maps a recorded launch to its person and course, and an unrecorded one to nothing', async function () {
    const ids = await launch('ann', 'c1', ['learner'], { name: 'Ann Smith' });
    const found = await directory.idsOf({
      issuer: 'https://lms.example',
      deploymentId: 'd1',
      contextId: 'c1',
      subject: 'ann',
    });
    expect(found).to.deep.equal({ userId: ids.personId, courseId: ids.courseId });
    const otherPlatform = await directory.idsOf({
      issuer: 'https://other.example',
      deploymentId: 'd1',
      contextId: 'c1',
      subject: 'ann',
    });
    expect(otherPlatform).to.equal(undefined);
  });

  it('lists the learners of one course only, not its facilitators or other courses', async function () {
    const bob = await launch('bob', 'c2', ['learner'], { givenName: 'Bob', familyName: 'Jones' });
    const cat = await launch('cat', 'c2', ['learner']);
    await launch('ted', 'c2', ['facilitator']);
    await launch('dan', 'c3', ['learner']);
    const learners = await directory.learnersOf(asCourseId(bob.courseId));
    expect([...learners].sort()).to.deep.equal([bob.personId, cat.personId].sort());
    expect(await directory.learnersOf(asCourseId('not-an-object-id'))).to.deep.equal([]);
  });

  it('gives display names from the full name, else given + family name, else none', async function () {
    const ann = await launch('ann', 'c1', ['learner'], { name: 'Ann Smith' });
    const bob = await launch('bob', 'c2', ['learner'], { givenName: 'Bob', familyName: 'Jones' });
    const cat = await launch('cat', 'c2', ['learner']);
    const people = await directory.people([
      asUserId(ann.personId),
      asUserId(bob.personId),
      asUserId(cat.personId),
      asUserId('unknown'),
    ]);
    expect(people.get(asUserId(ann.personId))?.name).to.equal('Ann Smith');
    expect(people.get(asUserId(bob.personId))?.name).to.equal('Bob Jones');
    expect(people.get(asUserId(cat.personId))?.name).to.equal(undefined);
    expect(people.size).to.equal(3);
  });

  it('names courses of one LMS registration only (title, else label); others are left out', async function () {
    const record = (contextId: string, clientId: string, course: { title?: string; label?: string }) =>
      records.record({
        issuer: 'https://lms.example',
        deploymentId: 'd1',
        clientId,
        person: { subject: 'zed' },
        course: { contextId, ...course },
        roles: ['learner'],
        ltiRoles: [],
        at,
      });
    const titled = await record('n1', 'client-a', { title: 'Design 101', label: 'D-101' });
    const labelled = await record('n2', 'client-a', { label: 'D-102' });
    const foreign = await record('n3', 'client-b', { title: 'Same LMS, other registration' });
    const names = await directory.courseNames(
      [titled.courseId, labelled.courseId, foreign.courseId, asCourseId('not-an-object-id')].map(asCourseId),
      tenantKeyOf({ issuer: 'https://lms.example', clientId: 'client-a' }),
    );
    expect(Object.fromEntries(names)).to.deep.equal({
      [titled.courseId]: 'Design 101',
      [labelled.courseId]: 'D-102',
    });
  });
});
