/**
 * The learner home's content: the person's teams across the course's tasks and what to do next.
 * The launched router renders the page (at launch and at `/lti/app/my-teams`, where it has
 * already checked the learner role); this supplies its data. It acts as a learner even for
 * someone who is also a facilitator: this is their learner view.
 */
import type { LaunchContext } from '../../lti/launch-context.js';
import type { TeamworkDeps } from '../../services/shared/deps.js';
import { myTeams } from '../../services/tasks/my-teams.js';
import type { ProgressStore } from '../../services/tasks/learner-progress.js';
import type { CourseId, UserId } from '../../domain/shared/ids.js';
import { buildMyTeamsView } from '../view-models/my-teams.js';
import type { PeopleNames } from '../view-models/standard-page.js';

/** Who a launch is in the stored course records, and people's display names. */
export interface LearnerDirectory {
  idsOf(launch: {
    readonly issuer: string;
    readonly deploymentId: string;
    readonly contextId: string;
    readonly subject: string;
  }): Promise<{ readonly userId: UserId; readonly courseId: CourseId } | undefined>;
  people(ids: readonly UserId[]): Promise<PeopleNames>;
}

export type LearnerHome = (launch: LaunchContext) => Promise<Record<string, unknown>>;

export function createLearnerHome(deps: {
  readonly teamwork: () => TeamworkDeps;
  readonly directory: () => LearnerDirectory;
  /** The review repositories, so to-do items follow the learner's progress (plain items without). */
  readonly progress?: () => ProgressStore;
}): LearnerHome {
  return async (launch) => {
    const ids = await deps.directory().idsOf({
      issuer: launch.platform.issuer,
      deploymentId: launch.deployment.id,
      contextId: launch.course.id,
      subject: launch.user.id,
    });
    if (ids === undefined) return {};
    const tasks = await myTeams(
      { ...deps.teamwork(), ...deps.progress?.() },
      {
        actor: { userId: ids.userId, role: 'learner' },
        courseId: ids.courseId,
      },
    );
    const people = await deps.directory().people([...new Set(tasks.flatMap((t) => t.team?.members ?? []))]);
    return buildMyTeamsView(tasks, ids.userId, people);
  };
}
