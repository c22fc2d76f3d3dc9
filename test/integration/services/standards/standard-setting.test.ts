/**
 * A team sets its standard on the real store: three learners propose, comment, weigh and agree;
 * the last agreement ratifies and freezes version 1 in its own collection; an amendment makes
 * version 2; objections block consent; concurrent edits never lose an update; a failure while
 * ratifying leaves nothing half-written; other teams and courses are refused.
 */
import { expect } from 'chai';
import {
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import type { CriterionId, TeamId, TeamTaskId } from '../../../../src/domain/shared/ids.js';
import type { CriterionContent } from '../../../../src/domain/standard/criterion.js';
import { proposeCriterion as proposeInDomain } from '../../../../src/domain/standard/criteria.js';
import { addComment as commentInDomain } from '../../../../src/domain/standard/discussion.js';
import type { ConsensusRule, StandardStart } from '../../../../src/domain/team-task/team-task.js';
import { addComment } from '../../../../src/services/standards/add-comment.js';
import { agreeToStandard } from '../../../../src/services/standards/agree-to-standard.js';
import { approveStandard } from '../../../../src/services/standards/approve-standard.js';
import { editCriterion } from '../../../../src/services/standards/edit-criterion.js';
import { lockStandard } from '../../../../src/services/standards/lock-standard.js';
import { openAmendment } from '../../../../src/services/standards/open-amendment.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { raiseObjection } from '../../../../src/services/standards/raise-objection.js';
import { ratifyStandard } from '../../../../src/services/standards/ratify-standard.js';
import { standardPage } from '../../../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../../../src/services/standards/submit-weighting.js';
import { unlockStandard } from '../../../../src/services/standards/unlock-standard.js';
import { withdrawAgreement } from '../../../../src/services/standards/withdraw-agreement.js';
import { withdrawCriterion } from '../../../../src/services/standards/withdraw-criterion.js';
import { withdrawObjection } from '../../../../src/services/standards/withdraw-objection.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { myTeams } from '../../../../src/services/tasks/my-teams.js';
import { taskOverview } from '../../../../src/services/tasks/task-overview.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { standardVersionModel } from '../../../../src/store/mongo/models/standard-version.model.js';
import { teamStandardModel } from '../../../../src/store/mongo/models/team-standard.model.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  eve,
  facilitator,
  learner,
  otherCourse,
  startTeamworkHarness,
  type TeamworkHarness,
} from '../../../helpers/teamwork-harness.js';

function content(name: string, levels = 3): CriterionContent {
  const labels = ['Missing', 'Beginning', 'Developing', 'Proficient', 'Strong', 'Exemplary'];
  return {
    name,
    description: `How well the work shows ${name.toLowerCase()}.`,
    levels: labels
      .slice(0, levels)
      .map((label) => ({ label, descriptor: `Work that is ${label.toLowerCase()}.` })),
  };
}

interface Setup {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly otherTeamId: TeamId;
}

