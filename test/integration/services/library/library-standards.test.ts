/**
 * Standards in the library on the real store: a facilitator adds a team's ratified version with
 * its provenance; a facilitator of another course of the same platform finds it and starts a new
 * team task from it in one step; the teams that open their standard copy it (with provenance),
 * which is what the adoption count shows; another platform sees nothing.
 */
import { expect } from 'chai';
import {
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  VersionConflictError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import {
  asCriterionId,
  asStandardId,
  asTeamId,
  asUserId,
  type TeamTaskId,
} from '../../../../src/domain/shared/ids.js';
import type { StandardVersion } from '../../../../src/domain/standard/standard-version.js';
import {
  addStandardToLibrary,
  libraryStandards,
  startFromLibraryStandard,
  withdrawLibraryStandard,
} from '../../../../src/services/library/library-standards.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import type { StandardStart } from '../../../../src/domain/team-task/team-task.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import {
  inTenant,
  otherTenant,
  startLibraryHarness,
  type LibraryHarness,
} from '../../../helpers/library-harness.js';
import {
  ann,
  as,
  bob,
  course,
  dan,
  eve,
  facilitator,
  learner,
  otherCourse,
  T0,
} from '../../../helpers/teamwork-harness.js';

const levels = [
  { label: 'Beginning', descriptor: 'Hard to follow.' },
  { label: 'Proficient', descriptor: 'Clear.' },
];

describe('services: standards in the library', function () {
  let h: LibraryHarness;
  let sourceTask: TeamTaskId;
  const standardId = asStandardId('std-origin');

  async function task(
    courseId = course,
    standardStart: StandardStart = { kind: 'blank' },
  ): Promise<TeamTaskId> {
    const t = await createTeamTask(h.deps, {
      ...as(facilitator, courseId),
      settings: {
        title: 'Policy brief',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work'],
        schedule: {},
        consensusRule: 'consent',
        standardStart,
      },
    });
    return t.id;
  }

  before(async function () {
    h = await startLibraryHarness('library-standards');
    h.setRoster(course, [ann, bob]);
    h.setRoster(otherCourse, [dan, eve]);
    sourceTask = await task();
    // A team's ratified version (as ratification writes it; the standard-setting flow has its own tests).
    const version: StandardVersion = {
      standardId,
      version: 1,
      taskId: sourceTask,
      teamId: asTeamId('team-origin'),
      criteria: [
        { id: asCriterionId('c1'), name: 'Clarity', description: 'Easy to follow.', levels, weight: 0.7 },
        { id: asCriterionId('c2'), name: 'Evidence', description: 'Backed by sources.', levels, weight: 0.3 },
      ],
      consensusRule: 'consent',
      agreedBy: [ann, bob],
      ratifiedAt: T0,
      overruledObjections: [],
      agreement: 0.82,
    };
    await h.deps.standardVersions.insert(version, course);
  });
  after(async function () {
    await h?.stop();
  });

  it('is added with provenance by a facilitator of its course, once', async function () {
    await expectRejection(
      addStandardToLibrary(h.lib, {
        ...inTenant(learner(ann)),
        source: { standardId, version: 1 },
        title: 'Brief',
        summary: '',
        visibility: 'platform',
      }),
      NotPermittedError,
    );
    await expectRejection(
      addStandardToLibrary(h.lib, {
        ...inTenant(facilitator, otherCourse),
        source: { standardId, version: 1 },
        title: 'Brief',
        summary: '',
        visibility: 'platform',
      }),
      NotPermittedError,
    );
    await expectRejection(
      addStandardToLibrary(h.lib, {
        ...inTenant(facilitator),
        source: { standardId, version: 9 },
        title: 'Brief',
        summary: '',
        visibility: 'platform',
      }),
      NotFoundError,
    );
    await expectRejection(
      addStandardToLibrary(h.lib, {
        ...inTenant(facilitator),
        source: { standardId, version: 1 },
        title: '',
        summary: '',
        visibility: 'platform',
      }),
      InvalidInputError,
    );
    const entry = await addStandardToLibrary(h.lib, {
      ...inTenant(facilitator),
      source: { standardId, version: 1 },
      title: 'Policy brief standard',
      summary: 'Two criteria that worked.',
      visibility: 'platform',
    });
    expect(entry.origin).to.deep.include({ courseId: course, taskId: sourceTask, teamId: 'team-origin' });
    expect(entry.agreement).to.equal(0.82);
    await expectRejection(
      addStandardToLibrary(h.lib, {
        ...inTenant(facilitator),
        source: { standardId, version: 1 },
        title: 'Again',
        summary: '',
        visibility: 'platform',
      }),
      PhaseConflictError,
    );
  });

  it('another course of the platform starts a task from it; each team that copies it counts as an adoption', async function () {
    const [entry] = await libraryStandards(h.lib, inTenant(learner(dan), otherCourse));
    expect(entry?.title).to.equal('Policy brief standard');
    expect(entry?.adoptionCount).to.equal(0);
    expect(
      await libraryStandards(h.lib, { ...inTenant(learner(dan), otherCourse), criterion: 'evidence' }),
    ).to.have.length(1);
    expect(
      await libraryStandards(h.lib, { ...inTenant(learner(dan), otherCourse), criterion: 'ethics' }),
    ).to.deep.equal([]);
    await expectRejection(
      startFromLibraryStandard(h.lib, {
        ...inTenant(learner(dan), otherCourse),
        libraryStandardId: entry!.id,
      }),
      NotPermittedError,
    );

    const start = await startFromLibraryStandard(h.lib, {
      ...inTenant(facilitator, otherCourse),
      libraryStandardId: entry!.id,
    });
    expect(start).to.deep.equal({ kind: 'library', source: { standardId, version: 1 } });
    const newTask = await task(otherCourse, start);
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator, otherCourse),
      taskId: newTask,
      formation: { mode: 'manual', teams: [{ members: [dan] }, { members: [eve] }] },
    });
    await advancePhase(h.deps, { ...as(facilitator, otherCourse), taskId: newTask, to: 'standard-setting' });
    for (const [who, team] of [
      [dan, teamSet.teams[0]!],
      [eve, teamSet.teams[1]!],
    ] as const) {
      const copy = await startTeamStandard(h.deps, {
        ...as(learner(who), otherCourse),
        taskId: newTask,
        teamId: team.id,
      });
      expect(copy.provenance?.source).to.deep.equal({ standardId, version: 1 });
    }
    const [after] = await libraryStandards(h.lib, inTenant(learner(ann)));
    expect(after?.adoptionCount).to.equal(2);
  });

  it('is invisible to another platform and gone once withdrawn', async function () {
    expect(await libraryStandards(h.lib, inTenant(facilitator, otherCourse, otherTenant))).to.deep.equal([]);
    const [entry] = await libraryStandards(h.lib, inTenant(facilitator));
    await expectRejection(
      startFromLibraryStandard(h.lib, {
        ...inTenant(facilitator, otherCourse, otherTenant),
        libraryStandardId: entry!.id,
      }),
      NotFoundError,
    );
    // A facilitator of another course who did not add it may not withdraw it.
    const otherFacilitator = { userId: asUserId('fac-2'), role: 'facilitator' as const };
    await expectRejection(
      withdrawLibraryStandard(h.lib, {
        ...inTenant(otherFacilitator, otherCourse),
        libraryStandardId: entry!.id,
        expectedRevision: entry!.revision,
      }),
      NotPermittedError,
    );
    await expectRejection(
      withdrawLibraryStandard(h.lib, {
        ...inTenant(facilitator),
        libraryStandardId: entry!.id,
        expectedRevision: entry!.revision + 1,
      }),
      VersionConflictError,
    );
    await withdrawLibraryStandard(h.lib, {
      ...inTenant(facilitator),
      libraryStandardId: entry!.id,
      expectedRevision: entry!.revision,
    });
    expect(await libraryStandards(h.lib, inTenant(facilitator, otherCourse))).to.deep.equal([]);
  });
});
