/**
 * Kendall's coefficient of concordance W: how far m raters agree on the order of n items,
 * from 0 (no agreement beyond chance) to 1 (everyone ranks the items the same).
 *
 * Each rater's scores are turned into ranks (highest score = rank 1; tied scores share the
 * average of the ranks they occupy). With R_i the sum of the ranks item i received and
 * R̄ = m(n + 1)/2 their mean, S = Σ_i (R_i − R̄)². With the correction for ties (Kendall &
 * Babington Smith, "The problem of m rankings", Ann. Math. Statist. 10, 1939; as given in
 * Siegel & Castellan, "Nonparametric Statistics for the Behavioral Sciences", 2nd ed., 1988,
 * on the Kendall coefficient of concordance):
 *
 *     W = 12·S / ( m²·(n³ − n) − m·Σ_j T_j ),   T_j = Σ_g (t_g³ − t_g)
 *
 * where t_g is the size of each group of tied scores of rater j (untied scores contribute 0).
 *
 * W is not defined (returned as null, with the reason) when there are fewer than two raters
 * (one rater always "agrees" with themselves), fewer than two items (nothing to order), or no
 * rater ranks anything differently from anything else (every rating is one big tie: 0/0).
 */

export type KendallUndefinedReason = 'too-few-raters' | 'too-few-items' | 'no-variation';

export interface KendallW {
  readonly value: number | null;
  readonly reason?: KendallUndefinedReason;
  /** m */
  readonly raters: number;
  /** n */
  readonly items: number;
}

/**
 * Ranks of `scores`, highest first (1 = highest), with tied scores sharing their average rank:
 * [40, 30, 30] → [1, 2.5, 2.5].
 */
export function averageRanks(scores: readonly number[]): number[] {
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
  const ranks = new Array<number>(scores.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.score === order[i]?.score) j++;
    // Positions i..j (0-based) are tied: they share the mean of ranks i+1..j+1.
    const rank = (i + 1 + (j + 1)) / 2;
    for (let k = i; k <= j; k++) ranks[(order[k] as { index: number }).index] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Σ_g (t³ − t) over the groups of tied values in `scores`. */
export function tieCorrection(scores: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  let sum = 0;
  for (const t of counts.values()) sum += t ** 3 - t;
  return sum;
}

/**
 * W for a matrix of scores: one row per rater, one column per item (all rows the same length).
 * @throws RangeError when the rows differ in length.
 */
export function kendallW(scores: readonly (readonly number[])[]): KendallW {
  const m = scores.length;
  const n = scores[0]?.length ?? 0;
  if (scores.some((row) => row.length !== n)) throw new RangeError('every rater must score every item');
  if (m < 2) return { value: null, reason: 'too-few-raters', raters: m, items: n };
  if (n < 2) return { value: null, reason: 'too-few-items', raters: m, items: n };
  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  for (const row of scores) {
    averageRanks(row).forEach((rank, i) => (rankSums[i] = (rankSums[i] as number) + rank));
    ties += tieCorrection(row);
  }
  const meanRankSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((sum, r) => sum + (r - meanRankSum) ** 2, 0);
  const denominator = m * m * (n ** 3 - n) - m * ties;
  if (denominator === 0) return { value: null, reason: 'no-variation', raters: m, items: n };
  return { value: (12 * s) / denominator, raters: m, items: n };
}
