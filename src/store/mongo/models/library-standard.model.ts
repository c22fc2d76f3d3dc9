/**
 * Standards in the library: one entry per tenant and frozen version, with provenance. How many
 * teams adopted an entry is not stored: it is counted from the team standards whose provenance
 * points at the entry's version (always true, whoever started them).
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface LibraryStandardDoc {
  _id: string;
  tenant: string;
  source: { standardId: string; version: number };
  title: string;
  summary: string;
  criteria: { name: string; weight: number }[];
  criterionKeys: string[];
  origin: {
    courseId: string;
    taskId: string;
    teamId: string;
    ratifiedAt: Date;
    copiedFrom?: { standardId: string; version: number };
  };
  agreement: number | null;
  visibility: string;
  /** 'platform', or `course:<id>`; null once withdrawn. */
  reach: string | null;
  addedBy: string;
  addedAt: Date;
  withdrawn?: { by: string; at: Date };
  /** Absent on entries stored before revisions (read as 1). */
  revision?: number;
}

const ref = () => new Schema({ standardId: String, version: Number }, { _id: false });

const librarySchema = new Schema<LibraryStandardDoc>(
  {
    _id: { type: String, required: true },
    tenant: { type: String, required: true },
    source: { type: ref(), required: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    criteria: {
      type: [new Schema({ name: { type: String, required: true }, weight: Number }, { _id: false })],
      default: [],
    },
    criterionKeys: { type: [String], default: [] },
    origin: {
      type: new Schema(
        {
          courseId: { type: String, required: true },
          taskId: { type: String, required: true },
          teamId: { type: String, required: true },
          ratifiedAt: { type: Date, required: true },
          copiedFrom: ref(),
        },
        { _id: false },
      ),
      required: true,
    },
    agreement: { type: Number, default: null },
    visibility: { type: String, required: true },
    reach: { type: String, default: null },
    addedBy: { type: String, required: true },
    addedAt: { type: Date, required: true },
    withdrawn: { type: new Schema({ by: String, at: Date }, { _id: false }) },
    revision: { type: Number },
  },
  { collection: 'libraryStandards', versionKey: false, minimize: true },
);
librarySchema.index({ tenant: 1, 'source.standardId': 1, 'source.version': 1 }, { unique: true });
librarySchema.index({ tenant: 1, reach: 1, addedAt: -1 });
librarySchema.index({ tenant: 1, reach: 1, criterionKeys: 1 });

export function libraryStandardModel(connection: Connection): Model<LibraryStandardDoc> {
  return (
    (connection.models['LibraryStandard'] as Model<LibraryStandardDoc> | undefined) ??
    connection.model<LibraryStandardDoc>('LibraryStandard', librarySchema)
  );
}
