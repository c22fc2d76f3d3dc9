/**
 * MongoDB wire protocol framing: bytes from a TCP stream ↔ messages. Knows nothing of commands.
 *
 * Supported: OP_MSG (2013) with kind-0 body and kind-1 document sequences, the checksum flag
 * (CRC-32C, verified and stripped), `moreToCome`; legacy OP_QUERY (2004) for the first handshake;
 * replies as OP_MSG or OP_REPLY (1). Limits are MongoDB's: 48,000,000-byte messages and
 * 16 MiB documents. Any violation throws {@link ProtocolError}; the caller closes the connection.
 */
import { deserialize, serialize, type Document } from 'bson';
import { promoteDocument } from '../engine/numeric-types.js';

export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_SIZE = 16 * 1024 * 1024;
/** Commands may exceed a document by this much (room for the command envelope). */
const MAX_COMMAND_SIZE = MAX_BSON_SIZE + 16 * 1024;

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const FLAG_CHECKSUM = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
const FLAG_EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = FLAG_CHECKSUM | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

export interface IncomingMessage {
  readonly requestId: number;
  readonly opCode: typeof OP_MSG | typeof OP_QUERY;
  /** The command document, with kind-1 sequences merged in as arrays. */
  readonly command: Document;
  /** OP_MSG: the client wants no reply. */
  readonly moreToCome: boolean;
  /** OP_QUERY: the full collection name, e.g. `admin.$cmd`. */
  readonly fullCollectionName?: string;
}

// Numbers arrive as wrappers; promoteDocument turns them into JS numbers and records their BSON types.
const DESERIALIZE_OPTIONS = { promoteValues: false, promoteBuffers: false, bsonRegExp: false };

/** Splits a byte stream into complete message buffers, enforcing the size limit on the header. */
export class MessageFramer {
  #chunks: Buffer[] = [];
  #buffered = 0;

  /** Feeds bytes; returns every complete message now available. */
  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const out: Buffer[] = [];
    while (this.#buffered >= 4) {
      const head = this.#peek(4);
      const length = head.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_SIZE) {
        throw new ProtocolError(`invalid message length ${length} (must be 16..${MAX_MESSAGE_SIZE})`);
      }
      if (this.#buffered < length) break;
      out.push(this.#take(length));
    }
    return out;
  }

  get pendingBytes(): number {
    return this.#buffered;
  }

  #peek(n: number): Buffer {
    if (this.#chunks[0]!.length >= n) return this.#chunks[0]!;
    const all = Buffer.concat(this.#chunks);
    this.#chunks = [all];
    return all;
  }

  #take(n: number): Buffer {
    const first = this.#peek(n);
    const msg = first.subarray(0, n);
    const rest = first.subarray(n);
    this.#chunks = rest.length > 0 ? [rest, ...this.#chunks.slice(1)] : this.#chunks.slice(1);
    this.#buffered -= n;
    return msg;
  }
}

function readDocument(
  buf: Buffer,
  offset: number,
  end: number,
  what: string,
): { doc: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError(`truncated ${what}`);
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid ${what} size ${size}`);
  if (size > MAX_COMMAND_SIZE)
    throw new ProtocolError(`${what} of ${size} bytes exceeds the BSON size limit`);
  if (buf[offset + size - 1] !== 0) throw new ProtocolError(`${what} is not terminated`);
  try {
    const doc = promoteDocument(deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS));
    return { doc, next: offset + size };
  } catch (err) {
    throw new ProtocolError(`malformed BSON in ${what}: ${(err as Error).message}`);
  }
}

/** Parses one complete message (as produced by {@link MessageFramer}). */
export function parseMessage(msg: Buffer): IncomingMessage {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) return parseOpMsg(msg, requestId);
  if (opCode === OP_QUERY) return parseOpQuery(msg, requestId);
  if (opCode === OP_COMPRESSED)
    throw new ProtocolError('OP_COMPRESSED is not supported (no compressor was negotiated)');
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function parseOpMsg(msg: Buffer, requestId: number): IncomingMessage {
  if (msg.length < 21) throw new ProtocolError('truncated OP_MSG');
  const flags = msg.readUInt32LE(16);
  if ((flags & 0xffff & ~KNOWN_FLAGS) !== 0)
    throw new ProtocolError(`unknown required OP_MSG flag bits ${flags}`);
  let end = msg.length;
  if (flags & FLAG_CHECKSUM) {
    end -= 4;
    if (end < 21) throw new ProtocolError('truncated OP_MSG checksum');
    const expected = msg.readUInt32LE(end);
    if (crc32c(msg.subarray(0, end)) !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = 20;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = msg[offset++];
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const r = readDocument(msg, offset, end, 'OP_MSG body');
      body = r.doc;
      offset = r.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = msg.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError(`invalid document sequence size ${size}`);
      const nameEnd = msg.indexOf(0, offset + 4);
      if (nameEnd < 0 || nameEnd >= seqEnd)
        throw new ProtocolError('unterminated document sequence identifier');
      const identifier = msg.toString('utf8', offset + 4, nameEnd);
      const docs: Document[] = [];
      let p = nameEnd + 1;
      while (p < seqEnd) {
        const r = readDocument(msg, p, seqEnd, `document in sequence '${identifier}'`);
        docs.push(r.doc);
        p = r.next;
      }
      sequences.push([identifier, docs]);
      offset = seqEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, docs] of sequences) {
    if (identifier in body)
      throw new ProtocolError(`duplicate field '${identifier}' in body and document sequence`);
    body[identifier] = docs;
  }
  return { requestId, opCode: OP_MSG, command: body, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function parseOpQuery(msg: Buffer, requestId: number): IncomingMessage {
  if (msg.length < 29) throw new ProtocolError('truncated OP_QUERY');
  const nameEnd = msg.indexOf(0, 20);
  if (nameEnd < 0) throw new ProtocolError('unterminated OP_QUERY collection name');
  const fullCollectionName = msg.toString('utf8', 20, nameEnd);
  const offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const { doc } = readDocument(msg, offset, msg.length, 'OP_QUERY query');
  // Legacy wrapping: {$query: {...}, $readPreference: ...}
  const command = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
  return { requestId, opCode: OP_QUERY, command, moreToCome: false, fullCollectionName };
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeOpMsg(responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: false });
  const prefix = Buffer.allocUnsafe(5);
  prefix.writeUInt32LE(0, 0);
  prefix[4] = 0;
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), prefix, body]);
}

export function encodeOpReply(responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: false });
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(8, 0); // responseFlags: AwaitCapable
  // cursorID (8 bytes) = 0, startingFrom = 0
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
}

// CRC-32C (Castagnoli), as MongoDB's OP_MSG checksum uses.
const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = CRC32C_TABLE[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
