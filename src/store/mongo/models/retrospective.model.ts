/** Team retrospectives (one per team and task) with their agreed actions embedded. */
import { Schema, type Connection, type Model } from 'mongoose';

export interface RetrospectiveDoc {
  _id: string;
  courseId: string;
  taskId: string;
  teamId: string;
  standard?: { standardId: string; version: number };
  criteria: {
    criterionId: string;
    name: string;
    levelCount: number;
    team?: number;
    /** Legacy: peer figures copied in by earlier versions; never read (they come live from feedback). */
    peerMedian?: number;
    peerCount?: number;
    facilitator?: number;
  }[];
  /** The facilitator's levels per criterion and comment (see `FacilitatorRating`). */
  facilitatorRating?: { levels: Record<string, number>; comment: string; by: string; at: Date };
  wentWell: string;
  toImprove: string;
  actions: { id: string; text: string; owner: string; due: Date; done?: { by: string; at: Date } }[];
  /** Owners of open actions (for "what do I carry into my next task"). */
  openActionOwners: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
}

const retrospectiveSchema = new Schema<RetrospectiveDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    taskId: { type: String, required: true },
    teamId: { type: String, required: true },
    standard: { type: new Schema({ standardId: String, version: Number }, { _id: false }) },
    criteria: {
      type: [
        new Schema(
          {
            criterionId: { type: String, required: true },
            name: { type: String, required: true },
            levelCount: { type: Number, required: true },
            team: Number,
            peerMedian: Number,
            peerCount: Number,
            facilitator: Number,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    facilitatorRating: {
      type: new Schema(
        {
          levels: { type: Schema.Types.Mixed, required: true },
          comment: { type: String, default: '' },
          by: { type: String, required: true },
          at: { type: Date, required: true },
        },
        { _id: false, minimize: false },
      ),
    },
    wentWell: { type: String, default: '' },
    toImprove: { type: String, default: '' },
    actions: {
      type: [
        new Schema(
          {
            id: { type: String, required: true },
            text: { type: String, required: true },
            owner: { type: String, required: true },
            due: { type: Date, required: true },
            done: { type: new Schema({ by: String, at: Date }, { _id: false }) },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    openActionOwners: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'retrospectives', versionKey: false, minimize: true },
);
retrospectiveSchema.index({ taskId: 1, teamId: 1 }, { unique: true });
retrospectiveSchema.index({ courseId: 1, openActionOwners: 1 });

export function retrospectiveModel(connection: Connection): Model<RetrospectiveDoc> {
  return (
    (connection.models['Retrospective'] as Model<RetrospectiveDoc> | undefined) ??
    connection.model<RetrospectiveDoc>('Retrospective', retrospectiveSchema)
  );
}
