/**
 * What a file really is, from its first bytes — the client's Content-Type is not trusted.
 *
 * Known signatures (PDF, PNG, JPEG, GIF, WebP, ZIP-based office files) give the type. Without a
 * signature, bytes that are valid UTF-8 without control characters are text: `text/plain`, or
 * the client's declared text type when it is one of the plain text types (markdown, CSV). Text
 * that looks like markup a browser would run (HTML, SVG, XML, a script) is `text/html` and is
 * never allowed, whatever the configuration says. Anything else is `application/octet-stream`.
 */

/** Types refused whatever the allow-list says: a browser would render or run them. */
export const NEVER_ALLOWED_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
];

const PLAIN_TEXT_TYPES = ['text/plain', 'text/markdown', 'text/csv'];

const OFFICE_ZIP_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/zip',
];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The content type of `head` (the first bytes of the file; 4 KB is plenty). */
export function sniffContentType(head: Uint8Array, declared: string): string {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return OFFICE_ZIP_TYPES.includes(declared) ? declared : 'application/zip';
  }
  const text = decodeUtf8(head);
  if (text === undefined) return 'application/octet-stream';
  if (looksLikeMarkup(text)) return 'text/html';
  return PLAIN_TEXT_TYPES.includes(declared) ? declared : 'text/plain';
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    // A multi-byte character cut at the end of the head is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, safeEnd(bytes)));
  } catch {
    return undefined;
  }
  // Control characters other than tab, newline, carriage return and form feed: binary.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

function safeEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  return end;
}

function looksLikeMarkup(text: string): boolean {
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 1024)
    .toLowerCase();
  return (
    /^<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style|title|a\s|img|div|table)/.test(
      start,
    ) || /<(script|iframe|svg|html|body)[\s>/]/.test(start)
  );
}
