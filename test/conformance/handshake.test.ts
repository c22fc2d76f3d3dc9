/**
 * Pins the handshake and connection lifecycle: hello/isMaster/ping/buildInfo/getParameter/
 * listDatabases replies, the replica-set primary shape every driver line relies on, w:0 writes,
 * many concurrent clients, driver 5.9 (ltijs) and driver 6 smoke tests, and that a broken client
 * (oversized, undersized or truncated wire message) loses only its own connection.
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import { expect } from 'chai';
import { serialize, deserialize, type Document } from 'bson';
import { MongoClient, type Db } from 'mongodb';
import { MongoClient as MongoClient6 } from 'mongodb6';
import type { MongoClient as MongoClient5Type } from 'ltijs/node_modules/mongodb';
import { startMongoTarget, itEmbeddedOnly, type AnyDoc, type MongoTarget } from '../helpers/mongo-target.js';

const requireCjs = createRequire(import.meta.url);
const { MongoClient: MongoClient5 } = requireCjs('ltijs/node_modules/mongodb') as {
  MongoClient: typeof MongoClient5Type;
};

const OP_MSG = 2013;

describe('conformance: handshake and lifecycle', function () {
  let target: MongoTarget;
  let client: MongoClient;
  let db: Db;

  before(async function () {
    target = await startMongoTarget();
    client = await target.connect();
    db = client.db(target.dbName('handshake'));
  });

  after(async function () {
    await target?.stop();
  });

  describe('hello', function () {
    it('describes a writable replica-set primary with the limits drivers need', async function () {
      const reply = await client.db('admin').command({ hello: 1 });

      expect(reply.ok).to.equal(1);
      expect(reply.isWritablePrimary).to.equal(true);
      expect(reply.secondary).to.equal(false);
      expect(reply.setName).to.be.a('string').with.length.greaterThan(0);
      expect(reply.setVersion).to.be.a('number');
      expect(reply.me).to.be.a('string');
      expect(reply.hosts).to.be.an('array').that.includes(reply.me);
      expect(reply.primary).to.equal(reply.me);
      expect(reply.maxBsonObjectSize).to.equal(16 * 1024 * 1024);
      expect(reply.maxMessageSizeBytes).to.equal(48_000_000);
      expect(reply.maxWriteBatchSize).to.equal(100_000);
      expect(reply.localTime).to.be.instanceOf(Date);
      expect(reply.logicalSessionTimeoutMinutes).to.equal(30);
      expect(reply.connectionId).to.be.a('number');
      expect(reply.minWireVersion).to.equal(0);
      expect(reply.maxWireVersion).to.be.a('number').and.at.least(21);
      expect(reply.readOnly).to.equal(false);
    });
  });

  describe('isMaster', function () {
    it('answers with the legacy ismaster flag instead of isWritablePrimary', async function () {
      const reply = await client.db('admin').command({ isMaster: 1 });

      expect(reply.ok).to.equal(1);
      expect(reply.ismaster).to.equal(true);
      expect(reply).to.not.have.property('isWritablePrimary');
      expect(reply.secondary).to.equal(false);
      expect(reply.setName).to.be.a('string').with.length.greaterThan(0);
      expect(reply.maxWireVersion).to.be.at.least(21);
    });
  });

  describe('ping', function () {
    it('answers ok: 1 on any database', async function () {
      expect((await client.db('admin').command({ ping: 1 })).ok).to.equal(1);
      expect((await db.command({ ping: 1 })).ok).to.equal(1);
    });
  });

  describe('buildInfo', function () {
    it('reports a 7.0-or-later version string and the matching versionArray', async function () {
      const reply = await client.db('admin').command({ buildInfo: 1 });

      expect(reply.ok).to.equal(1);
      expect(reply.version).to.match(/^\d+\.\d+\.\d+/);
      expect(reply.versionArray).to.be.an('array').with.lengthOf(4);
      const [major, minor, patch] = reply.versionArray as number[];
      expect(reply.version.startsWith(`${major}.${minor}.${patch}`)).to.equal(true);
      expect(major).to.be.at.least(7);
      expect(reply.maxBsonObjectSize).to.equal(16 * 1024 * 1024);
    });
  });

  describe('getParameter', function () {
    it('reports featureCompatibilityVersion equal to the server major.minor', async function () {
      const info = await client.db('admin').command({ buildInfo: 1 });
      const reply = await client.db('admin').command({ getParameter: 1, featureCompatibilityVersion: 1 });

      expect(reply.ok).to.equal(1);
      const [major, minor] = info.versionArray as number[];
      expect(reply.featureCompatibilityVersion).to.deep.include({ version: `${major}.${minor}` });
    });
  });

  describe('listDatabases', function () {
    it('lists a database once it holds a collection, with size and empty flag', async function () {
      await db.collection<AnyDoc>('listed').insertOne({ _id: 1 });

      const reply = await client.db('admin').command({ listDatabases: 1 });
      const entry = (reply.databases as Document[]).find((d) => d.name === db.databaseName);

      expect(reply.ok).to.equal(1);
      expect(reply.totalSize).to.be.a('number');
      expect(entry).to.not.equal(undefined);
      expect(entry?.sizeOnDisk).to.be.a('number');
      expect(entry?.empty).to.equal(false);
    });

    it('returns only names when nameOnly is true and honours a name filter', async function () {
      await db.collection<AnyDoc>('listed').updateOne({ _id: 1 }, { $set: { a: 1 } }, { upsert: true });

      const reply = await client
        .db('admin')
        .command({ listDatabases: 1, nameOnly: true, filter: { name: db.databaseName } });

      expect(reply.ok).to.equal(1);
      expect(reply.databases).to.deep.equal([{ name: db.databaseName }]);
    });

    it('does not list a database that has no collections', async function () {
      const reply = await client
        .db('admin')
        .command({ listDatabases: 1, nameOnly: true, filter: { name: 'never_created_db_x' } });

      expect(reply.databases).to.deep.equal([]);
    });
  });

  describe('unacknowledged writes (w: 0)', function () {
    it('returns acknowledged: false and still applies the insert and the update', async function () {
      const coll = db.collection<AnyDoc>('w0');

      const inserted = await coll.insertOne({ _id: 'w0', n: 1 }, { writeConcern: { w: 0 } });
      expect(inserted).to.deep.equal({ acknowledged: false, insertedId: 'w0' });
      await eventually(async () => (await coll.findOne({ _id: 'w0' }))?.n === 1);

      const updated = await coll.updateOne({ _id: 'w0' }, { $inc: { n: 1 } }, { writeConcern: { w: 0 } });
      expect(updated.acknowledged).to.equal(false);
      await eventually(async () => (await coll.findOne({ _id: 'w0' }))?.n === 2);
    });
  });

  describe('many clients', function () {
    it('serves 50 clients connecting and writing in parallel', async function () {
      const dbName = db.databaseName;
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const c = new MongoClient(target.uri, { maxPoolSize: 2 });
          try {
            await c.connect();
            const coll = c.db(dbName).collection<AnyDoc>('parallel');
            await coll.insertOne({ _id: i, from: `client-${i}` });
            return await coll.findOne({ _id: i });
          } finally {
            await c.close();
          }
        }),
      );

      expect(results.map((d) => d?.from)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `client-${i}`));
      expect(await db.collection<AnyDoc>('parallel').countDocuments()).to.equal(50);
    });
  });

  describe('other driver lines', function () {
    it('serves CRUD to driver 5.9 (the one ltijs uses)', async function () {
      const c5 = new MongoClient5(target.uriFor(db.databaseName));
      try {
        await c5.connect();
        const coll = c5.db().collection<AnyDoc>('driver5');
        expect((await coll.insertOne({ _id: 1, v: 'five' })).insertedId).to.equal(1);
        expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, v: 'five' });
        expect((await coll.updateOne({ _id: 1 }, { $set: { v: '5.9' } })).modifiedCount).to.equal(1);
        expect(await coll.countDocuments({ v: '5.9' })).to.equal(1);
        expect((await coll.deleteOne({ _id: 1 })).deletedCount).to.equal(1);
      } finally {
        await c5.close();
      }
    });

    it('serves CRUD to driver 6', async function () {
      const c6 = new MongoClient6(target.uriFor(db.databaseName));
      try {
        await c6.connect();
        const coll = c6.db().collection<AnyDoc>('driver6');
        expect((await coll.insertMany([{ _id: 1 }, { _id: 2 }])).insertedCount).to.equal(2);
        expect(await coll.find({}, { sort: { _id: -1 } }).toArray()).to.deep.equal([{ _id: 2 }, { _id: 1 }]);
        expect((await coll.deleteMany({})).deletedCount).to.equal(2);
      } finally {
        await c6.close();
      }
    });
  });

  describe('broken wire messages', function () {
    it('closes a connection whose message header announces more than 48 MB', async function () {
      const socket = await openSocket(target);
      const header = Buffer.alloc(16);
      header.writeInt32LE(0x7fff_ffff, 0);
      header.writeInt32LE(1, 4);
      header.writeInt32LE(0, 8);
      header.writeInt32LE(OP_MSG, 12);
      socket.write(header);

      await expectClosed(socket);
      expect((await db.command({ ping: 1 })).ok).to.equal(1);
    });

    it('closes a connection whose message length is smaller than a header', async function () {
      const socket = await openSocket(target);
      const header = Buffer.alloc(16);
      header.writeInt32LE(8, 0);
      header.writeInt32LE(1, 4);
      header.writeInt32LE(0, 8);
      header.writeInt32LE(OP_MSG, 12);
      socket.write(header);

      await expectClosed(socket);
      expect((await db.command({ ping: 1 })).ok).to.equal(1);
    });

    it('keeps serving other clients while one connection sends a truncated message', async function () {
      const stalled = await openSocket(target);
      const message = opMsg({ ping: 1, $db: 'admin' }, 7);
      stalled.write(message.subarray(0, message.length - 5));

      expect((await db.command({ ping: 1 })).ok).to.equal(1);
      const other = await openSocket(target);
      const reply = await roundTrip(other, opMsg({ ping: 1, $db: 'admin' }, 8));
      expect(reply.ok).to.equal(1);

      other.destroy();
      stalled.destroy();
    });

    it('answers a well-formed OP_MSG sent over a raw socket (control for the tests above)', async function () {
      const socket = await openSocket(target);
      const reply = await roundTrip(socket, opMsg({ hello: 1, $db: 'admin' }, 9));
      socket.destroy();

      expect(reply.ok).to.equal(1);
      expect(reply.isWritablePrimary).to.equal(true);
    });
  });

  describe('server restart', function () {
    itEmbeddedOnly(
      'lets a connected client continue after the server restarts on the same port',
      async function () {
        this.timeout(40_000);
        const restart = target.restart;
        if (restart === undefined) throw new Error('the embedded target has no restart()');
        const own = new MongoClient(target.uri, { serverSelectionTimeoutMS: 30_000 });
        try {
          await own.connect();
          expect((await own.db('admin').command({ ping: 1 })).ok).to.equal(1);

          await restart();

          expect((await own.db('admin').command({ ping: 1 })).ok).to.equal(1);
        } finally {
          await own.close();
        }
      },
    );
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function opMsg(body: Document, requestId: number): Buffer {
  const doc = serialize(body);
  const header = Buffer.alloc(20);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  return Buffer.concat([header, Buffer.from([0]), doc]);
}

function hostAndPort(target: MongoTarget): { host: string; port: number } {
  const hosts = target.uri.replace(/^mongodb:\/\//, '').split(/[/?]/)[0] ?? '';
  const first = (hosts.split(',')[0] ?? '').replace(/^.*@/, '');
  const [host, port] = first.split(':');
  return { host: host === undefined || host === '' ? '127.0.0.1' : host, port: Number(port ?? 27017) };
}

async function openSocket(target: MongoTarget): Promise<net.Socket> {
  const { host, port } = hostAndPort(target);
  return await new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function expectClosed(socket: net.Socket, timeoutMs = 5000): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('server kept the connection open'));
    }, timeoutMs);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function roundTrip(socket: net.Socket, message: Buffer): Promise<Document> {
  return await new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no reply')), 5000);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        clearTimeout(timer);
        // header (16) + flagBits (4) + section kind (1) + body document
        resolve(deserialize(received.subarray(21, received.readInt32LE(0))));
      }
    });
    socket.once('error', reject);
    socket.write(message);
  });
}
