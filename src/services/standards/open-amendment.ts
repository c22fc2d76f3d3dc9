/** A member opens an amendment to the ratified standard (until peer review opens). */
import { openAmendment as decide } from '../../domain/standard/ratification.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function openAmendment(deps: StandardDeps, input: StandardInput): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'open-amendment',
    (s, ctx) => decide(s, ctx),
    (_outcome, _before, base) => [{ ...base, type: 'amendment-opened' }],
  );
  return standard;
}
