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
}

const schema = new Schema<CourseDoc>(
  {
    issuer: { type: String, required: true },
    deploymentId: { type: String, required: true },
    contextId: { type: String, required: true },
    title: String,
    label: String,
    lastLaunchAt: { type: Date, required: true },
  },
  { collection: 'courses', timestamps: true },
);
schema.index({ issuer: 1, deploymentId: 1, contextId: 1 }, { unique: true });

export const courseModel = modelPerConnection((connection: Connection) => connection.model('Course', schema));
