import { Schema, Types, type Connection } from 'mongoose';
import { modelPerConnection } from './model-per-connection.js';

/**
 * A person's roles in a course, as of their last launch or roster sync. A member the platform's
 * roster no longer lists stays, marked inactive (their teams and work keep their name).
 */
export interface MembershipDoc {
  courseId: Types.ObjectId;
  personId: Types.ObjectId;
  roles: string[];
  ltiRoles: string[];
  /** Undefined for members known only from the roster. */
  lastLaunchAt?: Date;
  /** False once the roster no longer lists the person (or lists them inactive); a launch re-activates. */
  active: boolean;
  /** Where the membership was first learned: a launch or the roster (names and roles). */
  source: 'launch' | 'roster';
  /** When a roster sync last listed (or delisted) the person. */
  syncedAt?: Date;
}

const schema = new Schema<MembershipDoc>(
  {
    courseId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    roles: { type: [String], default: [] },
    ltiRoles: { type: [String], default: [] },
    lastLaunchAt: Date,
    active: { type: Boolean, default: true },
    source: { type: String, enum: ['launch', 'roster'], default: 'launch' },
    syncedAt: Date,
  },
  { collection: 'memberships', timestamps: true },
);
schema.index({ courseId: 1, personId: 1 }, { unique: true });
schema.index({ personId: 1 });
schema.index({ courseId: 1, active: 1, roles: 1 });

export const membershipModel = modelPerConnection((connection: Connection) =>
  connection.model('Membership', schema),
);
