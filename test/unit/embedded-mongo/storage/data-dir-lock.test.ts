import { readFile, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE_NAME,
} from '../../../../src/embedded-mongo/storage/data-dir-lock.js';
import { openLogPersistence } from '../../../../src/embedded-mongo/storage/log-persistence.js';
import { spawnChild, type Child } from './child-process-helpers.js';
import { expectRejection, makeTempDir, removeDir } from './storage-test-helpers.js';

/** A pid that certainly belonged to a process which has exited (ours, reaped). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  expect(result.pid).to.be.a('number');
  return result.pid;
}

describe('data directory lock', function () {
  let dir: string;
  let child: Child | null = null;

  beforeEach(async function () {
    dir = await makeTempDir('lock');
  });

  afterEach(async function () {
    await child?.kill();
    child = null;
    await removeDir(dir);
  });

  it('refuses while another live process holds it, then takes it over once that process is killed', async function () {
    child = spawnChild(['hold', dir]);
    await child.waitFor((lines) => lines.includes('ready'));
    expect((await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).trim()).to.equal(String(child.pid));

    const error = await expectRejection(openLogPersistence(dir), DataDirLockedError);
    expect(error.pid).to.equal(child.pid);
    expect(error.message).to.contain(dir).and.contain(String(child.pid));

    await child.kill(); // kill -9: the lock file stays behind with a dead pid
    child = null;
    const p = await openLogPersistence(dir);
    expect((await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).trim()).to.equal(String(process.pid));
    await p.close();
  });

  it("takes over a dead owner's lock file and removes it on close", async function () {
    const pid = deadPid();
    await writeFile(join(dir, LOCK_FILE_NAME), `${pid}\n`);
    const p = await openLogPersistence(dir);
    await p.load(() => undefined);
    expect((await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).trim()).to.equal(String(process.pid));
    await p.close();
    await expectRejection(readFile(join(dir, LOCK_FILE_NAME)), Error);
  });

  it('treats a lock file naming our own pid (not held by us) as stale, and an unreadable one too', async function () {
    await writeFile(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    const first = await acquireDataDirLock(dir);
    await first.release();
    await writeFile(join(dir, LOCK_FILE_NAME), 'garbage');
    const second = await acquireDataDirLock(dir);
    await second.release();
  });

  it('refuses a second open of the same directory in this process', async function () {
    const p = await openLogPersistence(dir);
    const error = await expectRejection(openLogPersistence(join(dir, '.')), DataDirLockedError);
    expect(error.pid).to.equal(process.pid);
    await p.close();
    const again = await openLogPersistence(dir);
    await again.close();
  });
});
