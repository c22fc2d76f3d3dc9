/** Grades: one per learner per graded task (unique index): computed parts, override, publish state. */
import { Schema, type Connection, type Model } from 'mongoose';

export interface GradeDoc {
  _id: string;
  taskId: string;
  courseId: string;
  userId: string;
  parts: {
    submissionScore?: number;
    submitted: boolean;
    reviewScore?: number;
    contributionFactor?: number;
  };
  computed?: number;
  override?: { score: number; reason: string; by: string; at: Date };
  computedAt: Date;
  publish: { state: string; score?: number; at?: Date; by?: string; reason?: string };
  revision: number;
}

const schema = new Schema<GradeDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    courseId: { type: String, required: true },
    userId: { type: String, required: true },
    parts: { type: Schema.Types.Mixed, required: true },
    computed: Number,
    override: Schema.Types.Mixed,
    computedAt: { type: Date, required: true },
    publish: { type: Schema.Types.Mixed, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'grades', versionKey: false, minimize: false },
);
schema.index({ taskId: 1, userId: 1 }, { unique: true });

export function gradeModel(connection: Connection): Model<GradeDoc> {
  return (
    (connection.models['Grade'] as Model<GradeDoc> | undefined) ?? connection.model<GradeDoc>('Grade', schema)
  );
}
