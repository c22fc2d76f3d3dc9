/**
 * Placing a team task in the course from the LMS: a facilitator chooses a new team task or a copy
 * of one in the course, with a title and whether (and out of how many points) it is graded. The
 * task is created with `createTeamTask`; the placement records which task the resource link opens
 * — bound now (an unconfigured link set up in place) or at the link's first launch (deep linking,
 * where the platform makes the link after our response).
 */
import { InvalidInputError, type FieldIssue } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import { PHASE_NAMES } from '../../domain/team-task/phases.js';
import type { TeamTask, TeamTaskSettings } from '../../domain/team-task/team-task.js';
import type { Placement, PlacementRepo } from '../../store/lti/placement-repo.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { createTeamTask } from '../tasks/create-team-task.js';

export const MAX_POINTS_LIMIT = 10_000;

export type PlacementChoice =
  { readonly kind: 'new' } | { readonly kind: 'copy'; readonly sourceTaskId: TeamTaskId };

export interface PlaceTeamTaskInput extends CourseActor {
  readonly choice: PlacementChoice;
  readonly title: string;
  readonly graded: boolean;
  /** Required when graded: a whole number 1..10000. */
  readonly maxPoints: number | undefined;
  /** The launch this happens in. */
  readonly platform: { readonly issuer: string; readonly deploymentId: string; readonly contextId: string };
  /** Set when an existing (unconfigured) resource link is set up in place. */
  readonly resourceLinkId?: string | undefined;
  readonly lineItemUrl?: string | undefined;
}

export interface PlaceTeamTaskDeps {
  readonly teamwork: Pick<TeamworkDeps, 'teamTasks' | 'now' | 'newId' | 'transaction' | 'events'>;
  readonly placements: PlacementRepo;
}

function newTaskSettings(title: string): TeamTaskSettings {
  return {
    title,
    brief: '',
    outcome: '',
    phases: [...PHASE_NAMES],
    schedule: {},
    consensusRule: 'consent',
    standardStart: { kind: 'blank' },
  };
}

function copiedSettings(source: TeamTask, title: string): TeamTaskSettings {
  // Dates belong to the source's run; the copy starts without a schedule.
  return {
    title,
    brief: source.brief,
    outcome: source.outcome,
    phases: [...source.phases],
    schedule: {},
    consensusRule: source.consensusRule,
    standardStart: source.standardStart,
  };
}

/**
 * @throws NotPermittedError unless a facilitator of the course acts (or the copied task is of another course).
 * @throws InvalidInputError for a missing title, points outside 1..10000 when graded.
 * @throws NotFoundError for an unknown task to copy.
 */
export async function placeTeamTask(
  deps: PlaceTeamTaskDeps,
  input: PlaceTeamTaskInput,
): Promise<{ readonly task: TeamTask; readonly placement: Placement }> {
  requireFacilitator(input.actor, 'place-team-task');
  const title = input.title.trim();
  const issues: FieldIssue[] = [];
  if (title.length === 0 || title.length > 200) issues.push({ field: 'title', code: 'required' });
  if (
    input.graded &&
    (input.maxPoints === undefined ||
      !Number.isInteger(input.maxPoints) ||
      input.maxPoints < 1 ||
      input.maxPoints > MAX_POINTS_LIMIT)
  ) {
    issues.push({ field: 'maxPoints', code: 'out-of-range' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const settings =
    input.choice.kind === 'copy'
      ? copiedSettings(
          await loadTaskInCourse(deps.teamwork, input.courseId, input.choice.sourceTaskId, 'copy-team-task'),
          title,
        )
      : newTaskSettings(title);
  let placement: Placement | undefined;
  // The task and the placement that opens it are written together: never a task no link opens.
  const task = await createTeamTask(
    deps.teamwork,
    { actor: input.actor, courseId: input.courseId, settings },
    async (created, tx) => {
      placement = await deps.placements.insert(
        {
          id: deps.teamwork.newId(),
          courseId: input.courseId,
          issuer: input.platform.issuer,
          deploymentId: input.platform.deploymentId,
          contextId: input.platform.contextId,
          taskId: created.id,
          title,
          graded: input.graded,
          scoreMaximum: input.graded ? input.maxPoints : undefined,
          resourceLinkId: input.resourceLinkId,
          lineItemUrl: input.lineItemUrl,
          createdBy: input.actor.userId,
          at: deps.teamwork.now(),
        },
        tx,
      );
    },
  );
  return { task, placement: placement! };
}
