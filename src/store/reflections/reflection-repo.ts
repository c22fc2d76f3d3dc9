/** Reflections: plain `Reflection` values; one per learner and task; saves compare-and-set. */
import type { Connection } from 'mongoose';
import type { CriterionGap, GapDirection } from '../../domain/reflection/criterion-gaps.js';
import {
  asReflectionId,
  type Reflection,
  type ReflectionAudience,
  type ReflectionId,
} from '../../domain/reflection/reflection.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asCourseId,
  asCriterionId,
  asTeamId,
  asTeamTaskId,
  asUserId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import {
  reflectionModel,
  type CriterionGapDoc,
  type ReflectionDoc,
} from '../mongo/models/reflection.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';
import { presentNumbers, refFromDoc, refToDoc } from '../shared-mappers.js';

export interface ReflectionRepo {
  findById(id: ReflectionId): Promise<Reflection | undefined>;
  findByAuthor(taskId: TeamTaskId, author: UserId): Promise<Reflection | undefined>;
  /** Every reflection of a team (the caller filters by `canReadReflection`). */
  listByTeam(taskId: TeamTaskId, teamId: TeamId): Promise<readonly Reflection[]>;
  /** @throws the server's duplicate-key error when the author already has one for the task. */
  insert(reflection: Reflection, tx?: Tx): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  save(reflection: Reflection, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createReflectionRepo(connection: Connection): ReflectionRepo {
  const model = reflectionModel(connection);
  return {
    async findById(id) {
      const doc = await model.findById(id).lean<ReflectionDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async findByAuthor(taskId, author) {
      const doc = await model.findOne({ taskId, author }).lean<ReflectionDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTeam(taskId, teamId) {
      const docs = await model
        .find({ taskId, teamId })
        .sort({ createdAt: 1, _id: 1 })
        .lean<ReflectionDoc[]>();
      return docs.map(fromDoc);
    },
    async insert(reflection, tx) {
      await model.create([toDoc(reflection)], sessionOf(tx));
    },
    async save(reflection, expectedRevision, tx) {
      const result = await model.replaceOne(
        { _id: reflection.id, revision: expectedRevision },
        toDoc(reflection),
        sessionOf(tx),
      );
      if (result.matchedCount === 0) {
        const current = await model.findById(reflection.id, { revision: 1 }).lean<{ revision: number }>();
        throw new VersionConflictError({
          entity: 'reflection',
          id: reflection.id,
          expected: expectedRevision,
          ...(current !== null ? { actual: current.revision } : {}),
        });
      }
    },
  };
}

const GAP_NUMBERS = ['self', 'peerMedian', 'facilitator', 'gap'] as const;

function gapToDoc(g: CriterionGap): CriterionGapDoc {
  return {
    criterionId: g.criterionId,
    name: g.name,
    levelCount: g.levelCount,
    peerCount: g.peerCount,
    direction: g.direction,
    highlighted: g.highlighted,
    ...presentNumbers(g, GAP_NUMBERS),
  };
}

function gapFromDoc(d: CriterionGapDoc): CriterionGap {
  return {
    criterionId: asCriterionId(d.criterionId),
    name: d.name,
    levelCount: d.levelCount,
    peerCount: d.peerCount,
    direction: d.direction as GapDirection,
    highlighted: d.highlighted,
    ...presentNumbers(d, GAP_NUMBERS),
  };
}

function toDoc(r: Reflection): ReflectionDoc {
  return {
    _id: r.id,
    courseId: r.courseId,
    taskId: r.taskId,
    teamId: r.teamId,
    author: r.author,
    answers: { happened: r.answers.happened, means: r.answers.means, next: r.answers.next },
    gaps: r.gaps.map(gapToDoc),
    ...(r.standard !== undefined ? { standard: refToDoc(r.standard) } : {}),
    sharedWith: [...r.sharedWith],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    revision: r.revision,
  };
}

function fromDoc(d: ReflectionDoc): Reflection {
  const standard = refFromDoc(d.standard);
  return {
    id: asReflectionId(d._id),
    courseId: asCourseId(d.courseId),
    taskId: asTeamTaskId(d.taskId),
    teamId: asTeamId(d.teamId),
    author: asUserId(d.author),
    answers: { happened: d.answers.happened ?? '', means: d.answers.means ?? '', next: d.answers.next ?? '' },
    gaps: d.gaps.map(gapFromDoc),
    ...(standard !== undefined ? { standard } : {}),
    sharedWith: d.sharedWith as ReflectionAudience[],
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    revision: d.revision,
  };
}
