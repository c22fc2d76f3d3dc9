/**
 * Stories and the library on the real store: a team's story goes through curation, is found in
 * the library by a learner of another course of the same platform, is invisible to a user of
 * another platform (even with the same course id) and disappears when its authors retract it;
 * a returned story comes back with the comment; a published story is a read-only snapshot;
 * helpful marks count once per person; views count readers, not authors; search filters.
 */
import { expect } from 'chai';
import {
  InvalidInputError,
  NotFoundError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asUserId, type TeamId, type TeamTaskId } from '../../../../src/domain/shared/ids.js';
import type { StoryContent } from '../../../../src/domain/story/story.js';
import { searchLibrary } from '../../../../src/services/library/search-library.js';
import { reviseStory } from '../../../../src/services/stories/revise-story.js';
import { changeStory } from '../../../../src/services/stories/change-story.js';
import { markHelpful } from '../../../../src/services/stories/mark-helpful.js';
import { readStory } from '../../../../src/services/stories/read-story.js';
import { curationQueue, myStories, teamStories } from '../../../../src/services/stories/story-lists.js';
import { submitStory } from '../../../../src/services/stories/submit-story.js';
import { advancePhase } from '../../../../src/services/tasks/advance-phase.js';
import { createTeamTask } from '../../../../src/services/tasks/create-team-task.js';
import { formTeams } from '../../../../src/services/teams/form-teams.js';
import { storyModel } from '../../../../src/store/mongo/models/story.model.js';
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
  cat,
  course,
  dan,
  eve,
  facilitator,
  learner,
  otherCourse,
} from '../../../helpers/teamwork-harness.js';

const story = (over: Partial<StoryContent> = {}): StoryContent => ({
  title: 'Our review checklist halved rework',
  narrative: 'We wrote a **checklist** from the standard. <script>alert(1)</script>',
  kind: 'success',
  criteria: [{ name: 'Clarity' }, { name: 'Evidence' }],
  visibility: 'platform',
  ...over,
});

