import { expect } from 'chai';
import { asStandardId, asUserId } from '../../../../src/domain/shared/ids.js';
import { formationFrom } from '../../../../src/web/forms/team-formation.form.js';
import { taskFormValues, taskSettingsFrom } from '../../../../src/web/forms/team-task.form.js';

describe('team task form', () => {
  it('reads dates as UTC, keeps only filled template rows, and passes unknown choices on to the domain', () => {
    const values = taskFormValues({
      title: ' Pitch ',
      brief: 'b',
      outcome: 'o',
      phases: ['standard-setting', 'work'],
      'opensAt-work': '2026-12-01T09:30',
      consensusRule: 'consent',
      standardStart: 'template',
      'c0-name': 'Clarity',
      'c0-description': 'Clear?',
      'c0-l0-label': 'Low',
      'c0-l0-descriptor': 'Vague',
      'c0-l2-label': 'High',
      'c0-l2-descriptor': 'Sharp',
      'c3-name': 'Depth',
      revision: '4',
    });
    expect(values.criteria).to.deep.equal([
      {
        name: 'Clarity',
        description: 'Clear?',
        levels: [
          { label: 'Low', descriptor: 'Vague' },
          { label: 'High', descriptor: 'Sharp' },
        ],
      },
      { name: 'Depth', description: '', levels: [] },
    ]);
    expect(values.revision).to.equal(4);
    const read = taskSettingsFrom(values);
    if (!('settings' in read)) throw new Error('expected settings');
    expect(read.settings.schedule).to.deep.equal({ work: { opensAt: new Date('2026-12-01T09:30:00Z') } });
    expect(read.settings.standardStart.kind).to.equal('template');
    expect(read.settings.phases).to.deep.equal(['standard-setting', 'work']);
  });

  it('reports dates it cannot read, a library start without a usable library standard, and unknown starts', () => {
    const read = taskSettingsFrom(
      taskFormValues({
        title: 't',
        'closesAt-work': '31-12-2026',
        'opensAt-share': '2026-02-30T10:00',
        standardStart: 'library',
        fromLibrary: 'entry-1',
      }),
    );
    expect(read).to.deep.equal({
      issues: [
        { field: 'schedule.work.closesAt', code: 'invalid-date' },
        { field: 'schedule.share.opensAt', code: 'invalid-date' },
        { field: 'standardStart.library', code: 'required' },
      ],
    });
    expect(taskSettingsFrom(taskFormValues({ title: 't', standardStart: 'remote' }))).to.deep.equal({
      issues: [{ field: 'standardStart', code: 'unknown' }],
    });
  });

  it('takes the library starting point the route resolved for "from the library"', () => {
    const values = taskFormValues({ title: 't', standardStart: 'library', fromLibrary: 'entry-1' });
    expect(values.fromLibrary).to.equal('entry-1');
    const start = { kind: 'library', source: { standardId: asStandardId('std-1'), version: 2 } } as const;
    const read = taskSettingsFrom(values, start);
    if (!('settings' in read)) throw new Error('expected settings');
    expect(read.settings.standardStart).to.deep.equal(start);
  });
});

describe('team formation form', () => {
  const [ann, bob, cat] = [asUserId('a1'), asUserId('b2'), asUserId('c3')];

  it('groups learners by the team chosen for them, keeping existing team ids, skipping "no team"', () => {
    const read = formationFrom(
      {
        mode: 'manual',
        'assign-a1': 'new:1',
        'assign-b2': 'team:t-1',
        'assign-c3': 'none',
        'assign-zz': 'new:1',
      },
      [ann, bob, cat],
    );
    expect(read).to.deep.equal({
      formation: { mode: 'manual', teams: [{ members: [ann] }, { id: 't-1', members: [bob] }] },
    });
  });

  it('refuses sizes that are not whole numbers, unknown modes and malformed choices', () => {
    expect(formationFrom({ mode: 'random', targetSize: '2.5' }, [])).to.deep.equal({
      issues: [{ field: 'targetSize', code: 'not-a-number' }],
    });
    expect(formationFrom({ mode: 'self-selection', maxSize: 'x', teamCount: '0' }, [])).to.deep.equal({
      issues: [
        { field: 'maxSize', code: 'not-a-number' },
        { field: 'teamCount', code: 'not-a-number' },
      ],
    });
    expect(formationFrom({ mode: 'copied', source: '../x' }, [])).to.deep.equal({
      issues: [{ field: 'source', code: 'required' }],
    });
    expect(formationFrom({ mode: 'manual', 'assign-a1': 'team:<x>' }, [ann])).to.deep.equal({
      issues: [{ field: 'teams', code: 'invalid' }],
    });
    expect(formationFrom({ mode: 'everyone-alone' }, [])).to.deep.equal({
      issues: [{ field: 'mode', code: 'unknown' }],
    });
    expect(formationFrom({ mode: 'self-selection', maxSize: '3', teamCount: '2' }, [])).to.deep.equal({
      formation: { mode: 'self-selection', maxSize: 3, teams: [{}, {}] },
    });
  });
});
