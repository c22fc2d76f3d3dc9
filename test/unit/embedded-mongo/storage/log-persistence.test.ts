import {
  copyFile,
  open,
  readdir,
  readFile,
  rename,
  stat,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  serialize,
  Timestamp,
  UUID,
  type Document,
} from 'bson';
import { expect } from 'chai';
import {
  openLogPersistence,
  segmentFileName,
  SNAPSHOT_FILE,
  SNAPSHOT_TEMP_FILE,
  type LogPersistence,
} from '../../../../src/embedded-mongo/storage/log-persistence.js';
import {
  DataDirInconsistentError,
  LogCorruptionError,
  PersistenceClosedError,
  PersistenceStateError,
} from '../../../../src/embedded-mongo/storage/persistence-errors.js';
import type { LogRecord } from '../../../../src/embedded-mongo/storage/persistence.js';
import {
  expectRejection,
  frameOffsets,
  loadModel,
  loadRecords,
  makeTempDir,
  removeDir,
  seededRandom,
  StoreModel,
} from './storage-test-helpers.js';

const SEG1 = segmentFileName(1);

function put(id: unknown, extra: Document = {}): LogRecord {
  return { op: 'put', db: 'app', coll: 'users', doc: { _id: id, ...extra } };
}

function bytesOf(value: Document): Buffer {
  return Buffer.from(serialize(value));
}

/** Every BSON type the engine may store, including the ones plain deserialize would change. */
function everyTypeDocument(): Document {
  const viaJson = JSON.parse('{"__proto__": {"n": 1}}') as Document;
  return {
    _id: new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
    doubleIntegral: new Double(5),
    doubleNegZero: new Double(-0),
    doubleBig: new Double(2 ** 40),
    doubleFraction: 5.5,
    doubleNaN: NaN,
    doubleInf: -Infinity,
    int32: new Int32(7),
    int32Plain: 42,
    int32Min: -2147483648,
    longSmall: Long.fromNumber(3),
    longBig: Long.fromString('9007199254740993'),
    decimal: Decimal128.fromString('1234.5678901234567890'),
    string: 'héllo wörld ✓',
    emptyString: '',
    boolTrue: true,
    boolFalse: false,
    nil: null,
    date: new Date('2026-11-27T10:11:12.345Z'),
    binary: new Binary(Buffer.from([1, 2, 3, 250]), 0),
    binaryUserDefined: new Binary(Buffer.from('abc'), 0x80),
    uuid: new UUID('3b241101-e2bb-4255-8caf-4136c566a962'),
    regex: new BSONRegExp('^a.*z$', 'imx'),
    jsRegex: /ab+c/i,
    timestamp: new Timestamp({ t: 1700000000, i: 3 }),
    minKey: new MinKey(),
    maxKey: new MaxKey(),
    code: new Code('function () { return 1; }'),
    codeWithScope: new Code('x + 1', { x: new Int32(1) }),
    symbol: new BSONSymbol('sym'),
    dbref: new DBRef('other', new ObjectId('64b7f0c2a1b2c3d4e5f60719'), 'otherdb'),
    nested: { a: [1, new Double(2), [new Long(4, 0), { b: new Decimal128('0.1') }]], e: {} },
    emptyArray: [],
    dollarKeys: { $set: 1, 'dotted.key': 2 },
    protoKey: viaJson,
  };
}

