import { Schema, Types, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

export type GradePublicationStatus = 'pending' | 'sent' | 'failed';

/**
 * The latest score of one person for one placement, waiting to be sent to the platform's
 * gradebook (AGS) or sent already. A newer score replaces the pending one (the gradebook only
 * keeps the latest); `version` tells the worker whether the score changed while it was sending.
 */
export interface GradePublicationDoc {
  _id: string;
  placementId: string;
  taskId: string;
  courseId: Types.ObjectId;
  personId: Types.ObjectId;
  /** The person's LTI `sub` on the platform (the AGS `userId`). */
  subject: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
  activityProgress: string;
  gradingProgress: string;
  /** When the score was given (the AGS timestamp). */
  timestamp: Date;
  status: GradePublicationStatus;
  version: number;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil?: Date;
  lastError?: string;
  lastStatus?: number;
  sentAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<GradePublicationDoc>(
  {
    _id: { type: String, required: true },
    placementId: { type: String, required: true },
    taskId: { type: String, required: true },
    courseId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    subject: { type: String, required: true },
    scoreGiven: { type: Number, required: true },
    scoreMaximum: { type: Number, required: true },
    comment: String,
    activityProgress: { type: String, required: true },
    gradingProgress: { type: String, required: true },
    timestamp: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'sent', 'failed'], required: true },
    version: { type: Number, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: Date,
    lastError: String,
    lastStatus: Number,
    sentAt: Date,
  },
  { collection: 'gradePublications', timestamps: true, versionKey: false },
);
schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ courseId: 1, status: 1 });

export const gradePublicationModel = modelPerConnection((connection: Connection) =>
  connection.model('GradePublication', schema),
);
