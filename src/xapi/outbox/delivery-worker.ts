/**
 * The background worker that drains the outbox: a delivery pass every `pollIntervalMs`, and
 * straight away again while passes find full batches. `stop()` lets the pass in flight finish.
 */
import type { Logger } from '../../logger.js';
import type { Delivery } from './delivery.js';

export interface DeliveryWorker {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

export function createDeliveryWorker(options: {
  readonly delivery: Delivery;
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly logger: Logger;
}): DeliveryWorker {
  const log = options.logger.child({ module: 'xapi-delivery' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => (running = undefined));
    }, ms);
  };

  async function pass(): Promise<void> {
    let again = false;
    try {
      const results = await options.delivery.deliverOnce();
      again = results.some((r) => r.claimed >= options.batchSize && r.state === 'delivered');
    } catch (err) {
      log.error({ err }, 'xapi delivery pass failed');
    }
    schedule(again ? 0 : options.pollIntervalMs);
  }

  return {
    name: 'xapi-delivery',
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
