import { expect } from 'chai';
import {
  agreeAction,
  asActionId,
  adoptCriteria,
  asRetrospectiveId,
  canReadRetrospective,
  carriedActions,
  markActionDone,
  openRetrospective,
  rateAsFacilitator,
  retrospectiveRows,
  updateRetrospective,
  type Retrospective,
  type RetrospectiveContext,
} from '../../../../src/domain/retrospective/retrospective.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import {
  asCourseId,
  asCriterionId,
  asTeamId,
  asTeamTaskId,
  type TeamTaskId,
} from '../../../../src/domain/shared/ids.js';
import { ann, at, bob, cat, dan, facilitator, learner, thrown } from '../../../fixtures/domain/builders.js';

const livePeers = [
  { criterionId: asCriterionId('c1'), median: 1, count: 3 },
  { criterionId: asCriterionId('c2'), median: 2, count: 2 },
  { criterionId: asCriterionId('c3'), count: 0 },
];
const fac = (courseId = asCourseId('course-1')) => ({ actor: facilitator, courseId, now: at(2) });

const course = asCourseId('course-1');
const members = [ann, bob, cat];
const ctx = (over: Partial<RetrospectiveContext> = {}): RetrospectiveContext => ({
  teamMembers: members,
  phase: 'reflection',
  actor: learner(ann),
  now: at(1),
  ...over,
});

function open(taskId: TeamTaskId = asTeamTaskId('task-1'), teamId = 'team-1'): Retrospective {
  return openRetrospective(
    {
      id: asRetrospectiveId(`retro-${taskId}`),
      courseId: course,
      taskId,
      teamId: asTeamId(teamId),
      ratings: [
        { criterionId: asCriterionId('c1'), name: 'Clarity', levelCount: 4 },
        { criterionId: asCriterionId('c2'), name: 'Evidence', levelCount: 3 },
        { criterionId: asCriterionId('c3'), name: 'Timing', levelCount: 3 },
      ],
    },
    ctx(),
  );
}

