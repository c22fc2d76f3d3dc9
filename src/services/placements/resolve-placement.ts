/**
 * Which team task a resource-link launch opens: the placement bound to the link; else the one
 * named by the link's custom parameters (`teamloop_placement`, set by our deep-linking response),
 * bound now — only when it belongs to this course (a course copied in the LMS carries the old
 * parameters). The platform's line item for the link, when it sends one, is kept on the placement.
 */
import { asTeamTaskId, type CourseId, type TeamTaskId } from '../../domain/shared/ids.js';
import type { Placement, PlacementRepo } from '../../store/lti/placement-repo.js';
import type { TeamTaskRepo } from '../../store/team-tasks/team-task-repo.js';

export const PLACEMENT_PARAM = 'teamloop_placement';
export const TASK_PARAM = 'teamloop_task';

export interface ResourceLinkLaunch {
  readonly issuer: string;
  readonly deploymentId: string;
  readonly courseId: CourseId;
  readonly resourceLinkId: string;
  readonly custom: Readonly<Record<string, string>>;
  readonly lineItemUrl: string | undefined;
}

export type PlacementResolution =
  | { readonly kind: 'task'; readonly taskId: TeamTaskId; readonly placement: Placement }
  | { readonly kind: 'unconfigured' };

export async function resolvePlacement(
  deps: { readonly placements: PlacementRepo; readonly teamTasks: Pick<TeamTaskRepo, 'findById'> },
  launch: ResourceLinkLaunch,
): Promise<PlacementResolution> {
  const key = {
    issuer: launch.issuer,
    deploymentId: launch.deploymentId,
    resourceLinkId: launch.resourceLinkId,
  };
  let placement = await deps.placements.findByResourceLink(key);
  if (placement === undefined) {
    const named = launch.custom[PLACEMENT_PARAM];
    const candidate = named === undefined ? undefined : await deps.placements.findById(named);
    if (
      candidate !== undefined &&
      candidate.courseId === launch.courseId &&
      candidate.resourceLinkId === undefined &&
      (await deps.placements.bind(candidate.id, launch.resourceLinkId, launch.lineItemUrl))
    ) {
      placement = await deps.placements.findById(candidate.id);
    } else if (candidate?.resourceLinkId === launch.resourceLinkId) {
      placement = candidate;
    }
  }
  if (placement === undefined || placement.courseId !== launch.courseId) return { kind: 'unconfigured' };
  const task = await deps.teamTasks.findById(asTeamTaskId(placement.taskId));
  if (task === undefined || task.courseId !== launch.courseId) return { kind: 'unconfigured' };
  if (launch.lineItemUrl !== undefined && launch.lineItemUrl !== placement.lineItemUrl) {
    await deps.placements.setLineItemUrl(placement.id, launch.lineItemUrl);
  }
  return { kind: 'task', taskId: task.id, placement };
}
