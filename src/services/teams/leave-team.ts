/** A learner leaves their self-selected team. */
import { leaveTeam as decide } from '../../domain/team/team-changes.js';
import { teamOf, type TeamSetChange } from '../../domain/team/team.js';
import { changeTeamSet, type TeamChangeDeps, type TeamChangeInput } from './change-team-set.js';

export async function leaveTeam(deps: TeamChangeDeps, input: TeamChangeInput): Promise<TeamSetChange> {
  return changeTeamSet(
    deps,
    input,
    'leave-team',
    (set, ctx) => decide(set, ctx),
    (_change, before, base) => {
      const left = teamOf(before, input.actor.userId);
      return left === undefined ? [] : [{ ...base, type: 'team-left', teamId: left.id }];
    },
  );
}
