/**
 * A team's standard while the team works on it. Frozen versions are not embedded: they live in
 * `standardVersions` (see standard-version.model.ts) and the repository joins them on load.
 * `revision` is the compare-and-set counter of every save.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { criterionContentSchema, type CriterionContentDoc } from './team-task.model.js';

export interface ProvenanceDoc {
  source: { standardId: string; version: number };
  copiedBy: string;
  copiedAt: Date;
}

export interface TeamStandardDoc {
  _id: string;
  courseId: string;
  taskId: string;
  teamId: string;
  status: string;
  locked?: { by: string; at: Date };
  criteria: {
    id: string;
    origin: string;
    revisions: { number: number; content: CriterionContentDoc; author: string; at: Date }[];
    withdrawn?: { by: string; at: Date };
  }[];
  comments: {
    id: string;
    criterionId?: string;
    replyTo?: string;
    author: string;
    authorRole: string;
    body: string;
    at: Date;
  }[];
  objections: {
    id: string;
    by: string;
    criterionId?: string;
    reason: string;
    at: Date;
    status: string;
    closedAt?: Date;
  }[];
  weightings: { member: string; points: { criterionId: string; points: number }[]; at: Date }[];
  agreements: { member: string; contentRevision: number; at: Date }[];
  provenance?: ProvenanceDoc;
  versionCount: number;
  contentRevision: number;
  revision: number;
  createdAt: Date;
  lastActivityAt: Date;
}

const byAt = new Schema(
  { by: { type: String, required: true }, at: { type: Date, required: true } },
  { _id: false },
);

export const provenanceSchema = new Schema(
  {
    source: {
      type: new Schema({ standardId: String, version: Number }, { _id: false }),
      required: true,
    },
    copiedBy: { type: String, required: true },
    copiedAt: { type: Date, required: true },
  },
  { _id: false },
);

const criterionSchema = new Schema(
  {
    id: { type: String, required: true },
    origin: { type: String, required: true },
    revisions: [
      new Schema(
        {
          number: { type: Number, required: true },
          content: { type: criterionContentSchema, required: true },
          author: { type: String, required: true },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
    ],
    withdrawn: byAt,
  },
  { _id: false },
);

const commentSchema = new Schema(
  {
    id: { type: String, required: true },
    criterionId: String,
    replyTo: String,
    author: { type: String, required: true },
    authorRole: { type: String, required: true },
    body: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const objectionSchema = new Schema(
  {
    id: { type: String, required: true },
    by: { type: String, required: true },
    criterionId: String,
    reason: { type: String, required: true },
    at: { type: Date, required: true },
    status: { type: String, required: true },
    closedAt: Date,
  },
  { _id: false },
);

const weightingSchema = new Schema(
  {
    member: { type: String, required: true },
    points: [new Schema({ criterionId: String, points: Number }, { _id: false })],
    at: { type: Date, required: true },
  },
  { _id: false },
);

const agreementSchema = new Schema(
  {
    member: { type: String, required: true },
    contentRevision: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const teamStandardSchema = new Schema<TeamStandardDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    taskId: { type: String, required: true },
    teamId: { type: String, required: true },
    status: { type: String, required: true },
    locked: byAt,
    criteria: { type: [criterionSchema], default: [] },
    comments: { type: [commentSchema], default: [] },
    objections: { type: [objectionSchema], default: [] },
    weightings: { type: [weightingSchema], default: [] },
    agreements: { type: [agreementSchema], default: [] },
    provenance: provenanceSchema,
    versionCount: { type: Number, required: true },
    contentRevision: { type: Number, required: true },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true },
  },
  { collection: 'teamStandards', versionKey: false },
);
teamStandardSchema.index({ taskId: 1, teamId: 1 }, { unique: true });
teamStandardSchema.index({ courseId: 1 });
// Library provenance: how many teams started from a library version.
teamStandardSchema.index({ 'provenance.source.standardId': 1, 'provenance.source.version': 1 });

export function teamStandardModel(connection: Connection): Model<TeamStandardDoc> {
  return (
    (connection.models['TeamStandard'] as Model<TeamStandardDoc> | undefined) ??
    connection.model<TeamStandardDoc>('TeamStandard', teamStandardSchema)
  );
}
