/**
 * The teams of one team task. A learner is in at most one team per task (and may be in many
 * teams across tasks: each task has its own `TeamSet`). Facilitators are not team members.
 *
 * Teams carry a number and an optional name; the UI shows the name, or "Team <number>" from the
 * message catalogue, so no display text is made up here.
 */

import type { TeamId, TeamTaskId, UserId } from '../shared/ids.js';

export type FormationMode = 'manual' | 'random' | 'self-selection' | 'copied';

export interface Team {
  readonly id: TeamId;
  readonly number: number;
  readonly name?: string;
  readonly members: readonly UserId[];
}

export interface TeamSet {
  readonly taskId: TeamTaskId;
  readonly mode: FormationMode;
  /** Self-selection only: the most members a team may have. */
  readonly maxSize?: number;
  /** Copied sets only: the task the teams came from. */
  readonly copiedFrom?: TeamTaskId;
  readonly teams: readonly Team[];
  readonly revision: number;
}

/** A warning that goes with a change: the UI asks the facilitator to confirm or shows it after. */
export type TeamWarning = 'work-started';

export interface TeamSetChange {
  readonly teamSet: TeamSet;
  readonly warnings: readonly TeamWarning[];
}

export const TEAM_LIMITS = {
  name: { min: 1, max: 80 },
  maxTeamSize: 50,
} as const;

/** The team `userId` belongs to in this task, if any. */
export function teamOf(set: TeamSet, userId: UserId): Team | undefined {
  return set.teams.find((team) => team.members.includes(userId));
}

export function findTeam(set: TeamSet, teamId: TeamId): Team | undefined {
  return set.teams.find((team) => team.id === teamId);
}

export function isMember(team: Team, userId: UserId): boolean {
  return team.members.includes(userId);
}

/** Learners of the roster who are in no team, in roster order. */
export function unassignedLearners(set: TeamSet | undefined, roster: readonly UserId[]): readonly UserId[] {
  if (set === undefined) return roster;
  return roster.filter((userId) => teamOf(set, userId) === undefined);
}