describe('LogPersistence', function () {
  let dir: string;
  const open_: LogPersistence[] = [];

  async function openStore(options?: Parameters<typeof openLogPersistence>[1]): Promise<LogPersistence> {
    const p = await openLogPersistence(dir, options);
    open_.push(p);
    return p;
  }

  async function reopenModel(): Promise<StoreModel> {
    const p = await openStore();
    const model = await loadModel(p);
    await p.close();
    return model;
  }

  beforeEach(async function () {
    dir = await makeTempDir('persistence');
  });

  afterEach(async function () {
    for (const p of open_.splice(0)) await p.close();
    await removeDir(dir);
  });

  describe('round trip', function () {
    it('replays every record kind in order, across close and reopen', async function () {
      const records: LogRecord[] = [
        { op: 'createCollection', db: 'app', coll: 'users', options: { capped: false, validator: { a: 1 } } },
        {
          op: 'createIndex',
          db: 'app',
          coll: 'users',
          spec: { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
        },
        put(new ObjectId(), { email: 'a@x' }),
        { op: 'del', db: 'app', coll: 'users', id: new ObjectId() },
        { op: 'dropIndex', db: 'app', coll: 'users', name: 'email_1' },
        { op: 'renameCollection', db: 'app', coll: 'users', toDb: 'app2', toColl: 'people' },
        { op: 'dropCollection', db: 'app2', coll: 'people' },
        { op: 'dropDatabase', db: 'app' },
      ];
      const p = await openStore();
      await p.load(() => expect.fail('fresh directory replays nothing'));
      await p.append(records.slice(0, 3));
      for (const r of records.slice(3)) await p.append([r]);
      await p.close();

      const replayed = await loadRecords(await openStore());
      expect(replayed).to.have.length(records.length);
      replayed.forEach((r, i) => expect(bytesOf(r)).to.deep.equal(bytesOf(records[i]!)));
    });

    it('returns every BSON value with the same BSON type (byte-equal), from the log and from a snapshot', async function () {
      const doc = everyTypeDocument();
      const p = await openStore();
      await p.load(() => undefined);
      await p.append([put(1, { doc }), { op: 'del', db: 'app', coll: 'users', id: new Double(3) }]);
      await p.close();

      const reader = await openStore();
      const fromLog = await loadRecords(reader);
      await reader.close();
      const logged = fromLog[0] as Extract<LogRecord, { op: 'put' }>;
      expect(bytesOf(logged.doc)).to.deep.equal(bytesOf({ _id: 1, doc }));
      expect(bytesOf({ id: (fromLog[1] as Extract<LogRecord, { op: 'del' }>).id })).to.deep.equal(
        bytesOf({ id: new Double(3) }),
      );
      // Each field separately, so a failure names the type.
      const back = logged.doc.doc as Document;
      for (const key of Object.keys(doc)) {
        expect(bytesOf({ v: back[key] as unknown }), key).to.deep.equal(bytesOf({ v: doc[key] as unknown }));
      }
      // The canonical in-memory form the engine gets back.
      expect(back.doubleIntegral).to.be.instanceOf(Double);
      expect((back.doubleIntegral as Double).value).to.equal(5);
      expect(back.doubleFraction).to.equal(5.5);
      expect(back.int32).to.equal(7);
      expect(back.longSmall).to.be.instanceOf(Long);
      expect(back.longBig).to.be.instanceOf(Long);
      expect(back.decimal).to.be.instanceOf(Decimal128);
      expect(back.regex).to.be.instanceOf(BSONRegExp);
      expect(Object.keys(back.protoKey as Document)).to.deep.equal(['__proto__']);

      // Same through a snapshot.
      const p2 = await openStore();
      const model = await loadModel(p2);
      await p2.compact(model.image());
      await p2.close();
      const fromSnapshot = await loadRecords(await openStore());
      const snapPut = fromSnapshot.find((r) => r.op === 'put') as Extract<LogRecord, { op: 'put' }>;
      expect(bytesOf(snapPut.doc)).to.deep.equal(bytesOf({ _id: 1, doc }));
    });

    it('rejects a group that cannot be serialized without affecting the others', async function () {
      const p = await openStore();
      await p.load(() => undefined);
      const circular: Document = { _id: 'loop' };
      circular.self = circular;
      const ok1 = p.append([put(1)]);
      await expectRejection(p.append([put(2, { circular })]), Error);
      await Promise.all([ok1, p.append([put(3)])]);
      await p.close();
      const ids = (await loadRecords(await openStore())).map((r) => (r as { doc: Document }).doc._id);
      expect(ids).to.deep.equal([1, 3]);
    });

    it('resolves an empty group and stores nothing for it', async function () {
      const p = await openStore();
      await p.load(() => undefined);
      await p.append([]);
      await p.append([put(1)]);
      await p.close();
      expect(await loadRecords(await openStore())).to.have.length(1);
    });
  });

  describe('group commit', function () {
    it('resolves all concurrent appends with few writes and keeps call order', async function () {
      const p = await openStore({ groupCommitMs: 20 });
      await p.load(() => undefined);
      const resolved: number[] = [];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          p.append([put(i, { i }), put(`${i}b`)]).then(() => resolved.push(i)),
        ),
      );
      expect(resolved).to.have.length(200);
      expect(p.stats().batches).to.be.at.most(3);
      await p.close();

      const replayed = await loadRecords(await openStore());
      const order = replayed
        .filter((r) => r.op === 'put' && typeof r.doc._id === 'number')
        .map((r) => (r as { doc: Document }).doc._id);
      expect(order).to.deep.equal(Array.from({ length: 200 }, (_, i) => i));
    });

    it('keeps batching appends made while a batch is being written, without stranding any', async function () {
      const p = await openStore({ groupCommitMs: 1 });
      await p.load(() => undefined);
      // Sequential appenders: each one re-appends as soon as its previous append resolves.
      const chains = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 25; i++) await p.append([put(`${w}-${i}`)]);
      });
      await Promise.all(chains);
      expect(p.stats().groups).to.equal(200);
      await p.close();
      expect(await loadRecords(await openStore())).to.have.length(200);
    });

    it("with fsync: 'none' still writes every group before resolving", async function () {
      const p = await openStore({ fsync: 'none', groupCommitMs: 0 });
      await p.load(() => undefined);
      await Promise.all(Array.from({ length: 50 }, (_, i) => p.append([put(i)])));
      expect((await stat(join(dir, SEG1))).size).to.equal(p.stats().logBytes);
      await p.close();
      expect(await loadRecords(await openStore())).to.have.length(50);
    });

    it('refuses appends before load and after close, and close flushes pending appends', async function () {
      const p = await openStore({ groupCommitMs: 50 });
      await expectRejection(p.append([put(1)]), PersistenceStateError);
      await p.load(() => undefined);
      const pending = p.append([put(1)]);
      await p.close();
      await pending;
      await expectRejection(p.append([put(2)]), PersistenceClosedError);
      expect(await loadRecords(await openStore())).to.have.length(1);
    });
  });

  describe('crash safety', function () {
    async function writeFiveGroups(): Promise<number[]> {
      const p = await openStore();
      await p.load(() => undefined);
      for (let i = 0; i < 5; i++) await p.append([put(i, { pad: 'p'.repeat(50) })]);
      await p.close();
      const offsets = await frameOffsets(join(dir, SEG1));
      expect(offsets).to.have.length(5);
      return offsets;
    }

    async function expectTornTailRepaired(goodEnd: number): Promise<void> {
      const p = await openStore();
      const model = await loadModel(p);
      expect(model.digest().filter((l) => l.startsWith('doc'))).to.have.length(4);
      expect(p.stats().lastLoad?.truncatedTail?.offset).to.equal(goodEnd);
      expect((await stat(join(dir, SEG1))).size).to.equal(goodEnd);
      await p.append([put('after')]);
      await p.close();
      const replayed = await loadRecords(await openStore());
      expect(replayed.map((r) => (r as { doc: Document }).doc._id)).to.deep.equal([0, 1, 2, 3, 'after']);
    }

    it('drops a truncated final payload, truncates the file and appends after the good prefix', async function () {
      const offsets = await writeFiveGroups();
      const size = (await stat(join(dir, SEG1))).size;
      await truncate(join(dir, SEG1), size - 7);
      await expectTornTailRepaired(offsets[4]!);
    });

    it('drops a final frame with a short header', async function () {
      const offsets = await writeFiveGroups();
      await truncate(join(dir, SEG1), offsets[4]! + 3);
      await expectTornTailRepaired(offsets[4]!);
    });

    it('drops a final frame with a bad checksum', async function () {
      const offsets = await writeFiveGroups();
      await flipByte(join(dir, SEG1), offsets[4]! + 20);
      await expectTornTailRepaired(offsets[4]!);
    });

    it('drops zero-filled garbage after the last frame', async function () {
      const offsets = await writeFiveGroups();
      const file = join(dir, SEG1);
      await truncate(file, offsets[4]!);
      await writeFile(file, Buffer.alloc(4096), { flag: 'a' });
      await expectTornTailRepaired(offsets[4]!);
    });

    it('reports corruption in the middle of the log with file and offset', async function () {
      const offsets = await writeFiveGroups();
      await flipByte(join(dir, SEG1), offsets[1]! + 20);
      const p = await openStore();
      const error = await expectRejection(
        p.load(() => undefined),
        LogCorruptionError,
      );
      expect(error.offset).to.equal(offsets[1]);
      expect(error.file).to.equal(join(dir, SEG1));
      expect(error.message).to.contain(join(dir, SEG1)).and.contain(`offset ${offsets[1]!}`);
    });

    it('reports a damaged length field in the middle of the log (resyncs to find the frames after it)', async function () {
      const offsets = await writeFiveGroups();
      const fh = await open(join(dir, SEG1), 'r+');
      await fh.write(Buffer.from([0xf0, 0xff, 0xff, 0x7f]), 0, 4, offsets[2]!);
      await fh.close();
      const p = await openStore();
      const error = await expectRejection(
        p.load(() => undefined),
        LogCorruptionError,
      );
      expect(error.offset).to.equal(offsets[2]);
    });

    it('reports a damaged frame at the end of a segment that is not the last one', async function () {
      await writeFiveGroups();
      const p = await openStore();
      const model = await loadModel(p);
      // Rotate by compacting, then put the pre-compaction segment back with a torn tail.
      const before = await readFile(join(dir, SEG1));
      await p.compact(model.image());
      await p.append([put('x')]);
      await p.close();
      await writeFile(join(dir, SEG1), before.subarray(0, before.length - 3));
      await rename(join(dir, SNAPSHOT_FILE), join(dir, 'snapshot.bak'));
      const p2 = await openStore();
      await expectRejection(
        p2.load(() => undefined),
        LogCorruptionError,
      );
    });

    it('reports a missing log segment', async function () {
      const p = await openStore();
      const model = await loadModel(p);
      await p.append([put(1)]);
      await p.compact(model.image());
      await p.append([put(2)]);
      await p.close();
      await rename(join(dir, SNAPSHOT_FILE), join(dir, 'snapshot.bak'));
      const p2 = await openStore();
      const error = await expectRejection(
        p2.load(() => undefined),
        DataDirInconsistentError,
      );
      expect(error.message).to.contain(SEG1);
    });
  });

  describe('snapshot and compaction', function () {
    function randomOps(model: StoreModel, random: () => number, count: number): LogRecord[][] {
      const groups: LogRecord[][] = [];
      const colls = ['a', 'b', 'c'];
      for (let i = 0; i < count; i++) {
        const coll = colls[Math.floor(random() * colls.length)]!;
        const roll = random();
        const id = Math.floor(random() * 50);
        let group: LogRecord[];
        if (roll < 0.6) {
          group = [
            {
              op: 'put',
              db: 'd',
              coll,
              doc: { _id: id, v: new Double(Math.floor(random() * 10)), n: i, l: Long.fromNumber(i) },
            },
          ];
          if (random() < 0.3) group.push({ op: 'put', db: 'd', coll, doc: { _id: id + 1000, pair: i } });
        } else if (roll < 0.8) group = [{ op: 'del', db: 'd', coll, id }];
        else if (roll < 0.86)
          group = [{ op: 'createIndex', db: 'd', coll, spec: { v: 2, key: { n: 1 }, name: `n_${id % 3}` } }];
        else if (roll < 0.9) group = [{ op: 'dropIndex', db: 'd', coll, name: `n_${id % 3}` }];
        else if (roll < 0.93) group = [{ op: 'createCollection', db: 'd', coll, options: { note: i } }];
        else if (roll < 0.96) group = [{ op: 'dropCollection', db: 'd', coll }];
        else if (roll < 0.98)
          group = [{ op: 'renameCollection', db: 'd', coll, toDb: 'd', toColl: `${coll}x` }];
        else group = [{ op: 'dropDatabase', db: 'd' }];
        group.forEach(model.apply);
        groups.push(group);
      }
      return groups;
    }

    it('reload after compaction gives the same state as the in-test model', async function () {
      const random = seededRandom(42);
      const model = new StoreModel();
      const p = await openStore();
      await p.load(() => undefined);
      for (const g of randomOps(model, random, 400)) await p.append(g);
      await p.compact(model.image());
      expect(await readdir(dir)).to.not.include(SEG1);
      for (const g of randomOps(model, random, 200)) await p.append(g);
      await p.compact(model.image());
      for (const g of randomOps(model, random, 100)) await p.append(g);
      expect(p.stats().snapshotCovers).to.equal(2);
      await p.close();

      expect((await reopenModel()).digest()).to.deep.equal(model.digest());
    });

    it('loses nothing when appends race a compaction', async function () {
      const random = seededRandom(7);
      const model = new StoreModel();
      const p = await openStore({ groupCommitMs: 1 });
      await p.load(() => undefined);
      const bulk: LogRecord[] = [];
      for (let i = 0; i < 20_000; i++)
        bulk.push({ op: 'put', db: 'd', coll: 'big', doc: { _id: `k${i}`, i, s: 'x'.repeat(40) } });
      bulk.forEach(model.apply);
      await p.append(bulk);

      const inFlight: Promise<void>[] = [];
      for (const g of randomOps(model, random, 100)) inFlight.push(p.append(g)); // queued before the cut
      const compaction = p.compact(model.image());
      for (const g of randomOps(model, random, 100)) inFlight.push(p.append(g)); // queued after the cut
      // And appends issued while the snapshot is being written.
      const during = (async () => {
        for (const g of randomOps(model, random, 50)) {
          await new Promise((r) => setImmediate(r));
          await p.append(g);
        }
      })();
      await Promise.all([compaction, during, ...inFlight]);
      await p.close();

      expect((await reopenModel()).digest()).to.deep.equal(model.digest());
    });

    it('streams a large snapshot in many frames', async function () {
      const model = new StoreModel();
      for (let i = 0; i < 30_000; i++)
        model.apply({ op: 'put', db: 'd', coll: 'c', doc: { _id: i, s: 'y'.repeat(60) } });
      const p = await openStore();
      await p.load(() => undefined);
      await p.compact(model.image());
      await p.close();
      expect((await frameOffsets(join(dir, SNAPSHOT_FILE))).length).to.be.greaterThan(3);
      expect((await reopenModel()).digest()).to.deep.equal(model.digest());
    });

    describe('crash at an intermediate step leaves a loadable directory', function () {
      /**
       * Builds: segment 1 with `before` groups, then a completed compaction (snapshot covering 1)
       * and segment 2 with `after` groups. Returns segment 1's bytes (as it was before deletion) and the model.
       */
      async function compactedDirectory(): Promise<{ segment1: Buffer; model: StoreModel }> {
        const random = seededRandom(99);
        const model = new StoreModel();
        const p = await openStore();
        await p.load(() => undefined);
        for (const g of randomOps(model, random, 150)) await p.append(g);
        await p.close();
        const segment1 = await readFile(join(dir, SEG1));
        const p2 = await openStore();
        await p2.load(() => undefined);
        await p2.compact(model.image());
        for (const g of randomOps(model, random, 50)) await p2.append(g);
        await p2.close();
        expect((await readdir(dir)).sort()).to.deep.equal([segmentFileName(2), SNAPSHOT_FILE]);
        return { segment1, model };
      }

      it('rotated, snapshot not started', async function () {
        const { segment1, model } = await compactedDirectory();
        await writeFile(join(dir, SEG1), segment1);
        await removeFile(join(dir, SNAPSHOT_FILE));
        expect((await reopenModel()).digest()).to.deep.equal(model.digest());
      });

      it('temp snapshot partly written, not renamed', async function () {
        const { segment1, model } = await compactedDirectory();
        await writeFile(join(dir, SEG1), segment1);
        const snapshot = await readFile(join(dir, SNAPSHOT_FILE));
        await writeFile(join(dir, SNAPSHOT_TEMP_FILE), snapshot.subarray(0, Math.floor(snapshot.length / 2)));
        await removeFile(join(dir, SNAPSHOT_FILE));
        expect((await reopenModel()).digest()).to.deep.equal(model.digest());
        expect(await readdir(dir)).to.not.include(SNAPSHOT_TEMP_FILE);
      });

      it('temp snapshot complete, not renamed, with an older snapshot in place', async function () {
        const { segment1, model } = await compactedDirectory();
        // The older snapshot covers nothing (segment 0) and is empty.
        const older = await makeTempDir('older');
        try {
          const o = await openLogPersistence(older);
          await o.load(() => undefined);
          await o.compact({ collections: [] });
          await o.close();
          await copyFile(join(dir, SNAPSHOT_FILE), join(dir, SNAPSHOT_TEMP_FILE));
          await copyFile(join(older, SNAPSHOT_FILE), join(dir, SNAPSHOT_FILE));
        } finally {
          await removeDir(older);
        }
        await writeFile(join(dir, SEG1), segment1);
        expect((await reopenModel()).digest()).to.deep.equal(model.digest());
      });

      it('snapshot renamed, covered segment not yet deleted', async function () {
        const { segment1, model } = await compactedDirectory();
        await writeFile(join(dir, SEG1), segment1);
        expect((await reopenModel()).digest()).to.deep.equal(model.digest());
        expect(await readdir(dir)).to.not.include(SEG1);
      });

      it('a damaged (fsynced, renamed) snapshot is an error, not an empty store', async function () {
        await compactedDirectory();
        const size = (await stat(join(dir, SNAPSHOT_FILE))).size;
        await truncate(join(dir, SNAPSHOT_FILE), size - 10);
        const p = await openStore();
        await expectRejection(
          p.load(() => undefined),
          LogCorruptionError,
        );
      });
    });

    it('a failed compaction removes its temp file and leaves the store working', async function () {
      const p = await openStore();
      const model = await loadModel(p);
      await p.append([put(1)]);
      model.apply(put(1));
      const circular: Document = { _id: 'loop' };
      circular.self = circular;
      const image = model.image();
      const bad = {
        collections: [
          ...image.collections,
          { db: 'd', coll: 'x', options: {}, indexes: [], docs: [circular] },
        ],
      };
      await expectRejection(p.compact(bad), Error);
      expect(await readdir(dir)).to.not.include(SNAPSHOT_TEMP_FILE);
      await p.append([put(2)]);
      model.apply(put(2));
      await p.close();
      expect((await reopenModel()).digest()).to.deep.equal(model.digest());
    });

    it('wantsCompaction once the log exceeds compactAfterBytes and the snapshot size', async function () {
      const p = await openStore({ compactAfterBytes: 10_000 });
      const model = new StoreModel();
      await p.load(() => undefined);
      expect(p.wantsCompaction()).to.equal(false);
      const group = (i: number): LogRecord[] => [
        { op: 'put', db: 'd', coll: 'c', doc: { _id: i % 100, s: 'z'.repeat(200) } },
      ];
      let i = 0;
      while (p.stats().logBytes <= 10_000) {
        const g = group(i++);
        g.forEach(model.apply);
        await p.append(g);
      }
      expect(p.wantsCompaction()).to.equal(true);
      const compaction = p.compact(model.image());
      expect(p.wantsCompaction(), 'not while compacting').to.equal(false);
      await compaction;
      expect(p.wantsCompaction()).to.equal(false);
      expect(p.stats().snapshotBytes).to.be.greaterThan(0);
      await p.close();
    });
  });
});

async function flipByte(file: string, offset: number): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, offset);
    b[0] = b[0]! ^ 0xff;
    await fh.write(b, 0, 1, offset);
  } finally {
    await fh.close();
  }
}

async function removeFile(file: string): Promise<void> {
  await unlink(file);
}
