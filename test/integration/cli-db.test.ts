import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runNode, type RunningChild } from '../helpers/child-process.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const BIN = path.join(PROJECT_ROOT, 'bin', 'teamloop.js');

describe('npx teamloop db', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let run: RunningChild | undefined;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    run?.kill();
    await dir.remove();
  });

  it('runs the embedded server standalone, prints its URI and stops cleanly on Ctrl-C', async () => {
    run = runNode([BIN, 'db', '--port', '0', '--dbpath', path.join(dir.path, 'db')], {}, dir.path);
    const line = await run.waitForLine((l) => l.startsWith('Embedded database listening at '), 30_000);
    const uri = /mongodb:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(uri).to.be.a('string');

    const client = await MongoClient.connect(uri!);
    await client.db('cli').collection('notes').insertOne({ from: 'cli test' });
    expect(await client.db('cli').collection('notes').countDocuments()).to.equal(1);
    await client.close();

    run.child.kill('SIGINT');
    expect(await run.waitForExit(10_000)).to.equal(0);
    expect(run.output()).to.contain('Stopped.');
  });

  it('prints the command list with --help', async () => {
    run = runNode([BIN, '--help'], {}, dir.path);
    expect(await run.waitForExit(10_000)).to.equal(0);
    expect(run.output()).to.contain('Usage: teamloop <command>').and.contain('db');
  });
});
