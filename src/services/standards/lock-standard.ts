/** A facilitator locks a team's standard (members may still comment). */
import { lockStandard as decide } from '../../domain/standard/ratification.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function lockStandard(deps: StandardDeps, input: StandardInput): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'lock',
    (s, ctx) => decide(s, ctx),
    (_outcome, _before, base) => [{ ...base, type: 'standard-locked' }],
  );
  return standard;
}
