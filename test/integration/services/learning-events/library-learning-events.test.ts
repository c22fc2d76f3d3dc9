/**
 * Issue 9's reflection, retrospective and story statements: the reflection and story services
 * record learning events in the transaction of their change, and the xAPI adapter turns them
 * into valid statements in the real outbox — a reflection (the person reflected), the team's
 * retrospective (the team reflected), a story authored and shared by its author, published by a
 * curator, viewed by a reader (once per reader, story and day) and marked helpful; a facilitator's
 * rating on the retrospective (one `rated` per criterion, the team in the context). A failed
 * change leaves no statement; a replayed event adds nothing.
 */
import { expect } from 'chai';
import type { CriterionRatings } from '../../../../src/domain/reflection/criterion-gaps.js';
import { VersionConflictError } from '../../../../src/domain/shared/errors.js';
import { asCriterionId, type TeamId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import type { StoryContent } from '../../../../src/domain/story/story.js';
import { saveReflection } from '../../../../src/services/reflection/save-reflection.js';
import { shareReflection } from '../../../../src/services/reflection/share-reflection.js';
import { changeRetrospective } from '../../../../src/services/retrospectives/change-retrospective.js';
import { openRetrospective } from '../../../../src/services/retrospectives/open-retrospective.js';
import { rateRetrospective } from '../../../../src/services/retrospectives/rate-retrospective.js';
import { teamStandardCriteria } from '../../../../src/services/retrospectives/team-standard-criteria.js';
import { agreeToStandard } from '../../../../src/services/standards/agree-to-standard.js';
import { proposeCriterion } from '../../../../src/services/standards/propose-criterion.js';
import { standardPage } from '../../../../src/services/standards/standard-page.js';
import { startTeamStandard } from '../../../../src/services/standards/start-team-standard.js';
import { submitWeighting } from '../../../../src/services/standards/submit-weighting.js';
import type { LearningEvent } from '../../../../src/services/shared/learning-events.js';
import type { LibraryDeps } from '../../../../src/services/shared/library-deps.js';
import { reviseStory } from '../../../../src/services/stories/revise-story.js';
import { changeStory } from '../../../../src/services/stories/change-story.js';
import { markHelpful } from '../../../../src/services/stories/mark-helpful.js';
import { readStory } from '../../../../src/services/stories/read-story.js';
import { submitStory } from '../../../../src/services/stories/submit-story.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { storyModel } from '../../../../src/store/mongo/models/story.model.js';
import type { XapiStatement } from '../../../../src/xapi/statement-types.js';
import { REGISTERED_VERBS } from '../../../../src/xapi/vocabulary.js';
import { registrationFor } from '../../../../src/xapi/xapi-context.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { inTenant, startLibraryHarness, type LibraryHarness } from '../../../helpers/library-harness.js';
import {
  ann,
  as,
  bob,
  cat,
  course,
  dan,
  facilitator,
  HARNESS_ISSUER,
  learner,
  otherCourse,
} from '../../../helpers/teamwork-harness.js';
import { TOOL_URL } from '../../../helpers/xapi-harness.js';
import { xapiProblems } from '../../../helpers/xapi-validate.js';

const REFLECTED = `${TOOL_URL}/xapi/verbs/reflected`;
const PUBLISHED = `${TOOL_URL}/xapi/verbs/published`;

const ratings: CriterionRatings[] = [
  {
    criterionId: asCriterionId('c1'),
    name: 'Clarity',
    levelCount: 4,
    self: 3,
    peerMedian: 1.5,
    peerCount: 2,
  },
];
const answers = { happened: 'We missed the deadline.', means: 'Scope crept.', next: 'Timebox.' };
const story = (over: Partial<StoryContent> = {}): StoryContent => ({
  title: 'Our review checklist halved rework',
  narrative: 'We wrote a checklist from the standard.',
  kind: 'success',
  criteria: [{ name: 'Clarity' }],
  visibility: 'platform',
  ...over,
});

describe('services: reflection, retrospective and story learning events → xAPI statements', function () {
  this.timeout(60_000);
  let h: LibraryHarness;

  before(async function () {
    h = await startLibraryHarness('library-learning-events');
    h.setRoster(course, [ann, bob, cat]);
    h.setRoster(otherCourse, [dan]);
  });
  after(async function () {
    await h?.stop();
  });

  /** A task with teams [ann, bob] and [cat], moved to reflection. */
  async function taskInReflection(hours: number): Promise<{ taskId: TeamTaskId; teamId: TeamId }> {
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
      formation: { mode: 'manual', teams: [{ members: [ann, bob] }, { members: [cat] }] },
    });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'reflection' });
    return { taskId: task.id, teamId: teamSet.teams[0]!.id };
  }

  async function added(action: () => Promise<unknown>): Promise<XapiStatement[]> {
    const before = new Set((await h.statements()).map((s) => s.id));
    await action();
    return (await h.statements()).filter((s) => !before.has(s.id));
  }

  function expectValid(statements: readonly XapiStatement[]): void {
    for (const statement of statements) expect(xapiProblems(statement), statement.verb.id).to.deep.equal([]);
  }

  /** Library deps whose sink stages the events and then fails the transaction. */
  const failingAfterRecord = (): LibraryDeps => ({
    ...h.lib,
    events: {
      async record(events, tx) {
        await h.lib.events.record(events, tx);
        throw new Error('injected failure after the statement was staged');
      },
    },
  });

  it('a saved reflection is one "reflected" statement per revision by its author, in the task and team; sharing sends none', async function () {
    const t = await taskInReflection(0);
    const first = await added(() => saveReflection(h.lib, { ...as(learner(ann)), ...t, answers, ratings }));
    expectValid(first);
    expect(first.map((s) => s.verb.id)).to.deep.equal([REFLECTED]);
    const [reflected] = first;
    expect(reflected!.actor.objectType).to.equal('Agent');
    expect(reflected!.context?.registration).to.equal(registrationFor(HARNESS_ISSUER, t.taskId, 1));
    expect(reflected!.context?.team?.account?.name).to.equal(t.teamId);
    expect(reflected!.result?.completion).to.equal(true);
    // The platform did not opt in to free text: the answers stay home.
    expect(JSON.stringify(reflected)).not.to.contain('deadline');

    const revised = await added(() =>
      saveReflection(h.lib, {
        ...as(learner(ann)),
        ...t,
        answers: { ...answers, next: 'Timebox harder.' },
        ratings,
      }),
    );
    expectValid(revised);
    expect(revised.map((s) => s.verb.id)).to.deep.equal([REFLECTED]);
    expect(revised[0]!.object.id).to.equal(reflected!.object.id);

    expect(
      await added(() => shareReflection(h.lib, { ...as(learner(ann)), ...t, sharedWith: ['team'] })),
    ).to.deep.equal([]);
  });

  it('a saved retrospective is "reflected" with the team as actor; actions and stale edits send none; a failed save sends none', async function () {
    const t = await taskInReflection(2);
    const retro = await openRetrospective(h.lib, { ...as(learner(ann)), taskId: t.taskId, ratings });
    const update = {
      kind: 'update' as const,
      changes: { teamRatings: { c1: 3 }, wentWell: 'Pairing', toImprove: 'Scope' },
    };

    const failed = await added(async () => {
      let error: unknown;
      try {
        await changeRetrospective(failingAfterRecord(), {
          ...as(learner(bob)),
          taskId: t.taskId,
          expectedRevision: retro.revision,
          change: update,
        });
      } catch (e) {
        error = e;
      }
      expect((error as Error | undefined)?.message).to.contain('injected failure');
    });
    expect(failed).to.deep.equal([]);

    const held = await added(() =>
      changeRetrospective(h.lib, {
        ...as(learner(bob)),
        taskId: t.taskId,
        expectedRevision: retro.revision,
        change: update,
      }),
    );
    expectValid(held);
    expect(held.map((s) => s.verb.id)).to.deep.equal([REFLECTED]);
    expect(held[0]!.actor).to.include({ objectType: 'Group' });
    expect(held[0]!.actor.account?.name).to.equal(t.teamId);
    expect(held[0]!.object.id).to.contain(retro.id);

    const stale = await added(() =>
      expectRejection(
        changeRetrospective(h.lib, {
          ...as(learner(ann)),
          taskId: t.taskId,
          expectedRevision: retro.revision,
          change: update,
        }),
        VersionConflictError,
      ),
    );
    expect(stale).to.deep.equal([]);

    const action = await added(() =>
      changeRetrospective(h.lib, {
        ...as(learner(ann)),
        taskId: t.taskId,
        expectedRevision: retro.revision + 1,
        change: { kind: 'agree-action', text: 'Timebox', owner: ann, due: new Date('2025-04-01T00:00:00Z') },
      }),
    );
    expect(action).to.deep.equal([]);
  });

  /** A task whose team [ann, bob] ratified Clarity (3 levels) and Evidence (2), moved to reflection. */
  async function taskWithRatifiedStandard(hours: number): Promise<{ taskId: TeamTaskId; teamId: TeamId }> {
    h.at(hours);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: `Rated task at ${hours}`,
        brief: '',
        outcome: '',
        phases: ['standard-setting', 'reflection', 'share'],
        schedule: {},
        consensusRule: 'majority',
        standardStart: { kind: 'blank' },
      },
    });
    const { teamSet } = await formTeams(h.deps, {
      ...as(facilitator),
      taskId: task.id,
      formation: { mode: 'manual', teams: [{ members: [ann, bob] }, { members: [cat] }] },
    });
    const s = { taskId: task.id, teamId: teamSet.teams[0]!.id };
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'standard-setting' });
    await startTeamStandard(h.deps, { ...as(learner(ann)), ...s });
    const levels = (labels: string[]) => labels.map((label) => ({ label, descriptor: `${label} work.` }));
    const one = await proposeCriterion(h.deps, {
      ...as(learner(ann)),
      ...s,
      content: { name: 'Clarity', description: 'Easy to follow.', levels: levels(['Weak', 'Fair', 'Good']) },
    });
    const two = await proposeCriterion(h.deps, {
      ...as(learner(bob)),
      ...s,
      content: { name: 'Evidence', description: 'Backed up.', levels: levels(['Thin', 'Solid']) },
    });
    for (const who of [ann, bob]) {
      await submitWeighting(h.deps, {
        ...as(learner(who)),
        ...s,
        points: [
          { criterionId: one.criteria[0]!.id, points: 50 },
          { criterionId: two.criteria[1]!.id, points: 50 },
        ],
      });
    }
    for (const who of [ann, bob]) {
      const page = await standardPage(h.deps, { ...as(learner(who)), ...s });
      await agreeToStandard(h.deps, { ...as(learner(who)), ...s, contentRevision: page.contentRevision });
    }
    await advancePhase(h.deps, { ...as(facilitator), taskId: task.id, to: 'reflection' });
    return s;
  }

  it('a facilitator’s rating on the retrospective is one "rated" per rated criterion, the team in the context; stale or failed saves send none', async function () {
    const t = await taskWithRatifiedStandard(3);
    const pinned = (await teamStandardCriteria(h.lib, t))!;
    expect(pinned).to.not.equal(undefined);
    const retro = await openRetrospective(h.lib, {
      ...as(learner(ann)),
      taskId: t.taskId,
      standard: pinned.ref,
      ratings: pinned.criteria.map((c) => ({
        criterionId: c.criterionId,
        name: c.name,
        levelCount: c.levels.length,
      })),
    });
    const [clarity, evidence] = pinned.criteria;
    const rating = {
      ...as(facilitator),
      ...t,
      expectedRevision: retro.revision,
      levels: { [clarity!.criterionId]: 2, [evidence!.criterionId]: null },
      comment: 'A note only the team reads',
    };

    const failed = await added(() => expectRejection(rateRetrospective(failingAfterRecord(), rating), Error));
    expect(failed).to.deep.equal([]);
    expect((await h.lib.retrospectives.findById(retro.id))?.facilitatorRating).to.equal(undefined);

    const rated = await added(() => rateRetrospective(h.lib, rating));
    expectValid(rated);
    expect(rated.map((s) => s.verb.id)).to.deep.equal([REGISTERED_VERBS.rated.id]);
    const [statement] = rated;
    expect(statement!.actor.objectType).to.equal('Agent');
    expect(statement!.context?.team?.account?.name).to.equal(t.teamId);
    expect(statement!.context?.registration).to.equal(registrationFor(HARNESS_ISSUER, t.taskId, 1));
    expect(statement!.object.id).to.contain(clarity!.criterionId).and.contain(`v${pinned.ref.version}`);
    expect(statement!.result?.response).to.equal('l2');
    expect(statement!.context?.contextActivities?.parent?.[0]?.id).to.contain(retro.id);
    expect(JSON.stringify(statement)).not.to.contain('A note only the team reads');

    const stale = await added(() => expectRejection(rateRetrospective(h.lib, rating), VersionConflictError));
    expect(stale).to.deep.equal([]);
  });

  it('a story is authored and shared by its author, published by the curator, viewed once a day per reader and marked helpful', async function () {
    const t = await taskInReflection(4);
    const submitted: { id: string; revision: number }[] = [];
    const authoring = await added(async () => {
      submitted.push(
        await submitStory(h.lib, { ...inTenant(learner(ann)), taskId: t.taskId, content: story() }),
      );
    });
    expectValid(authoring);
    expect(authoring.map((s) => s.verb.id)).to.deep.equal([
      REGISTERED_VERBS.authored.id,
      REGISTERED_VERBS.shared.id,
    ]);
    const storyId = submitted[0]!.id as never;
    for (const s of authoring) {
      expect(s.object.id).to.contain(submitted[0]!.id);
      expect(s.context?.team?.account?.name).to.equal(t.teamId);
      expect(s.context?.registration).to.equal(registrationFor(HARNESS_ISSUER, t.taskId, 1));
    }

    // An edit that keeps the audience shares nothing new; one that changes it does.
    const kept = await added(() =>
      reviseStory(h.lib, {
        ...inTenant(learner(ann)),
        storyId,
        expectedRevision: 1,
        content: story({ narrative: 'We wrote a shorter checklist.' }),
        standardVersion: undefined,
      }),
    );
    expect(kept).to.deep.equal([]);
    const narrowed = await added(() =>
      reviseStory(h.lib, {
        ...inTenant(learner(ann)),
        storyId,
        expectedRevision: 2,
        content: story({ visibility: 'course' }),
        standardVersion: undefined,
      }),
    );
    expectValid(narrowed);
    expect(narrowed.map((s) => s.verb.id)).to.deep.equal([REGISTERED_VERBS.shared.id]);

    const publishing = await added(() =>
      changeStory(h.lib, {
        ...inTenant(facilitator),
        storyId,
        expectedRevision: 3,
        change: { kind: 'publish' },
      }),
    );
    expectValid(publishing);
    expect(publishing.map((s) => s.verb.id)).to.deep.equal([PUBLISHED]);
    expect(publishing[0]!.actor.account?.name).not.to.equal(undefined);
    const featuring = await added(() =>
      changeStory(h.lib, {
        ...inTenant(facilitator),
        storyId,
        expectedRevision: 4,
        change: { kind: 'feature' },
      }),
    );
    expect(featuring.map((s) => s.verb.id)).to.deep.equal([PUBLISHED]);

    // Readers: cat (same course, not an author) reads twice on one day, once the next day.
    h.at(5);
    const views = await added(async () => {
      await readStory(h.lib, { ...inTenant(learner(cat)), storyId });
      await readStory(h.lib, { ...inTenant(learner(cat)), storyId });
    });
    expectValid(views);
    expect(views.map((s) => s.verb.id)).to.deep.equal([REGISTERED_VERBS.viewed.id]);
    expect(views[0]!.context?.registration).to.equal(undefined);
    h.at(5 + 24);
    expect((await added(() => readStory(h.lib, { ...inTenant(learner(cat)), storyId }))).length).to.equal(1);
    // The author's own reads are not views.
    expect(await added(() => readStory(h.lib, { ...inTenant(learner(ann)), storyId }))).to.deep.equal([]);
    // The count follows the statements: one per reader and UTC day (cat on two days).
    const doc = await storyModel(h.connection).findById(storyId).lean<{ viewCount: number }>();
    expect(doc?.viewCount).to.equal(2);

    const liked = await added(() =>
      markHelpful(h.lib, { ...inTenant(learner(cat)), storyId, helpful: true }),
    );
    expectValid(liked);
    expect(liked.map((s) => s.verb.id)).to.deep.equal([REGISTERED_VERBS.liked.id]);
    expect(
      await added(() => markHelpful(h.lib, { ...inTenant(learner(cat)), storyId, helpful: true })),
    ).to.deep.equal([]);
    expect(
      await added(() => markHelpful(h.lib, { ...inTenant(learner(cat)), storyId, helpful: false })),
    ).to.deep.equal([]);
  });

  it('a story that fails to save leaves neither the story nor a statement', async function () {
    const t = await taskInReflection(6);
    const storiesBefore = await storyModel(h.connection).countDocuments({});
    const statements = await added(async () => {
      let error: unknown;
      try {
        await submitStory(failingAfterRecord(), {
          ...inTenant(learner(ann)),
          taskId: t.taskId,
          content: story({ title: 'Never saved' }),
        });
      } catch (e) {
        error = e;
      }
      expect((error as Error | undefined)?.message).to.contain('injected failure');
    });
    expect(statements).to.deep.equal([]);
    expect(await storyModel(h.connection).countDocuments({})).to.equal(storiesBefore);
  });

  it('a replayed story event adds nothing; a standalone story has no registration or team', async function () {
    const event: LearningEvent = {
      type: 'story-viewed',
      at: new Date('2025-03-04T10:00:00Z'),
      courseId: otherCourse,
      userId: dan,
      storyId: 'story-replayed',
      title: 'Replayed',
      day: '2025-03-04',
    };
    const first = await added(() => h.lib.transaction((tx) => h.lib.events.record([event], tx)));
    const again = await added(() =>
      h.lib.transaction((tx) =>
        h.lib.events.record([event, { ...event, at: new Date('2025-03-04T18:00:00Z') }], tx),
      ),
    );
    expectValid(first);
    expect(first).to.have.length(1);
    expect(first[0]!.context?.registration).to.equal(undefined);
    expect(first[0]!.context?.team).to.equal(undefined);
    expect(again).to.deep.equal([]);
  });
});
