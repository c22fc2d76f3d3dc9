import { expect } from 'chai';
import { asTeamId } from '../../../../src/domain/shared/ids.js';
import type { ToDo } from '../../../../src/domain/team-task/to-do.js';
import { toDoItems } from '../../../../src/web/view-models/task-labels.js';
import { toDoLink } from '../../../../src/web/view-models/to-do-links.js';
import { toDoView } from '../../../../src/web/view-models/my-teams.js';

const teamId = asTeamId('team-1');
const task = 'task 1';
const t = encodeURIComponent(task);

describe('toDoLink: where each to-do item is done', () => {
  const cases: readonly [ToDo, string | undefined][] = [
    [{ code: 'join-team' }, `/lti/app/tasks/${t}#choose-heading`],
    [{ code: 'wait-for-team' }, undefined],
    [{ code: 'propose-criteria', teamId, missing: 1 }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'weigh-criteria', teamId }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'agree-or-object', teamId }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'resolve-objection', teamId }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'submit-work', teamId }, `/lti/app/tasks/${t}/review/submission`],
    [{ code: 'review-peers', teamId, open: 2 }, `/lti/app/tasks/${t}/review/mine`],
    [{ code: 'read-feedback', teamId }, `/lti/app/tasks/${t}/review/feedback`],
    [{ code: 'give-contribution', teamId }, `/lti/app/tasks/${t}/review/contribution`],
    [{ code: 'reflect', teamId }, `/lti/app/tasks/${t}/reflection`],
    [{ code: 'share-story', teamId }, `/lti/app/library/stories/new?task=${t}`],
    [{ code: 'form-teams', unassigned: 3 }, `/lti/app/tasks/${t}/teams`],
    [{ code: 'open-task' }, `/lti/app/tasks/${t}#phase-controls`],
    [{ code: 'approve-standard', teamId }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'follow-up-standard', teamId }, `/lti/app/tasks/${t}/teams/team-1/standard`],
    [{ code: 'advance-phase', to: 'share' }, `/lti/app/tasks/${t}#phase-controls`],
    [{ code: 'apply-schedule' }, undefined],
  ];
  for (const [item, path] of cases) {
    it(`${item.code} → ${path ?? 'no link'}`, () => {
      expect(toDoLink(item, task)?.path).to.equal(path);
    });
  }

  it('puts the team retrospective beside the reflection', () => {
    expect(toDoLink({ code: 'reflect', teamId }, task)?.also).to.deep.equal({
      path: `/lti/app/tasks/${t}/retrospective`,
      key: 'myTeams.toDo.retrospective',
    });
  });

  it('names the open reviews on the learner home and the task page, in English and Dutch', () => {
    expect(toDoView({ code: 'review-peers', teamId, open: 2 }, task)).to.deep.equal({
      key: 'myTeams.toDo.review-peers-open',
      open: 2,
      path: `/lti/app/tasks/${t}/review/mine`,
    });
    expect(toDoView({ code: 'review-peers', teamId, open: 0 }, task).key).to.equal(
      'myTeams.toDo.review-peers',
    );
    const team = [{ id: teamId, number: 1 }];
    const [en] = toDoItems('en', [{ code: 'review-peers', teamId, open: 2 }], team, task);
    expect(en?.text).to.equal('Review your peers’ work: 2 reviews still open.');
    const [one] = toDoItems('nl', [{ code: 'review-peers', teamId, open: 1 }], team, task);
    expect(one?.text).to.equal('Beoordeel het werk van je medestudenten: nog 1 beoordeling open.');
    const [nl] = toDoItems('nl', [{ code: 'reflect', teamId }], team, task);
    expect(nl?.also).to.deep.equal({
      path: `/lti/app/tasks/${t}/retrospective`,
      text: 'De retrospectief van je team',
    });
  });
});
