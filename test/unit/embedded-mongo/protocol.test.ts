import { expect } from 'chai';
import { serialize } from 'bson';
import {
  MessageFramer,
  OP_MSG,
  ProtocolError,
  crc32c,
  encodeOpMsg,
  parseMessage,
} from '../../../src/embedded-mongo/wire/protocol.js';

function opMsg(body: object, opts: { checksum?: boolean; sequence?: [string, object[]] } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  if (opts.sequence) {
    const [id, docs] = opts.sequence;
    const payload = Buffer.concat([Buffer.from(id + '\0'), ...docs.map((d) => serialize(d))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(opts.checksum ? 1 : 0);
  const bodyBuf = Buffer.concat([flags, ...parts]);
  const header = Buffer.alloc(16);
  const total = 16 + bodyBuf.length + (opts.checksum ? 4 : 0);
  header.writeInt32LE(total, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  const msg = Buffer.concat([header, bodyBuf]);
  if (!opts.checksum) return msg;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32c(msg));
  return Buffer.concat([msg, sum]);
}

describe('wire protocol', () => {
  it('reassembles a message split across TCP chunks', () => {
    const msg = opMsg({ ping: 1, $db: 'admin' });
    const framer = new MessageFramer();
    expect(framer.push(msg.subarray(0, 10))).to.have.length(0);
    const out = framer.push(msg.subarray(10));
    expect(out).to.have.length(1);
    expect(parseMessage(out[0]!).command).to.deep.equal({ ping: 1, $db: 'admin' });
  });

  it('merges a kind-1 document sequence into the command', () => {
    const m = parseMessage(
      opMsg({ insert: 'c', $db: 'd' }, { sequence: ['documents', [{ a: 1 }, { a: 2 }]] }),
    );
    expect(m.command.documents).to.deep.equal([{ a: 1 }, { a: 2 }]);
  });

  it('verifies and accepts a CRC-32C checksum', () => {
    expect(parseMessage(opMsg({ ping: 1 }, { checksum: true })).command).to.deep.equal({ ping: 1 });
  });

  it('rejects a corrupted checksum', () => {
    const msg = opMsg({ ping: 1 }, { checksum: true });
    msg[msg.length - 1] ^= 0xff;
    expect(() => parseMessage(msg)).to.throw(ProtocolError, /checksum/);
  });

  it('rejects a header announcing more than 48 MB before reading the body', () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(48_000_001, 0);
    expect(() => new MessageFramer().push(header)).to.throw(ProtocolError, /invalid message length/);
  });

  it('rejects malformed BSON inside a complete message', () => {
    const msg = opMsg({ ping: 1 });
    msg.writeInt32LE(1000, 21); // body claims to be longer than the message
    expect(() => parseMessage(msg)).to.throw(ProtocolError);
  });

  it('computes the standard CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).to.equal(0xe3069283);
  });

  it('encodes replies that parse back', () => {
    const reply = encodeOpMsg(7, { ok: 1 });
    expect(reply.readInt32LE(8)).to.equal(7);
    expect(reply.readInt32LE(0)).to.equal(reply.length);
  });
});
