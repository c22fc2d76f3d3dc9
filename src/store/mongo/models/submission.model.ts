/**
 * Submissions: one document per team (team mode) or person (person mode) per task. The unique
 * `{taskId, ownerKey}` index keeps "one submission per owner" even when two members start one at
 * the same moment. Content parts are stored as the domain shapes them (text, link, file reference).
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface ContentPartDoc {
  kind: string;
  markdown?: string;
  url?: string;
  title?: string;
  fileId?: string;
  name?: string;
  size?: number;
  contentType?: string;
}

export interface SubmissionDoc {
  _id: string;
  taskId: string;
  courseId: string;
  /** `team:<teamId>` or `person:<userId>`. */
  ownerKey: string;
  owner: { kind: string; teamId?: string; userId?: string; members?: string[] };
  /** Authors (team members or the person), for "my submissions" queries. */
  authors: string[];
  draft: ContentPartDoc[];
  submitted?: {
    version: number;
    parts: ContentPartDoc[];
    at: Date;
    by: string;
    late?: { byMs: number; dueAt: Date };
  };
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  revision: number;
}

const schema = new Schema<SubmissionDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    courseId: { type: String, required: true },
    ownerKey: { type: String, required: true },
    owner: { type: Schema.Types.Mixed, required: true },
    authors: { type: [String], default: [] },
    draft: { type: Schema.Types.Mixed, default: () => [] },
    submitted: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'submissions', versionKey: false, minimize: false },
);
schema.index({ taskId: 1, ownerKey: 1 }, { unique: true });
schema.index({ authors: 1, taskId: 1 });

export function submissionModel(connection: Connection): Model<SubmissionDoc> {
  return (
    (connection.models['Submission'] as Model<SubmissionDoc> | undefined) ??
    connection.model<SubmissionDoc>('Submission', schema)
  );
}
