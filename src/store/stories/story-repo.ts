/**
 * Stories: plain `Story` values in and out. A save compares and sets `revision` and rewrites
 * the derived search fields; the counters (`helpfulCount`, `viewCount`) are only ever changed
 * with `$inc`, so a save never undoes a concurrent mark or view.
 *
 * `search` is the library query: tenant and reach keys first (the caller gets them from the
 * viewer, see `domain/story/visibility.ts`), then all terms, criterion, kind, course, date
 * range; newest first, one page.
 */
import type { Connection, QueryFilter } from 'mongoose';
import type { LibraryLookup } from '../../domain/library/library-query.js';
import { criterionKey, storyTerms } from '../../domain/library/search-terms.js';
import { VersionConflictError } from '../../domain/shared/errors.js';
import {
  asCourseId,
  asCriterionId,
  asStandardId,
  asTeamId,
  asTeamTaskId,
  asUserId,
  type CourseId,
  type TeamId,
  type UserId,
} from '../../domain/shared/ids.js';
import { asTenantKey, type TenantKey } from '../../domain/shared/tenant.js';
import {
  asStoryId,
  isListed,
  readableContent,
  type CurationAction,
  type Story,
  type StoryContent,
  type StoryId,
  type StoryKind,
  type StoryStatus,
  type StoryVisibility,
} from '../../domain/story/story.js';
import { libraryReachOf } from '../../domain/story/visibility.js';
import {
  storyHelpfulMarkModel,
  storyViewModel,
  storyModel,
  type StoryContentDoc,
  type StoryDoc,
} from '../mongo/models/story.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';

export interface StoryRepo {
  findById(id: StoryId, tx?: Tx): Promise<Story | undefined>;
  insert(story: Story, tx?: Tx): Promise<void>;
  /** @throws VersionConflictError when the stored revision is not `expectedRevision`. */
  save(story: Story, expectedRevision: number, tx?: Tx): Promise<void>;
  /** Stories of a course in the given states, oldest first (the curation queue). */
  listByCourse(courseId: CourseId, statuses: readonly StoryStatus[]): Promise<readonly Story[]>;
  /** A team's stories, newest first. */
  listByTeam(teamId: TeamId): Promise<readonly Story[]>;
  /** Stories a person is an author of, in one tenant, newest first. */
  listByAuthor(tenant: TenantKey, userId: UserId): Promise<readonly Story[]>;
  /** One page of listed stories the reach keys allow, newest first. */
  search(tenant: TenantKey, reachKeys: readonly string[], lookup: LibraryLookup): Promise<readonly Story[]>;
  /**
   * Records a mark and counts it. Check `hasHelpfulMark` first in the same transaction (a
   * duplicate key aborts a MongoDB transaction).
   * @throws the server's duplicate-key error when the person had already marked the story.
   */
  addHelpfulMark(storyId: StoryId, userId: UserId, at: Date, tx?: Tx): Promise<void>;
  /** Removes a mark; false when there was none. */
  removeHelpfulMark(storyId: StoryId, userId: UserId, tx?: Tx): Promise<boolean>;
  hasHelpfulMark(storyId: StoryId, userId: UserId, tx?: Tx): Promise<boolean>;
  /**
   * Counts a reader's view once per UTC day: true when this was the reader's first view of the
   * story that day (and the count went up), false when it was already counted.
   */
  countView(storyId: StoryId, userId: UserId, day: string, at: Date, tx?: Tx): Promise<boolean>;
}

