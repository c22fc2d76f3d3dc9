/** A facilitator puts a learner into a team, or into none (with a warning once work has started). */
import type { TeamId, UserId } from '../../domain/shared/ids.js';
import { moveLearner as decide } from '../../domain/team/team-changes.js';
import type { TeamSetChange } from '../../domain/team/team.js';
import { requireFacilitator } from '../shared/access.js';
import { changeTeamSet, type TeamChangeDeps, type TeamChangeInput } from './change-team-set.js';

export async function moveLearner(
  deps: TeamChangeDeps,
  input: TeamChangeInput & { readonly learner: UserId; readonly teamId: TeamId | undefined },
): Promise<TeamSetChange> {
  requireFacilitator(input.actor, 'move-learner');
  return changeTeamSet(deps, input, 'move-learner', (set, ctx) =>
    decide(set, input.learner, input.teamId, ctx),
  );
}
