/**
 * The level the retrospective page suggests for the team's own rating of a criterion the team
 * has not rated yet: the median of the members' self-assessment levels for that criterion (from
 * peer review). It is only a suggestion — preselected and labelled as such; the team changes it
 * or clears it before saving.
 *
 * The rule for an even number of self-assessments: the LOWER of the two middle levels. A team
 * rating must be a level of the criterion (no 1.5), and of the two middle levels the lower one
 * is the one at least half of the members reached; suggesting the higher one would claim more
 * than half of them said. So [0, 2] → 0 and [1, 2, 2, 3] → 2.
 *
 * Levels are positions on the criterion's scale, 0 = the lowest.
 */

/**
 * The suggested level, or undefined when no member self-assessed the criterion.
 * @throws RangeError when a level is not a whole position on the criterion's scale (the caller
 *   passed bad data).
 */
export function suggestedTeamLevel(selfLevels: readonly number[], levelCount: number): number | undefined {
  for (const level of selfLevels) {
    if (!(Number.isInteger(level) && level >= 0 && level < levelCount)) {
      throw new RangeError(`level ${level} outside 0..${levelCount - 1}`);
    }
  }
  if (selfLevels.length === 0) return undefined;
  const sorted = [...selfLevels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * The individual levels behind a distribution (count of ratings per level, lowest level first),
 * e.g. [1, 0, 2] → [0, 2, 2]: peer review reports self-assessments that way.
 */
export function levelsOfDistribution(distribution: readonly number[]): number[] {
  return distribution.flatMap((count, level) => Array.from({ length: count }, () => level));
}
