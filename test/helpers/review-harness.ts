/**
 * The teamwork harness plus the peer-review store on the same embedded server: review
 * repositories, GridFS files, a name directory (a map: display names normally come from the
 * LMS launches) and a gradebook port that records what it was asked to publish. The recording
 * port is a real adapter at the service boundary: the AGS adapter that talks to an LMS lives at
 * the LTI edge (issue 5) and needs a platform; here the services' side of the contract is tested.
 */
import type { UserId } from '../../src/domain/shared/ids.js';
import { DEFAULT_SUBMISSION_LIMITS, type SubmissionLimits } from '../../src/domain/submission/submission.js';
import type { GradebookPort, GradeToPublish } from '../../src/services/shared/gradebook.js';
import type { Connection } from 'mongoose';
import type { ReviewDeps } from '../../src/services/shared/review-deps.js';
import { createReviewStore, prepareReviewCollections } from '../../src/store/review-store.js';
import { personModel } from '../../src/store/mongo/models/person.model.js';
import { HARNESS_ISSUER, startTeamworkHarness, T0, type TeamworkHarness } from './teamwork-harness.js';

export interface RecordingGradebook extends GradebookPort {
  /** What was queued (committed transactions only), oldest first. */
  calls(): Promise<GradeToPublish[]>;
  /** People the "platform" has no graded placement for: nothing is queued for them. */
  readonly unplaced: Set<string>;
}

/**
 * Queues into a collection of its own, in the caller's transaction (as the AGS adapter queues
 * into its grade queue), so an aborted release leaves nothing queued.
 */
export async function recordingGradebook(connection: Connection): Promise<RecordingGradebook> {
  const queue = connection.collection<GradeToPublish & { _id?: unknown }>('testGradebookQueue');
  await connection.createCollection('testGradebookQueue').catch(() => undefined);
  const unplaced = new Set<string>();
  return {
    unplaced,
    async publish(grade, tx) {
      if (unplaced.has(grade.userId)) return { queued: 0 };
      await queue.insertOne({ ...grade }, tx === undefined ? {} : { session: tx.session });
      return { queued: 1 };
    },
    async calls() {
      const rows = await queue.find({}, { projection: { _id: 0 } }).toArray();
      return rows as GradeToPublish[];
    },
  };
}

export interface ReviewHarness extends TeamworkHarness {
  readonly reviewDeps: ReviewDeps;
  readonly gradebook: RecordingGradebook;
  /** Sets display names, and records the people as launches would have (the xAPI adapter reads them). */
  setNames(names: ReadonlyMap<UserId, string>): Promise<void>;
}

export const TEST_LIMITS: SubmissionLimits = { ...DEFAULT_SUBMISSION_LIMITS, maxFileBytes: 64 * 1024 };

export async function startReviewHarness(name: string): Promise<ReviewHarness> {
  const h = await startTeamworkHarness(name);
  await prepareReviewCollections(h.connection);
  let names: ReadonlyMap<UserId, string> = new Map();
  const gradebook = await recordingGradebook(h.connection);
  const reviewDeps: ReviewDeps = {
    ...h.deps,
    ...createReviewStore(h.connection),
    directory: {
      people: async (ids) =>
        new Map(ids.filter((id) => names.has(id)).map((id) => [id, { name: names.get(id) }])),
    },
    gradebook,
    submissionLimits: TEST_LIMITS,
  };
  return Object.assign(h, {
    reviewDeps,
    gradebook,
    async setNames(next: ReadonlyMap<UserId, string>) {
      names = next;
      const people = personModel(h.connection).collection;
      for (const id of next.keys()) {
        await people.updateOne(
          { _id: id as never },
          {
            $setOnInsert: {
              issuer: HARNESS_ISSUER,
              subject: `sub-${id}`,
              email: `${id}@example.edu`,
              locale: 'en-GB',
              lastLaunchAt: T0,
            },
          },
          { upsert: true },
        );
      }
    },
  });
}
