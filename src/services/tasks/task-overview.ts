/**
 * The facilitator's overview of one task: the timeline, what is left to do, and every team with
 * its standard's status, consensus progress, alignment figures and last activity side by side.
 */
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import { alignmentOf, type Alignment } from '../../domain/standard/alignment.js';
import { summariseStandard, type StandardSummary } from '../../domain/standard/standard-summary.js';
import { buildTimeline, type Timeline } from '../../domain/team-task/timeline.js';
import { toDoFor, type ToDo } from '../../domain/team-task/to-do.js';
import type { TeamTask } from '../../domain/team-task/team-task.js';
import { unassignedLearners, type FormationMode, type Team } from '../../domain/team/team.js';
import { loadTaskInCourse, requireFacilitator, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export interface TeamOverview {
  readonly team: Team;
  /** Undefined until the team's standard is started. */
  readonly standard?: StandardSummary;
  readonly alignment?: Alignment;
}

export interface TaskOverview {
  readonly task: TeamTask;
  readonly timeline: Timeline;
  readonly formation?: FormationMode;
  readonly teamSetRevision?: number;
  readonly teams: readonly TeamOverview[];
  readonly unassigned: readonly UserId[];
  readonly toDo: readonly ToDo[];
}

export async function taskOverview(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'roster' | 'now'>,
  input: CourseActor & { readonly taskId: TeamTaskId },
): Promise<TaskOverview> {
  requireFacilitator(input.actor, 'view-task-overview');
  const task = await loadTaskInCourse(deps, input.courseId, input.taskId, 'view-task-overview');
  const [teamSet, standards, roster] = await Promise.all([
    deps.teamSets.findByTask(task.id),
    deps.standards.listByTask(task.id),
    deps.roster.learnersOf(input.courseId),
  ]);
  const now = deps.now();
  return {
    task,
    timeline: buildTimeline(task, now),
    ...(teamSet !== undefined ? { formation: teamSet.mode, teamSetRevision: teamSet.revision } : {}),
    teams: (teamSet?.teams ?? []).map((team): TeamOverview => {
      const standard = standards.find((s) => s.teamId === team.id);
      return standard === undefined
        ? { team }
        : {
            team,
            standard: summariseStandard(standard, task, team),
            alignment: alignmentOf(standard, team.members),
          };
    }),
    unassigned: unassignedLearners(teamSet, roster),
    toDo: toDoFor({
      task,
      ...(teamSet !== undefined ? { teamSet } : {}),
      standards,
      roster,
      actor: input.actor,
      now,
    }),
  };
}
