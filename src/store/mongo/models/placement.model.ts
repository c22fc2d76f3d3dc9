import { Schema, Types, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/**
 * A placement: one LTI resource link in a course that opens a team task, with its grading. Made
 * by deep linking (bound to its resource link at the first launch, which carries the custom
 * parameter `teamloop_placement`) or by setting up an unconfigured link in place.
 */
export interface PlacementDoc {
  _id: string;
  courseId: Types.ObjectId;
  issuer: string;
  deploymentId: string;
  contextId: string;
  taskId: string;
  title: string;
  graded: boolean;
  scoreMaximum?: number;
  resourceLinkId?: string;
  /** The platform's line item for this resource link (an opaque URL, possibly with a query). */
  lineItemUrl?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<PlacementDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: Schema.Types.ObjectId, required: true },
    issuer: { type: String, required: true },
    deploymentId: { type: String, required: true },
    contextId: { type: String, required: true },
    taskId: { type: String, required: true },
    title: { type: String, required: true },
    graded: { type: Boolean, required: true },
    scoreMaximum: Number,
    resourceLinkId: String,
    lineItemUrl: String,
    createdBy: { type: String, required: true },
  },
  { collection: 'placements', timestamps: true, versionKey: false },
);
schema.index({ issuer: 1, deploymentId: 1, resourceLinkId: 1 });
schema.index({ taskId: 1 });

export const placementModel = modelPerConnection((connection: Connection) =>
  connection.model('Placement', schema),
);
