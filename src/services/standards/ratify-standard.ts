/** A member ratifies a standard whose members' agreement already satisfies the rule. */
import { ratifyStandard as decide, type RatificationOutcome } from '../../domain/standard/ratification.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function ratifyStandard(deps: StandardDeps, input: StandardInput): Promise<RatificationOutcome> {
  const outcome = await changeStandard(deps, input, 'ratify', (s, ctx) => decide(s, ctx));
  // xAPI: ratify; and "standard ratified" when outcome.ratified is set
  return outcome;
}
