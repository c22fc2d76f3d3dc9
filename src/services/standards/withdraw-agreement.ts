/** A member takes back their agreement. */
import { withdrawAgreement as decide } from '../../domain/standard/ratification.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function withdrawAgreement(deps: StandardDeps, input: StandardInput): Promise<TeamStandard> {
  const { standard } = await changeStandard(
    deps,
    input,
    'withdraw-agreement',
    (s, ctx) => decide(s, ctx),
    (_outcome, _before, base) => [{ ...base, type: 'agreement-withdrawn' }],
  );
  return standard;
}
