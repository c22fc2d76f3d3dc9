/**
 * Learning events from the standard-setting, task and team services become xAPI statements in
 * the outbox, in the transaction of the change: after the call the statement is there (valid
 * xAPI, context resolved from the stored person, course and platform), after a failed change it
 * is not, and replaying an event adds nothing. One end-to-end run delivers a proposed criterion
 * to a real LRS and reads it back by verb.
 */
import { expect } from 'chai';
import {
  asUserId,
  type CriterionId,
  type TeamId,
  type TeamTaskId,
} from '../../../../src/domain/shared/ids.js';
import type { CriterionContent } from '../../../../src/domain/standard/criterion.js';
import type { StandardStart } from '../../../../src/domain/team-task/team-task.js';
import type { TeamworkDeps } from '../../../../src/services/shared/deps.js';
import type { LearningEvent } from '../../../../src/services/shared/learning-events.js';
import { addComment } from '../../../../src/services/standards/add-comment.js';
import { agreeToStandard } from '../../../../src/services/standards/agree-to-standard.js';
import { editCriterion } from '../../../../src/services/standards/edit-criterion.js';
import { lockStandard } from '../../../../src/services/standards/lock-standard.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { raiseObjection } from '../../../../src/services/standards/raise-objection.js';
import { standardPage } from '../../../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../../../src/services/standards/submit-weighting.js';
import { withdrawCriterion } from '../../../../src/services/standards/withdraw-criterion.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { standardVersionModel } from '../../../../src/store/mongo/models/standard-version.model.js';
import { teamStandardModel } from '../../../../src/store/mongo/models/team-standard.model.js';
import { teamTaskModel } from '../../../../src/store/mongo/models/team-task.model.js';
import { createStatementDirectory } from '../../../../src/store/lti/statement-directory.js';
import {
  createLearningEventStatements,
  LearningEventContextError,
} from '../../../../src/xapi/learning-event-statements.js';
import type { XapiStatement } from '../../../../src/xapi/statement-types.js';
import { registrationFor } from '../../../../src/xapi/xapi-context.js';
import { startLocalLrs } from '../../../helpers/local-lrs.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  eve,
  facilitator,
  HARNESS_CLIENT_ID,
  HARNESS_ISSUER,
  learner,
  startTeamworkHarness,
  type TeamworkHarness,
} from '../../../helpers/teamwork-harness.js';
import { drain, fakeClock, makeRuntime, TOOL_URL } from '../../../helpers/xapi-harness.js';
import { xapiProblems } from '../../../helpers/xapi-validate.js';

const VERB = {
  proposed: 'https://w3id.org/xapi/dod-isd/verbs/proposed',
  updated: 'http://activitystrea.ms/schema/1.0/update',
  retracted: 'http://activitystrea.ms/schema/1.0/retract',
  commented: 'http://adlnet.gov/expapi/verbs/commented',
  disagreed: 'http://activitystrea.ms/schema/1.0/disagree',
  weighted: `${TOOL_URL}/xapi/verbs/weighted`,
  agreed: 'http://activitystrea.ms/schema/1.0/agree',
  approved: 'http://activitystrea.ms/schema/1.0/approve',
  adopted: `${TOOL_URL}/xapi/verbs/adopted`,
};
const TEXT_LENGTH = `${TOOL_URL}/xapi/extensions/text-length`;
const LTI_EXTENSION = `${TOOL_URL}/xapi/extensions/lti`;

function content(name: string): CriterionContent {
  return {
    name,
    description: `How well the work shows ${name.toLowerCase()}.`,
    levels: ['Missing', 'Developing', 'Strong'].map((label) => ({ label, descriptor: `${label} work.` })),
  };
}

interface Setup {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
}

