/** A member agrees to the standard as they saw it; the agreement that completes the rule ratifies it (version n frozen). */
import { agreeToStandard as decide, type RatificationOutcome } from '../../domain/standard/ratification.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function agreeToStandard(
  deps: StandardDeps,
  input: StandardInput & { readonly contentRevision: number },
): Promise<RatificationOutcome> {
  const outcome = await changeStandard(deps, input, 'agree', (s, ctx) =>
    decide(s, { contentRevision: input.contentRevision }, ctx),
  );
  // xAPI: agree; and "standard ratified" when outcome.ratified is set
  return outcome;
}
