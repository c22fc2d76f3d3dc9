import { expect } from 'chai';
import {
  levelsOfDistribution,
  suggestedTeamLevel,
} from '../../../../src/domain/retrospective/team-rating-suggestion.js';

describe('suggested team level (median of the members’ self-assessments)', () => {
  it('suggests nothing when no member self-assessed the criterion', () => {
    expect(suggestedTeamLevel([], 3)).to.equal(undefined);
  });

  it('suggests the one self-assessment there is', () => {
    expect(suggestedTeamLevel([2], 3)).to.equal(2);
  });

  it('suggests the middle level of an odd number, whatever the order', () => {
    expect(suggestedTeamLevel([3, 0, 1], 4)).to.equal(1);
    expect(suggestedTeamLevel([2, 2, 0, 4, 4], 5)).to.equal(2);
  });

  it('suggests the lower of the two middle levels of an even number', () => {
    expect(suggestedTeamLevel([0, 2], 3)).to.equal(0);
    expect(suggestedTeamLevel([2, 0], 3)).to.equal(0);
    expect(suggestedTeamLevel([3, 1, 2, 2], 4)).to.equal(2);
    expect(suggestedTeamLevel([0, 0, 1, 1], 2)).to.equal(0);
  });

  it('suggests the agreed level when all members gave the same one', () => {
    expect(suggestedTeamLevel([1, 1, 1, 1], 2)).to.equal(1);
  });

  it('refuses levels off the criterion’s scale', () => {
    expect(() => suggestedTeamLevel([3], 3)).to.throw(RangeError);
    expect(() => suggestedTeamLevel([-1], 3)).to.throw(RangeError);
    expect(() => suggestedTeamLevel([1.5], 3)).to.throw(RangeError);
  });

  it('reads the levels behind a distribution, lowest first', () => {
    expect(levelsOfDistribution([1, 0, 2])).to.deep.equal([0, 2, 2]);
    expect(levelsOfDistribution([0, 0])).to.deep.equal([]);
    expect(suggestedTeamLevel(levelsOfDistribution([0, 3, 1]), 3)).to.equal(1);
  });
});