describe('services: learning events → xAPI statements in the outbox', function () {
  this.timeout(60_000);
  let h: TeamworkHarness;

  before(async function () {
    h = await startTeamworkHarness('learning-events');
    h.setRoster(course, [ann, bob, cat, dan, eve]);
  });
  after(async function () {
    await h?.stop();
  });

  async function setUp(standardStart: StandardStart = { kind: 'blank' }): Promise<Setup> {
    h.at(0);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: 'Onboarding flow',
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'work'],
        schedule: {},
        consensusRule: 'consent',
        standardStart,
      },
    });
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: {
        mode: 'manual',
        teams: [{ name: 'Blue', members: [ann, bob, cat] }, { members: [dan, eve] }],
      },
    });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    h.at(1);
    return { taskId: task.id, teamId: teamSet.teams[0]!.id };
  }

  /** Statements added to the outbox by `action`. */
  async function added(action: () => Promise<unknown>): Promise<XapiStatement[]> {
    const before = new Set((await h.statements()).map((s) => s.id));
    await action();
    return (await h.statements()).filter((s) => !before.has(s.id));
  }

  function expectValid(statements: readonly XapiStatement[]): void {
    for (const statement of statements) expect(xapiProblems(statement), statement.verb.id).to.deep.equal([]);
  }

  /** Two criteria proposed and weighed 50/50 by the three members of team 1. */
  async function draftReady(s: Setup): Promise<void> {
    await proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Clarity') });
    const both = await proposeCriterion(h.deps, { ...as(learner(bob)), ...s, content: content('Evidence') });
    for (const who of [ann, bob, cat])
      await submitWeighting(h.deps, {
        ...as(learner(who)),
        ...s,
        points: both.criteria.map((c) => ({ criterionId: c.id, points: 50 })),
      });
  }

  async function agreeAll(s: Setup): Promise<void> {
    for (const who of [ann, bob, cat]) {
      const page = await standardPage(h.deps, { ...as(learner(who)), ...s });
      await agreeToStandard(h.deps, { ...as(learner(who)), ...s, contentRevision: page.contentRevision });
    }
  }

  it('turns a standard-setting round into valid statements with the stored course, platform and team as context', async function () {
    const s = await setUp();
    await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    const proposed = await added(() =>
      proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Clarity') }),
    );
    expect(proposed.map((st) => st.verb.id)).to.deep.equal([VERB.proposed]);
    const [statement] = proposed;
    const page = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    const c1 = page.criteria[0]!.id as CriterionId;
    // The context comes from stored records: the course's LTI ids, the platform's client id, the
    // task's registration, the team as context.team; the person as a pseudonymous account.
    expect(statement!.actor).to.deep.equal({
      objectType: 'Agent',
      account: { homePage: `${TOOL_URL}/`, name: h.xapi.pseudonymizer.pseudonym(HARNESS_ISSUER, 'sub-ann') },
    });
    expect(statement!.object).to.deep.include({ id: `${TOOL_URL}/xapi/activities/criterion-proposal/${c1}` });
    expect(statement!.context.registration).to.equal(registrationFor(HARNESS_ISSUER, s.taskId, 1));
    expect(statement!.context.team).to.deep.equal({
      objectType: 'Group',
      name: 'Blue',
      account: { homePage: `${TOOL_URL}/teams/`, name: s.teamId },
    });
    expect(statement!.context.language).to.equal('en-GB');
    expect(statement!.context.extensions?.[LTI_EXTENSION]).to.deep.equal({
      iss: HARNESS_ISSUER,
      clientId: HARNESS_CLIENT_ID,
      deploymentId: 'dep-1',
      contextId: 'ctx-1',
    });
    expect(statement!.context.contextActivities?.parent?.[0]).to.deep.include({
      id: `${TOOL_URL}/xapi/activities/lti-context/${encodeURIComponent(HARNESS_ISSUER)}/ctx-1`,
    });
    expect(statement!.context.contextActivities?.other?.[0]?.definition?.name).to.deep.equal({
      'en-US': 'Onboarding flow',
    });
    expect(statement!.timestamp).to.equal(new Date('2025-03-03T10:00:00Z').toISOString());

    let evidence: CriterionId | undefined;
    const rest = await added(async () => {
      const second = await proposeCriterion(h.deps, {
        ...as(learner(bob)),
        ...s,
        content: content('Evidence'),
      });
      evidence = second.criteria[1]!.id;
      const third = await proposeCriterion(h.deps, { ...as(learner(cat)), ...s, content: content('Speed') });
      await withdrawCriterion(h.deps, { ...as(learner(cat)), ...s, criterionId: third.criteria[2]!.id });
      await editCriterion(h.deps, {
        ...as(learner(bob)),
        ...s,
        criterionId: second.criteria[1]!.id,
        baseRevision: 1,
        content: content('Evidence of testing'),
      });
      await addComment(h.deps, { ...as(learner(cat)), ...s, criterionId: c1, body: 'Include visuals?' });
      await addComment(h.deps, { ...as(facilitator), ...s, body: 'Looks good so far.' });
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
            { criterionId: second.criteria[1]!.id, points: 100 - p },
          ],
        });
      }
      await agreeAll(s);
    });
    expect(rest.map((st) => st.verb.id)).to.deep.equal([
      VERB.proposed,
      VERB.proposed,
      VERB.retracted,
      VERB.updated,
      VERB.commented,
      VERB.commented,
      VERB.weighted,
      VERB.weighted,
      VERB.weighted,
      VERB.agreed,
      VERB.agreed,
      VERB.agreed,
      VERB.approved,
    ]);
    expectValid([statement!, ...rest]);
    expect(new Set(rest.map((st) => st.id)).size).to.equal(rest.length);
    const edited = rest[3]!;
    expect(edited.object.definition?.name).to.deep.equal({ 'en-US': 'Evidence of testing' });
    // Free text is withheld by default: its length only.
    const [onCriterion, onStandard] = rest.slice(4, 6);
    expect(onCriterion!.result).to.deep.equal({ extensions: { [TEXT_LENGTH]: 'Include visuals?'.length } });
    expect(onCriterion!.object.id).to.equal(`${TOOL_URL}/xapi/activities/criterion-proposal/${c1}`);
    expect(onStandard!.object.id).to.match(/\/xapi\/activities\/standard\/[^/]+$/);
    expect(rest[6]!.result?.extensions?.[`${TOOL_URL}/xapi/extensions/weights`]).to.deep.equal({
      budget: 100,
      points: {
        [`${TOOL_URL}/xapi/activities/criterion-proposal/${c1}`]: 60,
        [`${TOOL_URL}/xapi/activities/criterion-proposal/${evidence}`]: 40,
      },
    });
    // Agreements are to version 1; the ratification has the team as its actor.
    expect(rest[9]!.object.id).to.match(/\/v1$/);
    const ratified = rest[12]!;
    expect(ratified.actor).to.deep.equal({
      objectType: 'Group',
      name: 'Blue',
      account: { homePage: `${TOOL_URL}/teams/`, name: s.teamId },
    });
    expect(ratified.context.team).to.equal(undefined);
    expect(ratified.result).to.deep.equal({ completion: true });
    expect(ratified.object.id).to.equal(rest[9]!.object.id);
  });

  it('sends free text only when the platform opted in, capped at its limit', async function () {
    const s = await setUp();
    await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    await h.xapi.platformSettings.save(
      {
        issuer: HARNESS_ISSUER,
        lrs: undefined,
        privacy: { identity: 'lti-sub', sendFreeText: true, freeTextLimit: 12 },
      },
      new Date(),
    );
    try {
      const [objection] = await added(() =>
        raiseObjection(h.deps, { ...as(learner(bob)), ...s, reason: 'This standard is far too vague.' }),
      );
      expectValid([objection!]);
      expect(objection!.verb.id).to.equal(VERB.disagreed);
      expect(objection!.actor).to.deep.equal({
        objectType: 'Agent',
        account: { homePage: HARNESS_ISSUER, name: 'sub-bob' },
      });
      expect(objection!.result?.response).to.equal('This standar');
      expect(objection!.result?.extensions?.[TEXT_LENGTH]).to.equal('This standard is far too vague.'.length);
    } finally {
      await h.xapi.platformSettings.save(
        {
          issuer: HARNESS_ISSUER,
          lrs: undefined,
          privacy: { identity: 'pseudonymous', sendFreeText: false, freeTextLimit: 500 },
        },
        new Date(),
      );
    }
  });

  it('adds no statement when the change is not saved, and takes the statement back with a failed transaction', async function () {
    const s = await setUp();
    await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    // The events are recorded, then the transaction fails: neither the criterion nor its statement stays.
    const failingAfterRecord: TeamworkDeps = {
      ...h.deps,
      events: {
        async record(events, tx) {
          await h.deps.events.record(events, tx);
          expect(
            await h.xapi.collections.outbox.countDocuments({}, { session: tx.session }),
          ).to.be.greaterThan(0);
          throw new Error('injected failure after the statement was staged');
        },
      },
    };
    const before = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    const statementsBefore = (await h.statements()).length;
    let error: unknown;
    try {
      await proposeCriterion(failingAfterRecord, { ...as(learner(ann)), ...s, content: content('Clarity') });
    } catch (e) {
      error = e;
    }
    expect((error as Error | undefined)?.message).to.equal('injected failure after the statement was staged');
    expect((await h.deps.standards.findByTeam(s.taskId, s.teamId))?.revision).to.equal(before.revision);
    expect(await h.statements()).to.have.length(statementsBefore);

    // The domain write itself fails (a version 1 already exists when the last agreement
    // ratifies): no agreement and no ratification statement.
    const page0 = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    expect(page0.criteria).to.have.length(0);
    await draftReady(s);
    const ready = await standardPage(h.deps, { ...as(learner(ann)), ...s });
    for (const who of [ann, bob])
      await agreeToStandard(h.deps, { ...as(learner(who)), ...s, contentRevision: ready.contentRevision });
    await standardVersionModel(h.connection).collection.insertOne({
      _id: 'planted-version' as never,
      standardId: ready.standardId,
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
    const failed = await added(async () => {
      const outcome = await agreeToStandard(h.deps, {
        ...as(learner(cat)),
        ...s,
        contentRevision: ready.contentRevision,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((outcome as { code?: number } | undefined)?.code).to.equal(11000);
    });
    expect(failed).to.deep.equal([]);
    expect((await teamStandardModel(h.connection).findById(ready.standardId).lean())?.status).to.equal(
      'drafting',
    );
  });

  it('writes a task and its (empty) event list together: a failing sink leaves no task behind', async function () {
    const failing: TeamworkDeps = {
      ...h.deps,
      events: {
        record: () => Promise.reject(new Error('sink down')),
      },
    };
    const tasksBefore = await teamTaskModel(h.connection).countDocuments();
    let error: unknown;
    try {
      await createTeamTask(failing, {
        ...as(facilitator),
        settings: {
          title: 'Never stored',
          brief: '',
          outcome: '',
          phases: ['standard-setting'],
          schedule: {},
          consensusRule: 'consent',
          standardStart: { kind: 'blank' },
        },
      });
    } catch (e) {
      error = e;
    }
    expect((error as Error | undefined)?.message).to.equal('sink down');
    expect(await teamTaskModel(h.connection).countDocuments()).to.equal(tasksBefore);
  });

  it('sends nothing yet for task, team, lock and phase events (no statement defined for them)', async function () {
    const statements = await added(async () => {
      const s = await setUp();
      await startTeamStandard(h.deps, { ...as(facilitator), ...s });
      await lockStandard(h.deps, { ...as(facilitator), ...s });
    });
    expect(statements).to.deep.equal([]);
  });

  it('sends the adoption of a library standard with the team as actor', async function () {
    const source = await setUp();
    await startTeamStandard(h.deps, { ...as(learner(ann)), ...source });
    await draftReady(source);
    await agreeAll(source);
    const original = (await h.deps.standards.findByTeam(source.taskId, source.teamId))!;
    const s = await setUp({ kind: 'library', source: { standardId: original.id, version: 1 } });
    const [adopted] = await added(() => startTeamStandard(h.deps, { ...as(learner(bob)), ...s }));
    expectValid([adopted!]);
    expect(adopted!.verb.id).to.equal(VERB.adopted);
    expect(adopted!.actor).to.deep.include({ objectType: 'Group', name: 'Blue' });
    expect(adopted!.object.id).to.equal(`${TOOL_URL}/xapi/activities/standard/${original.id}/v1`);
    const copy = (await h.deps.standards.findByTeam(s.taskId, s.teamId))!;
    expect(adopted!.context.contextActivities?.other?.[0]?.id).to.equal(
      `${TOOL_URL}/xapi/activities/standard/${copy.id}`,
    );
  });

  it('refuses (and so rolls back) an event whose person has no stored launch record', async function () {
    const s = await setUp();
    const standard = await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    const strict = createLearningEventStatements({
      outbox: h.xapi.outbox,
      platformSettings: h.xapi.platformSettings,
      pseudonymizer: h.xapi.pseudonymizer,
      toolUrl: TOOL_URL,
      directory: createStatementDirectory(h.connection, h.deps),
    });
    const before = await h.statements();
    let error: unknown;
    try {
      await h.deps.transaction(async (tx) => {
        await h.deps.standards.save(
          { ...standard, revision: standard.revision + 1 },
          course,
          standard.revision,
          tx,
        );
        await strict.record(
          [
            {
              type: 'criterion-proposed',
              at: new Date('2025-03-03T10:00:00Z'),
              courseId: course,
              taskId: s.taskId,
              teamId: s.teamId,
              standardId: standard.id,
              userId: asUserId('never-launched'),
              revision: standard.revision + 1,
              criterion: { id: 'crit-x' as CriterionId, name: 'X' },
            },
          ],
          tx,
        );
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(LearningEventContextError);
    expect((await h.deps.standards.findByTeam(s.taskId, s.teamId))?.revision).to.equal(standard.revision);
    expect(await h.statements()).to.have.length(before.length);
  });

  it('adds nothing when an event is recorded again (a retried transaction)', async function () {
    const s = await setUp();
    const standard = await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    const event: LearningEvent = {
      type: 'criterion-proposed',
      at: new Date('2025-03-03T10:00:00Z'),
      courseId: course,
      taskId: s.taskId,
      teamId: s.teamId,
      standardId: standard.id,
      userId: ann,
      revision: 99,
      criterion: { id: 'crit-replayed' as CriterionId, name: 'Replayed' },
    };
    const first = await added(() => h.deps.transaction((tx) => h.deps.events.record([event], tx)));
    const again = await added(() => h.deps.transaction((tx) => h.deps.events.record([event, event], tx)));
    expect(first).to.have.length(1);
    expect(again).to.deep.equal([]);
  });

  it('delivers a proposed criterion to a real LRS, where it reads back by verb and registration', async function () {
    const lrs = await startLocalLrs();
    try {
      const s = await setUp();
      await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
      const [statement] = await added(() =>
        proposeCriterion(h.deps, { ...as(learner(ann)), ...s, content: content('Tone') }),
      );
      const delivery = await makeRuntime(h.connection, lrs, fakeClock(Date.UTC(2030, 0, 1)));
      await drain(delivery);
      const row = await h.xapi.collections.outbox.findOne({ _id: statement!.id });
      expect(row?.status).to.equal('sent');
      const found = await lrs.query({
        verb: VERB.proposed,
        registration: registrationFor(HARNESS_ISSUER, s.taskId, 1),
      });
      expect(found.map((st) => st['id'])).to.deep.equal([statement!.id]);
      expect((found[0]!['object'] as { id: string }).id).to.equal(statement!.object.id);
      expect(found[0]!['actor']).to.deep.equal(statement!.actor);
    } finally {
      await lrs.stop();
    }
  });
});
