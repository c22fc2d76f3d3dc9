/**
 * Spawns the storage fixture (`test/fixtures/persistence-child.ts`, compiled next to this file's
 * dist twin) and reads its stdout line by line. Tests only ever kill children they spawned here.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CHILD_SCRIPT = fileURLToPath(new URL('../../../fixtures/persistence-child.js', import.meta.url));

export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly pid: number;
  readonly lines: string[];
  /** Resolves when `predicate` holds for the lines seen so far (rejects if the child exits first). */
  waitFor(predicate: (lines: readonly string[]) => boolean): Promise<void>;
  /** SIGKILLs the child (if still running) and resolves once it has exited and been reaped. */
  kill(): Promise<void>;
  stderr(): string;
}

export function spawnChild(args: readonly string[]): Child {
  const child = spawn(process.execPath, [CHILD_SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let errText = '';
  const waiters = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const w of waiters) w();
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errText += chunk;
  });
  if (child.pid === undefined) throw new Error('could not spawn the fixture child');
  return {
    process: child,
    pid: child.pid,
    lines,
    waitFor(predicate) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(lines)) {
            waiters.delete(check);
            resolve();
          } else if (hasExited) {
            waiters.delete(check);
            reject(new Error(`fixture child exited early; stderr: ${errText}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (!hasExited) child.kill('SIGKILL');
      await exited;
      // Flush any stdout that arrived with the exit.
      await new Promise<void>((resolve) =>
        child.stdout.readableEnded ? resolve() : child.stdout.once('close', () => resolve()),
      );
      if (partial !== '') lines.push(partial);
      partial = '';
    },
    stderr: () => errText,
  };
}
