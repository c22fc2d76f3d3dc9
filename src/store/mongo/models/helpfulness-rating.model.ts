/** Helpfulness ratings of reviews: one per rater per review (unique index), with an optional reply. */
import { Schema, type Connection, type Model } from 'mongoose';

export interface HelpfulnessRatingDoc {
  _id: string;
  taskId: string;
  reviewId: string;
  raterId: string;
  stars: number;
  reply: string;
  ratedAt: Date;
  revision: number;
}

const schema = new Schema<HelpfulnessRatingDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    reviewId: { type: String, required: true },
    raterId: { type: String, required: true },
    stars: { type: Number, required: true },
    reply: { type: String, default: '' },
    ratedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'helpfulnessRatings', versionKey: false },
);
schema.index({ reviewId: 1, raterId: 1 }, { unique: true });
schema.index({ taskId: 1 });

export function helpfulnessRatingModel(connection: Connection): Model<HelpfulnessRatingDoc> {
  return (
    (connection.models['HelpfulnessRating'] as Model<HelpfulnessRatingDoc> | undefined) ??
    connection.model<HelpfulnessRatingDoc>('HelpfulnessRating', schema)
  );
}
