/**
 * Contribution split (WebPA, peer-anchors §4.7) for team submissions: each member distributes
 * 100 points among all members of their team, themselves included. One split per member per
 * task; submitting again replaces it.
 *
 * The factor of member j over the splits that came in:
 *
 *     f_ij = m_ij / Σ_k m_ik                (rater i's share for j)
 *     S_j  = (n / n_submitted) · Σ_i f_ij   (1.0 = an equal share)
 *
 * n / n_submitted is WebPA's "fudge factor": members who gave no split do not pull everyone's
 * factor down. Σ_j S_j = n whenever at least one split came in; with none, there is no factor.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import type { TaskPhaseName } from '../submission/submission.js';

export const CONTRIBUTION_BUDGET = 100;

export interface ContributionSplit {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly raterId: UserId;
  readonly points: readonly { readonly userId: UserId; readonly points: number }[];
  readonly at: Date;
  readonly revision: number;
}

const SPLIT_PHASES: readonly TaskPhaseName[] = ['work', 'peer-review', 'reflection'];

/**
 * @throws NotPermittedError when the task has no contribution split or the actor is not in the team.
 * @throws PhaseConflictError outside work, peer review and reflection.
 * @throws InvalidInputError (`points`: `sum` | `missing-member` | `not-a-member` | `duplicate`;
 *   `points.<i>`: `invalid`) when the split breaks a rule.
 */
export function submitContributionSplit(input: {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly members: readonly UserId[];
  readonly enabled: boolean;
  readonly points: readonly { readonly userId: string; readonly points: number }[];
  readonly existing?: ContributionSplit;
  readonly actor: Actor;
  readonly phase: TaskPhaseName;
  readonly now: Date;
}): ContributionSplit {
  if (!input.enabled || !input.members.includes(input.actor.userId))
    throw new NotPermittedError('submit-contribution-split');
  if (!SPLIT_PHASES.includes(input.phase)) {
    throw new PhaseConflictError({
      action: 'submit-contribution-split',
      phase: input.phase,
      taskId: input.taskId,
    });
  }
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.points.forEach((p, i) => {
    if (!Number.isInteger(p.points) || p.points < 0 || p.points > CONTRIBUTION_BUDGET)
      issues.push({ field: `points.${i}`, code: 'invalid' });
    if (!input.members.includes(p.userId as UserId)) issues.push({ field: 'points', code: 'not-a-member' });
    if (seen.has(p.userId)) issues.push({ field: 'points', code: 'duplicate' });
    seen.add(p.userId);
  });
  if (input.members.some((m) => !seen.has(m))) issues.push({ field: 'points', code: 'missing-member' });
  if (input.points.reduce((sum, p) => sum + p.points, 0) !== CONTRIBUTION_BUDGET)
    issues.push({ field: 'points', code: 'sum' });
  if (issues.length > 0) throw new InvalidInputError(dedupe(issues));
  return {
    taskId: input.taskId,
    teamId: input.teamId,
    raterId: input.actor.userId,
    points: input.members.map((userId) => ({
      userId,
      points: input.points.find((p) => p.userId === userId)?.points ?? 0,
    })),
    at: input.now,
    revision: (input.existing?.revision ?? 0) + 1,
  };
}

/** WebPA factor per member; empty when no member gave a split. */
export function webpaFactors(
  members: readonly UserId[],
  splits: readonly Pick<ContributionSplit, 'raterId' | 'points'>[],
): Map<UserId, number> {
  const memberSet = new Set<string>(members);
  const rows = splits.filter((s) => memberSet.has(s.raterId));
  const factors = new Map<UserId, number>();
  if (rows.length === 0 || members.length === 0) return factors;
  const received = new Map<string, number>(members.map((m) => [m, 0]));
  let counted = 0;
  for (const row of rows) {
    const given = row.points.filter((p) => memberSet.has(p.userId));
    const total = given.reduce((sum, p) => sum + p.points, 0);
    // CASE: a split of all zeros says nothing about differences; count it as equal shares.
    counted++;
    for (const m of members) {
      const share =
        total === 0 ? 1 / members.length : (given.find((p) => p.userId === m)?.points ?? 0) / total;
      received.set(m, (received.get(m) ?? 0) + share);
    }
  }
  const fudge = members.length / counted;
  for (const m of members) factors.set(m, fudge * (received.get(m) ?? 0));
  return factors;
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const keys = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}|${i.code}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}
