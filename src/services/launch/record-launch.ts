import { LaunchRefusedError } from '../../domain/lti/launch-refused.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import type { LaunchRecordIds, LaunchRecordRepo } from '../../store/lti/launch-record-repo.js';

export interface RecordLaunchDeps {
  readonly launchRecords: LaunchRecordRepo;
  readonly now: () => Date;
}

/**
 * Records who launched into which course with which roles: upserts the person, the course and
 * the membership.
 * @throws LaunchRefusedError `no-course-role` when none of the person's roles gives access
 *   (nothing is written then).
 */
export async function recordLaunch(deps: RecordLaunchDeps, launch: LaunchContext): Promise<LaunchRecordIds> {
  if (launch.roles.course.length === 0)
    throw new LaunchRefusedError('no-course-role', launch.roles.lti.join(' '));
  return deps.launchRecords.record({
    issuer: launch.platform.issuer,
    deploymentId: launch.deployment.id,
    person: {
      subject: launch.user.id,
      name: launch.user.name,
      givenName: launch.user.givenName,
      familyName: launch.user.familyName,
      email: launch.user.email,
      locale: launch.locale,
    },
    course: { contextId: launch.course.id, title: launch.course.title, label: launch.course.label },
    roles: launch.roles.course,
    ltiRoles: launch.roles.lti,
    at: deps.now(),
  });
}
