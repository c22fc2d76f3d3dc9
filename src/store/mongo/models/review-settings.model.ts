/** Peer-review settings of a team task: one document per task (`_id` = task id). */
import { Schema, type Connection, type Model } from 'mongoose';

export interface ReviewSettingsDoc {
  _id: string;
  courseId: string;
  submissionMode: string;
  scope: string;
  allocation: string;
  reviewsPerSubmission: number;
  leaseMinutes: number;
  anonymity: { hideReviewersFromAuthors: boolean; hideAuthorsFromReviewers: boolean };
  release: { kind: string; minReviews?: number };
  selfAssessment: boolean;
  lateSubmissions: { allowed: boolean; until?: Date };
  aggregation: string;
  requireCriterionComments: boolean;
  contributionSplit: boolean;
  grading: {
    mode: string;
    formula?: {
      submissionWeight: number;
      reviewWeight: number;
      contributionWeighting: number;
      scoreMaximum: number;
    };
  };
  updatedAt: Date;
  updatedBy: string;
  revision: number;
}

const schema = new Schema<ReviewSettingsDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    submissionMode: { type: String, required: true },
    scope: { type: String, required: true },
    allocation: { type: String, required: true },
    reviewsPerSubmission: { type: Number, required: true },
    leaseMinutes: { type: Number, required: true },
    anonymity: { type: Schema.Types.Mixed, required: true },
    release: { type: Schema.Types.Mixed, required: true },
    selfAssessment: { type: Boolean, required: true },
    lateSubmissions: { type: Schema.Types.Mixed, required: true },
    aggregation: { type: String, required: true },
    requireCriterionComments: { type: Boolean, required: true },
    contributionSplit: { type: Boolean, required: true },
    grading: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'reviewSettings', versionKey: false, minimize: false },
);
schema.index({ courseId: 1 });

export function reviewSettingsModel(connection: Connection): Model<ReviewSettingsDoc> {
  return (
    (connection.models['ReviewSettings'] as Model<ReviewSettingsDoc> | undefined) ??
    connection.model<ReviewSettingsDoc>('ReviewSettings', schema)
  );
}
