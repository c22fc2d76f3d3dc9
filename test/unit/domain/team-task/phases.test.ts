import { expect } from 'chai';
import {
  allowedTransitions,
  hasWorkStarted,
  isAmendmentWindow,
  nextPhase,
  PHASE_SUCCESSORS,
  TASK_PHASES,
} from '../../../../src/domain/team-task/phases.js';
import { ALL_PHASES } from '../../../fixtures/domain/builders.js';

describe('PHASE_SUCCESSORS', () => {
  it('only ever points forward in the canonical order', () => {
    for (const from of TASK_PHASES) {
      for (const to of PHASE_SUCCESSORS[from])
        expect(TASK_PHASES.indexOf(to)).to.be.greaterThan(TASK_PHASES.indexOf(from));
    }
  });

  it('lets nothing follow closed', () => {
    expect(PHASE_SUCCESSORS.closed).to.deep.equal([]);
  });
});

describe('nextPhase', () => {
  it('follows the canonical order when a task uses every phase', () => {
    const path = [];
    let phase = nextPhase(ALL_PHASES, 'setup');
    while (phase !== undefined) {
      path.push(phase);
      phase = nextPhase(ALL_PHASES, phase);
    }
    expect(path).to.deep.equal(['standard-setting', 'work', 'peer-review', 'reflection', 'share', 'closed']);
  });

  it('skips phases the task does not use', () => {
    expect(nextPhase(['standard-setting', 'reflection'], 'setup')).to.equal('standard-setting');
    expect(nextPhase(['standard-setting', 'reflection'], 'standard-setting')).to.equal('reflection');
    expect(nextPhase(['standard-setting', 'reflection'], 'reflection')).to.equal('closed');
  });

  it('gives nothing after closed', () => {
    expect(nextPhase(ALL_PHASES, 'closed')).to.equal(undefined);
  });
});

describe('allowedTransitions', () => {
  it('allows only opening the first phase during setup (no ending early before the start)', () => {
    expect(allowedTransitions(['work', 'share'], 'setup')).to.deep.equal(['work']);
  });

  it('allows the next phase or ending early while running', () => {
    expect(allowedTransitions(ALL_PHASES, 'work')).to.deep.equal(['peer-review', 'closed']);
  });

  it('allows just closing from the last phase', () => {
    expect(allowedTransitions(ALL_PHASES, 'share')).to.deep.equal(['closed']);
  });

  it('allows nothing once closed', () => {
    expect(allowedTransitions(ALL_PHASES, 'closed')).to.deep.equal([]);
  });
});

describe('hasWorkStarted', () => {
  it('is false before work and true from work on, even for tasks that skip work', () => {
    expect(TASK_PHASES.map(hasWorkStarted)).to.deep.equal([false, false, true, true, true, true, true]);
  });
});

describe('isAmendmentWindow', () => {
  it('is open in standard-setting and work only (until peer review opens)', () => {
    expect(TASK_PHASES.filter(isAmendmentWindow)).to.deep.equal(['standard-setting', 'work']);
  });
});
