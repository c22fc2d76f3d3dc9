/** Individual reflections: one per learner and task. */
import { Schema, type Connection, type Model } from 'mongoose';

export interface CriterionGapDoc {
  criterionId: string;
  name: string;
  levelCount: number;
  self?: number;
  peerMedian?: number;
  peerCount: number;
  facilitator?: number;
  gap?: number;
  direction: string;
  highlighted: boolean;
}

export interface ReflectionDoc {
  _id: string;
  courseId: string;
  taskId: string;
  teamId: string;
  author: string;
  answers: { happened: string; means: string; next: string };
  gaps: CriterionGapDoc[];
  standard?: { standardId: string; version: number };
  sharedWith: string[];
  createdAt: Date;
  updatedAt: Date;
  revision: number;
}

export const ratingFields = {
  criterionId: { type: String, required: true },
  name: { type: String, required: true },
  levelCount: { type: Number, required: true },
  peerMedian: Number,
  peerCount: { type: Number, required: true },
  facilitator: Number,
};

const reflectionSchema = new Schema<ReflectionDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    taskId: { type: String, required: true },
    teamId: { type: String, required: true },
    author: { type: String, required: true },
    answers: {
      type: new Schema(
        {
          happened: { type: String, default: '' },
          means: { type: String, default: '' },
          next: { type: String, default: '' },
        },
        { _id: false },
      ),
      required: true,
    },
    gaps: {
      type: [
        new Schema(
          {
            ...ratingFields,
            self: Number,
            gap: Number,
            direction: { type: String, required: true },
            highlighted: { type: Boolean, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    standard: { type: new Schema({ standardId: String, version: Number }, { _id: false }) },
    sharedWith: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'reflections', versionKey: false, minimize: true },
);
reflectionSchema.index({ taskId: 1, author: 1 }, { unique: true });
reflectionSchema.index({ taskId: 1, teamId: 1 });

export function reflectionModel(connection: Connection): Model<ReflectionDoc> {
  return (
    (connection.models['Reflection'] as Model<ReflectionDoc> | undefined) ??
    connection.model<ReflectionDoc>('Reflection', reflectionSchema)
  );
}
