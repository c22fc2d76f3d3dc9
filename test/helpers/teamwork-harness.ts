/**
 * Real store, real server: an embedded MongoDB-compatible server for one test file, a database
 * of its own, the team-task/team/standard repositories on it, and deps with a settable clock,
 * readable ids, a seeded random source and per-course rosters. The roster stands in for the LTI
 * names-and-roles service, which is not built yet (and needs a platform): a plain map.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Actor } from '../../src/domain/shared/actor.js';
import { asCourseId, asUserId, type CourseId, type UserId } from '../../src/domain/shared/ids.js';
import { seededRandom } from '../../src/domain/shared/random.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import type { TeamworkDeps } from '../../src/services/shared/deps.js';
import { createTeamworkStore, prepareTeamworkCollections } from '../../src/store/app-store.js';

export const T0 = new Date('2025-03-03T09:00:00Z');

export interface TeamworkHarness {
  readonly deps: TeamworkDeps;
  readonly connection: Connection;
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
  const deps: TeamworkDeps = {
    ...createTeamworkStore(connection),
    roster: { learnersOf: async (courseId) => rosters.get(courseId) ?? [] },
    now: () => now,
    newId: () => `id-${++id}`,
    random: seededRandom(42),
  };
  return {
    deps,
    connection,
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
