/** A member edits a criterion; an edit on an outdated revision is refused (VersionConflictError). */
import type { CriterionId } from '../../domain/shared/ids.js';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import { editCriterion as decide } from '../../domain/standard/criteria.js';
import { currentRevision, type TeamStandard } from '../../domain/standard/team-standard.js';
import { requireCriterion } from './standard-events.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function editCriterion(
  deps: StandardDeps,
  input: StandardInput & {
    readonly criterionId: CriterionId;
    /** The criterion revision the edit was based on. */
    readonly baseRevision: number;
    readonly content: CriterionContent;
  },
): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'edit-criterion',
    (s, ctx) =>
      decide(
        s,
        { criterionId: input.criterionId, baseRevision: input.baseRevision, content: input.content },
        ctx,
      ),
    ({ standard: after }, _before, base) => {
      const criterion = after.criteria.find((c) => c.id === input.criterionId);
      return [
        {
          ...base,
          type: 'criterion-edited',
          criterion: requireCriterion(after, input.criterionId),
          criterionRevision: criterion === undefined ? 0 : currentRevision(criterion).number,
        },
      ];
    },
  );
  return standard;
}
