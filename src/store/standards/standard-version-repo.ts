/** Frozen standard versions: insert and read only; a version never changes once written. */
import type { Connection } from 'mongoose';
import {
  asCriterionId,
  asObjectionId,
  asStandardId,
  asTeamId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type StandardId,
} from '../../domain/shared/ids.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { deepFreeze, type StandardVersion } from '../../domain/standard/standard-version.js';
import type { Provenance } from '../../domain/standard/team-standard.js';
import type { ConsensusRule } from '../../domain/team-task/team-task.js';
import type { ProvenanceDoc } from '../mongo/models/team-standard.model.js';
import { standardVersionModel, type StandardVersionDoc } from '../mongo/models/standard-version.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface StandardVersionRepo {
  find(ref: StandardRef): Promise<StandardVersion | undefined>;
  /** Oldest first. */
  listByStandard(standardId: StandardId, tx?: Tx): Promise<readonly StandardVersion[]>;
  /** @throws the server's duplicate-key error when that version already exists. */
  insert(version: StandardVersion, courseId: CourseId, tx?: Tx): Promise<void>;
}

export function createStandardVersionRepo(connection: Connection): StandardVersionRepo {
  const model = standardVersionModel(connection);
  return {
    async find(ref) {
      const doc = await model
        .findOne({ standardId: ref.standardId, version: ref.version })
        .lean<StandardVersionDoc>();
      return doc === null ? undefined : versionFromDoc(doc);
    },
    async listByStandard(standardId, tx) {
      const docs = await model
        .find({ standardId }, null, sessionOf(tx))
        .sort({ version: 1 })
        .lean<StandardVersionDoc[]>();
      return docs.map(versionFromDoc);
    },
    async insert(version, courseId, tx) {
      await model.create([versionToDoc(version, courseId)], sessionOf(tx));
    },
  };
}

export function provenanceToDoc(p: Provenance): ProvenanceDoc {
  return {
    source: { standardId: p.source.standardId, version: p.source.version },
    copiedBy: p.copiedBy,
    copiedAt: p.copiedAt,
  };
}

export function provenanceFromDoc(doc: ProvenanceDoc): Provenance {
  return {
    source: { standardId: asStandardId(doc.source.standardId), version: doc.source.version },
    copiedBy: asUserId(doc.copiedBy),
    copiedAt: doc.copiedAt,
  };
}

function versionToDoc(v: StandardVersion, courseId: CourseId): StandardVersionDoc {
  return {
    _id: `${v.standardId}@${v.version}`,
    standardId: v.standardId,
    version: v.version,
    courseId,
    taskId: v.taskId,
    teamId: v.teamId,
    criteria: v.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      levels: c.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
      weight: c.weight,
    })),
    consensusRule: v.consensusRule,
    agreedBy: [...v.agreedBy],
    ...(v.approvedBy !== undefined ? { approvedBy: v.approvedBy } : {}),
    ratifiedAt: v.ratifiedAt,
    overruledObjections: v.overruledObjections.map((o) => ({
      id: o.id,
      by: o.by,
      reason: o.reason,
      ...(o.criterionId !== undefined ? { criterionId: o.criterionId } : {}),
    })),
    agreement: v.agreement,
    ...(v.provenance !== undefined ? { provenance: provenanceToDoc(v.provenance) } : {}),
  };
}

function versionFromDoc(doc: StandardVersionDoc): StandardVersion {
  return deepFreeze({
    standardId: asStandardId(doc.standardId),
    version: doc.version,
    taskId: asTeamTaskId(doc.taskId),
    teamId: asTeamId(doc.teamId),
    criteria: doc.criteria.map((c) => ({
      id: asCriterionId(c.id),
      name: c.name,
      description: c.description,
      levels: c.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
      weight: c.weight,
    })),
    consensusRule: doc.consensusRule as ConsensusRule,
    agreedBy: doc.agreedBy.map(asUserId),
    ...(typeof doc.approvedBy === 'string' ? { approvedBy: asUserId(doc.approvedBy) } : {}),
    ratifiedAt: doc.ratifiedAt,
    overruledObjections: doc.overruledObjections.map((o) => ({
      id: asObjectionId(o.id),
      by: asUserId(o.by),
      reason: o.reason,
      ...(typeof o.criterionId === 'string' ? { criterionId: asCriterionId(o.criterionId) } : {}),
    })),
    agreement: typeof doc.agreement === 'number' ? doc.agreement : null,
    ...(doc.provenance != null ? { provenance: provenanceFromDoc(doc.provenance) } : {}),
  });
}
