import { expect } from 'chai';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCourseId, asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import { asStandardId } from '../../../../src/domain/shared/ids.js';
import {
  createTeamTask,
  currentPhase,
  updateTeamTask,
  type TeamTaskSettings,
} from '../../../../src/domain/team-task/team-task.js';
import {
  ann,
  at,
  criterion,
  facilitator,
  inPhase,
  learner,
  makeTask,
  settings,
  T0,
  thrown,
} from '../../../fixtures/domain/builders.js';

function create(overrides: Partial<TeamTaskSettings>) {
  return createTeamTask(
    { id: asTeamTaskId('task-1'), courseId: asCourseId('course-1'), settings: settings(overrides) },
    facilitator,
    T0,
  );
}

function issuesOf(fn: () => unknown): string[] {
  return thrown(fn, InvalidInputError).issues.map((i) => `${i.field}:${i.code}`);
}

describe('createTeamTask', () => {
  it('creates a task in setup with trimmed text, the brief kept as markdown source', () => {
    const task = create({ title: '  Onboarding  ', brief: '  # Brief <script>x</script>  ' });
    expect(currentPhase(task)).to.equal('setup');
    expect(task.title).to.equal('Onboarding');
    expect(task.brief).to.equal('# Brief <script>x</script>');
    expect(task).to.include({ createdBy: facilitator.userId, revision: 1 });
    expect(task.createdAt).to.equal(T0);
  });

  it('puts the phases used into canonical order', () => {
    expect(create({ phases: ['work', 'standard-setting'] }).phases).to.deep.equal([
      'standard-setting',
      'work',
    ]);
  });

  it('refuses a learner', () => {
    expect(() =>
      createTeamTask(
        { id: asTeamTaskId('t'), courseId: asCourseId('c'), settings: settings() },
        learner(ann),
        T0,
      ),
    ).to.throw(NotPermittedError);
  });

  it('reports every broken field at once', () => {
    expect(issuesOf(() => create({ title: '   ', outcome: 'x'.repeat(2001), phases: [] }))).to.deep.equal([
      'title:required',
      'outcome:too-long',
      'phases:required',
    ]);
  });

  it('refuses peer review without work and a standard, and reflection without a standard', () => {
    expect(issuesOf(() => create({ phases: ['peer-review', 'reflection'] }))).to.deep.equal([
      'phases:peer-review-needs-standard-setting',
      'phases:peer-review-needs-work',
      'phases:reflection-needs-standard-setting',
    ]);
  });

  it('refuses unknown and repeated phases', () => {
    const phases = ['work', 'lunch', 'work'] as unknown as TeamTaskSettings['phases'];
    expect(issuesOf(() => create({ phases }))).to.deep.equal(['phases.1:unknown', 'phases.2:duplicate']);
  });

  it('accepts dates that run forward, with a phase closing exactly when the next opens, and gaps', () => {
    const task = create({
      schedule: {
        'standard-setting': { opensAt: at(1), closesAt: at(48) },
        work: { opensAt: at(48), closesAt: at(100) },
        'peer-review': { opensAt: at(120) },
      },
    });
    expect(task.schedule.work?.opensAt).to.deep.equal(at(48));
  });

  it('refuses a phase that closes before it opens, or overlaps the phase before it', () => {
    expect(
      issuesOf(() =>
        create({
          schedule: {
            'standard-setting': { opensAt: at(10), closesAt: at(5) },
            work: { opensAt: at(4) },
          },
        }),
      ),
    ).to.deep.equal([
      'schedule.standard-setting.closesAt:out-of-order',
      'schedule.work.opensAt:out-of-order',
    ]);
  });

  it('refuses a phase that opens and closes at the same moment', () => {
    expect(issuesOf(() => create({ schedule: { work: { opensAt: at(5), closesAt: at(5) } } }))).to.deep.equal(
      ['schedule.work.closesAt:out-of-order'],
    );
  });

  it('refuses dates for phases the task does not use, and invalid dates', () => {
    expect(
      issuesOf(() =>
        create({
          phases: ['work'],
          schedule: { share: { opensAt: at(1) }, work: { closesAt: new Date('nope') } },
        }),
      ),
    ).to.deep.equal(['schedule.work.closesAt:invalid-date', 'schedule.share:phase-not-used']);
  });

  it('refuses an unknown consensus rule', () => {
    const consensusRule = 'dictator' as unknown as TeamTaskSettings['consensusRule'];
    expect(issuesOf(() => create({ consensusRule }))).to.deep.equal(['consensusRule:unknown']);
  });

  it('validates the criteria of a template start with field paths into the template', () => {
    const broken = criterion('Clarity', { levels: [{ label: 'Only', descriptor: 'one level' }] });
    expect(
      issuesOf(() =>
        create({ standardStart: { kind: 'template', criteria: [criterion('Evidence'), broken] } }),
      ),
    ).to.deep.equal(['standardStart.criteria.1.levels:too-few']);
    expect(issuesOf(() => create({ standardStart: { kind: 'template', criteria: [] } }))).to.deep.equal([
      'standardStart.criteria:required',
    ]);
  });

  it('accepts a library start naming a version, and refuses version 0', () => {
    const source = { standardId: asStandardId('lib-1'), version: 3 };
    expect(create({ standardStart: { kind: 'library', source } }).standardStart).to.deep.equal({
      kind: 'library',
      source,
    });
    expect(
      issuesOf(() => create({ standardStart: { kind: 'library', source: { ...source, version: 0 } } })),
    ).to.deep.equal(['standardStart.source.version:invalid']);
  });
});

describe('updateTeamTask', () => {
  it('changes any setting during setup and counts the revision up', () => {
    const task = updateTeamTask(makeTask(), { consensusRule: 'majority', title: 'New title' }, facilitator);
    expect(task).to.include({ consensusRule: 'majority', title: 'New title', revision: 2 });
  });

  it('changes text and dates once running', () => {
    const running = inPhase(makeTask(), 'work');
    const task = updateTeamTask(
      running,
      { brief: 'Updated', schedule: { work: { closesAt: at(200) } } },
      facilitator,
    );
    expect(task.brief).to.equal('Updated');
    expect(task.schedule.work?.closesAt).to.deep.equal(at(200));
  });

  it('refuses to change the phases, the consensus rule or the starting point once running', () => {
    const running = inPhase(makeTask(), 'standard-setting');
    const err = thrown(
      () => updateTeamTask(running, { consensusRule: 'majority' }, facilitator),
      PhaseConflictError,
    );
    expect(err.details).to.include({
      action: 'update-team-task',
      phase: 'standard-setting',
      setting: 'consensusRule',
    });
  });

  it('accepts the unchanged fixed settings of a running task (a form posts them all back)', () => {
    const running = inPhase(makeTask(), 'work');
    const task = updateTeamTask(running, { ...running, title: 'Renamed' }, facilitator);
    expect(task.title).to.equal('Renamed');
  });

  it('refuses any change once closed', () => {
    const closed = inPhase(makeTask(), 'closed');
    expect(() => updateTeamTask(closed, { title: 'Late' }, facilitator)).to.throw(PhaseConflictError);
  });

  it('refuses a learner', () => {
    expect(() => updateTeamTask(makeTask(), { title: 'Mine' }, learner(ann))).to.throw(NotPermittedError);
  });
});
