/**
 * On-disk framing shared by log segments and snapshots.
 *
 * A file is a sequence of frames: [u32 LE payload length][u32 LE crc32(payload)][BSON payload].
 * The crc makes a torn or bit-rotted frame detectable; the length lets a reader skip to the next
 * frame, which is how we tell a torn *tail* (nothing valid follows; repairable by truncation) from
 * damage in the *middle* (a valid frame follows the bad one; never silently skipped).
 *
 * Payloads are assembled from individually serialized documents instead of one `serialize` call,
 * because bson serializes through a fixed 17 MiB scratch buffer: a big group or snapshot chunk
 * would not fit, and we avoid one more copy of every document.
 */
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import { serialize, type Document } from 'bson';
import { FrameTooLargeError, LogCorruptionError, MAX_FRAME_PAYLOAD_BYTES } from './persistence-errors.js';

export const FRAME_HEADER_BYTES = 8;
/** Smallest valid BSON document (`{}`): 4-byte length + terminator. */
const MIN_PAYLOAD_BYTES = 5;

const BSON_EMBEDDED_DOCUMENT = 0x03;
const BSON_ARRAY = 0x04;

/**
 * Builds one frame whose payload is the BSON document `{ ...head, [arrayKey]: [items...] }`, where
 * each item is an already serialized BSON document.
 */
export function encodeFrame(head: Document, arrayKey: string, items: readonly Uint8Array[]): Buffer {
  const headBytes = serialize(head);
  const keyBytes = Buffer.from(arrayKey, 'utf8');
  let arrayBody = 0;
  for (let i = 0; i < items.length; i++) arrayBody += 1 + decimalLength(i) + 1 + items[i]!.length;
  const arrayBytes = 4 + arrayBody + 1;
  const payloadBytes = headBytes.length - 1 + 1 + keyBytes.length + 1 + arrayBytes + 1;
  if (payloadBytes > MAX_FRAME_PAYLOAD_BYTES) throw new FrameTooLargeError(payloadBytes);

  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadBytes);
  let at = FRAME_HEADER_BYTES;
  frame.set(headBytes.subarray(0, headBytes.length - 1), at); // the length prefix is patched below
  at += headBytes.length - 1;
  frame[at++] = BSON_ARRAY;
  at += keyBytes.copy(frame, at);
  frame[at++] = 0;
  frame.writeInt32LE(arrayBytes, at);
  at += 4;
  for (let i = 0; i < items.length; i++) {
    frame[at++] = BSON_EMBEDDED_DOCUMENT;
    at += frame.write(String(i), at, 'latin1');
    frame[at++] = 0;
    frame.set(items[i]!, at);
    at += items[i]!.length;
  }
  frame[at++] = 0; // end of array
  frame[at++] = 0; // end of payload document
  frame.writeInt32LE(payloadBytes, FRAME_HEADER_BYTES);
  sealFrame(frame);
  return frame;
}

/** Builds one frame whose payload is `doc`. */
export function encodeDocumentFrame(doc: Document): Buffer {
  const payload = serialize(doc);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  sealFrame(frame);
  return frame;
}

function sealFrame(frame: Buffer): void {
  const payload = frame.subarray(FRAME_HEADER_BYTES);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
}

function decimalLength(i: number): number {
  return i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : i < 10000 ? 4 : String(i).length;
}

/** How a scan ended. `tornAt` is set when the file ends in a damaged frame with nothing valid after it. */
export interface ScanResult {
  /** Offset just past the last good frame. */
  readonly goodEnd: number;
  readonly frames: number;
  readonly tornAt: number | null;
  readonly tornReason: string | null;
}

const READ_CHUNK_BYTES = 8 * 1024 * 1024;
/** More unreadable bytes than this at the end of a file cannot be one torn batch write. */
const MAX_TORN_TAIL_BYTES = 256 * 1024 * 1024;

/**
 * Streams the frames of `file` (already open as `fh`, `size` bytes long) through `onFrame`, in
 * order, reading in large chunks. A damaged final frame is reported in the result (the caller decides
 * whether that is a repairable torn tail); a damaged frame followed by a valid one throws
 * `LogCorruptionError`. Errors thrown by `onFrame` propagate unchanged.
 */
