/**
 * The grade queue on the embedded server: the latest score replaces one not sent yet, a due item
 * is leased to one worker at a time, and a score that changed while being sent stays queued.
 */
import { expect } from 'chai';
import mongoose, { Types, type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../../src/embedded-mongo/index.js';
import { asCourseId, asUserId } from '../../../../src/domain/shared/ids.js';
import {
  createGradeQueueRepo,
  type GradeQueueRepo,
  type QueuedScore,
} from '../../../../src/store/grades/grade-queue-repo.js';

describe('grade queue (gradePublications)', function () {
  this.timeout(30_000);
  let server: EmbeddedMongo;
  let connection: Connection;
  let queue: GradeQueueRepo;
  const courseId = asCourseId(new Types.ObjectId().toHexString());
  const t0 = new Date('2026-03-01T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const score = (personId: string, given: number): QueuedScore => ({
    placementId: 'placement-1',
    taskId: 'task-1',
    courseId,
    personId: asUserId(personId),
    subject: `sub-${personId}`,
    scoreGiven: given,
    scoreMaximum: 20,
    comment: undefined,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp: t0,
  });

  /** Claims the person's item, sending (marking sent) anything due before it. */
  async function claimFor(person: string, now: Date) {
    let item = await queue.claimDue(now, new Date(now.getTime() + 300_000));
    while (item !== undefined && item.personId !== person) {
      await queue.markSent(item.id, item.version, now);
      item = await queue.claimDue(now, new Date(now.getTime() + 300_000));
    }
    if (item === undefined) throw new Error(`nothing due for ${person}`);
    return item;
  }

  before(async () => {
    server = await startEmbeddedMongo({ nodeEnv: 'test' });
    connection = await mongoose.createConnection(`${server.uri}/grade-queue-${process.pid}`).asPromise();
    queue = createGradeQueueRepo(connection);
  });
  after(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('keeps one entry per person and placement, with the latest score', async () => {
    const person = new Types.ObjectId().toHexString();
    await queue.enqueue(score(person, 10), t0);
    await queue.enqueue(score(person, 12), t0);
    const items = (await queue.listByCourse(courseId)).filter((i) => i.personId === person);
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ scoreGiven: 12, status: 'pending', version: 2, attempts: 0 });
  });

  it('leases a due item to one worker; another finds nothing until the lease ends', async () => {
    const first = await queue.claimDue(at(1), at(300));
    expect(first).to.not.equal(undefined);
    expect(await queue.claimDue(at(2), at(302))).to.equal(undefined);
    expect((await queue.claimDue(at(301), at(600)))?.id).to.equal(first!.id);
  });

  it('a score changed while being sent stays queued and is sent next', async () => {
    const person = new Types.ObjectId().toHexString();
    await queue.enqueue(score(person, 5), at(1000));
    const claimed = await claimFor(person, at(1000));
    await queue.enqueue(score(person, 6), at(1001));
    expect(await queue.markSent(claimed.id, claimed.version, at(1002))).to.equal(false);
    const again = await queue.claimDue(at(1003), at(1303));
    expect(again).to.include({ id: claimed.id, scoreGiven: 6 });
    expect(await queue.markSent(again!.id, again!.version, at(1004))).to.equal(true);
    expect((await queue.listByCourse(courseId)).find((i) => i.id === claimed.id)).to.include({
      status: 'sent',
    });
  });

  it('retries only failed items of the course asked for', async () => {
    const person = new Types.ObjectId().toHexString();
    await queue.enqueue(score(person, 7), at(2000));
    const item = await claimFor(person, at(2000));
    await queue.markFailed(item.id, item.version, '500 from the platform', 500);
    expect(await queue.countFailed(courseId)).to.equal(1);
    expect(await queue.retry(asCourseId(new Types.ObjectId().toHexString()), item.id, at(2001))).to.equal(
      false,
    );
    expect(await queue.retry(courseId, item.id, at(2001))).to.equal(true);
    expect(await queue.countFailed(courseId)).to.equal(0);
    expect(await queue.claimDue(at(2001), at(2301))).to.include({ id: item.id, attempts: 0 });
  });
});
