/**
 * Reads one file from a `multipart/form-data` request with busboy, enforcing the upload limit
 * while the bytes stream in: busboy stops keeping bytes one past the limit (the rest of the part
 * is read and dropped), so at most `maxFileBytes + 1` bytes are ever held, and the file store
 * sees "one byte too many" and refuses without writing. A request whose declared length is far
 * beyond the limit is refused before its body is read.
 */
import type { Request } from 'express';
import busboy from 'busboy';
import { InvalidInputError } from '../../domain/shared/errors.js';

export interface UploadedFile {
  readonly name: string;
  readonly declaredType: string;
  /** At most `maxFileBytes + 1` bytes. */
  readonly content: Uint8Array;
}

export interface ReadUpload {
  readonly fields: Readonly<Record<string, string>>;
  readonly file?: UploadedFile;
}

/** Room for the multipart framing and the form's small fields. */
const FRAMING_ALLOWANCE = 64 * 1024;

export class UploadTooLargeError extends Error {
  constructor() {
    super('upload larger than the limit');
  }
}

export function readUpload(req: Request, maxFileBytes: number, fileField = 'file'): Promise<ReadUpload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxFileBytes + FRAMING_ALLOWANCE) {
    return Promise.reject(new UploadTooLargeError());
  }
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(new InvalidInputError([{ field: 'file', code: 'no-file' }]));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxFileBytes + 1, fields: 10, fieldSize: 2000, parts: 12 },
      });
    } catch {
      reject(new InvalidInputError([{ field: 'file', code: 'no-file' }]));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | undefined;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || file !== undefined) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        chunks.push(chunk);
      });
      stream.on('end', () => {
        if (info.filename === undefined || info.filename === '') return;
        file = {
          name: info.filename,
          declaredType: info.mimeType,
          content: Buffer.concat(chunks, total),
        };
      });
    });
    parser.on('error', () => reject(new InvalidInputError([{ field: 'file', code: 'no-file' }])));
    parser.on('close', () => resolve(file === undefined ? { fields } : { fields, file }));
    req.pipe(parser);
  });
}
