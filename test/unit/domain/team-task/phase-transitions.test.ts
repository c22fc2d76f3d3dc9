import { expect } from 'chai';
import { NotPermittedError, PhaseConflictError } from '../../../../src/domain/shared/errors.js';
import {
  advancePhase,
  applyDueTransitions,
  assertPhaseOpen,
  dueTransitions,
  isPhaseOpen,
} from '../../../../src/domain/team-task/phase-transitions.js';
import { currentPhase, type PhaseSchedule } from '../../../../src/domain/team-task/team-task.js';
import {
  ann,
  at,
  facilitator,
  inPhase,
  learner,
  makeTask,
  thrown,
} from '../../../fixtures/domain/builders.js';

/** Standard-setting hours 1–48, work 48–100, peer review opens at 120, closes 150; rest by hand. */
const SCHEDULE: PhaseSchedule = {
  'standard-setting': { opensAt: at(1), closesAt: at(48) },
  work: { opensAt: at(48), closesAt: at(100) },
  'peer-review': { opensAt: at(120), closesAt: at(150) },
};

describe('dueTransitions', () => {
  it('has nothing due before the first date', () => {
    expect(dueTransitions(makeTask({ schedule: SCHEDULE }), at(0.5))).to.deep.equal([]);
  });

  it('opens the first phase at its open date, exactly on time', () => {
    expect(dueTransitions(makeTask({ schedule: SCHEDULE }), at(1))).to.deep.equal([
      { from: 'setup', to: 'standard-setting', at: at(1) },
    ]);
  });

  it('catches up through every move that fell due, each at the date that triggered it', () => {
    expect(dueTransitions(makeTask({ schedule: SCHEDULE }), at(130))).to.deep.equal([
      { from: 'setup', to: 'standard-setting', at: at(1) },
      { from: 'standard-setting', to: 'work', at: at(48) },
      { from: 'work', to: 'peer-review', at: at(120) },
    ]);
  });

  it('moves on at the next phase open date, not at the earlier close date (the task waits, closed)', () => {
    const task = applyDueTransitions(makeTask({ schedule: SCHEDULE }), at(110));
    expect(currentPhase(task)).to.equal('work');
    expect(isPhaseOpen(task, 'work', at(110))).to.equal(false);
  });

  it('moves on at the close date when the next phase has no open date', () => {
    const task = makeTask({
      phases: ['work', 'share'],
      schedule: { work: { opensAt: at(1), closesAt: at(5) } },
    });
    expect(dueTransitions(task, at(6)).map((t) => [t.to, t.at])).to.deep.equal([
      ['work', at(1)],
      ['share', at(5)],
    ]);
  });

  it('closes the task at the close date of its last phase', () => {
    const task = inPhase(makeTask({ phases: ['work'], schedule: { work: { closesAt: at(50) } } }), 'work');
    expect(dueTransitions(task, at(50))).to.deep.equal([{ from: 'work', to: 'closed', at: at(50) }]);
  });

  it('stops at the first move no date decides, leaving the rest to the facilitator', () => {
    const task = inPhase(makeTask({ schedule: SCHEDULE }), 'peer-review');
    expect(dueTransitions(task, at(1000))).to.deep.equal([
      { from: 'peer-review', to: 'reflection', at: at(150) },
    ]);
  });

  it('ignores a date that had passed when the facilitator opened the phase', () => {
    // Work was opened by hand at hour 2; its planned close (hour 1.5) is in the past.
    const task = inPhase(
      makeTask({ phases: ['standard-setting', 'work'], schedule: { work: { closesAt: at(1.5) } } }),
      'work',
    );
    expect(dueTransitions(task, at(3))).to.deep.equal([]);
  });

  it('has nothing due for a closed task', () => {
    expect(dueTransitions(inPhase(makeTask({ schedule: SCHEDULE }), 'closed'), at(1000))).to.deep.equal([]);
  });
});

