/**
 * When a team's standard counts as agreed, by the task's consensus rule:
 *
 * - consent: every current member agrees to the standard as it is now, and nobody has an open
 *   objection;
 * - majority: more than half of the current members agree (⌊m/2⌋ + 1 of m). A tie — exactly
 *   half — is not a majority. Open objections do not block; they are overruled and recorded in
 *   the version;
 * - facilitator-approval: a facilitator approves (`approveStandard`); members' agreement is
 *   shown but decides nothing.
 *
 * A team without members never agrees. Whatever the rule, only a complete standard can be
 * ratified (`readinessIssues`).
 */

import type { UserId } from '../shared/ids.js';
import type { ConsensusRule } from '../team-task/team-task.js';
import { sameCriterionContent } from './criterion.js';
import { STANDARD_LIMITS } from './criteria.js';
import { openObjections } from './discussion.js';
import { activeCriteria, criterionContent, latestVersion, type TeamStandard } from './team-standard.js';
import { standardWeights } from './weighting.js';

export interface ConsensusState {
  readonly rule: ConsensusRule;
  /** Members whose agreement is to the current content, in member order. */
  readonly agreed: readonly UserId[];
  /** Members who have not (or no longer) agreed and do not object. */
  readonly pending: readonly UserId[];
  /** Members with an open objection. */
  readonly objecting: readonly UserId[];
  /** Agreements the rule needs (0 for facilitator approval: members do not decide). */
  readonly needed: number;
  /** Whether the members' agreement ratifies the standard (always false for facilitator approval). */
  readonly satisfied: boolean;
}

/** Reasons a standard cannot be ratified yet, whatever the members think. */
export type ReadinessIssue = 'too-few-criteria' | 'no-weights' | 'unchanged-since-last-version';

export function evaluateConsensus(
  standard: TeamStandard,
  rule: ConsensusRule,
  members: readonly UserId[],
): ConsensusState {
  const agreed = members.filter((m) =>
    standard.agreements.some((a) => a.member === m && a.contentRevision === standard.contentRevision),
  );
  const objectors = new Set(openObjections(standard, members).map((o) => o.by));
  const objecting = members.filter((m) => objectors.has(m));
  const pending = members.filter((m) => !agreed.includes(m) && !objectors.has(m));
  const base = { rule, agreed, pending, objecting };
  const m = members.length;
  switch (rule) {
    case 'consent':
      return { ...base, needed: m, satisfied: m > 0 && agreed.length === m && objecting.length === 0 };
    case 'majority': {
      const needed = Math.floor(m / 2) + 1;
      return { ...base, needed, satisfied: m > 0 && agreed.length >= needed };
    }
    case 'facilitator-approval':
      return { ...base, needed: 0, satisfied: false };
  }
}

/**
 * What keeps the standard from being ratified: fewer than two active criteria, no weights yet,
 * or (for an amendment) nothing changed since the last version.
 */
export function readinessIssues(
  standard: TeamStandard,
  members: readonly UserId[],
): readonly ReadinessIssue[] {
  const issues: ReadinessIssue[] = [];
  const active = activeCriteria(standard);
  if (active.length < STANDARD_LIMITS.minCriteria) issues.push('too-few-criteria');
  const weights = standardWeights(standard, members);
  if (weights === undefined) issues.push('no-weights');
  const latest = latestVersion(standard);
  if (latest !== undefined && weights !== undefined) {
    const unchanged =
      latest.criteria.length === active.length &&
      active.every((c, i) => {
        const frozen = latest.criteria[i];
        return (
          frozen !== undefined &&
          frozen.id === c.id &&
          sameCriterionContent(frozen, criterionContent(c)) &&
          frozen.weight === weights[i]?.weight
        );
      });
    if (unchanged) issues.push('unchanged-since-last-version');
  }
  return issues;
}
