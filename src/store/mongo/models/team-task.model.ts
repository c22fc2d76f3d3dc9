/**
 * Team tasks. The phase history is the source of truth; `phase` caches its last destination so
 * the scheduler and course pages can query by phase (`currentPhase` in the domain decides).
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface PhaseWindowDoc {
  opensAt?: Date;
  closesAt?: Date;
}

export interface CriterionContentDoc {
  name: string;
  description: string;
  levels: { label: string; descriptor: string }[];
}

export interface TeamTaskDoc {
  _id: string;
  courseId: string;
  title: string;
  brief: string;
  outcome: string;
  phases: string[];
  schedule: Record<string, PhaseWindowDoc | undefined>;
  consensusRule: string;
  standardStart: {
    kind: string;
    criteria?: CriterionContentDoc[];
    source?: { standardId: string; version: number };
  };
  history: {
    from: string;
    to: string;
    at: Date;
    cause: { kind: string; userId?: string };
  }[];
  phase: string;
  createdBy: string;
  createdAt: Date;
  revision: number;
}

export const levelSchema = new Schema(
  { label: { type: String, required: true }, descriptor: { type: String, required: true } },
  { _id: false },
);

export const criterionContentSchema = new Schema(
  {
    name: { type: String, required: true },
    description: { type: String, required: true },
    levels: { type: [levelSchema], required: true },
  },
  { _id: false },
);

const windowSchema = new Schema({ opensAt: Date, closesAt: Date }, { _id: false });

const teamTaskSchema = new Schema<TeamTaskDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    title: { type: String, required: true },
    brief: { type: String, default: '' },
    outcome: { type: String, default: '' },
    phases: { type: [String], required: true },
    schedule: {
      'standard-setting': windowSchema,
      work: windowSchema,
      'peer-review': windowSchema,
      reflection: windowSchema,
      share: windowSchema,
    },
    consensusRule: { type: String, required: true },
    standardStart: {
      type: new Schema(
        {
          kind: { type: String, required: true },
          criteria: { type: [criterionContentSchema], default: undefined },
          source: { type: new Schema({ standardId: String, version: Number }, { _id: false }) },
        },
        { _id: false },
      ),
      required: true,
    },
    history: {
      type: [
        new Schema(
          {
            from: { type: String, required: true },
            to: { type: String, required: true },
            at: { type: Date, required: true },
            cause: { type: new Schema({ kind: String, userId: String }, { _id: false }), required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    phase: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'teamTasks', versionKey: false, minimize: true },
);
teamTaskSchema.index({ courseId: 1, createdAt: 1 });
teamTaskSchema.index({ phase: 1 });

export function teamTaskModel(connection: Connection): Model<TeamTaskDoc> {
  return (
    (connection.models['TeamTask'] as Model<TeamTaskDoc> | undefined) ??
    connection.model<TeamTaskDoc>('TeamTask', teamTaskSchema)
  );
}
