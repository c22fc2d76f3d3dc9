/**
 * Reflection and retrospectives on the real store: a learner's reflection is private until they
 * share it (team, facilitator), with self vs peer gaps snapshotted; the team's retrospective
 * charts its rating against peers and facilitator, agrees actions, refuses stale edits, and its
 * open actions show up for the owners' team in the next task of the course, where the owner
 * ticks them off.
 */
import { expect } from 'chai';
import type { CriterionRatings } from '../../../../src/domain/reflection/criterion-gaps.js';
import {
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import {
  asCriterionId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../../../src/domain/shared/ids.js';
import { saveReflection } from '../../../../src/services/reflection/save-reflection.js';
import { shareReflection } from '../../../../src/services/reflection/share-reflection.js';
import { teamReflections } from '../../../../src/services/reflection/team-reflections.js';
import { changeRetrospective } from '../../../../src/services/retrospectives/change-retrospective.js';
import { markActionDone } from '../../../../src/services/retrospectives/mark-action-done.js';
import { openRetrospective } from '../../../../src/services/retrospectives/open-retrospective.js';
import { rateRetrospective } from '../../../../src/services/retrospectives/rate-retrospective.js';
import { retrospectivePage } from '../../../../src/services/retrospectives/retrospective-page.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { reflectionModel } from '../../../../src/store/mongo/models/reflection.model.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { startLibraryHarness, type LibraryHarness } from '../../../helpers/library-harness.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  facilitator,
  learner,
  otherCourse,
} from '../../../helpers/teamwork-harness.js';

const ratings: CriterionRatings[] = [
  {
    criterionId: asCriterionId('c1'),
    name: 'Clarity',
    levelCount: 4,
    self: 3,
    peerMedian: 1.5,
    peerCount: 2,
    facilitator: 2,
  },
  { criterionId: asCriterionId('c2'), name: 'Evidence', levelCount: 3, self: 1, peerMedian: 1, peerCount: 2 },
];
const answers = { happened: 'We missed the <b>deadline</b>.', means: 'Scope crept.', next: 'Timebox.' };

describe('services: reflection and retrospectives', function () {
  let h: LibraryHarness;

  before(async function () {
    h = await startLibraryHarness('reflection');
    h.setRoster(course, [ann, bob, cat, dan]);
  });
  after(async function () {
    await h?.stop();
  });

  /** A task with teams [ann, bob] and [cat, dan], moved to reflection. */
  async function taskInReflection(
    hours: number,
    teams: UserId[][] = [
      [ann, bob],
      [cat, dan],
    ],
  ) {
    h.at(hours);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: `Task at ${hours}`,
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'reflection', 'share'],
        schedule: {},
        consensusRule: 'consent',
        standardStart: { kind: 'blank' },
      },
    });
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: { mode: 'manual', teams: teams.map((members) => ({ members })) },
    });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    return {
      taskId: task.id,
      teams: teamSet.teams.map((t) => t.id),
      toReflection: () => advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'reflection' }),
    };
  }

  describe('individual reflection', function () {
    let taskId: TeamTaskId;
    let teamId: TeamId;

    before(async function () {
      const t = await taskInReflection(0);
      await expectRejection(
        saveReflection(h.lib, { ...as(learner(ann)), taskId: t.taskId, answers, ratings }),
        PhaseConflictError,
      );
      await t.toReflection();
      taskId = t.taskId;
      teamId = t.teams[0]!;
    });

    it('is private until the author shares it; gaps are snapshotted with it', async function () {
      const r = await saveReflection(h.lib, { ...as(learner(ann)), taskId, answers, ratings });
      expect(r.gaps.map((g) => [g.name, g.direction, g.highlighted])).to.deep.equal([
        ['Clarity', 'above-peers', true],
        ['Evidence', 'aligned', false],
      ]);
      expect(r.answers.happened).to.equal(answers.happened);
      const forBob = await teamReflections(h.lib, { ...as(learner(bob)), taskId, teamId });
      const forFacilitator = await teamReflections(h.lib, { ...as(facilitator), taskId, teamId });
      expect([forBob, forFacilitator]).to.deep.equal([[], []]);
      expect(
        (await teamReflections(h.lib, { ...as(learner(ann)), taskId, teamId })).map((x) => x.id),
      ).to.deep.equal([r.id]);

      await shareReflection(h.lib, { ...as(learner(ann)), taskId, sharedWith: ['team'] });
      expect(await teamReflections(h.lib, { ...as(learner(bob)), taskId, teamId })).to.have.length(1);
      expect(await teamReflections(h.lib, { ...as(learner(cat)), taskId, teamId })).to.deep.equal([]);
      expect(await teamReflections(h.lib, { ...as(facilitator), taskId, teamId })).to.deep.equal([]);

      await shareReflection(h.lib, { ...as(learner(ann)), taskId, sharedWith: ['facilitator'] });
      expect(await teamReflections(h.lib, { ...as(facilitator), taskId, teamId })).to.have.length(1);
      expect(await teamReflections(h.lib, { ...as(learner(bob)), taskId, teamId })).to.deep.equal([]);
      // Another course's facilitator reaches nothing.
      await expectRejection(
        teamReflections(h.lib, { ...as(facilitator, otherCourse), taskId, teamId }),
        NotPermittedError,
      );
    });

    it('revises the same reflection (one per learner and task), refusing a stale form', async function () {
      const first = (await h.lib.reflections.findByAuthor(taskId, ann))!;
      const revised = await saveReflection(h.lib, {
        ...as(learner(ann)),
        taskId,
        answers: { ...answers, next: 'Plan the first day.' },
        ratings,
        expectedRevision: first.revision,
      });
      expect(revised.id).to.equal(first.id);
      await expectRejection(
        saveReflection(h.lib, {
          ...as(learner(ann)),
          taskId,
          answers,
          ratings,
          expectedRevision: first.revision,
        }),
        VersionConflictError,
      );
      expect(await reflectionModel(h.connection).countDocuments({ taskId, author: ann })).to.equal(1);
    });

    it('refuses facilitators writing, and sharing a reflection never written', async function () {
      await expectRejection(
        saveReflection(h.lib, { ...as(facilitator), taskId, answers, ratings }),
        NotPermittedError,
      );
      await expectRejection(
        shareReflection(h.lib, { ...as(learner(cat)), taskId, sharedWith: ['team'] }),
        NotFoundError,
      );
    });
  });

  describe('team retrospective and carried actions', function () {
    it('charts, agrees actions, refuses stale edits, and carries open actions into the next task', async function () {
      const t1 = await taskInReflection(10);
      await t1.toReflection();
      const retro = await openRetrospective(h.lib, { ...as(learner(ann)), taskId: t1.taskId, ratings });
      expect(
        (await openRetrospective(h.lib, { ...as(learner(bob)), taskId: t1.taskId, ratings })).id,
      ).to.equal(retro.id);
      await expectRejection(
        openRetrospective(h.lib, { ...as(facilitator), taskId: t1.taskId, ratings }),
        NotPermittedError,
      );

      const rated = await changeRetrospective(h.lib, {
        ...as(learner(bob)),
        taskId: t1.taskId,
        expectedRevision: retro.revision,
        change: {
          kind: 'update',
          changes: { teamRatings: { c1: 3, c2: 1 }, wentWell: 'Pairing', toImprove: 'Scope' },
        },
      });
      await expectRejection(
        changeRetrospective(h.lib, {
          ...as(learner(ann)),
          taskId: t1.taskId,
          expectedRevision: retro.revision,
          change: { kind: 'update', changes: { wentWell: 'Overwrite?' } },
        }),
        VersionConflictError,
      );
      const withAction = await changeRetrospective(h.lib, {
        ...as(learner(ann)),
        taskId: t1.taskId,
        expectedRevision: rated.revision,
        change: {
          kind: 'agree-action',
          text: 'Timebox research to one day',
          owner: bob,
          due: new Date('2025-04-01T00:00:00Z'),
        },
      });
      const rated2 = await rateRetrospective(h.lib, {
        ...as(facilitator),
        taskId: t1.taskId,
        teamId: t1.teams[0]!,
        expectedRevision: withAction.revision,
        levels: { c1: 2 },
        comment: 'Clear, thin evidence',
      });
      await expectRejection(
        rateRetrospective(h.lib, {
          ...as(facilitator),
          taskId: t1.taskId,
          teamId: t1.teams[0]!,
          expectedRevision: withAction.revision,
          levels: { c1: 0 },
          comment: '',
        }),
        VersionConflictError,
      );
      await expectRejection(
        rateRetrospective(h.lib, {
          ...as(learner(ann)),
          taskId: t1.taskId,
          teamId: t1.teams[0]!,
          expectedRevision: rated2.revision,
          levels: { c1: 0 },
          comment: '',
        }),
        NotPermittedError,
      );
      const page = await retrospectivePage(h.lib, {
        ...as(facilitator),
        taskId: t1.taskId,
        teamId: t1.teams[0]!,
        peers: ratings.map((r) => ({
          criterionId: r.criterionId,
          median: r.peerMedian!,
          count: r.peerCount,
        })),
      });
      expect(
        page.rows.map((r) => [r.name, r.team, r.gapToPeers, r.gapToFacilitator, r.highlighted]),
      ).to.deep.equal([
        ['Clarity', 3, 1.5, 1, true],
        ['Evidence', 1, 0, undefined, false],
      ]);
      expect(page.retrospective?.wentWell).to.equal('Pairing');
      await expectRejection(
        retrospectivePage(h.lib, { ...as(learner(cat)), taskId: t1.taskId, teamId: t1.teams[0]! }),
        NotPermittedError,
      );

      // The next task in the course: bob is now with cat; his open action comes along.
      const t2 = await taskInReflection(20, [
        [bob, cat],
        [ann, dan],
      ]);
      const bobTeam = await retrospectivePage(h.lib, { ...as(learner(cat)), taskId: t2.taskId });
      expect(bobTeam.carriedIn.map((c) => [c.action.text, c.action.owner, c.from.taskId])).to.deep.equal([
        ['Timebox research to one day', bob, t1.taskId],
      ]);
      expect(
        (await retrospectivePage(h.lib, { ...as(learner(ann)), taskId: t2.taskId })).carriedIn,
      ).to.deep.equal([]);

      // Bob ticks it off from the new task; it no longer carries. Dan (never in that team) may not.
      const actionId = withAction.actions[0]!.id;
      await expectRejection(
        markActionDone(h.lib, { ...as(learner(dan)), retrospectiveId: retro.id, actionId, done: true }),
        NotPermittedError,
      );
      await expectRejection(
        markActionDone(h.lib, {
          ...as(learner(bob), otherCourse),
          retrospectiveId: retro.id,
          actionId,
          done: true,
        }),
        NotPermittedError,
      );
      await markActionDone(h.lib, { ...as(learner(bob)), retrospectiveId: retro.id, actionId, done: true });
      expect(
        (await retrospectivePage(h.lib, { ...as(learner(cat)), taskId: t2.taskId })).carriedIn,
      ).to.deep.equal([]);
    });
  });
});
