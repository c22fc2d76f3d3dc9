import { expect } from 'chai';
import { createWorkerRegistry, type Worker } from '../../../src/runtime/workers.js';
import { createMemoryLog } from '../../helpers/memory-log.js';

function recordingWorker(name: string, events: string[], failOnStop = false): Worker {
  return {
    name,
    start: () => void events.push(`start ${name}`),
    stop: async () => {
      events.push(`stop ${name}`);
      if (failOnStop) throw new Error(`${name} is stuck`);
    },
  };
}

describe('createWorkerRegistry', () => {
  it('starts workers in registration order and stops them in reverse', async () => {
    const events: string[] = [];
    const registry = createWorkerRegistry(createMemoryLog().logger);
    registry.register(recordingWorker('outbox', events));
    registry.register(recordingWorker('cleanup', events));
    await registry.startAll();
    await registry.stopAll();
    expect(events).to.deep.equal(['start outbox', 'start cleanup', 'stop cleanup', 'stop outbox']);
  });

  it('keeps stopping the others when one worker fails to stop, and logs it', async () => {
    const events: string[] = [];
    const log = createMemoryLog();
    const registry = createWorkerRegistry(log.logger);
    registry.register(recordingWorker('outbox', events));
    registry.register(recordingWorker('stuck', events, true));
    await registry.startAll();
    await registry.stopAll();
    expect(events).to.include('stop outbox');
    expect(
      log.lines().some((line) => line['msg'] === 'worker failed to stop' && line['worker'] === 'stuck'),
    ).to.equal(true);
  });

  it('refuses two workers with the same name', () => {
    const registry = createWorkerRegistry(createMemoryLog().logger);
    registry.register(recordingWorker('outbox', []));
    expect(() => registry.register(recordingWorker('outbox', []))).to.throw(/already registered/);
  });

  it('does not stop a worker that never started', async () => {
    const events: string[] = [];
    const registry = createWorkerRegistry(createMemoryLog().logger);
    registry.register(recordingWorker('outbox', events));
    await registry.stopAll();
    expect(events).to.deep.equal([]);
  });
});
