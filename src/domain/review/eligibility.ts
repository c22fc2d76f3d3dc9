/**
 * Who may review what. The task's allocation scope decides:
 *
 * - `across-teams`: a reviewer never reviews work of their own team (and never their own work);
 * - `within-team`: a reviewer reviews the work of teammates only (never their own) — for tasks
 *   with a submission per person.
 *
 * Every rule answers with the reason a pair is excluded, so allocation logs and facilitator
 * adjustments can say *why* someone was not (or may not be) chosen.
 */

import type { TeamId, UserId } from '../shared/ids.js';
import { isAuthor, type SubmissionId, type SubmissionOwner } from '../submission/submission.js';

export type AllocationScope = 'across-teams' | 'within-team';

export const ALLOCATION_SCOPES: readonly AllocationScope[] = ['across-teams', 'within-team'];

export interface ReviewerRef {
  readonly userId: UserId;
  /** The reviewer's team in this task, if any. */
  readonly teamId?: TeamId;
}

export interface ReviewableSubmission {
  readonly id: SubmissionId;
  readonly owner: SubmissionOwner;
}

/** Why a reviewer may not review a submission. */
export type Exclusion = 'self' | 'own-team' | 'other-team' | 'no-team';

export type EligibilityRule = (
  reviewer: ReviewerRef,
  submission: ReviewableSubmission,
) => Exclusion | undefined;

const acrossTeams: EligibilityRule = (reviewer, submission) => {
  if (isAuthor(submission.owner, reviewer.userId))
    return submission.owner.kind === 'team' ? 'own-team' : 'self';
  const team = submission.owner.teamId;
  if (team !== undefined && reviewer.teamId === team) return 'own-team';
  return undefined;
};

const withinTeam: EligibilityRule = (reviewer, submission) => {
  if (isAuthor(submission.owner, reviewer.userId))
    return submission.owner.kind === 'team' ? 'own-team' : 'self';
  // CASE: a team's joint work has no reviewer inside the team who is not an author.
  if (submission.owner.kind === 'team') return 'own-team';
  const team = submission.owner.teamId;
  if (team === undefined || reviewer.teamId === undefined) return 'no-team';
  return reviewer.teamId === team ? undefined : 'other-team';
};

export const eligibilityRules: Readonly<Record<AllocationScope, EligibilityRule>> = {
  'across-teams': acrossTeams,
  'within-team': withinTeam,
};