export function createStoryRepo(connection: Connection): StoryRepo {
  const model = storyModel(connection);
  const marks = storyHelpfulMarkModel(connection);
  const views = storyViewModel(connection);
  return {
    async findById(id, tx) {
      const doc = await model.findById(id, null, sessionOf(tx)).lean<StoryDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async insert(story, tx) {
      await model.create([toDoc(story)], sessionOf(tx));
    },
    async save(story, expectedRevision, tx) {
      const { helpfulCount: _h, viewCount: _v, _id: _id, ...fields } = toDoc(story);
      const unset: Record<string, 1> = {};
      for (const key of ['taskId', 'teamId', 'published', 'returnComment'] as const) {
        if (fields[key] === undefined) unset[key] = 1;
      }
      const result = await model.updateOne(
        { _id: story.id, revision: expectedRevision },
        { $set: fields, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
        sessionOf(tx),
      );
      if (result.matchedCount === 0) {
        const current = await model
          .findById(story.id, { revision: 1 }, sessionOf(tx))
          .lean<{ revision: number }>();
        throw new VersionConflictError({
          entity: 'story',
          id: story.id,
          expected: expectedRevision,
          ...(current !== null ? { actual: current.revision } : {}),
        });
      }
    },
    async listByCourse(courseId, statuses) {
      const docs = await model
        .find({ courseId, status: { $in: [...statuses] } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<StoryDoc[]>();
      return docs.map(fromDoc);
    },
    async listByTeam(teamId) {
      const docs = await model.find({ teamId }).sort({ createdAt: -1 }).lean<StoryDoc[]>();
      return docs.map(fromDoc);
    },
    async listByAuthor(tenant, userId) {
      const docs = await model.find({ authors: userId, tenant }).sort({ createdAt: -1 }).lean<StoryDoc[]>();
      return docs.map(fromDoc);
    },
    async search(tenant, reachKeys, lookup) {
      const docs = await model
        .find(searchFilter(tenant, reachKeys, lookup))
        .sort({ publishedAt: -1 })
        .limit(lookup.limit)
        .lean<StoryDoc[]>();
      return docs.map(fromDoc);
    },
    async addHelpfulMark(storyId, userId, at, tx) {
      await marks.create([{ _id: `${storyId} ${userId}`, storyId, userId, at }], sessionOf(tx));
      await model.updateOne({ _id: storyId }, { $inc: { helpfulCount: 1 } }, sessionOf(tx));
    },
    async removeHelpfulMark(storyId, userId, tx) {
      const result = await marks.deleteOne({ storyId, userId }, sessionOf(tx));
      if (result.deletedCount === 0) return false;
      await model.updateOne({ _id: storyId }, { $inc: { helpfulCount: -1 } }, sessionOf(tx));
      return true;
    },
    async hasHelpfulMark(storyId, userId, tx) {
      return (await marks.findOne({ storyId, userId }, { _id: 1 }, sessionOf(tx)).lean()) !== null;
    },
    async countView(storyId, userId, day, at, tx) {
      // An upsert, not an insert: a duplicate key would abort the caller's transaction.
      const seen = await views.updateOne(
        { _id: `${storyId} ${userId} ${day}` },
        { $setOnInsert: { storyId, userId, day, at } },
        { upsert: true, ...sessionOf(tx) },
      );
      if (seen.upsertedCount === 0) return false;
      await model.updateOne({ _id: storyId }, { $inc: { viewCount: 1 } }, sessionOf(tx));
      return true;
    },
  };
}

/** The library query as a MongoDB filter (exported for the benchmark and `explain`). */
export function searchFilter(
  tenant: TenantKey,
  reachKeys: readonly string[],
  lookup: LibraryLookup,
): QueryFilter<StoryDoc> {
  const filter: QueryFilter<StoryDoc> = {
    tenant,
    reach: reachKeys.length === 1 ? reachKeys[0] : { $in: [...reachKeys] },
  };
  if (lookup.terms.length === 1) filter.terms = lookup.terms[0];
  else if (lookup.terms.length > 1) filter.terms = { $all: [...lookup.terms] };
  if (lookup.criterionKey !== undefined) filter.criterionKeys = lookup.criterionKey;
  if (lookup.kind !== undefined) filter.kind = lookup.kind;
  if (lookup.courseId !== undefined) filter.courseId = lookup.courseId;
  if (lookup.featuredOnly) filter.featured = true;
  if (lookup.since !== undefined || lookup.before !== undefined) {
    filter.publishedAt = {
      ...(lookup.since !== undefined ? { $gte: lookup.since } : {}),
      ...(lookup.before !== undefined ? { $lt: lookup.before } : {}),
    };
  }
  return filter;
}

function contentToDoc(c: StoryContent): StoryContentDoc {
  return {
    title: c.title,
    narrative: c.narrative,
    kind: c.kind,
    criteria: c.criteria.map((k) => ({
      name: k.name,
      ...(k.criterionId !== undefined ? { criterionId: k.criterionId } : {}),
    })),
    ...(c.standard !== undefined
      ? { standard: { standardId: c.standard.standardId, version: c.standard.version } }
      : {}),
    visibility: c.visibility,
  };
}

function contentFromDoc(d: StoryContentDoc): StoryContent {
  return {
    title: d.title,
    narrative: d.narrative,
    kind: d.kind as StoryKind,
    criteria: d.criteria.map((k) => ({
      name: k.name,
      ...(typeof k.criterionId === 'string' ? { criterionId: asCriterionId(k.criterionId) } : {}),
    })),
    ...(d.standard != null && typeof d.standard.standardId === 'string'
      ? { standard: { standardId: asStandardId(d.standard.standardId), version: d.standard.version } }
      : {}),
    visibility: d.visibility as StoryVisibility,
  };
}

export function toDoc(story: Story): StoryDoc {
  const readable = readableContent(story);
  const listed = isListed(story);
  return {
    _id: story.id,
    tenant: story.tenant,
    courseId: story.courseId,
    ...(story.taskId !== undefined ? { taskId: story.taskId } : {}),
    ...(story.teamId !== undefined ? { teamId: story.teamId } : {}),
    authors: [...story.authors],
    draft: contentToDoc(story.draft),
    ...(story.published !== undefined
      ? { published: { ...contentToDoc(story.published), at: story.published.at, by: story.published.by } }
      : {}),
    status: story.status,
    ...(story.returnComment !== undefined ? { returnComment: story.returnComment } : {}),
    history: story.history.map((h) => ({
      action: h.action,
      by: h.by,
      at: h.at,
      ...(h.comment !== undefined ? { comment: h.comment } : {}),
    })),
    helpfulCount: story.helpfulCount,
    viewCount: story.viewCount,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    revision: story.revision,
    reach: libraryReachOf(story) ?? null,
    publishedAt: story.published?.at ?? null,
    featured: story.status === 'featured',
    kind: readable.kind,
    // Only listed stories are searchable: the others need no index entries.
    terms: listed ? storyTerms(readable) : [],
    criterionKeys: listed ? [...new Set(readable.criteria.map((c) => criterionKey(c.name)))] : [],
  };
}

function fromDoc(doc: StoryDoc): Story {
  return {
    id: asStoryId(doc._id),
    tenant: asTenantKey(doc.tenant),
    courseId: asCourseId(doc.courseId),
    ...(typeof doc.taskId === 'string' ? { taskId: asTeamTaskId(doc.taskId) } : {}),
    ...(typeof doc.teamId === 'string' ? { teamId: asTeamId(doc.teamId) } : {}),
    authors: doc.authors.map(asUserId),
    draft: contentFromDoc(doc.draft),
    ...(doc.published != null
      ? {
          published: {
            ...contentFromDoc(doc.published),
            at: doc.published.at,
            by: asUserId(doc.published.by),
          },
        }
      : {}),
    status: doc.status as StoryStatus,
    ...(typeof doc.returnComment === 'string' ? { returnComment: doc.returnComment } : {}),
    history: doc.history.map((h) => ({
      action: h.action as CurationAction,
      by: asUserId(h.by),
      at: h.at,
      ...(typeof h.comment === 'string' ? { comment: h.comment } : {}),
    })),
    helpfulCount: doc.helpfulCount,
    viewCount: doc.viewCount,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    revision: doc.revision,
  };
}
