/** The author withdraws their objection. */
import type { ObjectionId } from '../../domain/shared/ids.js';
import { withdrawObjection as decide } from '../../domain/standard/discussion.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function withdrawObjection(
  deps: StandardDeps,
  input: StandardInput & { readonly objectionId: ObjectionId },
): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'withdraw-objection',
    (s, ctx) => decide(s, { objectionId: input.objectionId }, ctx),
    (_outcome, _before, base) => [{ ...base, type: 'objection-withdrawn', objectionId: input.objectionId }],
  );
  return standard;
}
