/**
 * The phase scheduler moves tasks on when their dates come: real store on the embedded server,
 * an injected clock, a short interval, and polling for the result (no fixed sleeps).
 */
import { expect } from 'chai';
import { currentPhase } from '../../../src/domain/team-task/team-task.js';
import type { TeamTaskId } from '../../../src/domain/shared/ids.js';
import { createPhaseScheduler, type PhaseScheduler } from '../../../src/runtime/phase-scheduler.js';
import { applyDueTransitions } from '../../../src/services/tasks/apply-due-transitions.js';
import { createTeamTask } from '../../../src/services/tasks/create-team-task.js';
import { loadConfig } from '../../../src/config.js';
import { createMemoryLog } from '../../helpers/memory-log.js';
import {
  T0,
  ann,
  as,
  bob,
  course,
  facilitator,
  startTeamworkHarness,
  type TeamworkHarness,
} from '../../helpers/teamwork-harness.js';

const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('phase scheduler', function () {
  let h: TeamworkHarness;
  let scheduler: PhaseScheduler | undefined;

  before(async () => {
    h = await startTeamworkHarness('phase-scheduler');
    h.setRoster(course, [ann, bob]);
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });
  after(async () => h?.stop());

  async function phaseOf(id: TeamTaskId) {
    const task = await h.deps.teamTasks.findById(id);
    return task === undefined ? undefined : currentPhase(task);
  }

  it('opens and closes phases at their dates, run after run, as the clock moves', async () => {
    h.at(0);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: 'Scheduled',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work'],
        schedule: {
          'standard-setting': { opensAt: hours(1), closesAt: hours(2) },
          work: { opensAt: hours(3) },
        },
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
    const log = createMemoryLog('info');
    let runs = 0;
    scheduler = createPhaseScheduler({
      apply: () => {
        runs += 1;
        return applyDueTransitions(h.deps);
      },
      intervalMs: 20,
      logger: log.logger,
    });
    scheduler.start();
    await eventually(async () => runs >= 2);
    expect(await phaseOf(task.id), 'before its first date').to.equal('setup');

    h.at(1.5);
    await eventually(async () => (await phaseOf(task.id)) === 'standard-setting');
    h.at(3.5);
    await eventually(async () => (await phaseOf(task.id)) === 'work');
    const stored = await h.deps.teamTasks.findById(task.id);
    expect(stored!.history.map((c) => [c.to, c.at.toISOString(), c.cause.kind])).to.deep.equal([
      ['standard-setting', hours(1).toISOString(), 'schedule'],
      ['work', hours(3).toISOString(), 'schedule'],
    ]);
    expect(log.text()).to.contain('team task moved on by its schedule');
  });

  it('keeps running after a failed run and logs it', async () => {
    const log = createMemoryLog('info');
    let calls = 0;
    scheduler = createPhaseScheduler({
      apply: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return [];
      },
      intervalMs: 10,
      logger: log.logger,
    });
    scheduler.start();
    await eventually(async () => calls >= 3);
    expect(log.text()).to.contain('phase schedule run failed');
  });

  it('takes its interval from TEAM_TASK_SCHEDULE_INTERVAL_MS (one minute by default)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).phaseScheduleIntervalMs).to.equal(60_000);
    expect(
      loadConfig({ NODE_ENV: 'test', TEAM_TASK_SCHEDULE_INTERVAL_MS: '5000' }).phaseScheduleIntervalMs,
    ).to.equal(5000);
    expect(() => loadConfig({ NODE_ENV: 'test', TEAM_TASK_SCHEDULE_INTERVAL_MS: '10' })).to.throw(
      /TEAM_TASK_SCHEDULE_INTERVAL_MS/,
    );
  });
});
