/** A learner leaves their self-selected team. */
import { leaveTeam as decide } from '../../domain/team/team-changes.js';
import type { TeamSetChange } from '../../domain/team/team.js';
import { changeTeamSet, type TeamChangeDeps, type TeamChangeInput } from './change-team-set.js';

export async function leaveTeam(deps: TeamChangeDeps, input: TeamChangeInput): Promise<TeamSetChange> {
  const change = await changeTeamSet(deps, input, 'leave-team', (set, ctx) => decide(set, ctx));
  // xAPI: left team
  return change;
}
