/**
 * Exclusive ownership of a data directory through `dir/mongod.lock`, which holds the owner's pid.
 *
 * The lock is taken with an exclusive create, so two live processes can never both hold it. A lock
 * left behind by a dead process (kill -9, power loss) is taken over: it is first renamed aside and
 * re-read, and only removed if it still names the dead pid, so a racing starter that already
 * replaced it is not robbed. A pid equal to our own but not held by this process is a leftover from
 * an earlier incarnation (containers reuse pids) and is stale too. Opening the same directory twice
 * in one process is refused through an in-process registry, because the pid check cannot see it.
 */
import { open, readFile, rename, unlink, link } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'mongod.lock';

/** Another live process (or this one) already owns the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      pid === process.pid
        ? `Data directory ${dir} is already open in this process (pid ${pid})`
        : `Data directory ${dir} is locked by running process ${pid} (${join(dir, LOCK_FILE_NAME)}); ` +
            'stop that process or use another directory',
    );
  }
}

export interface DataDirLock {
  readonly dir: string;
  /** Removes the lock file if it still names this process; idempotent. */
  release(): Promise<void>;
}

const heldInThisProcess = new Set<string>();

const MAX_ATTEMPTS = 20;
const EMPTY_LOCK_RETRY_MS = 25;

export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const key = resolve(dir);
  if (heldInThisProcess.has(key)) throw new DataDirLockedError(dir, process.pid);
  heldInThisProcess.add(key);
  try {
    await takeLockFile(dir, join(dir, LOCK_FILE_NAME));
  } catch (error) {
    heldInThisProcess.delete(key);
    throw error;
  }
  let released = false;
  return {
    dir,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      heldInThisProcess.delete(key);
      const lockPath = join(dir, LOCK_FILE_NAME);
      if ((await readPid(lockPath)) === process.pid) await unlinkIfPresent(lockPath);
    },
  };
}

async function takeLockFile(dir: string, lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const fh = await open(lockPath, 'wx');
      try {
        await fh.writeFile(`${process.pid}\n`);
      } finally {
        await fh.close();
      }
      return;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const owner = await readPid(lockPath);
    if (owner === 'missing') continue;
    if (owner === 'unreadable') {
      // Possibly a starter between its create and its write: give it a moment before calling it stale.
      if (attempt < MAX_ATTEMPTS / 2) {
        await sleep(EMPTY_LOCK_RETRY_MS);
        continue;
      }
    } else if (owner !== process.pid && isAlive(owner)) {
      throw new DataDirLockedError(dir, owner);
    }
    await removeStaleLock(lockPath, owner);
  }
  throw new Error(`Could not take the lock ${lockPath} after ${MAX_ATTEMPTS} attempts (contended)`);
}

/** Renames the lock aside and deletes it only if it is still the stale one we judged. */
async function removeStaleLock(lockPath: string, stale: number | 'unreadable'): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const moved = await readPid(aside);
  if (moved !== stale) {
    // Someone replaced the stale lock before our rename: put theirs back (exclusively) and retry.
    try {
      await link(aside, lockPath);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
  }
  await unlinkIfPresent(aside);
}

async function readPid(path: string): Promise<number | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 'missing';
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 && String(pid) === text.trim() ? pid : 'unreadable';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // exists, owned by another user
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
