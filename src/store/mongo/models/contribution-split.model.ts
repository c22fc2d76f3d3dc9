/** Contribution splits (WebPA): one per member per task (unique index). */
import { Schema, type Connection, type Model } from 'mongoose';

export interface ContributionSplitDoc {
  _id: string;
  taskId: string;
  teamId: string;
  raterId: string;
  points: { userId: string; points: number }[];
  at: Date;
  revision: number;
}

const schema = new Schema<ContributionSplitDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    teamId: { type: String, required: true },
    raterId: { type: String, required: true },
    points: { type: Schema.Types.Mixed, default: () => [] },
    at: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'contributionSplits', versionKey: false },
);
schema.index({ taskId: 1, raterId: 1 }, { unique: true });
schema.index({ taskId: 1, teamId: 1 });

export function contributionSplitModel(connection: Connection): Model<ContributionSplitDoc> {
  return (
    (connection.models['ContributionSplit'] as Model<ContributionSplitDoc> | undefined) ??
    connection.model<ContributionSplitDoc>('ContributionSplit', schema)
  );
}
