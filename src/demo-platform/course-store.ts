/**
 * What changes in the demo course over time, kept in the app database: members an
 * administrator removed (the NRPS roster leaves them out), activities added by deep linking
 * (resource links with their custom parameters and line item), AGS line items and the latest
 * score per person and line item. Plus a test hook that makes the next score posts fail.
 */
import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

export interface StoredPlacement {
  _id: string;
  title: string;
  custom: Record<string, string>;
  lineItemId?: string;
  createdAt: Date;
}

export interface StoredLineItem {
  _id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
  createdAt: Date;
}

export interface StoredScore {
  _id: string;
  lineItemId: string;
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: string;
  gradingProgress: string;
  timestamp: Date;
  receivedAt: Date;
}

interface RemovedMember {
  _id: string;
  removedAt: Date;
}

export interface ScoreFailure {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

export interface DemoCourseStore {
  readonly placements: Model<StoredPlacement>;
  readonly lineItems: Model<StoredLineItem>;
  readonly scores: Model<StoredScore>;
  removedMembers(): Promise<ReadonlySet<string>>;
  removeMember(userId: string, at: Date): Promise<void>;
  restoreMember(userId: string): Promise<void>;
  newId(): string;
  /** Test hook: the next `count` score posts answer `failure` instead of storing the score. */
  failNextScores(count: number, failure: ScoreFailure): void;
  /** The failure for this score post, if one is pending (consumes it). */
  takeScoreFailure(): ScoreFailure | undefined;
}

function model<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

export async function createDemoCourseStore(connection: Connection): Promise<DemoCourseStore> {
  const placements = model(
    connection,
    'DemoPlatformPlacement',
    new Schema<StoredPlacement>(
      {
        _id: { type: String, required: true },
        title: { type: String, required: true },
        custom: { type: Schema.Types.Mixed, default: {} },
        lineItemId: String,
        createdAt: { type: Date, required: true },
      },
      { collection: 'demoPlatformPlacements', versionKey: false, minimize: false },
    ),
  );
  const lineItems = model(
    connection,
    'DemoPlatformLineItem',
    new Schema<StoredLineItem>(
      {
        _id: { type: String, required: true },
        contextId: { type: String, required: true },
        label: { type: String, required: true },
        scoreMaximum: { type: Number, required: true },
        resourceLinkId: String,
        resourceId: String,
        tag: String,
        createdAt: { type: Date, required: true },
      },
      { collection: 'demoPlatformLineItems', versionKey: false },
    ),
  );
  const scores = model(
    connection,
    'DemoPlatformScore',
    new Schema<StoredScore>(
      {
        _id: { type: String, required: true },
        lineItemId: { type: String, required: true, index: true },
        userId: { type: String, required: true },
        scoreGiven: Number,
        scoreMaximum: Number,
        comment: String,
        activityProgress: { type: String, required: true },
        gradingProgress: { type: String, required: true },
        timestamp: { type: Date, required: true },
        receivedAt: { type: Date, required: true },
      },
      { collection: 'demoPlatformScores', versionKey: false },
    ),
  );
  const removed = model(
    connection,
    'DemoPlatformRemovedMember',
    new Schema<RemovedMember>(
      { _id: { type: String, required: true }, removedAt: { type: Date, required: true } },
      { collection: 'demoPlatformRemovedMembers', versionKey: false },
    ),
  );
  await Promise.all([placements.init(), lineItems.init(), scores.init(), removed.init()]);
  const failures: ScoreFailure[] = [];
  return {
    placements,
    lineItems,
    scores,
    async removedMembers() {
      return new Set((await removed.find({}).select({ _id: 1 }).lean()).map((r) => r._id));
    },
    async removeMember(userId, at) {
      await removed.updateOne({ _id: userId }, { $setOnInsert: { removedAt: at } }, { upsert: true });
    },
    async restoreMember(userId) {
      await removed.deleteOne({ _id: userId });
    },
    newId: () => randomBytes(9).toString('base64url'),
    failNextScores(count, failure) {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    takeScoreFailure: () => failures.shift(),
  };
}
