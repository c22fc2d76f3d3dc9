/** A facilitator unlocks a team's standard. */
import { unlockStandard as decide } from '../../domain/standard/ratification.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function unlockStandard(deps: StandardDeps, input: StandardInput): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'unlock',
    (s, ctx) => decide(s, ctx),
    (_outcome, _before, base) => [{ ...base, type: 'standard-unlocked' }],
  );
  return standard;
}
