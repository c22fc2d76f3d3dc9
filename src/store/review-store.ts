/**
 * The repositories of peer review — settings, submissions, reviews, the allocation log,
 * helpfulness ratings, contribution splits, grades — and the GridFS file store, on one
 * connection. Wired like `createTeamworkStore`; `prepareReviewCollections` runs at start-up.
 */
import type { Connection } from 'mongoose';
import { contributionSplitModel } from './mongo/models/contribution-split.model.js';
import { gradeModel } from './mongo/models/grade.model.js';
import { helpfulnessRatingModel } from './mongo/models/helpfulness-rating.model.js';
import { allocationLogModel } from './mongo/models/review-allocation-log.model.js';
import { reviewSettingsModel } from './mongo/models/review-settings.model.js';
import { reviewModel } from './mongo/models/review.model.js';
import { submissionModel } from './mongo/models/submission.model.js';
import {
  createSubmissionFileStore,
  SUBMISSION_FILES_BUCKET,
  type SubmissionFileStore,
} from './files/submission-file-store.js';
import { createAllocationLogRepo, type AllocationLogRepo } from './reviews/allocation-log-repo.js';
import { createContributionRepo, type ContributionRepo } from './reviews/contribution-repo.js';
import { createGradeRepo, type GradeRepo } from './reviews/grade-repo.js';
import { createHelpfulnessRepo, type HelpfulnessRepo } from './reviews/helpfulness-repo.js';
import { createReviewRepo, type ReviewRepo } from './reviews/review-repo.js';
import { createReviewSettingsRepo, type ReviewSettingsRepo } from './reviews/review-settings-repo.js';
import { createSubmissionRepo, type SubmissionRepo } from './reviews/submission-repo.js';

export interface ReviewStore {
  readonly reviewSettings: ReviewSettingsRepo;
  readonly submissions: SubmissionRepo;
  readonly reviews: ReviewRepo;
  readonly allocationLog: AllocationLogRepo;
  readonly helpfulness: HelpfulnessRepo;
  readonly contributions: ContributionRepo;
  readonly grades: GradeRepo;
  readonly files: SubmissionFileStore;
}

export function createReviewStore(connection: Connection): ReviewStore {
  return {
    reviewSettings: createReviewSettingsRepo(connection),
    submissions: createSubmissionRepo(connection),
    reviews: createReviewRepo(connection),
    allocationLog: createAllocationLogRepo(connection),
    helpfulness: createHelpfulnessRepo(connection),
    contributions: createContributionRepo(connection),
    grades: createGradeRepo(connection),
    files: createSubmissionFileStore(connection),
  };
}

/** Creates the collections and their indexes (the unique ones keep the invariants), and GridFS's. */
export async function prepareReviewCollections(connection: Connection): Promise<void> {
  for (const model of [
    reviewSettingsModel(connection),
    submissionModel(connection),
    reviewModel(connection),
    allocationLogModel(connection),
    helpfulnessRatingModel(connection),
    contributionSplitModel(connection),
    gradeModel(connection),
  ]) {
    await model.createCollection().catch((error: unknown) => {
      if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
    });
    await model.syncIndexes();
  }
  const db = connection.db;
  if (db === undefined) throw new Error('connection is not open');
  // The indexes GridFS itself would create on the first upload (same names and keys).
  await db.collection(`${SUBMISSION_FILES_BUCKET}.files`).createIndex({ filename: 1, uploadDate: 1 });
  await db
    .collection(`${SUBMISSION_FILES_BUCKET}.chunks`)
    .createIndex({ files_id: 1, n: 1 }, { unique: true });
}
