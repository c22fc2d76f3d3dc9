/**
 * The teams of a task: one `teamSets` document per task (mode, teams and their members) and one
 * `teamMemberships` document per learner placed in a team. The membership collection's unique
 * `{taskId, userId}` index makes "one team per task" hold even against concurrent writers, and
 * its `{userId, courseId}` index answers "my teams" without scanning team sets.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface TeamDoc {
  id: string;
  number: number;
  name?: string;
  members: string[];
}

export interface TeamSetDoc {
  _id: string; // the task id
  courseId: string;
  mode: string;
  maxSize?: number;
  copiedFrom?: string;
  teams: TeamDoc[];
  revision: number;
}

export interface TeamMembershipDoc {
  _id: string;
  taskId: string;
  courseId: string;
  teamId: string;
  userId: string;
}

const teamSchema = new Schema(
  {
    id: { type: String, required: true },
    number: { type: Number, required: true },
    name: String,
    members: { type: [String], default: [] },
  },
  { _id: false },
);

const teamSetSchema = new Schema<TeamSetDoc>(
  {
    _id: { type: String, required: true },
    courseId: { type: String, required: true },
    mode: { type: String, required: true },
    maxSize: Number,
    copiedFrom: String,
    teams: { type: [teamSchema], default: [] },
    revision: { type: Number, required: true },
  },
  { collection: 'teamSets', versionKey: false },
);
teamSetSchema.index({ courseId: 1 });
teamSetSchema.index({ 'teams.id': 1 });

const membershipSchema = new Schema<TeamMembershipDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    courseId: { type: String, required: true },
    teamId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { collection: 'teamMemberships', versionKey: false },
);
membershipSchema.index({ taskId: 1, userId: 1 }, { unique: true });
membershipSchema.index({ userId: 1, courseId: 1 });
membershipSchema.index({ teamId: 1 });

export function teamSetModel(connection: Connection): Model<TeamSetDoc> {
  return (
    (connection.models['TeamSet'] as Model<TeamSetDoc> | undefined) ??
    connection.model<TeamSetDoc>('TeamSet', teamSetSchema)
  );
}

export function teamMembershipModel(connection: Connection): Model<TeamMembershipDoc> {
  return (
    (connection.models['TeamMembership'] as Model<TeamMembershipDoc> | undefined) ??
    connection.model<TeamMembershipDoc>('TeamMembership', membershipSchema)
  );
}
