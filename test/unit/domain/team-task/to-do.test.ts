import { expect } from 'chai';
import { asTeamId, asTeamTaskId } from '../../../../src/domain/shared/ids.js';
import { formTeamsByHand, openSelfSelection } from '../../../../src/domain/team/team-formation.js';
import { toDoFor, type ToDoInput } from '../../../../src/domain/team-task/to-do.js';
import {
  ann,
  at,
  bob,
  cat,
  dan,
  facilitator,
  inPhase,
  learner,
  makeTask,
} from '../../../fixtures/domain/builders.js';
import {
  agree,
  object,
  propose,
  readyToAgree,
  scenario,
  weigh,
} from '../../../fixtures/domain/standard-scenario.js';
import type { TeamStandard } from '../../../../src/domain/standard/team-standard.js';
import type { TeamTask } from '../../../../src/domain/team-task/team-task.js';

const people = [ann, bob, cat, dan];
const teams = formTeamsByHand(
  { taskId: asTeamTaskId('task-1'), teams: [{ id: asTeamId('team-1'), members: [ann, bob, cat] }] },
  { actor: facilitator, phase: 'setup', roster: people },
).teamSet;

function input(
  task: TeamTask,
  over: Partial<ToDoInput> = {},
  standards: readonly TeamStandard[] = [],
): ToDoInput {
  return { task, teamSet: teams, standards, roster: people, actor: learner(ann), now: at(10), ...over };
}

describe('toDoFor a learner', () => {
  it('asks to propose criteria while the standard has fewer than two', () => {
    const s = scenario();
    propose(s, bob, 'clarity');
    expect(toDoFor(input(s.task, {}, [s.standard]))).to.deep.equal([
      { code: 'propose-criteria', teamId: 'team-1', missing: 1 },
    ]);
  });

  it('asks to weigh, then to agree or object, then nothing once agreed', () => {
    const s = scenario();
    propose(s, ann, 'clarity');
    propose(s, ann, 'evidence');
    weigh(s, bob, [50, 50]);
    expect(toDoFor(input(s.task, {}, [s.standard])).map((t) => t.code)).to.deep.equal([
      'weigh-criteria',
      'agree-or-object',
    ]);
    weigh(s, ann, [50, 50]);
    expect(toDoFor(input(s.task, {}, [s.standard])).map((t) => t.code)).to.deep.equal(['agree-or-object']);
    agree(s, ann);
    expect(toDoFor(input(s.task, {}, [s.standard]))).to.deep.equal([]);
  });

  it('reminds an objector of their open objection', () => {
    const s = scenario();
    readyToAgree(s);
    object(s, ann, 'o1');
    expect(toDoFor(input(s.task, {}, [s.standard])).map((t) => t.code)).to.deep.equal(['resolve-objection']);
  });

  it('asks a learner without a team to join one when teams are self-selected, or to wait otherwise', () => {
    const task = inPhase(makeTask(), 'standard-setting');
    const open = openSelfSelection(
      { taskId: task.id, maxSize: 3, teams: [{ id: asTeamId('t') }] },
      { actor: facilitator, phase: 'setup', roster: people },
    ).teamSet;
    expect(toDoFor(input(task, { actor: learner(dan), teamSet: open }))).to.deep.equal([
      { code: 'join-team' },
    ]);
    expect(toDoFor(input(task, { actor: learner(dan) }))).to.deep.equal([{ code: 'wait-for-team' }]);
  });

  it('names the main action of later phases', () => {
    expect(toDoFor(input(inPhase(makeTask(), 'work')))).to.deep.equal([
      { code: 'submit-work', teamId: 'team-1' },
    ]);
    expect(toDoFor(input(inPhase(makeTask(), 'peer-review')))[0]?.code).to.equal('review-peers');
    expect(toDoFor(input(inPhase(makeTask(), 'reflection')))[0]?.code).to.equal('reflect');
    expect(toDoFor(input(inPhase(makeTask(), 'share')))[0]?.code).to.equal('share-story');
  });

  it('drops "submit work" once the work is handed in', () => {
    const work = inPhase(makeTask(), 'work');
    expect(toDoFor(input(work, { progress: { workSubmitted: true } }))).to.deep.equal([]);
    expect(toDoFor(input(work, { progress: { workSubmitted: false } })).map((t) => t.code)).to.deep.equal([
      'submit-work',
    ]);
  });

  it('says how many peer reviews are open, and drops the item when none are left to do', () => {
    const review = inPhase(makeTask(), 'peer-review');
    expect(toDoFor(input(review, { progress: { openReviews: 2 } }))).to.deep.equal([
      { code: 'review-peers', teamId: 'team-1', open: 2 },
    ]);
    expect(toDoFor(input(review, { progress: { openReviews: 0 } }))).to.deep.equal([]);
    // Pull allocation: with nothing open the learner can still take work to review.
    expect(toDoFor(input(review, { progress: { openReviews: 0, mayTakeMore: true } }))).to.deep.equal([
      { code: 'review-peers', teamId: 'team-1', open: 0 },
    ]);
  });

  it('adds "read your feedback" once released, during peer review and reflection', () => {
    const released = { progress: { feedbackReleased: true, openReviews: 0 } };
    expect(toDoFor(input(inPhase(makeTask(), 'peer-review'), released))).to.deep.equal([
      { code: 'read-feedback', teamId: 'team-1' },
    ]);
    expect(toDoFor(input(inPhase(makeTask(), 'reflection'), released)).map((t) => t.code)).to.deep.equal([
      'read-feedback',
      'reflect',
    ]);
    expect(toDoFor(input(inPhase(makeTask(), 'share'), released)).map((t) => t.code)).to.deep.equal([
      'share-story',
    ]);
  });

  it('asks for the contribution split while the split page takes it, and not once given', () => {
    const due = { progress: { contributionSplitDue: true, workSubmitted: true } };
    for (const phase of ['work', 'peer-review', 'reflection'] as const) {
      expect(toDoFor(input(inPhase(makeTask(), phase), due)).map((t) => t.code)).to.include(
        'give-contribution',
      );
    }
    expect(toDoFor(input(inPhase(makeTask(), 'share'), due)).map((t) => t.code)).to.deep.equal([
      'share-story',
    ]);
    expect(
      toDoFor(
        input(inPhase(makeTask(), 'work'), {
          progress: { contributionSplitDue: false, workSubmitted: true },
        }),
      ),
    ).to.deep.equal([]);
  });

  it('gives facilitators none of the learner progress items', () => {
    const codes = toDoFor(
      input(inPhase(makeTask(), 'reflection'), {
        actor: facilitator,
        progress: { feedbackReleased: true, contributionSplitDue: true },
      }),
    ).map((t) => t.code);
    expect(codes).to.not.include('read-feedback');
    expect(codes).to.not.include('give-contribution');
  });

  it('has nothing to do in setup, after a deadline, or once closed', () => {
    expect(toDoFor(input(makeTask()))).to.deep.equal([]);
    const late = inPhase(makeTask({ schedule: { work: { closesAt: at(5) } } }), 'work');
    expect(toDoFor(input(late))).to.deep.equal([]);
    expect(toDoFor(input(inPhase(makeTask(), 'closed')))).to.deep.equal([]);
  });
});

