import { Schema, Types, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/** A person's roles in a course, as of their last launch. */
export interface MembershipDoc {
  courseId: Types.ObjectId;
  personId: Types.ObjectId;
  roles: string[];
  ltiRoles: string[];
  lastLaunchAt: Date;
}

const schema = new Schema<MembershipDoc>(
  {
    courseId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    roles: { type: [String], default: [] },
    ltiRoles: { type: [String], default: [] },
    lastLaunchAt: { type: Date, required: true },
  },
  { collection: 'memberships', timestamps: true },
);
schema.index({ courseId: 1, personId: 1 }, { unique: true });
schema.index({ personId: 1 });

export const membershipModel = modelPerConnection((connection: Connection) =>
  connection.model('Membership', schema),
);
