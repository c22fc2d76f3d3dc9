import { Schema, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/** An LTI context (course) within one platform deployment. */
export interface CourseDoc {
  issuer: string;
  deploymentId: string;
  contextId: string;
  title?: string;
  label?: string;
  lastLaunchAt: Date;
  /** The platform registration (client id) launches into this course came through. */
  clientId?: string;
  /** LTI Advantage endpoints from the latest launch that carried them. */
  membershipsUrl?: string;
  lineItemsUrl?: string;
  agsScopes?: string[];
  /** The latest roster sync (names and roles). */
  roster?: RosterSyncDoc;
}

export interface RosterSyncDoc {
  status: 'ok' | 'failed';
  at: Date;
  /** When the roster was last synced successfully. */
  syncedAt?: Date;
  activeCount?: number;
  inactiveCount?: number;
  pages?: number;
  error?: string;
}

const schema = new Schema<CourseDoc>(
  {
    issuer: { type: String, required: true },
    deploymentId: { type: String, required: true },
    contextId: { type: String, required: true },
    title: String,
    label: String,
    lastLaunchAt: { type: Date, required: true },
    clientId: String,
    membershipsUrl: String,
    lineItemsUrl: String,
    agsScopes: { type: [String], default: undefined },
    roster: {
      type: new Schema<RosterSyncDoc>(
        {
          status: { type: String, enum: ['ok', 'failed'], required: true },
          at: { type: Date, required: true },
          syncedAt: Date,
          activeCount: Number,
          inactiveCount: Number,
          pages: Number,
          error: String,
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { collection: 'courses', timestamps: true },
);
schema.index({ issuer: 1, deploymentId: 1, contextId: 1 }, { unique: true });

export const courseModel = modelPerConnection((connection: Connection) => connection.model('Course', schema));
