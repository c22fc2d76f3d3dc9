/**
 * Standards in the library: plain `LibraryStandard` values. `adoptionCount` is counted on read
 * from the team standards whose provenance points at the entry's version (indexed).
 */
import type { Connection } from 'mongoose';
import {
  asLibraryStandardId,
  libraryStandardCriterionKeys,
  type LibraryStandard,
  type LibraryStandardId,
  type LibraryStandardVisibility,
} from '../../domain/library/library-standard.js';
import { criterionKey } from '../../domain/library/search-terms.js';
import { asCourseId, asTeamId, asTeamTaskId, asUserId, type CourseId } from '../../domain/shared/ids.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
import { asTenantKey, type TenantKey } from '../../domain/shared/tenant.js';
import type { StandardRef } from '../../domain/standard/standard-ref.js';
import { libraryStandardModel, type LibraryStandardDoc } from '../mongo/models/library-standard.model.js';
import { teamStandardModel } from '../mongo/models/team-standard.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';
import { refFromDoc, refToDoc } from '../shared-mappers.js';

export interface LibraryStandardRepo {
  findById(id: LibraryStandardId): Promise<LibraryStandard | undefined>;
  findBySource(tenant: TenantKey, source: StandardRef, tx?: Tx): Promise<LibraryStandard | undefined>;
  /**
   * Entries a viewer of `courseId` may see (at most 500, newest first), most adopted first, then
   * highest agreement; optionally only those with a criterion.
   */
  list(
    tenant: TenantKey,
    courseId: CourseId,
    options?: { readonly criterion?: string; readonly limit?: number },
  ): Promise<readonly LibraryStandard[]>;
  /** @throws the server's duplicate-key error when the version is already in the library. */
  insert(entry: LibraryStandard, tx?: Tx): Promise<void>;
  /**
   * Compare-and-set on `revision`.
   * @throws VersionConflictError when the stored entry is no longer at `expectedRevision`.
   */
  save(entry: LibraryStandard, expectedRevision: number, tx?: Tx): Promise<void>;
}

export function createLibraryStandardRepo(connection: Connection): LibraryStandardRepo {
  const model = libraryStandardModel(connection);
  const teamStandards = teamStandardModel(connection);
  /** The entries with their adoption counts (one indexed aggregate for all of them). */
  const withAdoptions = async (docs: readonly LibraryStandardDoc[]): Promise<LibraryStandard[]> => {
    if (docs.length === 0) return [];
    const rows = await teamStandards.aggregate<{ _id: { s: string; v: number }; n: number }>([
      {
        $match: {
          'provenance.source.standardId': { $in: [...new Set(docs.map((d) => d.source.standardId))] },
        },
      },
      {
        $group: {
          _id: { s: '$provenance.source.standardId', v: '$provenance.source.version' },
          n: { $sum: 1 },
        },
      },
    ]);
    const counts = new Map(rows.map((r) => [`${r._id.s}@${r._id.v}`, r.n]));
    return docs.map((d) => fromDoc(d, counts.get(`${d.source.standardId}@${d.source.version}`) ?? 0));
  };
  return {
    async findById(id) {
      const doc = await model.findById(id).lean<LibraryStandardDoc>();
      return doc === null ? undefined : (await withAdoptions([doc]))[0];
    },
    async findBySource(tenant, source, tx) {
      const doc = await model
        .findOne(
          { tenant, 'source.standardId': source.standardId, 'source.version': source.version },
          null,
          sessionOf(tx),
        )
        .lean<LibraryStandardDoc>();
      return doc === null ? undefined : (await withAdoptions([doc]))[0];
    },
    async list(tenant, courseId, options = {}) {
      const key = options.criterion === undefined ? '' : criterionKey(options.criterion);
      const docs = await model
        .find({
          tenant,
          reach: { $in: ['platform', `course:${courseId}`] },
          ...(key !== '' ? { criterionKeys: key } : {}),
        })
        .sort({ addedAt: -1 })
        .limit(500)
        .lean<LibraryStandardDoc[]>();
      const entries = await withAdoptions(docs);
      return entries
        .sort((a, b) => b.adoptionCount - a.adoptionCount || (b.agreement ?? -1) - (a.agreement ?? -1))
        .slice(0, options.limit ?? 50);
    },
    async insert(entry, tx) {
      await model.create([toDoc(entry)], sessionOf(tx));
    },
    async save(entry, expectedRevision, tx) {
      const { _id, ...fields } = toDoc(entry);
      // Entries stored before revisions existed have none: they count as revision 1.
      const current = expectedRevision === 1 ? { $in: [1, null] } : expectedRevision;
      const result = await model.updateOne(
        { _id: entry.id, revision: current },
        { $set: fields },
        sessionOf(tx),
      );
      if (result.matchedCount === 0) {
        throw new VersionConflictError({
          entity: 'library-standard',
          id: entry.id,
          expected: expectedRevision,
        });
      }
    },
  };
}

function toDoc(e: LibraryStandard): LibraryStandardDoc {
  return {
    _id: e.id,
    tenant: e.tenant,
    source: refToDoc(e.source),
    title: e.title,
    summary: e.summary,
    criteria: e.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    criterionKeys: libraryStandardCriterionKeys(e),
    origin: {
      courseId: e.origin.courseId,
      taskId: e.origin.taskId,
      teamId: e.origin.teamId,
      ratifiedAt: e.origin.ratifiedAt,
      ...(e.origin.copiedFrom !== undefined ? { copiedFrom: refToDoc(e.origin.copiedFrom) } : {}),
    },
    agreement: e.agreement,
    visibility: e.visibility,
    reach:
      e.withdrawn !== undefined
        ? null
        : e.visibility === 'platform'
          ? 'platform'
          : `course:${e.origin.courseId}`,
    addedBy: e.addedBy,
    addedAt: e.addedAt,
    ...(e.withdrawn !== undefined ? { withdrawn: { by: e.withdrawn.by, at: e.withdrawn.at } } : {}),
    revision: e.revision,
  };
}

function fromDoc(d: LibraryStandardDoc, adoptionCount: number): LibraryStandard {
  const source = refFromDoc(d.source);
  if (source === undefined) throw new TypeError(`library standard ${d._id} has no source`);
  const copiedFrom = refFromDoc(d.origin.copiedFrom);
  return {
    id: asLibraryStandardId(d._id),
    tenant: asTenantKey(d.tenant),
    source,
    title: d.title,
    summary: d.summary,
    criteria: d.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    origin: {
      courseId: asCourseId(d.origin.courseId),
      taskId: asTeamTaskId(d.origin.taskId),
      teamId: asTeamId(d.origin.teamId),
      ratifiedAt: d.origin.ratifiedAt,
      ...(copiedFrom !== undefined ? { copiedFrom } : {}),
    },
    agreement: typeof d.agreement === 'number' ? d.agreement : null,
    adoptionCount,
    visibility: d.visibility as LibraryStandardVisibility,
    addedBy: asUserId(d.addedBy),
    addedAt: d.addedAt,
    ...(d.withdrawn != null && typeof d.withdrawn.by === 'string'
      ? { withdrawn: { by: asUserId(d.withdrawn.by), at: d.withdrawn.at } }
      : {}),
    revision: typeof d.revision === 'number' ? d.revision : 1,
  };
}