describe('services: team standard-setting', function () {
  let h: TeamworkHarness;

  before(async function () {
    h = await startTeamworkHarness('standards');
    h.setRoster(course, [ann, bob, cat, dan, eve]);
  });
  after(async function () {
    await h?.stop();
  });

  /** A task in standard-setting with team 1 (ann, bob, cat) and team 2 (dan, eve). */
  async function setUp(
    rule: ConsensusRule = 'consent',
    standardStart: StandardStart = { kind: 'blank' },
  ): Promise<Setup> {
    h.at(0);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: 'Onboarding flow',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work', 'peer-review'],
        schedule: {},
        consensusRule: rule,
        standardStart,
      },
    });
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: { mode: 'manual', teams: [{ members: [ann, bob, cat] }, { members: [dan, eve] }] },
    });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    h.at(1);
    return { taskId: task.id, teamId: teamSet.teams[0]!.id, otherTeamId: teamSet.teams[1]!.id };
  }

  /** Two criteria proposed and weighed 60/40 by all three members. */
  async function draftReady(s: Setup): Promise<[CriterionId, CriterionId]> {
    await startTeamStandard(h.deps, { ...as(learner(ann)), taskId: s.taskId, teamId: s.teamId });
    const a = await proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Clarity') });
    const b = await proposeCriterion(h.deps, { ...as(learner(bob)), ...s, content: content('Evidence', 4) });
    const [c1, c2] = [a.criteria[0]!.id, b.criteria[1]!.id];
    for (const [who, p] of [
      [ann, 60],
      [bob, 50],
      [cat, 70],
    ] as const) {
      await submitWeighting(h.deps, {
        ...as(learner(who)),
        ...s,
        points: [
          { criterionId: c1, points: p },
          { criterionId: c2, points: 100 - p },
        ],
      });
    }
    return [c1, c2];
  }

  async function agreeAll(s: Setup, members = [ann, bob, cat]): Promise<void> {
    for (const who of members) {
      const page = await standardPage(h.deps, { ...as(learner(who)), ...s });
      await agreeToStandard(h.deps, { ...as(learner(who)), ...s, contentRevision: page.contentRevision });
    }
  }

  it('three learners propose, comment, weigh and agree; the last agreement freezes version 1', async function () {
    const s = await setUp();
    const [c1] = await draftReady(s);
    await addComment(h.deps, {
      ...as(learner(cat)),
      ...s,
      criterionId: c1,
      body: 'Should clarity include visuals?',
    });
    const before = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    expect(before.criteria.map((c) => [c.content.name, c.content.levels.length, c.percent])).to.deep.equal([
      ['Clarity', 3, 60],
      ['Evidence', 4, 40],
    ]);
    expect(before.criteria[0]?.threads[0]?.first.body).to.equal('Should clarity include visuals?');
    expect(before.alignment.weighed).to.equal(3);
    expect(before.alignment.criteria[0]?.min).to.equal(50);
    expect(before.myWeighting).to.deep.equal([
      { criterionId: c1, points: 60 },
      { criterionId: before.criteria[1]!.id, points: 40 },
    ]);
    await agreeToStandard(h.deps, { ...as(learner(ann)), ...s, contentRevision: before.contentRevision });
    await agreeToStandard(h.deps, { ...as(learner(bob)), ...s, contentRevision: before.contentRevision });
    const last = await agreeToStandard(h.deps, {
      ...as(learner(cat)),
      ...s,
      contentRevision: before.contentRevision,
    });
    expect(last.ratified?.version).to.equal(1);
    const stored = await h.deps.standardVersions.find({ standardId: last.standard.id, version: 1 });
    expect(stored).to.deep.equal(last.ratified);
    expect(stored?.agreedBy).to.deep.equal([ann, bob, cat]);
    expect(stored?.criteria.map((c) => c.weight)).to.deep.equal([0.6, 0.4]);
    const page = await standardPage(h.deps, { ...as(learner(bob)), ...s });
    expect(page.status).to.equal('ratified');
    expect(page.versions.map((v) => v.version)).to.deep.equal([1]);
  });

  it('amends a ratified standard into version 2 and leaves version 1 untouched', async function () {
    const s = await setUp();
    const [c1] = await draftReady(s);
    await agreeAll(s);
    const v1 = await h.deps.standardVersions.find({
      standardId: (await standardPage(h.deps, { ...as(learner(ann)), ...s })).standardId as never,
      version: 1,
    });
    await openAmendment(h.deps, { ...as(learner(bob)), ...s });
    const page = await standardPage(h.deps, { ...as(learner(bob)), ...s });
    await editCriterion(h.deps, {
      ...as(learner(bob)),
      ...s,
      criterionId: c1,
      baseRevision: page.criteria[0]!.revision,
      content: { ...content('Clarity'), description: 'Plain words, one idea per screen.' },
    });
    await agreeAll(s);
    const after = await standardPage(h.deps, { ...as(learner(cat)), ...s });
    expect(after.versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(after.versions[1]?.criteria[0]?.description).to.equal('Plain words, one idea per screen.');
    expect(after.versions[0]).to.deep.equal(v1);
    expect(after.criteria[0]?.history.map((r) => r.author)).to.deep.equal([ann, bob]);
    expect(
      await standardVersionModel(h.connection).countDocuments({ standardId: after.standardId }),
    ).to.equal(2);
  });

  it('lets an objection block consent until its author withdraws it', async function () {
    const s = await setUp();
    const [, c2] = await draftReady(s);
    const objected = await raiseObjection(h.deps, {
      ...as(learner(cat)),
      ...s,
      criterionId: c2,
      reason: 'Evidence of what?',
    });
    const objectionId = objected.objections[0]!.id;
    await agreeAll(s, [ann, bob]);
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    expect(page.status).to.equal('drafting');
    expect(page.consensus.objecting).to.deep.equal([cat]);
    await expectRejection(
      agreeToStandard(h.deps, { ...as(learner(cat)), ...s, contentRevision: page.contentRevision }),
      PhaseConflictError,
    );
    await expectRejection(
      withdrawObjection(h.deps, { ...as(learner(bob)), ...s, objectionId }),
      NotPermittedError,
    );
    await withdrawObjection(h.deps, { ...as(learner(cat)), ...s, objectionId });
    const outcome = await agreeToStandard(h.deps, {
      ...as(learner(cat)),
      ...s,
      contentRevision: page.contentRevision,
    });
    expect(outcome.ratified?.version).to.equal(1);
  });

  it('ratifies by a member once the majority agrees, after someone took their agreement back', async function () {
    const s = await setUp('majority');
    await draftReady(s);
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    await agreeToStandard(h.deps, { ...as(learner(ann)), ...s, contentRevision: page.contentRevision });
    await expectRejection(ratifyStandard(h.deps, { ...as(learner(ann)), ...s }), PhaseConflictError);
    await withdrawAgreement(h.deps, { ...as(learner(ann)), ...s });
    expect((await standardPage(h.deps, { ...as(learner(ann)), ...s })).consensus.agreed).to.deep.equal([]);
    await agreeToStandard(h.deps, { ...as(learner(ann)), ...s, contentRevision: page.contentRevision });
    const outcome = await agreeToStandard(h.deps, {
      ...as(learner(bob)),
      ...s,
      contentRevision: page.contentRevision,
    });
    expect(outcome.ratified?.agreedBy).to.deep.equal([ann, bob]);
  });

  it('ratifies by facilitator approval under that rule', async function () {
    const s = await setUp('facilitator-approval');
    await draftReady(s);
    await expectRejection(ratifyStandard(h.deps, { ...as(learner(ann)), ...s }), PhaseConflictError);
    await expectRejection(approveStandard(h.deps, { ...as(learner(ann)), ...s }), NotPermittedError);
    const outcome = await approveStandard(h.deps, { ...as(facilitator), ...s });
    expect(outcome.ratified?.approvedBy).to.equal(facilitator.userId);
    expect((await h.deps.standards.findByTeam(s.taskId, s.teamId))?.status).to.equal('ratified');
  });

  it('never loses an update: the second of two interleaved saves from the same revision is refused', async function () {
    const s = await setUp();
    await draftReady(s);
    const loadedByAnn = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    const loadedByBob = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    const task = (await h.deps.teamTasks.findById(s.taskId))!;
    const team = (await h.deps.teamSets.findByTask(s.taskId))!.teams[0]!;
    const ctx = (who: typeof ann) => ({ task, team, actor: learner(who), now: h.deps.now() });
    const byAnn = proposeInDomain(
      loadedByAnn,
      { criterionId: 'c-ann' as CriterionId, content: content('Tone') },
      ctx(ann),
    );
    const byBob = commentInDomain(loadedByBob, { commentId: 'k-bob' as never, body: 'Looks good' }, ctx(bob));
    await h.deps.standards.save(byAnn, course, loadedByAnn.revision);
    const conflict = await expectRejection(
      h.deps.standards.save(byBob, course, loadedByBob.revision),
      VersionConflictError,
    );
    expect(conflict.details).to.include({ expected: loadedByBob.revision, actual: byAnn.revision });
    const stored = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    expect(stored.criteria.map((c) => c.id)).to.include('c-ann');
    expect(stored.comments).to.deep.equal([]);
  });

  it('decides again after losing a save race: simultaneous comments all land, simultaneous edits of one criterion do not both', async function () {
    const s = await setUp();
    const [c1] = await draftReady(s);
    const bodies = ['First thought', 'Second thought', 'Third thought'];
    await Promise.all(
      [ann, bob, cat].map((who, i) => addComment(h.deps, { ...as(learner(who)), ...s, body: bodies[i]! })),
    );
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    expect(page.generalThreads.map((t) => t.first.body)).to.have.members(bodies);

    const base = page.criteria[0]!.revision;
    const results = await Promise.allSettled(
      (['Clear writing', 'Legibility'] as const).map((name, i) =>
        editCriterion(h.deps, {
          ...as(learner([ann, bob][i]!)),
          ...s,
          criterionId: c1,
          baseRevision: base,
          content: content(name),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).to.be.instanceOf(VersionConflictError);
    const after = await standardPage(h.deps, { ...as(learner(cat)), ...s });
    expect(after.criteria[0]!.history).to.have.length(base + 1);
  });

  it('refuses an approval of content the facilitator did not see', async function () {
    const s = await setUp('facilitator-approval');
    await draftReady(s);
    const seen = await standardPage(h.deps, { ...as(facilitator), ...s });
    await submitWeighting(h.deps, {
      ...as(learner(ann)),
      ...s,
      points: seen.criteria.map((c, i) => ({ criterionId: c.id as CriterionId, points: i === 0 ? 90 : 10 })),
    });
    await expectRejection(
      approveStandard(h.deps, { ...as(facilitator), ...s, expectedContentRevision: seen.contentRevision }),
      VersionConflictError,
    );
    const now = await standardPage(h.deps, { ...as(facilitator), ...s });
    expect(now.versions).to.deep.equal([]);
    const approved = await approveStandard(h.deps, {
      ...as(facilitator),
      ...s,
      expectedContentRevision: now.contentRevision,
    });
    expect(approved.ratified?.version).to.equal(1);
  });

  it('refuses an edit based on an outdated criterion revision or page revision, keeping the first edit', async function () {
    const s = await setUp();
    const [c1] = await draftReady(s);
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    const base = page.criteria[0]!.revision;
    await editCriterion(h.deps, {
      ...as(learner(ann)),
      ...s,
      criterionId: c1,
      baseRevision: base,
      content: content('Clear writing'),
    });
    await expectRejection(
      editCriterion(h.deps, {
        ...as(learner(bob)),
        ...s,
        criterionId: c1,
        baseRevision: base,
        content: content('Legibility'),
      }),
      VersionConflictError,
    );
    await expectRejection(
      addComment(h.deps, { ...as(learner(bob)), ...s, body: 'late', expectedRevision: page.revision }),
      VersionConflictError,
    );
    const after = await standardPage(h.deps, { ...as(learner(bob)), ...s });
    expect(after.criteria[0]?.content.name).to.equal('Clear writing');
    expect(after.generalThreads).to.deep.equal([]);
  });

  it('leaves nothing half-written when freezing the version fails mid-way', async function () {
    const s = await setUp();
    await draftReady(s);
    await agreeAll(s, [ann, bob]);
    const before = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    // A version 1 that should not exist makes the version insert fail after the standard's update.
    await standardVersionModel(h.connection).collection.insertOne({
      _id: 'planted-version' as never,
      standardId: before.id,
      version: 1,
      courseId: course,
      taskId: s.taskId,
      teamId: s.teamId,
      criteria: [],
      consensusRule: 'consent',
      agreedBy: [],
      ratifiedAt: new Date(0),
      overruledObjections: [],
      agreement: null,
    });
    const error = await agreeToStandard(h.deps, {
      ...as(learner(cat)),
      ...s,
      contentRevision: before.contentRevision,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { code?: number } | undefined)?.code).to.equal(11000);
    const raw = await teamStandardModel(h.connection).findById(before.id).lean();
    expect(raw?.status).to.equal('drafting');
    expect(raw?.versionCount).to.equal(0);
    expect(raw?.revision).to.equal(before.revision);
    expect(raw?.agreements.map((a) => a.member)).to.deep.equal([ann, bob]);
    expect(await standardVersionModel(h.connection).countDocuments({ standardId: before.id })).to.equal(1);
  });

  it('withdraws a criterion, which asks everyone to weigh again; frozen versions refuse updates', async function () {
    const s = await setUp();
    const [c1, c2] = await draftReady(s);
    const extra = await proposeCriterion(h.deps, { ...as(learner(cat)), ...s, content: content('Tone') });
    const tone = extra.criteria[2]!.id;
    expect((await standardPage(h.deps, { ...as(learner(ann)), ...s })).alignment.weighed).to.equal(0);
    await withdrawCriterion(h.deps, { ...as(learner(cat)), ...s, criterionId: tone });
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    expect(page.criteria.map((c) => c.id)).to.deep.equal([c1, c2]);
    expect(page.withdrawnCriteria).to.deep.equal([{ id: tone, name: 'Tone' }]);
    expect(page.alignment.weighed).to.equal(3);
    await agreeAll(s);
    const versions = standardVersionModel(h.connection);
    const frozen = await versions.findOne({ standardId: page.standardId }).lean();
    let refused: unknown;
    try {
      await versions.updateOne({ standardId: page.standardId }, { $set: { agreedBy: [] } });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(Error);
    expect(await versions.findOne({ standardId: page.standardId }).lean()).to.deep.equal(frozen);
  });

  it('refuses learners of another team or course, and facilitators acting for members', async function () {
    const s = await setUp();
    const [c1] = await draftReady(s);
    const mine = { taskId: s.taskId, teamId: s.teamId };
    await expectRejection(standardPage(h.deps, { ...as(learner(dan)), ...mine }), NotPermittedError);
    await expectRejection(
      proposeCriterion(h.deps, { ...as(learner(dan)), ...mine, content: content('Speed') }),
      NotPermittedError,
    );
    await expectRejection(
      addComment(h.deps, { ...as(learner(eve)), ...mine, body: 'hi' }),
      NotPermittedError,
    );
    await expectRejection(
      withdrawCriterion(h.deps, { ...as(learner(dan)), ...mine, criterionId: c1 }),
      NotPermittedError,
    );
    await expectRejection(startTeamStandard(h.deps, { ...as(learner(dan)), ...mine }), NotPermittedError);
    await expectRejection(
      standardPage(h.deps, { ...as(learner(ann), otherCourse), ...mine }),
      NotPermittedError,
    );
    await expectRejection(
      standardPage(h.deps, { ...as(facilitator, otherCourse), ...mine }),
      NotPermittedError,
    );
    await expectRejection(
      proposeCriterion(h.deps, { ...as(facilitator), ...mine, content: content('Speed') }),
      NotPermittedError,
    );
    await expectRejection(lockStandard(h.deps, { ...as(learner(ann)), ...mine }), NotPermittedError);
    await expectRejection(
      standardPage(h.deps, { ...as(learner(dan)), taskId: s.taskId, teamId: s.otherTeamId }),
      NotFoundError,
    );
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...mine });
    expect(page.criteria.map((c) => c.content.name)).to.deep.equal(['Clarity', 'Evidence']);
    expect(page.generalThreads).to.deep.equal([]);
  });

  it('lets a facilitator comment, lock and unlock; a locked standard refuses members’ changes', async function () {
    const s = await setUp();
    await draftReady(s);
    await addComment(h.deps, { ...as(facilitator), ...s, body: 'Consider accessibility.' });
    await lockStandard(h.deps, { ...as(facilitator), ...s });
    await expectRejection(
      proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Tone') }),
      PhaseConflictError,
    );
    await addComment(h.deps, { ...as(learner(ann)), ...s, body: 'We will.' });
    await unlockStandard(h.deps, { ...as(facilitator), ...s });
    await proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Accessibility') });
    const page = await standardPage(h.deps, { ...as(facilitator), ...s });
    expect(page.locked).to.equal(false);
    expect(page.generalThreads.map((t) => [t.first.authorRole, t.first.body])).to.deep.equal([
      ['facilitator', 'Consider accessibility.'],
      ['learner', 'We will.'],
    ]);
    expect(page.criteria.map((c) => c.content.name)).to.include('Accessibility');
  });

  it('starts from the facilitator’s template, or from a library version with provenance', async function () {
    const source = await setUp();
    await draftReady(source);
    await agreeAll(source);
    const sourceStandard = (await h.deps.standards.findByTeam(source.taskId, source.teamId))!;
    const s = await setUp('consent', {
      kind: 'library',
      source: { standardId: sourceStandard.id, version: 1 },
    });
    const copied = await startTeamStandard(h.deps, {
      ...as(learner(dan)),
      taskId: s.taskId,
      teamId: s.otherTeamId,
    });
    expect(copied.provenance).to.deep.include({
      source: { standardId: sourceStandard.id, version: 1 },
      copiedBy: dan,
    });
    expect(copied.criteria.map((c) => [c.origin, c.revisions[0]?.content.name])).to.deep.equal([
      ['library', 'Clarity'],
      ['library', 'Evidence'],
    ]);
    expect(copied.weightings).to.deep.equal([]);
    const again = await startTeamStandard(h.deps, {
      ...as(facilitator),
      taskId: s.taskId,
      teamId: s.otherTeamId,
    });
    expect(again).to.deep.equal(copied);

    const t = await setUp('consent', { kind: 'template', criteria: [content('Clarity'), content('Impact')] });
    const fromTemplate = await startTeamStandard(h.deps, {
      ...as(facilitator),
      taskId: t.taskId,
      teamId: t.teamId,
    });
    expect(fromTemplate.criteria.map((c) => [c.origin, c.revisions[0]?.author])).to.deep.equal([
      ['template', facilitator.userId],
      ['template', facilitator.userId],
    ]);
  });

  it('shows learners what to do next and the facilitator every team side by side', async function () {
    const s = await setUp();
    await startTeamStandard(h.deps, { ...as(learner(ann)), taskId: s.taskId, teamId: s.teamId });
    let mine = (await myTeams(h.deps, as(learner(ann)))).find((t) => t.taskId === s.taskId);
    expect(mine?.toDo).to.deep.equal([{ code: 'propose-criteria', teamId: s.teamId, missing: 2 }]);
    await draftReady(s);
    mine = (await myTeams(h.deps, as(learner(ann)))).find((t) => t.taskId === s.taskId);
    expect(mine?.toDo).to.deep.equal([{ code: 'agree-or-object', teamId: s.teamId }]);
    expect(mine?.standard?.criteria).to.equal(2);
    const overview = await taskOverview(h.deps, { ...as(facilitator), taskId: s.taskId });
    expect(overview.teams.map((t) => [t.team.members.length, t.standard?.status])).to.deep.equal([
      [3, 'drafting'],
      [2, undefined],
    ]);
    expect(overview.teams[0]?.standard?.agreement).to.be.a('number');
    expect(overview.teams[0]?.alignment?.weighed).to.equal(3);
    await expectRejection(myTeams(h.deps, as(facilitator)), NotPermittedError);
  });
});
