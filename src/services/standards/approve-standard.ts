/** A facilitator approves the standard (facilitator-approval rule), which ratifies it. */
import { approveStandard as decide, type RatificationOutcome } from '../../domain/standard/ratification.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function approveStandard(
  deps: StandardDeps,
  input: StandardInput,
): Promise<RatificationOutcome> {
  return changeStandard(
    deps,
    input,
    'approve',
    (s, ctx) => decide(s, ctx),
    (_outcome, before, base) => [{ ...base, type: 'standard-approved', version: before.versions.length + 1 }],
  );
}