describe('toDoFor a facilitator', () => {
  it('asks to form teams and then to open the task during setup', () => {
    expect(toDoFor(input(makeTask(), { actor: facilitator, teamSet: undefined }))).to.deep.equal([
      { code: 'form-teams', unassigned: 4 },
    ]);
    expect(toDoFor(input(makeTask(), { actor: facilitator }))).to.deep.equal([
      { code: 'form-teams', unassigned: 1 },
      { code: 'open-task' },
    ]);
  });

  it('asks to approve a complete standard under facilitator approval, and to follow up others', () => {
    const s = scenario({ rule: 'facilitator-approval' });
    expect(
      toDoFor(input(s.task, { actor: facilitator, roster: [ann, bob, cat] }, [s.standard])),
    ).to.deep.equal([{ code: 'follow-up-standard', teamId: 'team-1' }]);
    readyToAgree(s);
    expect(
      toDoFor(input(s.task, { actor: facilitator, roster: [ann, bob, cat] }, [s.standard])),
    ).to.deep.equal([{ code: 'approve-standard', teamId: 'team-1' }]);
  });

  it('asks to apply the schedule when moves are overdue', () => {
    const scheduled = makeTask({ schedule: { 'standard-setting': { opensAt: at(1) } } });
    expect(toDoFor(input(scheduled, { actor: facilitator, roster: [ann, bob, cat] }))).to.deep.include({
      code: 'apply-schedule',
    });
  });

  it('asks to move on when a phase opened after its deadline (no date moves it)', () => {
    // Work was opened by hand at hour 1; its deadline (hour 0.5) had already passed.
    const late = inPhase(
      makeTask({ phases: ['work', 'share'], schedule: { work: { closesAt: at(0.5) } } }),
      'work',
    );
    expect(toDoFor(input(late, { actor: facilitator, roster: [ann, bob, cat] }))).to.deep.equal([
      { code: 'advance-phase', to: 'share' },
    ]);
  });
});
