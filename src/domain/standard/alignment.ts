/**
 * How aligned the team is on what matters: for each criterion the spread of the points members
 * gave it, and over the whole standard Kendall's W on the orders the members' points imply.
 * Computed from the counting weightings (current members, current criteria) only.
 */

import type { CriterionId, UserId } from '../shared/ids.js';
import { interquartileRange, mean, populationStandardDeviation } from '../shared/statistics.js';
import { kendallW, type KendallW } from './kendall-w.js';
import { pointsMatrix } from './weighting.js';
import { activeCriteria, type TeamStandard } from './team-standard.js';

export interface CriterionDispersion {
  readonly criterionId: CriterionId;
  /** Mean points (0–100). */
  readonly mean: number;
  /** Population standard deviation of the points. */
  readonly standardDeviation: number;
  /** Q3 − Q1 of the points (type-7 quantiles). */
  readonly interquartileRange: number;
  readonly min: number;
  readonly max: number;
}

export interface Alignment {
  /** How many members' weightings count. */
  readonly weighed: number;
  /** Per criterion; empty when nobody's weighting counts. */
  readonly criteria: readonly CriterionDispersion[];
  readonly agreement: KendallW;
}

export function alignmentOf(standard: TeamStandard, members: readonly UserId[]): Alignment {
  const rows = pointsMatrix(standard, members);
  const criteria =
    rows.length === 0
      ? []
      : activeCriteria(standard).map((c, i): CriterionDispersion => {
          const column = rows.map((row) => row[i] as number);
          return {
            criterionId: c.id,
            mean: mean(column),
            standardDeviation: populationStandardDeviation(column),
            interquartileRange: interquartileRange(column),
            min: Math.min(...column),
            max: Math.max(...column),
          };
        });
  const agreement = rows.length === 0 ? kendallWithoutRows(activeCriteria(standard).length) : kendallW(rows);
  return { weighed: rows.length, criteria, agreement };
}

function kendallWithoutRows(items: number): KendallW {
  return { value: null, reason: 'too-few-raters', raters: 0, items };
}
