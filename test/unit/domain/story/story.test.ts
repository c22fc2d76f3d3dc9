import { expect } from 'chai';
import {
  authorAction,
  curateStory,
  CURATION_TRANSITIONS,
  type Curator,
} from '../../../../src/domain/story/curation.js';
import { assertCanMarkHelpful, countsAsView } from '../../../../src/domain/story/helpful.js';
import {
  asStoryId,
  editStory,
  readableContent,
  submitStory,
  type Story,
  type StoryContent,
  type StoryStatus,
  type StoryVisibility,
} from '../../../../src/domain/story/story.js';
import {
  canSeeStory,
  libraryReachOf,
  reachKeysOf,
  type StoryViewer,
} from '../../../../src/domain/story/visibility.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCourseId, asTeamId, asTeamTaskId, asUserId } from '../../../../src/domain/shared/ids.js';
import { tenantKeyOf } from '../../../../src/domain/shared/tenant.js';
import { ann, at, bob, cat, dan, facilitator, learner, thrown } from '../../../fixtures/domain/builders.js';

const tenant = tenantKeyOf({ issuer: 'https://moodle.example.edu', clientId: 'client-1' });
const otherTenant = tenantKeyOf({ issuer: 'https://moodle.example.edu', clientId: 'client-2' });
const course = asCourseId('course-1');
const otherCourse = asCourseId('course-2');
const team = asTeamId('team-1');

const content = (over: Partial<StoryContent> = {}): StoryContent => ({
  title: 'How we cut review time in half',
  narrative: 'We agreed **one** checklist.',
  kind: 'success',
  criteria: [{ name: 'Clarity' }],
  visibility: 'platform',
  ...over,
});

function teamStory(over: Partial<StoryContent> = {}): Story {
  return submitStory(
    {
      id: asStoryId('s1'),
      tenant,
      courseId: course,
      team: { taskId: asTeamTaskId('task-1'), teamId: team, members: [ann, bob] },
      content: content(over),
    },
    learner(ann),
    at(1),
  );
}

const curator: Curator = { actor: facilitator, tenant, courseId: course };

const viewer = (over: Partial<StoryViewer> = {}): StoryViewer => ({
  tenant,
  courseId: course,
  userId: cat,
  role: 'learner',
  teamIds: [],
  ...over,
});

