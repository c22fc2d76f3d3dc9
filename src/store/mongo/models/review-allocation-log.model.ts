/**
 * The allocation log of a task: every automatic run (with its seed, so it can be replayed, the
 * strategy and the domain's log) and every adjustment by hand. Runs have `_id`
 * `<taskId>:run:<round>`, so two facilitators starting round n at once cannot both succeed.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface AllocationLogDoc {
  _id: string;
  taskId: string;
  kind: string;
  at: Date;
  by: string;
  round?: number;
  seed?: number;
  scope?: string;
  reviewsPerSubmission?: number;
  status?: string;
  balanced?: boolean;
  added?: number;
  log?: Record<string, unknown>[];
  submissionId?: string;
  reviewerId?: string;
  note?: string;
}

const schema = new Schema<AllocationLogDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    round: Number,
    seed: Number,
    scope: String,
    reviewsPerSubmission: Number,
    status: String,
    balanced: Boolean,
    added: Number,
    log: { type: Schema.Types.Mixed },
    submissionId: String,
    reviewerId: String,
    note: String,
  },
  { collection: 'reviewAllocationLog', versionKey: false },
);
schema.index({ taskId: 1, at: 1 });

export function allocationLogModel(connection: Connection): Model<AllocationLogDoc> {
  return (
    (connection.models['ReviewAllocationLog'] as Model<AllocationLogDoc> | undefined) ??
    connection.model<AllocationLogDoc>('ReviewAllocationLog', schema)
  );
}
