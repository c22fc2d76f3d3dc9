/** Placements (resource link → team task) as plain values. */
import { Types, type Connection } from 'mongoose';
import { asCourseId, asTeamTaskId, type CourseId, type TeamTaskId } from '../../domain/shared/ids.js';
import { placementModel, type PlacementDoc } from '../mongo/models/placement.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface Placement {
  readonly id: string;
  readonly courseId: CourseId;
  readonly issuer: string;
  readonly deploymentId: string;
  readonly contextId: string;
  readonly taskId: TeamTaskId;
  readonly title: string;
  readonly graded: boolean;
  readonly scoreMaximum: number | undefined;
  readonly resourceLinkId: string | undefined;
  readonly lineItemUrl: string | undefined;
}

export interface NewPlacement {
  readonly id: string;
  readonly courseId: CourseId;
  readonly issuer: string;
  readonly deploymentId: string;
  readonly contextId: string;
  readonly taskId: TeamTaskId;
  readonly title: string;
  readonly graded: boolean;
  readonly scoreMaximum: number | undefined;
  readonly resourceLinkId?: string | undefined;
  readonly lineItemUrl?: string | undefined;
  readonly createdBy: string;
  readonly at: Date;
}

export interface ResourceLinkKey {
  readonly issuer: string;
  readonly deploymentId: string;
  readonly resourceLinkId: string;
}

export interface PlacementRepo {
  insert(placement: NewPlacement, tx?: Tx): Promise<Placement>;
  findById(id: string): Promise<Placement | undefined>;
  findByResourceLink(key: ResourceLinkKey): Promise<Placement | undefined>;
  /** Binds an unbound placement to its resource link; false when it is bound already. */
  bind(id: string, resourceLinkId: string, lineItemUrl: string | undefined): Promise<boolean>;
  setLineItemUrl(id: string, lineItemUrl: string | undefined): Promise<void>;
  listByTask(taskId: TeamTaskId): Promise<readonly Placement[]>;
}

function toPlacement(doc: PlacementDoc): Placement {
  return {
    id: doc._id,
    courseId: asCourseId(String(doc.courseId)),
    issuer: doc.issuer,
    deploymentId: doc.deploymentId,
    contextId: doc.contextId,
    taskId: asTeamTaskId(doc.taskId),
    title: doc.title,
    graded: doc.graded,
    scoreMaximum: doc.scoreMaximum,
    resourceLinkId: doc.resourceLinkId,
    lineItemUrl: doc.lineItemUrl,
  };
}

export function createPlacementRepo(connection: Connection): PlacementRepo {
  const Placements = placementModel(connection);
  return {
    async insert(p, tx) {
      const [doc] = await Placements.create(
        [
          {
            _id: p.id,
            courseId: new Types.ObjectId(p.courseId),
            issuer: p.issuer,
            deploymentId: p.deploymentId,
            contextId: p.contextId,
            taskId: p.taskId,
            title: p.title,
            graded: p.graded,
            ...(p.scoreMaximum === undefined ? {} : { scoreMaximum: p.scoreMaximum }),
            ...(p.resourceLinkId === undefined ? {} : { resourceLinkId: p.resourceLinkId }),
            ...(p.lineItemUrl === undefined ? {} : { lineItemUrl: p.lineItemUrl }),
            createdBy: p.createdBy,
            createdAt: p.at,
            updatedAt: p.at,
          },
        ],
        sessionOf(tx),
      );
      return toPlacement(doc!.toObject());
    },
    async findById(id) {
      const doc = await Placements.findById(id).lean<PlacementDoc>();
      return doc === null ? undefined : toPlacement(doc);
    },
    async findByResourceLink(key) {
      const doc = await Placements.findOne({
        issuer: key.issuer,
        deploymentId: key.deploymentId,
        resourceLinkId: key.resourceLinkId,
      })
        .sort({ createdAt: -1 })
        .lean<PlacementDoc>();
      return doc === null ? undefined : toPlacement(doc);
    },
    async bind(id, resourceLinkId, lineItemUrl) {
      const result = await Placements.updateOne(
        { _id: id, resourceLinkId: { $exists: false } },
        { $set: { resourceLinkId, ...(lineItemUrl === undefined ? {} : { lineItemUrl }) } },
      );
      return result.modifiedCount === 1;
    },
    async setLineItemUrl(id, lineItemUrl) {
      await Placements.updateOne(
        { _id: id },
        lineItemUrl === undefined ? { $unset: { lineItemUrl: 1 } } : { $set: { lineItemUrl } },
      );
    },
    async listByTask(taskId) {
      return (await Placements.find({ taskId }).sort({ createdAt: 1 }).lean<PlacementDoc[]>()).map(
        toPlacement,
      );
    },
  };
}
