import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningChild {
  readonly child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** Resolves with the first stdout line matching, or rejects after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (or signal name), or rejects after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<number | string>;
  /** Kills the child if it still runs (cleanup in `afterEach`). */
  kill(): void;
}

/** Starts `node <args>` with exactly `env` (plus PATH), collecting its output by line. */
export function runNode(args: readonly string[], env: Record<string, string>, cwd: string): RunningChild {
  const child = spawn(process.execPath, [...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let all = '';
  let partial = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    all += chunk;
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    listeners.forEach((notify) => notify());
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    all += chunk;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );

  return {
    child,
    output: () => all,
    waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const line = lines.find(match);
          if (line === undefined) return false;
          cleanup();
          resolve(line);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching output line within ${timeoutMs} ms; output so far:\n${all}`));
        }, timeoutMs);
        const onExit = (): void => {
          if (check()) return;
          cleanup();
          reject(new Error(`process exited before the expected line; output:\n${all}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(notify);
          child.off('exit', onExit);
        };
        const notify = (): void => void check();
        listeners.add(notify);
        child.once('exit', onExit);
        check();
      });
    },
    waitForExit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms; output:\n${all}`)),
          timeoutMs,
        );
      });
      return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Parses a pino JSON line; undefined for anything else (e.g. the human "open this URL" line). */
export function jsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
