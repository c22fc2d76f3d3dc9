import { expect } from 'chai';
import { InvalidInputError } from '../../../../src/domain/shared/errors.js';
import { asCriterionId, asStandardId, asUserId } from '../../../../src/domain/shared/ids.js';
import type { StandardVersion } from '../../../../src/domain/standard/standard-version.js';
import {
  activeCriteria,
  criterionContent,
  startTeamStandard,
} from '../../../../src/domain/standard/team-standard.js';
import {
  ann,
  criterion,
  facilitator,
  inPhase,
  makeTask,
  makeTeam,
  sequentialIds,
  T0,
} from '../../../fixtures/domain/builders.js';

const libraryVersion: StandardVersion = {
  standardId: asStandardId('lib-7'),
  version: 2,
  taskId: makeTask().id,
  teamId: makeTeam().id,
  criteria: [
    { id: asCriterionId('x1'), ...criterion('Accessibility'), weight: 0.7 },
    { id: asCriterionId('x2'), ...criterion('Tone'), weight: 0.3 },
  ],
  consensusRule: 'consent',
  agreedBy: [asUserId('someone')],
  ratifiedAt: T0,
  overruledObjections: [],
  agreement: 0.8,
};

function start(task = makeTask(), librarySource?: StandardVersion, by = facilitator.userId) {
  return startTeamStandard({
    id: asStandardId('std-1'),
    task: inPhase(task, 'standard-setting'),
    team: makeTeam(),
    newCriterionId: sequentialIds('c'),
    ...(librarySource !== undefined ? { librarySource } : {}),
    by,
    now: T0,
  });
}

describe('startTeamStandard', () => {
  it('starts blank: drafting, no criteria, nothing agreed', () => {
    const standard = start();
    expect(standard).to.deep.include({
      status: 'drafting',
      contentRevision: 1,
      revision: 1,
      teamId: 'team-1',
      taskId: 'task-1',
    });
    expect(standard.criteria).to.deep.equal([]);
    expect(standard.versions).to.deep.equal([]);
    expect(standard).to.not.have.property('provenance');
  });

  it("starts from the facilitator's template, each criterion authored by the facilitator", () => {
    const standard = start(
      makeTask({
        standardStart: { kind: 'template', criteria: [criterion('Clarity'), criterion('Evidence')] },
      }),
    );
    expect(activeCriteria(standard).map((c) => [c.id, c.origin, criterionContent(c).name])).to.deep.equal([
      ['c1', 'template', 'Clarity'],
      ['c2', 'template', 'Evidence'],
    ]);
    expect(standard.criteria[0]?.revisions[0]).to.deep.include({
      number: 1,
      author: facilitator.userId,
      at: T0,
    });
  });

  it('copies a library standard with provenance (source, version, who, when), but not its weights', () => {
    const task = makeTask({
      standardStart: { kind: 'library', source: { standardId: asStandardId('lib-7'), version: 2 } },
    });
    const standard = start(task, libraryVersion, ann);
    expect(standard.provenance).to.deep.equal({
      source: { standardId: 'lib-7', version: 2 },
      copiedBy: ann,
      copiedAt: T0,
    });
    expect(activeCriteria(standard).map((c) => [c.origin, criterionContent(c)])).to.deep.equal([
      ['library', criterion('Accessibility')],
      ['library', criterion('Tone')],
    ]);
    expect(standard.weightings).to.deep.equal([]);
  });

  it('refuses a library start without the version the task names', () => {
    const task = makeTask({
      standardStart: { kind: 'library', source: { standardId: asStandardId('lib-7'), version: 1 } },
    });
    expect(() => start(task, libraryVersion)).to.throw(InvalidInputError);
    expect(() => start(task)).to.throw(InvalidInputError);
  });
});
