/** Facts about a standard's criteria for learning events. */
import type { CriterionId } from '../../domain/shared/ids.js';
import { criterionContent, type TeamStandard } from '../../domain/standard/team-standard.js';
import type { CriterionFacts } from '../shared/learning-events.js';

/** The criterion's id and current name (undefined when the standard has no such criterion). */
export function criterionFacts(
  standard: TeamStandard,
  id: CriterionId | undefined,
): CriterionFacts | undefined {
  const criterion = id === undefined ? undefined : standard.criteria.find((c) => c.id === id);
  return criterion === undefined ? undefined : { id: criterion.id, name: criterionContent(criterion).name };
}

/** Like `criterionFacts`, for a criterion the change is known to have. */
export function requireCriterion(standard: TeamStandard, id: CriterionId): CriterionFacts {
  const facts = criterionFacts(standard, id);
  if (facts === undefined) throw new TypeError(`standard ${standard.id} has no criterion ${id}`);
  return facts;
}
