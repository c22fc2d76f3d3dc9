/** Helpfulness ratings: one per rater per review; rating again replaces (compare-and-set). */
import type { Connection } from 'mongoose';
import type { HelpfulnessRating } from '../../domain/review/helpfulness.js';
import { asReviewId, type ReviewId } from '../../domain/review/review.js';
import { asUserId, type TeamTaskId, type UserId } from '../../domain/shared/ids.js';
import {
  helpfulnessRatingModel,
  type HelpfulnessRatingDoc,
} from '../mongo/models/helpfulness-rating.model.js';
import type { Tx } from '../mongo/transactions.js';
import { compareAndSet } from './compare-and-set.js';

export interface HelpfulnessRepo {
  find(reviewId: ReviewId, raterId: UserId): Promise<HelpfulnessRating | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly HelpfulnessRating[]>;
  listByReviews(reviewIds: readonly ReviewId[]): Promise<readonly HelpfulnessRating[]>;
  save(
    rating: HelpfulnessRating,
    taskId: TeamTaskId,
    expectedRevision: number | undefined,
    tx?: Tx,
  ): Promise<void>;
}

export function createHelpfulnessRepo(connection: Connection): HelpfulnessRepo {
  const model = helpfulnessRatingModel(connection);
  return {
    async find(reviewId, raterId) {
      const doc = await model.findById(`${reviewId}:${raterId}`).lean<HelpfulnessRatingDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).sort({ ratedAt: 1, _id: 1 }).lean<HelpfulnessRatingDoc[]>();
      return docs.map(fromDoc);
    },
    async listByReviews(reviewIds) {
      if (reviewIds.length === 0) return [];
      const docs = await model
        .find({ reviewId: { $in: [...reviewIds] } })
        .sort({ ratedAt: 1, _id: 1 })
        .lean<HelpfulnessRatingDoc[]>();
      return docs.map(fromDoc);
    },
    async save(rating, taskId, expectedRevision, tx) {
      const doc: HelpfulnessRatingDoc = {
        _id: `${rating.reviewId}:${rating.raterId}`,
        taskId,
        reviewId: rating.reviewId,
        raterId: rating.raterId,
        stars: rating.stars,
        reply: rating.reply,
        ratedAt: rating.ratedAt,
        revision: rating.revision,
      };
      await compareAndSet(model, doc, expectedRevision, 'helpfulness-rating', tx);
    },
  };
}

function fromDoc(d: HelpfulnessRatingDoc): HelpfulnessRating {
  return {
    reviewId: asReviewId(d.reviewId),
    raterId: asUserId(d.raterId),
    stars: d.stars,
    reply: d.reply,
    ratedAt: d.ratedAt,
    revision: d.revision,
  };
}
