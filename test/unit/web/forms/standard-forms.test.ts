import { expect } from 'chai';
import { editCriterionForm, proposeCriterionForm } from '../../../../src/web/forms/criterion.form.js';
import { commentForm } from '../../../../src/web/forms/standard-discussion.form.js';
import { weightingForm } from '../../../../src/web/forms/weighting.form.js';

describe('standard forms', () => {
  it('pairs level labels with descriptors and drops rows left empty', () => {
    const parsed = proposeCriterionForm.parse({
      ltik: 'x',
      name: 'Clarity',
      description: 'Clear',
      levelLabel: ['Low', '', 'High', '', '', ''],
      levelDescriptor: ['Muddled', '', 'Crisp', '', '', ''],
    });
    expect(parsed.content.levels).to.deep.equal([
      { label: 'Low', descriptor: 'Muddled' },
      { label: 'High', descriptor: 'Crisp' },
    ]);
  });

  it('keeps a half-filled row for the domain to explain, and accepts a single row sent as a string', () => {
    const parsed = editCriterionForm.parse({
      name: 'Clarity',
      description: 'Clear',
      levelLabel: 'Low',
      levelDescriptor: '',
      baseRevision: '3',
    });
    expect(parsed).to.deep.equal({
      baseRevision: 3,
      content: { name: 'Clarity', description: 'Clear', levels: [{ label: 'Low', descriptor: '' }] },
    });
  });

  it('refuses shapes no form of ours sends', () => {
    const base = { name: 'a', description: 'b', levelLabel: ['x', 'y'], levelDescriptor: ['x', 'y'] };
    expect(proposeCriterionForm.safeParse({ ...base, levelDescriptor: ['x'] }).success).to.equal(false);
    expect(proposeCriterionForm.safeParse({ ...base, name: { $gt: '' } }).success).to.equal(false);
    expect(editCriterionForm.safeParse({ ...base, baseRevision: '1e3' }).success).to.equal(false);
    expect(commentForm.safeParse({ body: 'hi', replyTo: '../x' }).success).to.equal(false);
    const comment = commentForm.parse({ body: 'hi', criterionId: '' });
    expect([comment.body, comment.criterionId, comment.replyTo]).to.deep.equal(['hi', undefined, undefined]);
  });

  it('reads points as numbers, blanks as 0, and anything else as not a number for the domain to refuse', () => {
    const parsed = weightingForm.parse({
      criterion: ['a', 'b', 'c'],
      basis: ['1', '2', '1'],
      points: ['60', '', 'ten'],
    });
    expect(parsed.rows.map((r) => [r.criterionId, r.revision, r.points, r.raw])).to.deep.equal([
      ['a', 1, 60, '60'],
      ['b', 2, 0, ''],
      ['c', 1, Number.NaN, 'ten'],
    ]);
    expect(
      weightingForm.safeParse({ criterion: ['a', 'b'], basis: ['1'], points: ['1', '2'] }).success,
    ).to.equal(false);
  });
});
