/**
 * Real store, real server: an embedded MongoDB-compatible server for one test file, a database
 * of its own, the team-task/team/standard repositories on it, and deps with a settable clock,
 * readable ids, a seeded random source and per-course rosters. The roster stands in for the LTI
 * names-and-roles service, which is not built yet (and needs a platform): a plain map.
 *
 * Learning events go to a real xAPI outbox on the same connection (`statements()` reads it back),
 * through the real adapter: the people, courses and platform it reads are stored under the
 * harness's readable ids, as launches would have recorded them.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Actor } from '../../src/domain/shared/actor.js';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../src/domain/shared/ids.js';
import { seededRandom } from '../../src/domain/shared/random.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import type { TeamworkDeps } from '../../src/services/shared/deps.js';
import { createTeamworkStore, prepareTeamworkCollections } from '../../src/store/app-store.js';
import {
  createStatementDirectory,
  type StatementDirectory,
} from '../../src/store/lti/statement-directory.js';
import { courseModel } from '../../src/store/mongo/models/course.model.js';
import { personModel } from '../../src/store/mongo/models/person.model.js';
import { platformModel } from '../../src/store/mongo/models/platform.model.js';
import {
  createLearningEventStatements,
  type LearningEventStatements,
} from '../../src/xapi/learning-event-statements.js';
import type { XapiStatement } from '../../src/xapi/statement-types.js';
import type { XapiRuntime } from '../../src/xapi/xapi-runtime.js';
import { fakeClock, makeRuntime, TOOL_URL } from './xapi-harness.js';

export const T0 = new Date('2025-03-03T09:00:00Z');

export const HARNESS_ISSUER = 'https://lms.example.edu';
export const HARNESS_CLIENT_ID = 'client-1';

export interface TeamworkHarness {
  readonly deps: TeamworkDeps;
  readonly connection: Connection;
  /** The xAPI outbox (and delivery) on the harness's connection. */
  readonly xapi: XapiRuntime;
  /** The adapter behind `deps.events`. */
  readonly events: LearningEventStatements;
  /** The statements in the outbox, oldest first (optionally only those with this verb id suffix). */
  statements(verbSuffix?: string): Promise<XapiStatement[]>;
  /** Sets the clock to T0 + `hours`. */
  at(hours: number): void;
  setRoster(courseId: CourseId, learners: readonly UserId[]): void;
  stop(): Promise<void>;
}

let dbCounter = 0;

export async function startTeamworkHarness(name: string): Promise<TeamworkHarness> {
  const server: EmbeddedMongo = await startEmbeddedMongo({ nodeEnv: 'test' });
  const connection = await mongoose
    .createConnection(`${server.uri}/${name}-${process.pid}-${++dbCounter}`)
    .asPromise();
  await prepareTeamworkCollections(connection);
  let now = T0;
  let id = 0;
  const rosters = new Map<string, readonly UserId[]>();
  // The outbox's clock ticks a millisecond per enqueue, so `statements()` reads back in order.
  const outboxClock = fakeClock();
  const xapi = await makeRuntime(connection, undefined, outboxClock, {
    clock: () => {
      outboxClock.advance(1);
      return outboxClock();
    },
  });
  await seedLaunchRecords(connection);
  const store = createTeamworkStore(connection);
  const events = createLearningEventStatements({
    outbox: xapi.outbox,
    platformSettings: xapi.platformSettings,
    pseudonymizer: xapi.pseudonymizer,
    toolUrl: TOOL_URL,
    directory: withHarnessFallback(createStatementDirectory(connection, store)),
    cacheTtlMs: 0,
  });
  const deps: TeamworkDeps = {
    ...store,
    roster: { learnersOf: async (courseId) => rosters.get(courseId) ?? [] },
    now: () => now,
    newId: () => `id-${++id}`,
    random: seededRandom(42),
    events,
  };
  return {
    deps,
    connection,
    xapi,
    events,
    async statements(verbSuffix) {
      // Within one enqueue (same createdAt) the stable sort keeps the natural (insertion) order.
      const rows = await xapi.collections.outbox.find({}).toArray();
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const all = rows.map((row) => JSON.parse(row.payload) as XapiStatement);
      return verbSuffix === undefined ? all : all.filter((s) => s.verb.id.endsWith(verbSuffix));
    },
    at(hours) {
      now = new Date(T0.getTime() + hours * 3_600_000);
    },
    setRoster(courseId, learners) {
      rosters.set(courseId, learners);
    },
    async stop() {
      await connection.close();
      await server.stop();
    },
  };
}

/**
 * The people and courses launches would have recorded, under the harness's readable ids (the
 * app's own ids are ObjectIds; the statement directory reads either), and the platform.
 */
async function seedLaunchRecords(connection: Connection): Promise<void> {
  const at = T0;
  await personModel(connection).collection.insertMany(
    ['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'fac-1'].map((name) => ({
      _id: name as never,
      issuer: HARNESS_ISSUER,
      subject: `sub-${name}`,
      email: `${name}@example.edu`,
      locale: 'en-GB',
      lastLaunchAt: at,
    })),
  );
  await courseModel(connection).collection.insertMany(
    ['course-1', 'course-2'].map((name, i) => ({
      _id: name as never,
      issuer: HARNESS_ISSUER,
      deploymentId: 'dep-1',
      contextId: `ctx-${i + 1}`,
      title: `Course ${i + 1}`,
      lastLaunchAt: at,
    })),
  );
  await platformModel(connection).collection.insertOne({
    issuer: HARNESS_ISSUER,
    clientId: HARNESS_CLIENT_ID,
    name: 'Harness LMS',
    deploymentIds: ['dep-1'],
    authUrl: `${HARNESS_ISSUER}/auth`,
    tokenUrl: `${HARNESS_ISSUER}/token`,
    jwksUrl: `${HARNESS_ISSUER}/jwks`,
    source: 'file',
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * The stored records first; a person or course a test made up without a launch record is
 * described as if the harness platform had launched it (so tests with their own ids keep
 * working). In the app an unknown person or course is an error (LearningEventContextError).
 */
function withHarnessFallback(directory: StatementDirectory): StatementDirectory {
  return {
    ...directory,
    async person(userId) {
      return (
        (await directory.person(userId)) ?? {
          issuer: HARNESS_ISSUER,
          subject: `sub-${userId}`,
          email: undefined,
          locale: undefined,
        }
      );
    },
    async course(courseId) {
      return (
        (await directory.course(courseId)) ?? {
          issuer: HARNESS_ISSUER,
          deploymentId: 'dep-1',
          contextId: courseId,
          title: undefined,
        }
      );
    },
  };
}

export const course = asCourseId('course-1');
export const otherCourse = asCourseId('course-2');
export const facilitator: Actor = { userId: asUserId('fac-1'), role: 'facilitator' };
export const ann = asUserId('ann');
export const bob = asUserId('bob');
export const cat = asUserId('cat');
export const dan = asUserId('dan');
export const eve = asUserId('eve');
export const fay = asUserId('fay');

export function learner(userId: UserId): Actor {
  return { userId, role: 'learner' };
}

/** Who acts, in course-1 unless told otherwise. */
export function as(actor: Actor, courseId: CourseId = course): { actor: Actor; courseId: CourseId } {
  return { actor, courseId };
}
