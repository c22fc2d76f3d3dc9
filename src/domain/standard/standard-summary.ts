/**
 * One line of the facilitator's overview (every team's standard side by side): status,
 * progress towards consensus, the agreement figure and the last activity. Plain data.
 */

import type { StandardId, TeamId } from '../shared/ids.js';
import type { TeamTask } from '../team-task/team-task.js';
import type { Team } from '../team/team.js';
import { alignmentOf } from './alignment.js';
import { evaluateConsensus, readinessIssues, type ConsensusState, type ReadinessIssue } from './consensus.js';
import { openObjections } from './discussion.js';
import { activeCriteria, latestVersion, type StandardStatus, type TeamStandard } from './team-standard.js';

export interface StandardSummary {
  readonly standardId: StandardId;
  readonly teamId: TeamId;
  readonly status: StandardStatus;
  readonly locked: boolean;
  readonly criteria: number;
  readonly latestVersion?: number;
  readonly ratifiedAt?: Date;
  readonly consensus: ConsensusState;
  readonly readiness: readonly ReadinessIssue[];
  /** Kendall's W on the current weightings; null when not defined. */
  readonly agreement: number | null;
  readonly openObjections: number;
  readonly comments: number;
  readonly lastActivityAt: Date;
}

export function summariseStandard(standard: TeamStandard, task: TeamTask, team: Team): StandardSummary {
  const latest = latestVersion(standard);
  return {
    standardId: standard.id,
    teamId: standard.teamId,
    status: standard.status,
    locked: standard.locked !== undefined,
    criteria: activeCriteria(standard).length,
    ...(latest !== undefined ? { latestVersion: latest.version, ratifiedAt: latest.ratifiedAt } : {}),
    consensus: evaluateConsensus(standard, task.consensusRule, team.members),
    readiness: readinessIssues(standard, team.members),
    agreement: alignmentOf(standard, team.members).agreement.value,
    openObjections: openObjections(standard, team.members).length,
    comments: standard.comments.length,
    lastActivityAt: standard.lastActivityAt,
  };
}