describe('services: stories, curation and the library', function () {
  let h: LibraryHarness;
  let taskId: TeamTaskId;
  let teamId: TeamId;

  before(async function () {
    h = await startLibraryHarness('stories');
    h.setRoster(course, [ann, bob, cat]);
    h.setRoster(otherCourse, [dan, eve]);
    const task = await createTeamTask(h.deps, {
      ...as(facilitator),
      settings: {
        title: 'Report',
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
    taskId = task.id;
    teamId = teamSet.teams[0]!.id;
  });
  after(async function () {
    await h?.stop();
  });

  async function published(content: StoryContent = story(), hours = 1) {
    h.at(hours);
    const s = await submitStory(h.lib, { ...inTenant(learner(ann)), taskId, content });
    return changeStory(h.lib, {
      ...inTenant(facilitator),
      storyId: s.id,
      expectedRevision: s.revision,
      change: { kind: 'publish' },
    });
  }

  it('runs the cycle: a published story is found and read in another course of the same platform, never on another platform', async function () {
    const s = await published();
    expect(s.status).to.equal('published');
    expect(s.authors).to.deep.equal([ann, bob]);

    // dan learns in course-2 of the same registration: the library finds the story.
    const page = await searchLibrary(h.lib, {
      ...inTenant(learner(dan), otherCourse),
      query: { text: 'checklist' },
    });
    expect(page.stories.map((x) => x.id)).to.include(s.id);
    const read = await readStory(h.lib, { ...inTenant(learner(dan), otherCourse), storyId: s.id });
    expect(read.story.published?.narrative).to.equal(story().narrative); // source kept, never trusted
    expect(read.mayCurate).to.equal(false);

    // A user of another registration — even launched with the same course and user ids — sees nothing.
    const foreign = inTenant(learner(dan), otherCourse, otherTenant);
    expect((await searchLibrary(h.lib, { ...foreign, query: { text: 'checklist' } })).stories).to.deep.equal(
      [],
    );
    expect((await searchLibrary(h.lib, { ...foreign, query: {} })).stories).to.deep.equal([]);
    await expectRejection(readStory(h.lib, { ...foreign, storyId: s.id }), NotFoundError);
    await expectRejection(markHelpful(h.lib, { ...foreign, storyId: s.id, helpful: true }), NotFoundError);
    const foreignFacilitator = inTenant(facilitator, course, otherTenant);
    await expectRejection(
      changeStory(h.lib, {
        ...foreignFacilitator,
        storyId: s.id,
        expectedRevision: s.revision,
        change: { kind: 'feature' },
      }),
      NotFoundError,
    );
  });

  it('keeps course-visible stories inside their course', async function () {
    const s = await published(story({ title: 'Course-only pairing notes', visibility: 'course' }), 2);
    const own = await searchLibrary(h.lib, { ...inTenant(learner(cat)), query: { text: 'pairing' } });
    expect(own.stories.map((x) => x.id)).to.deep.equal([s.id]);
    const other = await searchLibrary(h.lib, {
      ...inTenant(learner(dan), otherCourse),
      query: { text: 'pairing' },
    });
    expect(other.stories).to.deep.equal([]);
    await expectRejection(
      readStory(h.lib, { ...inTenant(learner(dan), otherCourse), storyId: s.id }),
      NotFoundError,
    );
  });

  it('shows team stories to the team only, never in the library', async function () {
    const s = await published(story({ title: 'Team-only retro notes', visibility: 'team' }), 3);
    expect((await teamStories(h.lib, { ...inTenant(learner(bob)), teamId })).map((x) => x.id)).to.include(
      s.id,
    );
    expect((await teamStories(h.lib, { ...inTenant(learner(cat)), teamId })).map((x) => x.id)).to.not.include(
      s.id,
    );
    expect(
      (await searchLibrary(h.lib, { ...inTenant(learner(bob)), query: { text: 'retro' } })).stories,
    ).to.deep.equal([]);
  });

  it('returns a story with a comment; authors edit and resubmit; a published story cannot be edited', async function () {
    h.at(4);
    const s = await submitStory(h.lib, {
      ...inTenant(learner(bob)),
      taskId,
      content: story({ title: 'Draft lesson' }),
    });
    expect((await curationQueue(h.lib, inTenant(facilitator))).map((x) => x.id)).to.include(s.id);
    await expectRejection(curationQueue(h.lib, inTenant(learner(ann))), NotPermittedError);
    // Not yet published: not in the library, and hidden from learners outside the team.
    expect(
      (await searchLibrary(h.lib, { ...inTenant(learner(cat)), query: { text: 'draft' } })).stories,
    ).to.deep.equal([]);
    await expectRejection(readStory(h.lib, { ...inTenant(learner(cat)), storyId: s.id }), NotFoundError);

    const returned = await changeStory(h.lib, {
      ...inTenant(facilitator),
      storyId: s.id,
      expectedRevision: s.revision,
      change: { kind: 'return', comment: 'Say what you would do differently.' },
    });
    expect(returned.returnComment).to.equal('Say what you would do differently.');
    // A learner cannot curate; a stale revision changes nothing.
    await expectRejection(
      changeStory(h.lib, {
        ...inTenant(learner(ann)),
        storyId: s.id,
        expectedRevision: returned.revision,
        change: { kind: 'publish' },
      }),
      NotPermittedError,
    );
    await expectRejection(
      changeStory(h.lib, {
        ...inTenant(learner(ann)),
        storyId: s.id,
        expectedRevision: s.revision,
        change: { kind: 'resubmit' },
      }),
      VersionConflictError,
    );
    // Editing a returned story sends it back to the curators in the same step.
    const resubmitted = await reviseStory(h.lib, {
      ...inTenant(learner(ann)),
      storyId: s.id,
      expectedRevision: returned.revision,
      content: story({ title: 'Lesson: plan the review', kind: 'lesson-learned' }),
      standardVersion: undefined,
    });
    expect(resubmitted.status).to.equal('submitted');
    const featured = await changeStory(h.lib, {
      ...inTenant(facilitator),
      storyId: s.id,
      expectedRevision: resubmitted.revision,
      change: { kind: 'feature' },
    });
    expect(featured.status).to.equal('featured');
    await expectRejection(
      reviseStory(h.lib, {
        ...inTenant(learner(ann)),
        storyId: s.id,
        expectedRevision: featured.revision,
        content: story({ title: 'Sneaky change' }),
        standardVersion: undefined,
      }),
      PhaseConflictError,
    );
    const stored = await h.lib.stories.findById(s.id);
    expect(stored?.published?.title).to.equal('Lesson: plan the review');
    const strip = await searchLibrary(h.lib, {
      ...inTenant(learner(dan), otherCourse),
      query: { featuredOnly: true },
    });
    expect(strip.stories.map((x) => x.id)).to.deep.equal([s.id]);
    const lessons = await searchLibrary(h.lib, {
      ...inTenant(learner(dan), otherCourse),
      query: { kind: 'lesson-learned' },
    });
    expect(lessons.stories.map((x) => x.id)).to.deep.equal([s.id]);
  });

  it('retracting removes a story from the library and from readers; its authors still find it', async function () {
    const s = await published(story({ title: 'Retractable wisdom' }), 5);
    expect(
      (await searchLibrary(h.lib, { ...inTenant(learner(dan), otherCourse), query: { text: 'retractable' } }))
        .stories,
    ).to.have.length(1);
    await expectRejection(
      changeStory(h.lib, {
        ...inTenant(learner(cat)),
        storyId: s.id,
        expectedRevision: s.revision,
        change: { kind: 'retract' },
      }),
      NotPermittedError,
    );
    await changeStory(h.lib, {
      ...inTenant(learner(bob)),
      storyId: s.id,
      expectedRevision: s.revision,
      change: { kind: 'retract' },
    });
    expect(
      (await searchLibrary(h.lib, { ...inTenant(learner(dan), otherCourse), query: { text: 'retractable' } }))
        .stories,
    ).to.deep.equal([]);
    await expectRejection(
      readStory(h.lib, { ...inTenant(learner(dan), otherCourse), storyId: s.id }),
      NotFoundError,
    );
    await expectRejection(readStory(h.lib, { ...inTenant(facilitator), storyId: s.id }), NotFoundError);
    expect((await myStories(h.lib, inTenant(learner(bob)))).map((x) => x.status)).to.include('retracted');
    expect((await h.lib.stories.findById(s.id))?.status).to.equal('retracted');
  });

  it('counts helpful marks once per reader (not authors) and views by readers only', async function () {
    const s = await published(story({ title: 'Helpful timeboxing' }), 6);
    const reader = { ...inTenant(learner(dan), otherCourse), storyId: s.id };
    expect((await markHelpful(h.lib, { ...reader, helpful: true })).helpfulCount).to.equal(1);
    expect((await markHelpful(h.lib, { ...reader, helpful: true })).helpfulCount).to.equal(1);
    expect(
      (await markHelpful(h.lib, { ...inTenant(learner(eve), otherCourse), storyId: s.id, helpful: true }))
        .helpfulCount,
    ).to.equal(2);
    await expectRejection(
      markHelpful(h.lib, { ...inTenant(learner(ann)), storyId: s.id, helpful: true }),
      NotPermittedError,
    );
    expect((await markHelpful(h.lib, { ...reader, helpful: false })).helpfulCount).to.equal(1);
    await readStory(h.lib, reader);
    await readStory(h.lib, reader);
    await readStory(h.lib, { ...inTenant(learner(ann)), storyId: s.id });
    const page = await readStory(h.lib, { ...inTenant(learner(eve), otherCourse), storyId: s.id });
    expect(page.helpfulByMe).to.equal(true);
    const stored = await h.lib.stories.findById(s.id);
    // Two readers: the one who read twice today counts once; the author's read not at all.
    expect(stored?.viewCount).to.equal(2);
    // A later save (e.g. featuring) keeps the counters.
    await changeStory(h.lib, {
      ...inTenant(facilitator),
      storyId: s.id,
      expectedRevision: stored!.revision,
      change: { kind: 'feature' },
    });
    const after = await h.lib.stories.findById(s.id);
    expect([after?.helpfulCount, after?.viewCount]).to.deep.equal([1, 2]);
  });

  it('filters by criterion, course and recency, newest first, a page at a time, through the search indexes', async function () {
    for (let i = 0; i < 5; i++)
      await published(story({ title: `Sprint note ${i}`, criteria: [{ name: 'Time keeping' }] }), 100 + i);
    const who = inTenant(learner(dan), otherCourse);
    const first = await searchLibrary(h.lib, { ...who, query: { criterion: 'time-keeping', limit: 3 } });
    expect(first.stories.map((x) => x.draft.title)).to.deep.equal([
      'Sprint note 4',
      'Sprint note 3',
      'Sprint note 2',
    ]);
    const second = await searchLibrary(h.lib, {
      ...who,
      query: { criterion: 'Time Keeping', limit: 3, before: first.nextBefore! },
    });
    expect(second.stories.map((x) => x.draft.title)).to.deep.equal(['Sprint note 1', 'Sprint note 0']);
    expect(second).to.not.have.property('nextBefore');
    h.at(104 + 24 * 3);
    const recent = await searchLibrary(h.lib, { ...who, query: { text: 'sprint', recency: 'week' } });
    expect(recent.stories).to.have.length(5);
    h.at(104 + 24 * 10);
    expect(
      (await searchLibrary(h.lib, { ...who, query: { text: 'sprint', recency: 'week' } })).stories,
    ).to.deep.equal([]);
    expect(
      (await searchLibrary(h.lib, { ...who, query: { text: 'sprint', courseId: otherCourse } })).stories,
    ).to.deep.equal([]);
    expect(
      (await searchLibrary(h.lib, { ...who, query: { text: 'sprint', courseId: course } })).stories,
    ).to.have.length(5);

    const explained = await storyModel(h.connection)
      .find({ tenant: who.tenant, reach: { $in: ['platform', `course:${otherCourse}`] }, terms: 'sprint' })
      .sort({ publishedAt: -1 })
      .limit(20)
      .explain('queryPlanner');
    expect(JSON.stringify(explained)).to.include('library_terms').and.not.include('COLLSCAN');
  });

  it('refuses a team story by someone outside any team of the task and bad input, writing nothing', async function () {
    const before = await storyModel(h.connection).countDocuments();
    await expectRejection(
      submitStory(h.lib, { ...inTenant(facilitator), taskId, content: story() }),
      NotPermittedError,
    );
    await expectRejection(
      submitStory(h.lib, { ...inTenant(learner(dan), otherCourse), taskId, content: story() }),
      NotPermittedError,
    );
    await expectRejection(
      submitStory(h.lib, { ...inTenant(learner(ann)), taskId, content: story({ title: ' ' }) }),
      InvalidInputError,
    );
    await expectRejection(
      searchLibrary(h.lib, { ...inTenant(learner(ann)), query: { limit: 1000 } }),
      InvalidInputError,
    );
    expect(await storyModel(h.connection).countDocuments()).to.equal(before);
    // A personal story (no task) is the writer's alone.
    const personal = await submitStory(h.lib, {
      ...inTenant(learner(asUserId('zoe'))),
      content: story({ visibility: 'course' }),
    });
    expect(personal.authors).to.deep.equal(['zoe']);
  });
});
