/** A member proposes a criterion (name, description, 2–6 levels). */
import { asCriterionId } from '../../domain/shared/ids.js';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import { proposeCriterion as decide } from '../../domain/standard/criteria.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { requireCriterion } from './standard-events.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function proposeCriterion(
  deps: StandardDeps & Pick<TeamworkDeps, 'newId'>,
  input: StandardInput & { readonly content: CriterionContent },
): Promise<TeamStandard> {
  const criterionId = asCriterionId(deps.newId());
  const { standard } = await changeStandard(
    deps,
    input,
    'propose-criterion',
    (s, ctx) => decide(s, { criterionId, content: input.content }, ctx),
    ({ standard: after }, _before, base) => [
      { ...base, type: 'criterion-proposed', criterion: requireCriterion(after, criterionId) },
    ],
  );
  return standard;
}