describe('team retrospective', () => {
  it('charts the team rating against peers and facilitator, highlighting gaps of a level or more', () => {
    const rated = updateRetrospective(open(), { teamRatings: { c1: 3, c2: 2, c3: 1 } }, ctx());
    const r = rateAsFacilitator(rated, { levels: { c1: 2 }, comment: '' }, fac());
    const rows = retrospectiveRows(r, livePeers);
    expect(
      rows.map((row) => [row.name, row.team, row.gapToPeers, row.gapToFacilitator, row.highlighted]),
    ).to.deep.equal([
      ['Clarity', 3, 2, 1, true],
      ['Evidence', 2, 0, undefined, false],
      ['Timing', 1, undefined, undefined, false],
    ]);
  });

  it('takes the peer figures given at read time: a review released later shows, old figures never win', () => {
    const r = updateRetrospective(open(), { teamRatings: { c1: 3 } }, ctx());
    expect(
      retrospectiveRows(r).map((row) => [row.peerMedian, row.peerCount, row.highlighted])[0],
    ).to.deep.equal([undefined, 0, false]);
    const afterRelease = retrospectiveRows(r, [{ criterionId: asCriterionId('c1'), median: 1.5, count: 2 }]);
    expect([
      afterRelease[0]!.peerMedian,
      afterRelease[0]!.gapToPeers,
      afterRelease[0]!.highlighted,
    ]).to.deep.equal([1.5, 1.5, true]);
    // Within a level of the team's rating: not highlighted.
    const close = retrospectiveRows(r, [{ criterionId: asCriterionId('c1'), median: 2.5, count: 2 }]);
    expect(close[0]!.highlighted).to.equal(false);
    expect(() => retrospectiveRows(r, [{ criterionId: asCriterionId('c1'), median: 4, count: 1 }])).to.throw(
      RangeError,
    );
  });

  it('lets a facilitator of the course rate per criterion with a comment; the gap to the team shows', () => {
    const rated = updateRetrospective(open(), { teamRatings: { c1: 0, c2: 2 } }, ctx());
    const r = rateAsFacilitator(
      rated,
      { levels: { c1: 2, c2: 2, c3: null }, comment: '  Solid work ' },
      fac(),
    );
    expect(r.facilitatorRating).to.deep.equal({
      levels: { c1: 2, c2: 2 },
      comment: 'Solid work',
      by: facilitator.userId,
      at: at(2),
    });
    expect(r.revision).to.equal(rated.revision + 1);
    const rows = retrospectiveRows(r);
    expect(rows.map((row) => [row.facilitator, row.gapToFacilitator, row.highlighted])).to.deep.equal([
      [2, -2, true],
      [2, 0, false],
      [undefined, undefined, false],
    ]);
    // A new rating replaces the earlier one.
    const again = rateAsFacilitator(r, { levels: { c2: 1 }, comment: '' }, fac());
    expect(again.facilitatorRating?.levels).to.deep.equal({ c2: 1 });
  });

  it('refuses learners, other courses’ facilitators and bad levels or comments from the facilitator', () => {
    const r = open();
    thrown(
      () => rateAsFacilitator(r, { levels: { c1: 1 }, comment: '' }, { ...fac(), actor: learner(ann) }),
      NotPermittedError,
    );
    thrown(
      () => rateAsFacilitator(r, { levels: { c1: 1 }, comment: '' }, fac(asCourseId('other'))),
      NotPermittedError,
    );
    const err = thrown(
      () => rateAsFacilitator(r, { levels: { c1: 4, c2: 1.5, nope: 0 }, comment: 'x'.repeat(1001) }, fac()),
      InvalidInputError,
    );
    expect(err.issues.map((i) => `${i.field}:${i.code}`)).to.have.members([
      'comment:too-long',
      'levels.c1:out-of-range',
      'levels.c2:out-of-range',
      'levels.nope:unknown',
    ]);
  });

  it('gives a retrospective opened without criteria the pinned version’s criteria, once', () => {
    const empty = openRetrospective(
      {
        id: asRetrospectiveId('r-empty'),
        courseId: course,
        taskId: asTeamTaskId('t'),
        teamId: asTeamId('team-1'),
        ratings: [],
      },
      ctx(),
    );
    const standard = { standardId: 'std-1', version: 2 } as unknown as NonNullable<Retrospective['standard']>;
    const criteria = [{ criterionId: asCriterionId('c1'), name: 'Clarity', levelCount: 4 }];
    const adopted = adoptCriteria(empty, { standard, criteria }, at(3));
    expect(adopted.criteria).to.deep.equal(criteria);
    expect(adopted.standard).to.deep.equal(standard);
    expect(adopted.revision).to.equal(empty.revision + 1);
    expect(
      adoptCriteria(
        adopted,
        { criteria: [{ criterionId: asCriterionId('x'), name: 'X', levelCount: 2 }] },
        at(4),
      ),
    ).to.equal(adopted);
    expect(adoptCriteria(empty, { criteria: [] }, at(4))).to.equal(empty);
  });

  it('records went well / to improve, and clears a rating with null', () => {
    let r = updateRetrospective(
      open(),
      { teamRatings: { c1: 2 }, wentWell: ' Pairing ', toImprove: 'Scope' },
      ctx(),
    );
    r = updateRetrospective(r, { teamRatings: { c1: null } }, ctx({ actor: learner(bob) }));
    expect(r.wentWell).to.equal('Pairing');
    expect(r.toImprove).to.equal('Scope');
    expect(r.criteria[0]).to.not.have.property('team');
    expect(r.revision).to.equal(3);
  });

  it('refuses unknown criteria and levels off the scale, changing nothing', () => {
    const err = thrown(
      () => updateRetrospective(open(), { teamRatings: { c2: 3, nope: 1 } }, ctx()),
      InvalidInputError,
    );
    expect(err.issues).to.deep.equal([
      { field: 'teamRatings.c2', code: 'out-of-range' },
      { field: 'teamRatings.nope', code: 'unknown' },
    ]);
  });

  it('is written by team members only (not facilitators, not other learners), in reflection or share', () => {
    expect(() => updateRetrospective(open(), {}, ctx({ actor: facilitator }))).to.throw(NotPermittedError);
    expect(() => updateRetrospective(open(), {}, ctx({ actor: learner(dan) }))).to.throw(NotPermittedError);
    expect(() => updateRetrospective(open(), {}, ctx({ phase: 'closed' }))).to.throw(PhaseConflictError);
  });

  it('agrees actions with an owner from the team and a due date not in the past', () => {
    const r = agreeAction(
      open(),
      { id: asActionId('a1'), text: 'Plan first', owner: bob, due: at(48) },
      ctx(),
    );
    expect(r.actions).to.deep.equal([{ id: 'a1', text: 'Plan first', owner: bob, due: at(48) }]);
    const err = thrown(
      () => agreeAction(r, { id: asActionId('a2'), text: '', owner: dan, due: at(0) }, ctx()),
      InvalidInputError,
    );
    expect(err.issues.map((i) => `${i.field}:${i.code}`)).to.deep.equal([
      'text:required',
      'owner:not-a-member',
      'due:in-the-past',
    ]);
  });

  it('lets the team and facilitators of the course read it, nobody else', () => {
    const r = open();
    expect(
      canReadRetrospective(r, { actor: learner(bob), courseId: course, teamId: asTeamId('team-1') }),
    ).to.equal(true);
    expect(
      canReadRetrospective(r, { actor: learner(dan), courseId: course, teamId: asTeamId('team-2') }),
    ).to.equal(false);
    expect(canReadRetrospective(r, { actor: facilitator, courseId: course })).to.equal(true);
    expect(canReadRetrospective(r, { actor: facilitator, courseId: asCourseId('course-2') })).to.equal(false);
  });
});

