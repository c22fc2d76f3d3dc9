import { stat } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { compose, type Tool } from '../../src/compose.js';
import { asCourseId } from '../../src/domain/shared/ids.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { createMemoryLog } from '../helpers/memory-log.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';
import { makeTestConfig } from '../helpers/test-config.js';

describe('compose (start and stop the whole tool)', function () {
  this.timeout(60_000);
  let dataDir: TempDir;
  let tool: Tool | undefined;
  let mongo: EmbeddedMongo | undefined;

  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(async () => {
    await tool?.stop();
    await mongo?.stop();
    tool = undefined;
    mongo = undefined;
    await dataDir.remove();
  });

  it('starts the embedded database under DATA_DIR/db when MONGODB_URI is unset, and is ready', async () => {
    tool = compose(makeTestConfig({ DATA_DIR: dataDir.path }), { logger: createMemoryLog().logger });
    const started = await tool.start();
    expect(started.embeddedDbPath).to.equal(path.join(dataDir.path, 'db'));
    expect((await stat(started.embeddedDbPath!)).isDirectory()).to.equal(true);
    expect(started.encryptionKey.source).to.equal('generated');
    const ready = await fetch(new URL('/health/ready', started.url));
    expect(ready.status).to.equal(200);
  });

  it('prepares the library collections at start and hands out their repositories', async () => {
    tool = compose(makeTestConfig({ DATA_DIR: dataDir.path }), { logger: createMemoryLog().logger });
    expect(() => tool!.library()).to.throw(/after start/);
    const started = await tool.start();
    expect(await tool.library().stories.listByCourse(asCourseId('no-course'), ['submitted'])).to.deep.equal(
      [],
    );
    const client = await MongoClient.connect(started.databaseUri);
    try {
      const indexes = await client
        .db(makeTestConfig({ DATA_DIR: dataDir.path }).mongodbDbName)
        .collection('stories')
        .listIndexes()
        .toArray();
      expect(indexes.map((i) => i['name'])).to.include.members([
        'library_browse',
        'library_terms',
        'library_criteria',
      ]);
    } finally {
      await client.close();
    }
  });

  it('stops serving and releases the database when stopped', async () => {
    tool = compose(makeTestConfig({ DATA_DIR: dataDir.path }), { logger: createMemoryLog().logger });
    const started = await tool.start();
    await tool.stop();
    const afterStop = await fetch(started.url).then(
      (res) => res.status,
      (err: Error & { cause?: { code?: string } }) => err.cause?.code,
    );
    expect(afterStop).to.equal('ECONNREFUSED');
    // The data directory is free again: another server can open it.
    mongo = await startEmbeddedMongo({ dbpath: started.embeddedDbPath! });
    expect(mongo.uri).to.match(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
  });

  it('uses MONGODB_URI when given, and reports not ready once that database is gone', async () => {
    mongo = await startEmbeddedMongo();
    tool = compose(
      makeTestConfig({ DATA_DIR: dataDir.path, MONGODB_URI: `${mongo.uri}/teamloop-compose-test` }),
      { logger: createMemoryLog().logger },
    );
    const started = await tool.start();
    expect(started.embeddedDbPath).to.equal(undefined);
    expect((await fetch(new URL('/health/ready', started.url))).status).to.equal(200);

    const client = await MongoClient.connect(mongo.uri);
    const pong = await client.db('teamloop-compose-test').command({ ping: 1 });
    await client.close();
    expect(pong['ok']).to.equal(1);

    await mongo.stop();
    mongo = undefined;
    const notReady = await fetch(new URL('/health/ready', started.url));
    expect(notReady.status).to.equal(503);
    expect(await notReady.json()).to.deep.equal({ status: 'unavailable', checks: { database: 'down' } });
  });

  it('runs registered workers between database start and stop', async () => {
    const events: string[] = [];
    mongo = await startEmbeddedMongo();
    tool = compose(makeTestConfig({ DATA_DIR: dataDir.path, MONGODB_URI: `${mongo.uri}/teamloop-workers` }), {
      logger: createMemoryLog().logger,
    });
    tool.workers.register({
      name: 'probe',
      start: () => void events.push('started'),
      stop: async () => void events.push('stopped'),
    });
    await tool.start();
    expect(events).to.deep.equal(['started']);
    await tool.stop();
    expect(events).to.deep.equal(['started', 'stopped']);
  });
});
