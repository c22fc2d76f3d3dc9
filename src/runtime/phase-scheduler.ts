/**
 * The phase scheduler: a background loop that moves team tasks on when their dates come (the
 * use case `applyDueTransitions`). It runs once when started and then every `intervalMs`; a run
 * that fails is logged and the next one tries again. Several processes may run it: a task
 * changed by two at once is saved by one and skipped by the other (compare-and-set).
 */
import type { Logger } from '../logger.js';
import type { AppliedTransitions } from '../services/tasks/apply-due-transitions.js';

export interface PhaseScheduler {
  start(): void;
  /** Resolves once the run in progress (if any) has finished; no run starts afterwards. */
  stop(): Promise<void>;
  /** One run now (also what the loop calls). */
  runOnce(): Promise<readonly AppliedTransitions[]>;
}

export function createPhaseScheduler(options: {
  readonly apply: () => Promise<readonly AppliedTransitions[]>;
  readonly intervalMs: number;
  readonly logger: Logger;
}): PhaseScheduler {
  const log = options.logger.child({ module: 'phase-scheduler' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function runOnce(): Promise<readonly AppliedTransitions[]> {
    const applied = await options.apply();
    for (const { taskId, transitions } of applied) {
      log.info(
        { taskId, moves: transitions.map((t) => `${t.from}->${t.to}`) },
        'team task moved on by its schedule',
      );
    }
    return applied;
  }

  function tick(): void {
    timer = undefined;
    running = runOnce()
      .catch((err: unknown) => log.error({ err }, 'phase schedule run failed'))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
