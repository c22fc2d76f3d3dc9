/** A member agrees to the standard as they saw it; the agreement that completes the rule ratifies it (version n frozen). */
import { agreeToStandard as decide, type RatificationOutcome } from '../../domain/standard/ratification.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function agreeToStandard(
  deps: StandardDeps,
  input: StandardInput & { readonly contentRevision: number },
): Promise<RatificationOutcome> {
  return changeStandard(
    deps,
    input,
    'agree',
    (s, ctx) => decide(s, { contentRevision: input.contentRevision }, ctx),
    // The version agreed to is the next to be frozen (the one this agreement may ratify).
    (_outcome, before, base) => [{ ...base, type: 'standard-agreed', version: before.versions.length + 1 }],
  );
}
