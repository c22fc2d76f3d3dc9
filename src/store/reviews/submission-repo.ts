/** Submissions: plain `Submission` values in and out; saves compare-and-set on `revision`. */
import type { Connection } from 'mongoose';
import { asTeamId, asTeamTaskId, asUserId, type CourseId, type TeamTaskId } from '../../domain/shared/ids.js';
import {
  asFileId,
  asSubmissionId,
  authorsOf,
  type ContentPart,
  type Submission,
  type SubmissionId,
  type SubmissionOwner,
} from '../../domain/submission/submission.js';
import {
  submissionModel,
  type ContentPartDoc,
  type SubmissionDoc,
} from '../mongo/models/submission.model.js';
import { sessionOf, type Tx } from '../mongo/transactions.js';
import { compareAndSet, optional } from './compare-and-set.js';

export interface SubmissionRepo {
  findById(id: SubmissionId, tx?: Tx): Promise<Submission | undefined>;
  findByOwner(taskId: TeamTaskId, owner: SubmissionOwner, tx?: Tx): Promise<Submission | undefined>;
  listByTask(taskId: TeamTaskId): Promise<readonly Submission[]>;
  /** The submissions of the given owners, each in its task (one query). */
  listByOwners(
    keys: readonly { readonly taskId: TeamTaskId; readonly owner: SubmissionOwner }[],
  ): Promise<readonly Submission[]>;
  /** Creates (`expectedRevision` undefined) or replaces. @throws VersionConflictError on a lost race. */
  save(
    submission: Submission,
    courseId: CourseId,
    expectedRevision: number | undefined,
    tx?: Tx,
  ): Promise<void>;
}

/** The key of "one submission per owner per task". */
export function ownerKey(owner: SubmissionOwner): string {
  return owner.kind === 'team' ? `team:${owner.teamId}` : `person:${owner.userId}`;
}

export function createSubmissionRepo(connection: Connection): SubmissionRepo {
  const model = submissionModel(connection);
  return {
    async findById(id, tx) {
      const doc = await model.findById(id, null, sessionOf(tx)).lean<SubmissionDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async findByOwner(taskId, owner, tx) {
      const doc = await model
        .findOne({ taskId, ownerKey: ownerKey(owner) }, null, sessionOf(tx))
        .lean<SubmissionDoc>();
      return doc === null ? undefined : fromDoc(doc);
    },
    async listByTask(taskId) {
      const docs = await model.find({ taskId }).sort({ _id: 1 }).lean<SubmissionDoc[]>();
      return docs.map(fromDoc);
    },
    async listByOwners(keys) {
      if (keys.length === 0) return [];
      const docs = await model
        .find({ $or: keys.map((k) => ({ taskId: k.taskId, ownerKey: ownerKey(k.owner) })) })
        .sort({ _id: 1 })
        .lean<SubmissionDoc[]>();
      return docs.map(fromDoc);
    },
    async save(submission, courseId, expectedRevision, tx) {
      await compareAndSet(model, toDoc(submission, courseId), expectedRevision, 'submission', tx);
    },
  };
}

function partToDoc(p: ContentPart): ContentPartDoc {
  switch (p.kind) {
    case 'text':
      return { kind: 'text', markdown: p.markdown };
    case 'link':
      return { kind: 'link', url: p.url, ...optional('title', p.title) };
    case 'file':
      return { kind: 'file', fileId: p.fileId, name: p.name, size: p.size, contentType: p.contentType };
  }
}

function partFromDoc(d: ContentPartDoc): ContentPart {
  if (d.kind === 'text') return { kind: 'text', markdown: d.markdown ?? '' };
  if (d.kind === 'link') return { kind: 'link', url: d.url ?? '', ...optional('title', d.title) };
  return {
    kind: 'file',
    fileId: asFileId(d.fileId ?? ''),
    name: d.name ?? '',
    size: d.size ?? 0,
    contentType: d.contentType ?? '',
  };
}

function toDoc(s: Submission, courseId: CourseId): SubmissionDoc {
  const owner =
    s.owner.kind === 'team'
      ? { kind: 'team', teamId: s.owner.teamId, members: [...s.owner.members] }
      : {
          kind: 'person',
          userId: s.owner.userId,
          ...optional('teamId', s.owner.teamId as string | undefined),
        };
  return {
    _id: s.id,
    taskId: s.taskId,
    courseId,
    ownerKey: ownerKey(s.owner),
    owner,
    authors: [...authorsOf(s.owner)],
    draft: s.draft.map(partToDoc),
    ...(s.submitted !== undefined
      ? {
          submitted: {
            version: s.submitted.version,
            parts: s.submitted.parts.map(partToDoc),
            at: s.submitted.at,
            by: s.submitted.by,
            ...optional('late', s.submitted.late === undefined ? undefined : { ...s.submitted.late }),
          },
        }
      : {}),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
    revision: s.revision,
  };
}

function fromDoc(d: SubmissionDoc): Submission {
  const owner: SubmissionOwner =
    d.owner.kind === 'team'
      ? {
          kind: 'team',
          teamId: asTeamId(d.owner.teamId ?? ''),
          members: (d.owner.members ?? []).map(asUserId),
        }
      : {
          kind: 'person',
          userId: asUserId(d.owner.userId ?? ''),
          ...(typeof d.owner.teamId === 'string' ? { teamId: asTeamId(d.owner.teamId) } : {}),
        };
  return {
    id: asSubmissionId(d._id),
    taskId: asTeamTaskId(d.taskId),
    owner,
    draft: d.draft.map(partFromDoc),
    ...(d.submitted != null
      ? {
          submitted: {
            version: d.submitted.version,
            parts: d.submitted.parts.map(partFromDoc),
            at: d.submitted.at,
            by: asUserId(d.submitted.by),
            ...(d.submitted.late != null
              ? { late: { byMs: d.submitted.late.byMs, dueAt: d.submitted.late.dueAt } }
              : {}),
          },
        }
      : {}),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    updatedBy: asUserId(d.updatedBy),
    revision: d.revision,
  };
}
