/** A member distributes 100 points over the criteria (replacing their earlier weighting). */
import type { PointsAllocation } from '../../domain/standard/team-standard.js';
import {
  POINT_BUDGET,
  submitWeighting as decide,
  type WeighedCriterion,
} from '../../domain/standard/weighting.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function submitWeighting(
  deps: StandardDeps,
  input: StandardInput & {
    readonly points: readonly PointsAllocation[];
    /** The criteria (and revisions) the member weighed; changed criteria → VersionConflictError. */
    readonly basis?: readonly WeighedCriterion[];
  },
): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'weigh-criteria',
    (s, ctx) =>
      decide(s, { points: input.points, ...(input.basis !== undefined ? { basis: input.basis } : {}) }, ctx),
    ({ standard: after }, _before, base) => {
      const mine = after.weightings.find((w) => w.member === input.actor.userId);
      return [
        {
          ...base,
          type: 'weights-given',
          budget: POINT_BUDGET,
          points: (mine?.points ?? input.points).map((p) => ({
            criterionId: p.criterionId,
            points: p.points,
          })),
        },
      ];
    },
  );
  return standard;
}