describe('stories and curation', () => {
  it('a team story names every member as author and waits for curation', () => {
    const s = teamStory();
    expect(s.authors).to.deep.equal([ann, bob]);
    expect(s.status).to.equal('submitted');
    expect(s).to.not.have.property('published');
  });

  it('validates every field and keeps markdown source as written (trimmed)', () => {
    const err = thrown(
      () =>
        teamStory({
          title: '',
          kind: 'poem' as never,
          visibility: 'world' as never,
          criteria: [{ name: 'A' }, { name: ' a ' }],
        }),
      InvalidInputError,
    );
    expect(err.issues.map((i) => `${i.field}:${i.code}`)).to.deep.equal([
      'title:required',
      'kind:unknown',
      'visibility:unknown',
      'criteria.1.name:duplicate',
    ]);
    const payload = '<img src=x onerror=alert(1)> [x](javascript:alert(1))';
    expect(teamStory({ narrative: ` ${payload} ` }).draft.narrative).to.equal(payload);
  });

  it('refuses a team story by someone outside the team, and team visibility for a personal story', () => {
    expect(() =>
      submitStory(
        {
          id: asStoryId('s1'),
          tenant,
          courseId: course,
          team: { taskId: asTeamTaskId('task-1'), teamId: team, members: [ann, bob] },
          content: content(),
        },
        learner(cat),
        at(1),
      ),
    ).to.throw(NotPermittedError);
    const err = thrown(
      () =>
        submitStory(
          { id: asStoryId('s2'), tenant, courseId: course, content: content({ visibility: 'team' }) },
          learner(cat),
          at(1),
        ),
      InvalidInputError,
    );
    expect(err.issues).to.deep.equal([{ field: 'visibility', code: 'team-needs-team' }]);
  });

  it('publishing freezes a read-only snapshot: later edits are refused', () => {
    const published = curateStory(teamStory(), { action: 'publish' }, curator, at(2));
    expect(published.status).to.equal('published');
    expect(published.published).to.deep.include({
      title: 'How we cut review time in half',
      at: at(2),
      by: facilitator.userId,
    });
    const err = thrown(
      () => editStory(published, content({ title: 'Changed' }), learner(ann), at(3)),
      PhaseConflictError,
    );
    expect(err.details.phase).to.equal('published');
    expect(readableContent(published).title).to.equal('How we cut review time in half');
  });

  it('a returned story carries the comment; authors edit and resubmit; then it can be featured', () => {
    const returned = curateStory(
      teamStory(),
      { action: 'return', comment: 'Add what you measured.' },
      curator,
      at(2),
    );
    expect(returned.status).to.equal('returned');
    expect(returned.returnComment).to.equal('Add what you measured.');
    const edited = editStory(
      returned,
      content({ narrative: 'Review time went from 4 to 2 days.' }),
      learner(bob),
      at(3),
    );
    const resubmitted = authorAction(edited, 'resubmit', learner(bob), at(4));
    expect(resubmitted.status).to.equal('submitted');
    const featured = curateStory(resubmitted, { action: 'feature' }, curator, at(5));
    expect(featured.status).to.equal('featured');
    expect(featured.published?.narrative).to.equal('Review time went from 4 to 2 days.');
    expect(featured).to.not.have.property('returnComment');
    expect(featured.history.map((h) => h.action)).to.deep.equal(['submit', 'return', 'resubmit', 'feature']);
  });

  it('returning needs a comment', () => {
    const err = thrown(
      () => curateStory(teamStory(), { action: 'return' }, curator, at(2)),
      InvalidInputError,
    );
    expect(err.issues).to.deep.equal([{ field: 'comment', code: 'required' }]);
  });

  it('only facilitators of the story course in the same tenant curate', () => {
    for (const who of [
      { ...curator, actor: learner(cat) },
      { ...curator, courseId: otherCourse },
      { ...curator, tenant: otherTenant },
    ]) {
      expect(() => curateStory(teamStory(), { action: 'publish' }, who, at(2))).to.throw(NotPermittedError);
    }
  });

  it('follows the transition table and nothing else', () => {
    const statuses = Object.keys(CURATION_TRANSITIONS) as StoryStatus[];
    for (const from of statuses) {
      for (const action of ['publish', 'feature', 'unfeature', 'return'] as const) {
        const story: Story = { ...teamStory(), status: from };
        const to = CURATION_TRANSITIONS[from][action];
        const run = () => curateStory(story, { action, comment: 'Because.' }, curator, at(2));
        if (to === undefined) expect(run, `${from} -${action}->`).to.throw(PhaseConflictError);
        else expect(run().status, `${from} -${action}->`).to.equal(to);
      }
    }
  });

  it('authors can retract from any state; a retraction is final', () => {
    const published = curateStory(teamStory(), { action: 'publish' }, curator, at(2));
    expect(() => authorAction(published, 'retract', learner(cat), at(3))).to.throw(NotPermittedError);
    const retracted = authorAction(published, 'retract', learner(bob), at(3));
    expect(retracted.status).to.equal('retracted');
    expect(() => authorAction(retracted, 'retract', learner(ann), at(4))).to.throw(PhaseConflictError);
    expect(() => curateStory(retracted, { action: 'publish' }, curator, at(4))).to.throw(PhaseConflictError);
  });
});

