import { expect } from 'chai';
import { criterionGaps, type CriterionRatings } from '../../../../src/domain/reflection/criterion-gaps.js';
import {
  asReflectionId,
  canReadReflection,
  reviseReflection,
  shareReflection,
  writeReflection,
  type Reflection,
} from '../../../../src/domain/reflection/reflection.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
} from '../../../../src/domain/shared/errors.js';
import { asCourseId, asCriterionId, asTeamId, asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import { ann, at, bob, cat, facilitator, learner, thrown } from '../../../fixtures/domain/builders.js';

const course = asCourseId('course-1');
const team = asTeamId('team-1');
const answers = { happened: 'We shipped late.', means: 'Planning was weak.', next: 'Plan in week 1.' };

function rating(name: string, r: Partial<CriterionRatings>): CriterionRatings {
  return { criterionId: asCriterionId(name), name, levelCount: 4, peerCount: 3, ...r };
}

function write(overrides: Partial<Parameters<typeof writeReflection>[0]> = {}): Reflection {
  return writeReflection(
    {
      id: asReflectionId('r1'),
      courseId: course,
      taskId: asTeamTaskId('task-1'),
      teamId: team,
      teamMembers: [ann, bob],
      phase: 'reflection',
      answers,
      gaps: [],
      ...overrides,
    },
    learner(ann),
    at(1),
  );
}

describe('self vs peer gaps per criterion', () => {
  it('highlights a criterion where self and peer median are a whole level or more apart', () => {
    const gaps = criterionGaps([
      rating('Clarity', { self: 3, peerMedian: 1.5 }),
      rating('Evidence', { self: 1, peerMedian: 2 }),
      rating('Structure', { self: 2, peerMedian: 2.5 }),
    ]);
    expect(gaps.map((g) => [g.name, g.direction, g.highlighted])).to.deep.equal([
      ['Clarity', 'above-peers', true],
      ['Evidence', 'below-peers', true],
      ['Structure', 'aligned', false],
    ]);
    expect(gaps[0]?.gap).to.equal(1.5);
  });

  it('shows no comparison without a self-assessment or without peer ratings', () => {
    const gaps = criterionGaps([rating('A', { peerMedian: 2 }), rating('B', { self: 2, peerCount: 0 })]);
    expect(gaps.map((g) => g.direction)).to.deep.equal(['no-comparison', 'no-comparison']);
    expect(gaps.every((g) => !g.highlighted && g.gap === undefined)).to.equal(true);
  });

  it('refuses levels outside the criterion scale', () => {
    expect(() => criterionGaps([rating('A', { self: 4, peerMedian: 1 })])).to.throw(RangeError);
  });
});

describe('individual reflection', () => {
  it('is private by default: only the author reads it', () => {
    const r = write();
    expect(r.sharedWith).to.deep.equal([]);
    expect(canReadReflection(r, { actor: learner(ann), courseId: course, teamId: team })).to.equal(true);
    expect(canReadReflection(r, { actor: learner(bob), courseId: course, teamId: team })).to.equal(false);
    expect(canReadReflection(r, { actor: facilitator, courseId: course })).to.equal(false);
  });

  it('shared with the team: team mates read it, facilitators still do not', () => {
    const r = shareReflection(write(), ['team'], learner(ann), at(2));
    expect(canReadReflection(r, { actor: learner(bob), courseId: course, teamId: team })).to.equal(true);
    expect(
      canReadReflection(r, { actor: learner(cat), courseId: course, teamId: asTeamId('team-2') }),
    ).to.equal(false);
    expect(canReadReflection(r, { actor: facilitator, courseId: course })).to.equal(false);
  });

  it('shared with a facilitator: facilitators of that course read it, of another course not', () => {
    const r = shareReflection(write(), ['facilitator'], learner(ann), at(2));
    expect(canReadReflection(r, { actor: facilitator, courseId: course })).to.equal(true);
    expect(canReadReflection(r, { actor: facilitator, courseId: asCourseId('course-2') })).to.equal(false);
    expect(canReadReflection(r, { actor: learner(bob), courseId: course, teamId: team })).to.equal(false);
  });

  it('lets only the author share, revise, or make it private again', () => {
    const shared = shareReflection(write(), ['team', 'facilitator'], learner(ann), at(2));
    expect(() => shareReflection(shared, [], learner(bob), at(3))).to.throw(NotPermittedError);
    expect(() => shareReflection(shared, [], facilitator, at(3))).to.throw(NotPermittedError);
    expect(() => reviseReflection(shared, { answers }, 'reflection', learner(bob), at(3))).to.throw(
      NotPermittedError,
    );
    const back = shareReflection(shared, [], learner(ann), at(3));
    expect(back.sharedWith).to.deep.equal([]);
    expect(back.revision).to.equal(3);
  });

  it('is written by team members only, during reflection or share', () => {
    expect(() => writeReflection({ ...baseInput(), teamMembers: [bob] }, learner(ann), at(1))).to.throw(
      NotPermittedError,
    );
    const err = thrown(() => write({ phase: 'peer-review' }), PhaseConflictError);
    expect(err.details.phase).to.equal('peer-review');
    expect(() => write({ phase: 'share' })).to.not.throw();
  });

  it('needs at least one answer, each within its length, and trims them', () => {
    const err = thrown(() => write({ answers: { happened: ' ', means: '', next: '' } }), InvalidInputError);
    expect(err.issues).to.deep.include({ field: 'answers', code: 'required' });
    const long = thrown(() => write({ answers: { ...answers, next: 'x'.repeat(5001) } }), InvalidInputError);
    expect(long.issues).to.deep.include({ field: 'answers.next', code: 'too-long' });
    expect(write({ answers: { happened: '  a  ', means: '', next: '' } }).answers.happened).to.equal('a');
  });

  it('keeps script-like text as written (markdown source; the web layer sanitises)', () => {
    const payload = '<script>alert(1)</script> [x](javascript:alert(1))';
    expect(write({ answers: { happened: payload, means: '', next: '' } }).answers.happened).to.equal(payload);
  });
});

function baseInput(): Parameters<typeof writeReflection>[0] {
  return {
    id: asReflectionId('r1'),
    courseId: course,
    taskId: asTeamTaskId('task-1'),
    teamId: team,
    teamMembers: [ann, bob],
    phase: 'reflection',
    answers,
    gaps: [],
  };
}
