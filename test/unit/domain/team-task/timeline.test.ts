import { expect } from 'chai';
import { advancePhase } from '../../../../src/domain/team-task/phase-transitions.js';
import { buildTimeline } from '../../../../src/domain/team-task/timeline.js';
import { at, facilitator, inPhase, makeTask } from '../../../fixtures/domain/builders.js';

describe('buildTimeline', () => {
  const schedule = {
    'standard-setting': { opensAt: at(1), closesAt: at(48) },
    work: { opensAt: at(48), closesAt: at(100) },
  };

  it('shows a task in setup with every phase upcoming and the scheduled start next', () => {
    const timeline = buildTimeline(makeTask({ schedule }), at(0));
    expect(timeline).to.deep.include({ phase: 'setup', open: false, overdue: false });
    expect(timeline.next).to.deep.equal({ phase: 'standard-setting', by: 'schedule', at: at(1) });
    expect(timeline.steps.map((s) => s.status)).to.deep.equal([
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(timeline.steps[1]).to.deep.equal({
      phase: 'work',
      status: 'upcoming',
      opensAt: at(48),
      closesAt: at(100),
    });
  });

  it('shows the current phase open with its deadline, what happened before and what is next', () => {
    const task = inPhase(makeTask({ schedule }), 'work'); // opened standard-setting at 1h, work at 2h
    const timeline = buildTimeline(task, at(3));
    expect(timeline).to.deep.include({ phase: 'work', open: true, closesAt: at(100), enteredAt: at(2) });
    expect(timeline.steps[0]).to.deep.include({ status: 'done', openedAt: at(1), leftAt: at(2) });
    expect(timeline.steps[1]).to.deep.include({ status: 'current', openedAt: at(2) });
    // Peer review has no open date: work's close date moves the task on.
    expect(timeline.next).to.deep.equal({ phase: 'peer-review', by: 'schedule', at: at(100) });
  });

  it('says a facilitator moves the task on when no date does', () => {
    const timeline = buildTimeline(inPhase(makeTask(), 'reflection'), at(10));
    expect(timeline.next).to.deep.equal({ phase: 'share', by: 'facilitator' });
  });

  it('flags moves that are due but not applied yet', () => {
    expect(buildTimeline(makeTask({ schedule }), at(50)).overdue).to.equal(true);
  });

  it('shows the current phase closed after its deadline', () => {
    const task = inPhase(makeTask({ schedule: { work: { closesAt: at(10) } } }), 'work');
    expect(buildTimeline(task, at(11))).to.deep.include({ phase: 'work', open: false });
  });

  it('marks phases a task ended early never reached as skipped', () => {
    const task = advancePhase(inPhase(makeTask(), 'work'), 'closed', at(5), facilitator);
    const timeline = buildTimeline(task, at(6));
    expect(timeline.steps.map((s) => s.status)).to.deep.equal([
      'done',
      'done',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(timeline.next).to.equal(undefined);
  });
});
