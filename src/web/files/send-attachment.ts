/**
 * Streams a stored file to the browser as a download, never as a page: `Content-Disposition:
 * attachment` (with an RFC 6266/5987 file name), `X-Content-Type-Options: nosniff`, a
 * sandboxing CSP, and the type sniffed at upload — text always as `text/plain`, so even a file
 * that slipped through as text cannot be rendered as HTML.
 */
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Attachment {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly open: () => Readable;
}

export function attachmentHeaders(
  file: Pick<Attachment, 'name' | 'size' | 'contentType'>,
): Record<string, string> {
  const type = file.contentType.startsWith('text/') ? 'text/plain; charset=utf-8' : file.contentType;
  return {
    'Content-Type': type,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  };
}

/** `attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded>`. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends the file; resolves when it was sent (rejects when reading or sending failed). */
export async function sendAttachment(res: Response, file: Attachment): Promise<void> {
  res.status(200).set(attachmentHeaders(file));
  await pipeline(file.open(), res);
}
