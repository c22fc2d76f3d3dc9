/**
 * Reviews (peer reviews and self-assessments). The unique `{submissionId, reviewerId, kind}` index
 * is the invariant "one review per reviewer per submission" (and one self-assessment per author),
 * also against concurrent allocation, pull claims and hand assignments. `explanation` keeps why
 * the review was assigned (allocation reasons, pull reason, or the facilitator's note) for the
 * facilitator's view; learners never get it.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface ReviewDoc {
  _id: string;
  taskId: string;
  courseId: string;
  submissionId: string;
  reviewerId: string;
  kind: string;
  source: string;
  standard: { standardId: string; version: number };
  ratings: { criterionId: string; levelId?: string; comment: string }[];
  overallComment: string;
  status: string;
  assignedAt: Date;
  leaseExpiresAt?: Date;
  savedAt?: Date;
  submittedAt?: Date;
  explanation: Record<string, unknown>[];
  revision: number;
}

const schema = new Schema<ReviewDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    courseId: { type: String, required: true },
    submissionId: { type: String, required: true },
    reviewerId: { type: String, required: true },
    kind: { type: String, required: true },
    source: { type: String, required: true },
    standard: { type: Schema.Types.Mixed, required: true },
    ratings: { type: Schema.Types.Mixed, default: () => [] },
    overallComment: { type: String, default: '' },
    status: { type: String, required: true },
    assignedAt: { type: Date, required: true },
    leaseExpiresAt: Date,
    savedAt: Date,
    submittedAt: Date,
    explanation: { type: Schema.Types.Mixed, default: () => [] },
    revision: { type: Number, required: true },
  },
  { collection: 'reviews', versionKey: false, minimize: false },
);
schema.index({ submissionId: 1, reviewerId: 1, kind: 1 }, { unique: true });
schema.index({ taskId: 1, reviewerId: 1 });
schema.index({ taskId: 1, status: 1 });

export function reviewModel(connection: Connection): Model<ReviewDoc> {
  return (
    (connection.models['Review'] as Model<ReviewDoc> | undefined) ??
    connection.model<ReviewDoc>('Review', schema)
  );
}
