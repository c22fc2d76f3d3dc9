/**
 * A real LRS on loopback for tests and benchmarks: Learning Locker's statement service
 * (`xapi-statements`, in memory) in a child process, behind Basic auth on 127.0.0.1. Stop it in
 * `after`; a fresh one per test file (its memory store slows down as it fills).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LrsTarget } from '../../src/xapi/lrs-client.js';

export interface LocalLrs extends LrsTarget {
  readonly port: number;
  /** The LRS child process (benchmarks pin it to a CPU). */
  readonly pid: number;
  /** Answer the next `count` statement POSTs with `status` (and `Retry-After`, if given). */
  injectFault(fault: { status: number; count?: number; retryAfter?: string; body?: string }): Promise<void>;
  /** Stop listening (the LRS is "down"); the stored statements stay. */
  close(): Promise<void>;
  /** Listen again on the same port. */
  reopen(): Promise<void>;
  /** How many statement POSTs reached the service (faults included). */
  statementPosts(): Promise<number>;
  /** All statements the LRS holds matching the query (follows `more` links). */
  query(params: Record<string, string>): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

const LAUNCHER = fileURLToPath(new URL('./lrs/launch-lrs.js', import.meta.url));

export async function startLocalLrs(): Promise<LocalLrs> {
  const storage = mkdtempSync(path.join(os.tmpdir(), 'teamloop-lrs-'));
  const username = 'xapi';
  const password = 'xapi-secret';
  const child: ChildProcess = fork(LAUNCHER, [], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      LRS_PORT: '0',
      LRS_USER: username,
      LRS_PASS: password,
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      SERVICE_AWAIT_UPDATES: 'true',
      EXPRESS_BODY_PARSER_LIMIT: '20mb',
      FS_LOCAL_STORAGE_DIR: storage,
      EXPRESS_MORGAN_DIRECTORY: path.join(storage, 'access-logs'),
      WINSTON_CONSOLE_LEVEL: 'error',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));

  const next = (type: string, timeoutMs = 30_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`local LRS: no "${type}" within ${timeoutMs} ms; stderr:\n${stderr}`));
      }, timeoutMs);
      const onMessage = (m: unknown): void => {
        if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type) {
          cleanup();
          resolve(m as Record<string, unknown>);
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`local LRS exited (${code}); stderr:\n${stderr}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  const port = Number((await next('listening', 60_000))['port']);
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  return {
    endpoint,
    username,
    password,
    port,
    pid: child.pid ?? 0,
    async injectFault(fault) {
      const ack = next('fault-set');
      child.send({ cmd: 'fault', count: 1, ...fault });
      await ack;
    },
    async close() {
      const closed = next('closed');
      child.send({ cmd: 'close' });
      await closed;
    },
    async reopen() {
      const listening = next('listening');
      child.send({ cmd: 'listen' });
      await listening;
    },
    async statementPosts() {
      const stats = next('stats');
      child.send({ cmd: 'stats' });
      return Number((await stats)['statementPosts']);
    },
    async query(params) {
      const out: Array<Record<string, unknown>> = [];
      let url: string | undefined =
        `${endpoint}statements?${new URLSearchParams({ limit: '500', ...params })}`;
      while (url !== undefined) {
        const res = await fetch(url, {
          headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' },
        });
        if (!res.ok) throw new Error(`LRS query ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { statements: Array<Record<string, unknown>>; more?: string };
        out.push(...body.statements);
        url = body.more ? new URL(body.more, endpoint).toString() : undefined;
      }
      return out;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
