/**
 * Frozen standard versions: written once when a standard is ratified, never updated (the
 * repository has no update method and the schema refuses updates). Unique per
 * `{standardId, version}`; a review or a library copy points at one with a StandardRef.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { levelSchema } from './team-task.model.js';
import { provenanceSchema, type ProvenanceDoc } from './team-standard.model.js';

export interface StandardVersionDoc {
  _id: string;
  standardId: string;
  version: number;
  courseId: string;
  taskId: string;
  teamId: string;
  criteria: {
    id: string;
    name: string;
    description: string;
    levels: { label: string; descriptor: string }[];
    weight: number;
  }[];
  consensusRule: string;
  agreedBy: string[];
  approvedBy?: string;
  ratifiedAt: Date;
  overruledObjections: { id: string; by: string; reason: string; criterionId?: string }[];
  agreement: number | null;
  provenance?: ProvenanceDoc;
}

const standardVersionSchema = new Schema<StandardVersionDoc>(
  {
    _id: { type: String, required: true },
    standardId: { type: String, required: true },
    version: { type: Number, required: true },
    courseId: { type: String, required: true },
    taskId: { type: String, required: true },
    teamId: { type: String, required: true },
    criteria: [
      new Schema(
        {
          id: { type: String, required: true },
          name: { type: String, required: true },
          description: { type: String, required: true },
          levels: { type: [levelSchema], required: true },
          weight: { type: Number, required: true },
        },
        { _id: false },
      ),
    ],
    consensusRule: { type: String, required: true },
    agreedBy: { type: [String], default: [] },
    approvedBy: String,
    ratifiedAt: { type: Date, required: true },
    overruledObjections: [
      new Schema(
        {
          id: { type: String, required: true },
          by: { type: String, required: true },
          reason: { type: String, required: true },
          criterionId: String,
        },
        { _id: false },
      ),
    ],
    agreement: { type: Number, default: null },
    provenance: provenanceSchema,
  },
  { collection: 'standardVersions', versionKey: false },
);
standardVersionSchema.index({ standardId: 1, version: 1 }, { unique: true });
standardVersionSchema.index({ taskId: 1 });
for (const op of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
] as const) {
  standardVersionSchema.pre(op, function refuse() {
    throw new Error('standard versions are immutable');
  });
}

export function standardVersionModel(connection: Connection): Model<StandardVersionDoc> {
  return (
    (connection.models['StandardVersion'] as Model<StandardVersionDoc> | undefined) ??
    connection.model<StandardVersionDoc>('StandardVersion', standardVersionSchema)
  );
}