describe('who may see a story', () => {
  const published = (visibility: StoryVisibility): Story =>
    curateStory(teamStory({ visibility }), { action: 'publish' }, curator, at(2));

  it('never across tenants — not even for an author id or a facilitator', () => {
    for (const v of ['team', 'course', 'platform'] as const) {
      const s = published(v);
      expect(canSeeStory(s, viewer({ tenant: otherTenant }))).to.equal(false);
      expect(canSeeStory(s, viewer({ tenant: otherTenant, userId: ann, teamIds: [team] }))).to.equal(false);
      expect(canSeeStory(s, viewer({ tenant: otherTenant, role: 'facilitator' }))).to.equal(false);
    }
  });

  it('platform: every course of the tenant; course: that course; team: the team and its facilitators', () => {
    expect(canSeeStory(published('platform'), viewer({ courseId: otherCourse }))).to.equal(true);
    expect(canSeeStory(published('course'), viewer())).to.equal(true);
    expect(canSeeStory(published('course'), viewer({ courseId: otherCourse }))).to.equal(false);
    expect(canSeeStory(published('team'), viewer())).to.equal(false);
    expect(canSeeStory(published('team'), viewer({ teamIds: [team] }))).to.equal(true);
    expect(
      canSeeStory(published('team'), viewer({ role: 'facilitator', userId: facilitator.userId })),
    ).to.equal(true);
  });

  it('before publication: authors, team and curators only', () => {
    const s = teamStory();
    expect(canSeeStory(s, viewer({ userId: ann }))).to.equal(true);
    expect(canSeeStory(s, viewer({ role: 'facilitator' }))).to.equal(true);
    expect(canSeeStory(s, viewer({ role: 'facilitator', courseId: otherCourse }))).to.equal(false);
    expect(canSeeStory(s, viewer())).to.equal(false);
  });

  it('retracted: only its authors', () => {
    const s = authorAction(published('platform'), 'retract', learner(ann), at(3));
    expect(canSeeStory(s, viewer({ userId: bob }))).to.equal(true);
    expect(canSeeStory(s, viewer({ role: 'facilitator' }))).to.equal(false);
    expect(canSeeStory(s, viewer({ teamIds: [team] }))).to.equal(false);
  });

  it('the library reach keys agree with canSeeStory for every state, visibility and viewer', () => {
    const statuses: StoryStatus[] = ['submitted', 'published', 'featured', 'returned', 'retracted'];
    const viewers = [
      viewer(),
      viewer({ courseId: otherCourse }),
      viewer({ role: 'facilitator' }),
      viewer({ teamIds: [team] }),
      viewer({ tenant: otherTenant }),
      viewer({ userId: asUserId('zed'), courseId: otherCourse, role: 'facilitator' }),
    ];
    for (const status of statuses) {
      for (const v of ['team', 'course', 'platform'] as const) {
        const base = published(v);
        const story: Story = { ...base, status };
        const reach = libraryReachOf(story);
        for (const who of viewers) {
          const listedForViewer =
            reach !== undefined && story.tenant === who.tenant && reachKeysOf(who).includes(reach);
          // The library lists a subset of what canSeeStory allows: never more.
          if (listedForViewer) expect(canSeeStory(story, who), `${status}/${v}`).to.equal(true);
          // And everything listed and not team-only that a non-author may see is in reach.
          if ((status === 'published' || status === 'featured') && v !== 'team') {
            expect(listedForViewer, `${status}/${v}/${who.courseId}`).to.equal(canSeeStory(story, who));
          }
        }
      }
    }
  });
});

describe('helpful marks and views', () => {
  const s = curateStory(teamStory({ visibility: 'course' }), { action: 'publish' }, curator, at(2));

  it('readers who can see a published story may mark it; authors and outsiders may not', () => {
    expect(() => assertCanMarkHelpful(s, viewer())).to.not.throw();
    expect(() => assertCanMarkHelpful(s, viewer({ userId: ann }))).to.throw(NotPermittedError);
    expect(() => assertCanMarkHelpful(s, viewer({ courseId: otherCourse }))).to.throw(NotPermittedError);
    expect(() => assertCanMarkHelpful(teamStory(), viewer({ teamIds: [team], userId: dan }))).to.throw(
      PhaseConflictError,
    );
  });

  it('counts views by readers, not by authors', () => {
    expect(countsAsView(s, viewer())).to.equal(true);
    expect(countsAsView(s, viewer({ userId: bob }))).to.equal(false);
  });
});