describe('applyDueTransitions', () => {
  it('records each scheduled move in the history as caused by the schedule', () => {
    const task = applyDueTransitions(makeTask({ schedule: SCHEDULE }), at(60));
    expect(currentPhase(task)).to.equal('work');
    expect(task.history).to.deep.equal([
      { from: 'setup', to: 'standard-setting', at: at(1), cause: { kind: 'schedule' } },
      { from: 'standard-setting', to: 'work', at: at(48), cause: { kind: 'schedule' } },
    ]);
    expect(task.revision).to.equal(2);
  });

  it('returns the very same task when nothing is due', () => {
    const task = makeTask({ schedule: SCHEDULE });
    expect(applyDueTransitions(task, at(0))).to.equal(task);
  });

  it('is idempotent: applying again at the same time changes nothing', () => {
    const once = applyDueTransitions(makeTask({ schedule: SCHEDULE }), at(60));
    expect(applyDueTransitions(once, at(60))).to.equal(once);
  });
});

describe('advancePhase', () => {
  it('moves to the next phase and records the facilitator and the time', () => {
    const task = advancePhase(makeTask(), 'standard-setting', at(3), facilitator);
    expect(currentPhase(task)).to.equal('standard-setting');
    expect(task.history).to.deep.equal([
      {
        from: 'setup',
        to: 'standard-setting',
        at: at(3),
        cause: { kind: 'facilitator', userId: facilitator.userId },
      },
    ]);
  });

  it('does not let the original task change (values are immutable)', () => {
    const task = makeTask();
    advancePhase(task, 'standard-setting', at(3), facilitator);
    expect(currentPhase(task)).to.equal('setup');
  });

  it('ends a running task early', () => {
    expect(currentPhase(advancePhase(inPhase(makeTask(), 'work'), 'closed', at(9), facilitator))).to.equal(
      'closed',
    );
  });

  it('refuses to skip a phase the task uses, saying where it may go', () => {
    const err = thrown(
      () => advancePhase(inPhase(makeTask(), 'standard-setting'), 'peer-review', at(9), facilitator),
      PhaseConflictError,
    );
    expect(err.details).to.deep.equal({
      action: 'advance-phase',
      phase: 'standard-setting',
      taskId: 'task-1',
      to: 'peer-review',
      allowed: 'work,closed',
    });
  });

  it('refuses to go back', () => {
    expect(() => advancePhase(inPhase(makeTask(), 'work'), 'standard-setting', at(9), facilitator)).to.throw(
      PhaseConflictError,
    );
  });

  it('refuses a phase the task does not use', () => {
    const task = makeTask({ phases: ['work', 'share'] });
    expect(() => advancePhase(task, 'standard-setting', at(1), facilitator)).to.throw(PhaseConflictError);
  });

  it('refuses any move from closed', () => {
    const err = thrown(
      () => advancePhase(inPhase(makeTask(), 'closed'), 'closed', at(20), facilitator),
      PhaseConflictError,
    );
    expect(err.details.allowed).to.equal('');
  });

  it('refuses a learner', () => {
    expect(() => advancePhase(makeTask(), 'standard-setting', at(1), learner(ann))).to.throw(
      NotPermittedError,
    );
  });
});

describe('isPhaseOpen', () => {
  const task = inPhase(
    makeTask({ schedule: { 'standard-setting': { closesAt: at(48) } } }),
    'standard-setting',
  );

  it('is open in the current phase before its deadline', () => {
    expect(isPhaseOpen(task, 'standard-setting', at(47.9))).to.equal(true);
  });

  it('is closed from the deadline on, even while the task is still in the phase', () => {
    expect(isPhaseOpen(task, 'standard-setting', at(48))).to.equal(false);
  });

  it('is closed for any other phase', () => {
    expect(isPhaseOpen(task, 'work', at(2))).to.equal(false);
  });
});

describe('assertPhaseOpen', () => {
  it('says the deadline passed when the task is still in the phase', () => {
    const task = inPhase(makeTask({ schedule: { work: { closesAt: at(10) } } }), 'work');
    const err = thrown(() => assertPhaseOpen(task, 'work', at(11), 'submit-work'), PhaseConflictError);
    expect(err.details).to.deep.equal({
      action: 'submit-work',
      phase: 'work',
      taskId: 'task-1',
      required: 'work',
      reason: 'deadline-passed',
    });
  });

  it('names the phase required when the task is elsewhere', () => {
    const err = thrown(() => assertPhaseOpen(makeTask(), 'work', at(1), 'submit-work'), PhaseConflictError);
    expect(err.details).to.deep.equal({
      action: 'submit-work',
      phase: 'setup',
      taskId: 'task-1',
      required: 'work',
    });
  });
});