export async function scanFrames(
  file: string,
  fh: FileHandle,
  size: number,
  onFrame: (payload: Buffer, offset: number) => void,
): Promise<ScanResult> {
  let buf = Buffer.alloc(0);
  let bufStart = 0; // file offset of buf[0]
  let readTo = 0; // file offset just past the bytes in buf

  /** Ensures bytes [offset, offset + n) are in `buf`; false when the file is shorter. */
  const ensure = async (offset: number, n: number): Promise<boolean> => {
    if (offset + n > size) return false;
    if (offset >= bufStart && offset + n <= readTo) return true;
    const want = Math.max(n, Math.min(READ_CHUNK_BYTES, size - offset));
    const next = Buffer.allocUnsafe(want);
    let have = 0;
    if (offset >= bufStart && offset < readTo) {
      have = buf.copy(next, 0, offset - bufStart, readTo - bufStart);
    }
    while (have < want) {
      const { bytesRead } = await fh.read(next, have, want - have, offset + have);
      if (bytesRead === 0) break;
      have += bytesRead;
    }
    buf = next.subarray(0, have);
    bufStart = offset;
    readTo = offset + have;
    return have >= n;
  };

  /** Cheap test for a valid frame at `p`, used to look for survivors after a damaged frame. */
  const validAt = (p: number): boolean => {
    const at = p - bufStart;
    const payloadLength = buf.readUInt32LE(at);
    if (payloadLength < MIN_PAYLOAD_BYTES || p + FRAME_HEADER_BYTES + payloadLength > size) return false;
    if (buf.readInt32LE(at + FRAME_HEADER_BYTES) !== payloadLength) return false;
    const start = at + FRAME_HEADER_BYTES;
    return crc32(buf.subarray(start, start + payloadLength)) === buf.readUInt32LE(at + 4);
  };

  /** Why the frame at `offset` is bad, or its total length. Awaits only when it is not buffered yet. */
  const check = async (offset: number): Promise<number | string> => {
    if (offset + FRAME_HEADER_BYTES > readTo && !(await ensure(offset, FRAME_HEADER_BYTES))) {
      return `short frame header (${size - offset} of ${FRAME_HEADER_BYTES} bytes)`;
    }
    const payloadLength = buf.readUInt32LE(offset - bufStart);
    if (payloadLength < MIN_PAYLOAD_BYTES || payloadLength > MAX_FRAME_PAYLOAD_BYTES) {
      return `implausible frame length ${payloadLength}`;
    }
    const total = FRAME_HEADER_BYTES + payloadLength;
    if (offset + total > readTo && !(await ensure(offset, total))) {
      return `truncated frame (${size - offset} of ${total} bytes present)`;
    }
    const start = offset - bufStart + FRAME_HEADER_BYTES;
    if (crc32(buf.subarray(start, start + payloadLength)) !== buf.readUInt32LE(start - 4))
      return 'checksum mismatch';
    if (buf.readInt32LE(start) !== payloadLength) return 'BSON length disagrees with frame length';
    return total;
  };

  let offset = 0;
  let frames = 0;
  while (offset < size) {
    // Synchronous when the frame is already buffered (nearly always): no promise per frame.
    const inBuffer =
      offset + FRAME_HEADER_BYTES <= readTo &&
      offset + FRAME_HEADER_BYTES + buf.readUInt32LE(offset - bufStart) <= readTo;
    const result = inBuffer ? checkBuffered(offset) : await check(offset);
    if (typeof result === 'string') {
      // A torn write only damages the end of the file, so any valid frame after the damage (found by
      // scanning every byte position, not just where the bad length points) means mid-log corruption.
      const remaining = size - offset;
      if (remaining > MAX_TORN_TAIL_BYTES) {
        throw new LogCorruptionError(file, offset, `${result}, with ${remaining} bytes after it`);
      }
      await ensure(offset, remaining);
      for (let p = offset + 1; p + FRAME_HEADER_BYTES + MIN_PAYLOAD_BYTES <= size; p++) {
        if (validAt(p)) {
          throw new LogCorruptionError(file, offset, `${result}; a valid frame follows at offset ${p}`);
        }
      }
      return { goodEnd: offset, frames, tornAt: offset, tornReason: result };
    }
    const start = offset - bufStart + FRAME_HEADER_BYTES;
    onFrame(buf.subarray(start, offset - bufStart + result), offset);
    frames++;
    offset += result;
  }
  return { goodEnd: offset, frames, tornAt: null, tornReason: null };

  /** check() for a frame known to be fully buffered. */
  function checkBuffered(offset: number): number | string {
    const at = offset - bufStart;
    const payloadLength = buf.readUInt32LE(at);
    if (payloadLength < MIN_PAYLOAD_BYTES || payloadLength > MAX_FRAME_PAYLOAD_BYTES) {
      return `implausible frame length ${payloadLength}`;
    }
    const start = at + FRAME_HEADER_BYTES;
    if (crc32(buf.subarray(start, start + payloadLength)) !== buf.readUInt32LE(at + 4))
      return 'checksum mismatch';
    if (buf.readInt32LE(start) !== payloadLength) return 'BSON length disagrees with frame length';
    return FRAME_HEADER_BYTES + payloadLength;
  }
}
