import { expect } from 'chai';
import { InvalidInputError } from '../../../../src/domain/shared/errors.js';
import {
  assertValidCriterionContent,
  criterionContentIssues,
} from '../../../../src/domain/standard/criterion.js';
import { criterion, levels, thrown } from '../../../fixtures/domain/builders.js';

const codes = (issues: readonly { field: string; code: string }[]) =>
  issues.map((i) => `${i.field}:${i.code}`);

describe('criterionContentIssues', () => {
  it('accepts a name, a description and 2 to 6 levels', () => {
    for (const n of [2, 3, 4, 5, 6])
      expect(criterionContentIssues(criterion('Clarity', { levels: levels(n) }))).to.deep.equal([]);
  });

  it('refuses fewer than 2 and more than 6 levels', () => {
    expect(codes(criterionContentIssues(criterion('Clarity', { levels: levels(1) })))).to.deep.equal([
      'levels:too-few',
    ]);
    expect(codes(criterionContentIssues(criterion('Clarity', { levels: levels(7) })))).to.deep.equal([
      'levels:too-many',
    ]);
  });

  it('reports each field that breaks a rule, with its path', () => {
    const input = {
      name: ' ',
      description: 'd'.repeat(2001),
      levels: [
        { label: 'Low', descriptor: '' },
        { label: 'l'.repeat(61), descriptor: 'ok' },
        { label: ' low ', descriptor: 'same label as the first' },
      ],
    };
    expect(codes(criterionContentIssues(input, 'criteria.0.'))).to.deep.equal([
      'criteria.0.name:required',
      'criteria.0.description:too-long',
      'criteria.0.levels.0.descriptor:required',
      'criteria.0.levels.1.label:too-long',
      'criteria.0.levels.2.label:duplicate',
    ]);
  });

  it('counts length after trimming, so padding does not pass the required check', () => {
    expect(codes(criterionContentIssues(criterion('   ')))).to.deep.equal(['name:required']);
    expect(criterionContentIssues(criterion(`  ${'n'.repeat(120)}  `))).to.deep.equal([]);
  });
});

describe('assertValidCriterionContent', () => {
  it('returns the trimmed content', () => {
    const content = assertValidCriterionContent({
      name: ' Clarity ',
      description: ' Easy to follow ',
      levels: [
        { label: ' Low ', descriptor: ' Hard to follow ' },
        { label: 'High', descriptor: 'Easy to follow' },
      ],
    });
    expect(content).to.deep.equal({
      name: 'Clarity',
      description: 'Easy to follow',
      levels: [
        { label: 'Low', descriptor: 'Hard to follow' },
        { label: 'High', descriptor: 'Easy to follow' },
      ],
    });
  });

  it('throws InvalidInputError carrying the issues', () => {
    const err = thrown(() => assertValidCriterionContent(criterion('', { levels: [] })), InvalidInputError);
    expect(codes(err.issues)).to.deep.equal(['name:required', 'levels:too-few']);
  });
});
