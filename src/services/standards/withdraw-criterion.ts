/** A member withdraws a criterion (it stays in the history). */
import type { CriterionId } from '../../domain/shared/ids.js';
import { withdrawCriterion as decide } from '../../domain/standard/criteria.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { requireCriterion } from './standard-events.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function withdrawCriterion(
  deps: StandardDeps,
  input: StandardInput & { readonly criterionId: CriterionId },
): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'withdraw-criterion',
    (s, ctx) => decide(s, { criterionId: input.criterionId }, ctx),
    ({ standard: after }, _before, base) => [
      { ...base, type: 'criterion-withdrawn', criterion: requireCriterion(after, input.criterionId) },
    ],
  );
  return standard;
}
