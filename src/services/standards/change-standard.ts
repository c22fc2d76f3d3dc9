/**
 * The shared shape of a change to a team's standard: load it with its task and team (course and
 * team checks) → check the revision the actor saw → decide (domain) → save with compare-and-set,
 * together with any version the change froze and the learning events it makes, in one
 * transaction.
 *
 * When someone else's save lands between this load and this save (a race, not a stale page), the
 * change is decided again on the fresh standard, a few times at most: every check the actor's
 * input carries (page revision, criterion revision, content revision, basis) is made again, so a
 * retry never overwrites what the other person saved; it only spares people a "someone changed
 * this" for changes that do not touch each other (two comments at the same moment).
 */
import { VersionConflictError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { assertRevision } from '../../domain/shared/revision.js';
import type { StandardContext } from '../../domain/standard/standard-access.js';
import type { RatificationOutcome } from '../../domain/standard/ratification.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { loadStandardForActor, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { LearningEvent, StandardEventBase } from '../shared/learning-events.js';

export type StandardDeps = Pick<
  TeamworkDeps,
  'teamTasks' | 'teamSets' | 'standards' | 'transaction' | 'now' | 'events'
>;

export interface StandardInput extends CourseActor {
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  /** The standard's revision the page was rendered from; a change in between → VersionConflictError. */
  readonly expectedRevision?: number;
  /**
   * The content revision (criteria and weights) the page showed; a content change in between →
   * VersionConflictError. Comments and objections in between do not count.
   */
  readonly expectedContentRevision?: number;
}

/** The learning events of a change, given the outcome, the standard before it and the common facts. */
export type StandardEvents = (
  outcome: RatificationOutcome,
  before: TeamStandard,
  base: StandardEventBase,
) => readonly LearningEvent[];

/** Attempts when a concurrent save wins the race between load and save. */
export const SAVE_ATTEMPTS = 3;

export async function changeStandard(
  deps: StandardDeps,
  input: StandardInput,
  action: string,
  decide: (standard: TeamStandard, ctx: StandardContext) => TeamStandard | RatificationOutcome,
  events: StandardEvents = () => [],
): Promise<RatificationOutcome> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadStandardForActor(deps, input, input.taskId, input.teamId, action);
    const { standard } = loaded;
    if (input.expectedRevision !== undefined) assertRevision(standard, input.expectedRevision, 'standard');
    if (
      input.expectedContentRevision !== undefined &&
      standard.contentRevision !== input.expectedContentRevision
    ) {
      throw new VersionConflictError({
        entity: 'standard-content',
        id: standard.id,
        expected: input.expectedContentRevision,
        actual: standard.contentRevision,
      });
    }
    const decided = decide(standard, loaded.ctx);
    const outcome: RatificationOutcome = 'standard' in decided ? decided : { standard: decided };
    if (outcome.standard === standard) return outcome;
    const base: StandardEventBase = {
      at: loaded.ctx.now,
      courseId: input.courseId,
      taskId: loaded.task.id,
      teamId: loaded.team.id,
      standardId: standard.id,
      userId: input.actor.userId,
      revision: outcome.standard.revision,
    };
    const happened = [
      ...events(outcome, standard, base),
      ...(outcome.ratified === undefined
        ? []
        : [{ ...base, type: 'standard-ratified', version: outcome.ratified.version } as const]),
    ];
    try {
      await deps.transaction(async (tx) => {
        await deps.standards.save(outcome.standard, input.courseId, standard.revision, tx);
        await deps.events.record(happened, tx);
      });
      return outcome;
    } catch (error) {
      // CASE: lost the race to another save; decide again on what that save left.
      if (!(error instanceof VersionConflictError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}
