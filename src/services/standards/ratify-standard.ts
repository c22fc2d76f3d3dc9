/** A member ratifies a standard whose members' agreement already satisfies the rule. */
import { ratifyStandard as decide, type RatificationOutcome } from '../../domain/standard/ratification.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function ratifyStandard(deps: StandardDeps, input: StandardInput): Promise<RatificationOutcome> {
  // The "standard ratified" event is added by changeStandard whenever a version was frozen.
  return changeStandard(deps, input, 'ratify', (s, ctx) => decide(s, ctx));
}