describe('actions carried into the next task', () => {
  const task1 = asTeamTaskId('task-1');
  const task2 = { id: asTeamTaskId('task-2'), courseId: course, createdAt: at(100) };

  function withActions(): Retrospective {
    let r = open(task1);
    r = agreeAction(r, { id: asActionId('a1'), text: 'Plan first', owner: bob, due: at(60) }, ctx());
    r = agreeAction(r, { id: asActionId('a2'), text: 'Cite sources', owner: ann, due: at(50) }, ctx());
    r = agreeAction(r, { id: asActionId('a3'), text: 'Timebox', owner: cat, due: at(40) }, ctx());
    return r;
  }

  it('carries the open actions of members of the new team, earliest due first', () => {
    const earlier = [{ retrospective: withActions(), taskCreatedAt: at(0) }];
    const carried = carriedActions(task2, [ann, bob, dan], earlier);
    expect(carried.map((c) => c.action.id)).to.deep.equal(['a2', 'a1']);
    expect(carried[0]?.from).to.deep.equal({
      retrospectiveId: 'retro-task-1',
      taskId: 'task-1',
      teamId: 'team-1',
    });
  });

  it('drops actions marked done, by their owner even from the later task', () => {
    const r = markActionDone(withActions(), asActionId('a2'), true, {
      actor: learner(ann),
      teamMembers: [],
      now: at(101),
    });
    expect(r.actions.find((a) => a.id === 'a2')?.done).to.deep.equal({ by: ann, at: at(101) });
    const carried = carriedActions(task2, [ann, bob], [{ retrospective: r, taskCreatedAt: at(0) }]);
    expect(carried.map((c) => c.action.id)).to.deep.equal(['a1']);
    expect(() =>
      markActionDone(r, asActionId('a1'), true, { actor: learner(dan), teamMembers: [], now: at(101) }),
    ).to.throw(NotPermittedError);
  });

  it('carries nothing from later tasks, other courses or the task itself', () => {
    const r = withActions();
    expect(carriedActions(task2, members, [{ retrospective: r, taskCreatedAt: at(200) }])).to.deep.equal([]);
    expect(
      carriedActions({ ...task2, courseId: asCourseId('course-2') }, members, [
        { retrospective: r, taskCreatedAt: at(0) },
      ]),
    ).to.deep.equal([]);
    expect(
      carriedActions({ ...task2, id: task1 }, members, [{ retrospective: r, taskCreatedAt: at(0) }]),
    ).to.deep.equal([]);
  });
});
