/**
 * Placing a team task in the course from the LMS: a facilitator chooses a new team task, a copy
 * of one in the course, or a new one that starts from a library standard they may see, with a title and whether (and out of how many points) it is graded. The
 * task is created with `createTeamTask`; the placement records which task the resource link opens
 * — bound now (an unconfigured link set up in place) or at the link's first launch (deep linking,
 * where the platform makes the link after our response).
 */
import type { LibraryStandardId } from '../../domain/library/library-standard.js';
import { InvalidInputError, NotFoundError, type FieldIssue } from '../../domain/shared/errors.js';
import type { TeamTaskId } from '../../domain/shared/ids.js';
import type { TenantKey } from '../../domain/shared/tenant.js';
import { PHASE_NAMES } from '../../domain/team-task/phases.js';
import type { StandardStart, TeamTask, TeamTaskSettings } from '../../domain/team-task/team-task.js';
import { startFromLibraryStandard } from '../library/library-standards.js';
import type { LibraryDeps } from '../shared/library-deps.js';
import type { Placement, PlacementRepo } from '../../store/lti/placement-repo.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';
import { createTeamTask } from '../tasks/create-team-task.js';

export const MAX_POINTS_LIMIT = 10_000;

export type PlacementChoice =
  | { readonly kind: 'new' }
  | { readonly kind: 'copy'; readonly sourceTaskId: TeamTaskId }
  | { readonly kind: 'library'; readonly libraryStandardId: LibraryStandardId };

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
  /** The launch's tenant: which library standards the facilitator may start from. */
  readonly tenant?: TenantKey;
}

export interface PlaceTeamTaskDeps {
  readonly teamwork: Pick<TeamworkDeps, 'teamTasks' | 'now' | 'newId' | 'transaction' | 'events'>;
  readonly placements: PlacementRepo;
  /** The library (for a task that starts from a library standard); without it none can. */
  readonly library?: Pick<LibraryDeps, 'libraryStandards'>;
}

function newTaskSettings(title: string, standardStart: StandardStart = { kind: 'blank' }): TeamTaskSettings {
  return {
    title,
    brief: '',
    outcome: '',
    phases: [...PHASE_NAMES],
    schedule: {},
    consensusRule: 'consent',
    standardStart,
  };
}

/**
 * The starting point of a library standard this facilitator may see (same tenant, visibility,
 * not withdrawn); the library decides.
 * @throws InvalidInputError (field `fromLibrary`, code `unknown`) for one they may not see or
 *   that does not exist — the same answer for both, so nothing about other libraries leaks.
 */
async function libraryStart(
  deps: PlaceTeamTaskDeps,
  input: PlaceTeamTaskInput,
  libraryStandardId: LibraryStandardId,
): Promise<StandardStart> {
  const unknown = new InvalidInputError([{ field: 'fromLibrary', code: 'unknown' }]);
  if (deps.library === undefined || input.tenant === undefined) throw unknown;
  try {
    return await startFromLibraryStandard(deps.library, {
      ...input,
      tenant: input.tenant,
      libraryStandardId,
    });
  } catch (error) {
    if (error instanceof NotFoundError) throw unknown;
    throw error;
  }
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
 * @throws InvalidInputError (field `fromLibrary`) for a library standard unknown or not visible here.
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
  const choice = input.choice;
  const settings =
    choice.kind === 'copy'
      ? copiedSettings(
          await loadTaskInCourse(deps.teamwork, input.courseId, choice.sourceTaskId, 'copy-team-task'),
          title,
        )
      : choice.kind === 'library'
        ? newTaskSettings(title, await libraryStart(deps, input, choice.libraryStandardId))
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
