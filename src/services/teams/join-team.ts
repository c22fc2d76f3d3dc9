/** A learner joins a self-selected team (moving from their current one). */
import type { TeamId } from '../../domain/shared/ids.js';
import { joinTeam as decide } from '../../domain/team/team-changes.js';
import type { TeamSetChange } from '../../domain/team/team.js';
import { changeTeamSet, type TeamChangeDeps, type TeamChangeInput } from './change-team-set.js';

export async function joinTeam(
  deps: TeamChangeDeps,
  input: TeamChangeInput & { readonly teamId: TeamId },
): Promise<TeamSetChange> {
  return changeTeamSet(
    deps,
    input,
    'join-team',
    (set, ctx) => decide(set, input.teamId, ctx),
    (_change, _before, base) => [{ ...base, type: 'team-joined', teamId: input.teamId }],
  );
}
