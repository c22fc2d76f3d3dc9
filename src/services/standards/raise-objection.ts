/** A member objects, with a reason, to a criterion or the whole standard. */
import { asObjectionId, type CriterionId } from '../../domain/shared/ids.js';
import { raiseObjection as decide } from '../../domain/standard/discussion.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { criterionFacts } from './standard-events.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function raiseObjection(
  deps: StandardDeps & Pick<TeamworkDeps, 'newId'>,
  input: StandardInput & { readonly reason: string; readonly criterionId?: CriterionId },
): Promise<TeamStandard> {
  const objectionId = asObjectionId(deps.newId());
  const { standard } = await changeStandard(
    deps,
    input,
    'object',
    (s, ctx) =>
      decide(
        s,
        {
          objectionId,
          reason: input.reason,
          ...(input.criterionId !== undefined ? { criterionId: input.criterionId } : {}),
        },
        ctx,
      ),
    ({ standard: after }, _before, base) => {
      const objection = after.objections.find((o) => o.id === objectionId);
      const criterion = criterionFacts(after, objection?.criterionId);
      return [
        {
          ...base,
          type: 'objection-raised',
          objectionId,
          ...(criterion !== undefined ? { criterion } : {}),
          text: objection?.reason ?? input.reason,
        },
      ];
    },
  );
  return standard;
}
