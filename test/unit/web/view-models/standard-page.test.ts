import { expect } from 'chai';
import {
  asCriterionId,
  asStandardId,
  asTeamId,
  asTeamTaskId,
  asUserId,
} from '../../../../src/domain/shared/ids.js';
import type { StandardPage } from '../../../../src/services/standards/standard-page.js';
import { translate } from '../../../../src/web/i18n/translate.js';
import { buildStandardView, issueText } from '../../../../src/web/view-models/standard-page.js';

const [ann, bob, cat] = ['ann', 'bob', 'cat'].map(asUserId) as [
  ReturnType<typeof asUserId>,
  ReturnType<typeof asUserId>,
  ReturnType<typeof asUserId>,
];
const at = new Date('2025-03-03T09:00:00Z');
const clarity = asCriterionId('c1');

function page(overrides: Partial<StandardPage> = {}): StandardPage {
  return {
    taskId: asTeamTaskId('t1'),
    taskTitle: 'Guide',
    team: { id: asTeamId('team-1'), number: 1, members: [ann, bob, cat] },
    standardId: asStandardId('s1'),
    phase: 'standard-setting',
    status: 'drafting',
    locked: false,
    contentOpen: true,
    discussionOpen: true,
    facilitatorOpen: true,
    revision: 7,
    contentRevision: 4,
    consensusRule: 'consent',
    criteria: [
      {
        id: clarity,
        origin: 'proposal',
        content: {
          name: 'Clarity',
          description: 'Clear',
          levels: [
            { label: 'Low', descriptor: 'Muddled' },
            { label: 'High', descriptor: 'Crisp' },
          ],
        },
        revision: 1,
        history: [],
        threads: [],
        openObjections: [],
        weight: 1,
        percent: 100,
      },
    ],
    withdrawnCriteria: [],
    generalThreads: [],
    objections: [{ id: 'o1' as never, by: bob, reason: 'No', at, status: 'open' }],
    alignment: {
      weighed: 0,
      criteria: [],
      agreement: { value: null, reason: 'too-few-raters', raters: 0, items: 1 },
    },
    consensus: {
      rule: 'consent',
      agreed: [ann],
      pending: [cat],
      objecting: [bob],
      needed: 3,
      satisfied: false,
    },
    readiness: [],
    versions: [],
    ...overrides,
  };
}

const viewer = { actor: { userId: ann, role: 'learner' as const }, courseId: 'course' as never };
const people = new Map([[bob, { name: 'Bob Builder' }]]);

describe('standard page view model', () => {
  it('says where consensus stands in words, with names, in the page’s language', () => {
    const view = buildStandardView({ page: page(), viewer, people, locale: 'en' });
    expect(view.consensus.progress).to.equal('1 of 3 agreed, 1 objection');
    expect(view.consensus.objecting).to.deep.equal(['Bob Builder']);
    expect(view.consensus.agreed).to.deep.equal(['you']);
    expect(view.consensus.pending).to.deep.equal(['A team member']);
    const nl = buildStandardView({ page: page(), viewer, people, locale: 'nl' });
    expect(nl.consensus.progress).to.equal('1 van 3 ingestemd, 1 bezwaar');
  });

  it('offers members the actions the rules allow now, and facilitators only theirs', () => {
    const member = buildStandardView({ page: page(), viewer, people, locale: 'en' });
    expect(member.canChange).to.equal(true);
    expect(member.actions).to.include({ agree: false, withdrawAgreement: true, approve: false, lock: false });
    const facilitator = buildStandardView({
      page: page({ consensusRule: 'facilitator-approval' }),
      viewer: { ...viewer, actor: { userId: asUserId('fac'), role: 'facilitator' } },
      people,
      locale: 'en',
    });
    expect(facilitator.canChange).to.equal(false);
    expect(facilitator.canDiscuss).to.equal(true);
    expect(facilitator.actions).to.include({ approve: true, lock: true, agree: false });
  });

  it('keeps a refused edit’s input in that criterion’s form, on top of the new version', () => {
    const view = buildStandardView({
      page: page(),
      viewer,
      people,
      locale: 'en',
      refusal: { kind: 'conflict' },
      input: {
        form: 'edit',
        criterionId: clarity,
        values: { name: 'Readability', description: 'Mine', levels: [{ label: 'A', descriptor: 'B' }] },
      },
    });
    const card = view.criteria[0]!;
    expect(card.name).to.equal('Clarity');
    expect(card.editOpen).to.equal(true);
    expect(card.editConflict).to.equal(true);
    expect(card.editForm.name).to.equal('Readability');
    expect(card.editForm.levels.map((l) => l.label)).to.deep.equal(['A', '', '', '', '', '']);
    expect(view.notice?.title).to.equal('Someone changed this');
  });

  it('shows what was typed when the form it belongs to is gone', () => {
    const view = buildStandardView({
      page: page({ locked: true, contentOpen: false }),
      viewer,
      people,
      locale: 'en',
      refusal: { kind: 'refused', reason: 'locked' },
      input: { form: 'object', reason: 'Too vague' },
    });
    expect(view.unsaved).to.deep.equal(['Too vague']);
    expect(view.notice?.message).to.contain('locked');
  });

  it('turns field issues into sentences with the limits', () => {
    const t = (key: string, params = {}) => translate('en', key, params);
    expect(issueText({ field: 'levels.2.label', code: 'too-long' }, t)).to.equal(
      'Level 3 label: this is too long (at most 60 characters).',
    );
    expect(issueText({ field: 'points', code: 'total-not-100' }, t)).to.equal(
      'Points: the points must add up to exactly 100.',
    );
    expect(issueText({ field: 'criteria', code: 'too-many' }, t)).to.equal(
      'Criteria: a standard has at most 12 criteria.',
    );
    expect(issueText({ field: 'weird', code: 'odd' }, t)).to.equal('Input: this is not valid.');
  });
});
