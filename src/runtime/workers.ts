/**
 * Background workers that live as long as the process (the xAPI outbox delivery worker first).
 * They start after the database is connected and stop, in reverse order, before it is closed.
 */
import type { Logger } from '../logger.js';

export interface Worker {
  readonly name: string;
  start(): void | Promise<void>;
  /** Finishes or abandons the current unit of work and resolves when the worker is idle. */
  stop(): Promise<void>;
}

export interface WorkerRegistry {
  register(worker: Worker): void;
  names(): readonly string[];
  startAll(): Promise<void>;
  /** Stops every started worker; a failing worker is logged and does not block the others. */
  stopAll(): Promise<void>;
}

export function createWorkerRegistry(logger: Logger): WorkerRegistry {
  const workers: Worker[] = [];
  const started: Worker[] = [];
  const log = logger.child({ module: 'workers' });

  return {
    register(worker) {
      if (workers.some((w) => w.name === worker.name))
        throw new Error(`worker "${worker.name}" is already registered`);
      workers.push(worker);
    },
    names: () => workers.map((w) => w.name),
    async startAll() {
      for (const worker of workers) {
        if (started.includes(worker)) continue;
        await worker.start();
        started.push(worker);
        log.info({ worker: worker.name }, 'worker started');
      }
    },
    async stopAll() {
      while (started.length > 0) {
        const worker = started.pop()!;
        try {
          await worker.stop();
          log.info({ worker: worker.name }, 'worker stopped');
        } catch (err) {
          log.error({ err, worker: worker.name }, 'worker failed to stop');
        }
      }
    },
  };
}
