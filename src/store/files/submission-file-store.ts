/**
 * Submission files in MongoDB GridFS (bucket `submissionFiles`). Uploads are read up to the size
 * limit (one byte more and reading stops), sniffed (`domain/submission/content-sniffing.ts`; the
 * client's type is not trusted) and checked against the allow-list *before* anything is written,
 * so a refused upload stores nothing. Downloads stream from GridFS.
 *
 * GridFS writes do not join MongoDB transactions: a file is stored first and then referenced
 * from the submission; the service deletes it again when that save fails.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';
import { InvalidInputError } from '../../domain/shared/errors.js';
import type { CourseId, TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { NEVER_ALLOWED_TYPES, sniffContentType } from '../../domain/submission/content-sniffing.js';
import { asFileId, normaliseContentType, type FileId } from '../../domain/submission/submission.js';

export const SUBMISSION_FILES_BUCKET = 'submissionFiles';

export interface FileLimits {
  readonly maxFileBytes: number;
  readonly allowedContentTypes: readonly string[];
}

export interface StoredFile {
  readonly fileId: FileId;
  readonly name: string;
  readonly size: number;
  /** As sniffed, never as the client declared. */
  readonly contentType: string;
  readonly sha256: string;
  readonly taskId: TeamTaskId;
  readonly uploadedBy: UserId;
  readonly uploadedAt: Date;
}

export interface UploadInput {
  readonly taskId: TeamTaskId;
  readonly courseId: CourseId;
  readonly uploadedBy: UserId;
  readonly name: string;
  readonly declaredType: string;
  /** The bytes, e.g. the request stream. */
  readonly content: AsyncIterable<Uint8Array> | Uint8Array;
  readonly now: Date;
}

export interface SubmissionFileStore {
  /**
   * @throws InvalidInputError (`file`: `too-large` | `empty` | `not-allowed`; `name`: `required` |
   *   `too-long`) — and then nothing is stored.
   */
  upload(input: UploadInput, limits: FileLimits): Promise<StoredFile>;
  find(fileId: FileId): Promise<StoredFile | undefined>;
  /** The bytes, streamed from GridFS. */
  openDownload(fileId: FileId): Readable;
  delete(fileId: FileId): Promise<void>;
}

interface FileMetadata {
  taskId: string;
  courseId: string;
  uploadedBy: string;
  contentType: string;
  declaredType: string;
  sha256: string;
}

export function createSubmissionFileStore(connection: Connection): SubmissionFileStore {
  const bucket = (): mongoose.mongo.GridFSBucket => {
    if (connection.db === undefined) throw new Error('connection is not open');
    return new mongoose.mongo.GridFSBucket(connection.db, { bucketName: SUBMISSION_FILES_BUCKET });
  };
  return {
    async upload(input, limits) {
      const name = cleanName(input.name);
      const bytes = await readCapped(input.content, limits.maxFileBytes);
      if (bytes === 'too-large') throw new InvalidInputError([{ field: 'file', code: 'too-large' }]);
      if (bytes.length === 0) throw new InvalidInputError([{ field: 'file', code: 'empty' }]);
      const sniffed = sniffContentType(bytes.subarray(0, 4096), normaliseContentType(input.declaredType));
      // CASE: markdown or CSV where only plain text is allowed is still plain text.
      const contentType =
        (sniffed === 'text/markdown' || sniffed === 'text/csv') &&
        !limits.allowedContentTypes.includes(sniffed) &&
        limits.allowedContentTypes.includes('text/plain')
          ? 'text/plain'
          : sniffed;
      if (NEVER_ALLOWED_TYPES.includes(contentType) || !limits.allowedContentTypes.includes(contentType)) {
        throw new InvalidInputError([{ field: 'file', code: 'not-allowed' }]);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const metadata: FileMetadata = {
        taskId: input.taskId,
        courseId: input.courseId,
        uploadedBy: input.uploadedBy,
        contentType,
        declaredType: normaliseContentType(input.declaredType),
        sha256,
      };
      const stream = bucket().openUploadStream(name, { metadata });
      await new Promise<void>((resolve, reject) => {
        stream.once('finish', () => resolve());
        stream.once('error', reject);
        stream.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
      return {
        fileId: asFileId(stream.id.toHexString()),
        name,
        size: bytes.length,
        contentType,
        sha256,
        taskId: input.taskId,
        uploadedBy: input.uploadedBy,
        uploadedAt: input.now,
      };
    },
    async find(fileId) {
      const id = objectId(fileId);
      if (id === undefined) return undefined;
      const [file] = await bucket().find({ _id: id }).toArray();
      if (file === undefined) return undefined;
      const meta = file.metadata as FileMetadata | undefined;
      if (meta === undefined) return undefined;
      return {
        fileId,
        name: file.filename,
        size: file.length,
        contentType: meta.contentType,
        sha256: meta.sha256,
        taskId: meta.taskId as TeamTaskId,
        uploadedBy: meta.uploadedBy as UserId,
        uploadedAt: file.uploadDate,
      };
    },
    openDownload(fileId) {
      const id = objectId(fileId);
      if (id === undefined) throw new Error(`not a file id: ${fileId}`);
      return bucket().openDownloadStream(id);
    },
    async delete(fileId) {
      const id = objectId(fileId);
      if (id !== undefined) await bucket().delete(id);
    },
  };
}

function objectId(fileId: string): mongoose.mongo.ObjectId | undefined {
  return /^[0-9a-f]{24}$/.test(fileId) ? new mongoose.mongo.ObjectId(fileId) : undefined;
}

/** A file name without path parts or control characters, at most 255 characters. */
function cleanName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name.length === 0) throw new InvalidInputError([{ field: 'name', code: 'required' }]);
  if (name.length > 255) throw new InvalidInputError([{ field: 'name', code: 'too-long' }]);
  return name;
}

async function readCapped(
  content: AsyncIterable<Uint8Array> | Uint8Array,
  max: number,
): Promise<Uint8Array | 'too-large'> {
  if (content instanceof Uint8Array) return content.length > max ? 'too-large' : content;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of content) {
    total += chunk.length;
    // Stop reading as soon as the limit is passed; the rest is never buffered.
    if (total > max) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
