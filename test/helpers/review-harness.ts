/**
 * The teamwork harness plus the peer-review store on the same embedded server: review
 * repositories, GridFS files, a name directory (a map: display names normally come from the
 * LMS launches) and a gradebook port that records what it was asked to publish. The recording
 * port is a real adapter at the service boundary: the AGS adapter that talks to an LMS lives at
 * the LTI edge (issue 5) and needs a platform; here the services' side of the contract is tested.
 */
import type { UserId } from '../../src/domain/shared/ids.js';
import { DEFAULT_SUBMISSION_LIMITS, type SubmissionLimits } from '../../src/domain/submission/submission.js';
import type { GradebookPort, GradebookScore } from '../../src/services/shared/gradebook.js';
import type { ReviewDeps } from '../../src/services/shared/review-deps.js';
import { createReviewStore, prepareReviewCollections } from '../../src/store/review-store.js';
import { personModel } from '../../src/store/mongo/models/person.model.js';
import { HARNESS_ISSUER, startTeamworkHarness, T0, type TeamworkHarness } from './teamwork-harness.js';

export interface RecordingGradebook extends GradebookPort {
  readonly calls: GradebookScore[];
  /** Users whose publish the "platform" refuses. */
  readonly refuse: Set<string>;
}

export function recordingGradebook(): RecordingGradebook {
  const calls: GradebookScore[] = [];
  const refuse = new Set<string>();
  return {
    calls,
    refuse,
    async publish(score) {
      if (refuse.has(score.userId)) throw new Error(`platform refused the score of ${score.userId}`);
      calls.push(score);
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
  const gradebook = recordingGradebook();
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
