import { LaunchRefusedError } from '../../domain/lti/launch-refused.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import type { LaunchRecordIds, LaunchRecordRepo } from '../../store/lti/launch-record-repo.js';
import type { RunInTransaction } from '../../store/mongo/transaction.js';
import type { Outbox } from '../../xapi/outbox/outbox.js';
import type { PlatformSettingsRepo } from '../../xapi/platform-settings.js';
import { launched } from '../../xapi/statements/launch.js';
import { xapiContextFromLaunch, type ActorPseudonymizer } from '../../xapi/xapi-context.js';

/** What the launch statement needs from the xAPI layer. */
export interface LaunchStatementDeps {
  readonly outbox: Pick<Outbox, 'enqueueNew'>;
  /** The platform's privacy choices decide how the person appears in the statement. */
  readonly platformSettings: Pick<PlatformSettingsRepo, 'get'>;
  readonly pseudonymizer: ActorPseudonymizer;
  /** The tool's public URL (our IRIs live under it). */
  readonly toolUrl: string;
}

export interface RecordLaunchDeps {
  readonly launchRecords: LaunchRecordRepo;
  readonly xapi: LaunchStatementDeps;
  readonly inTransaction: RunInTransaction;
  readonly now: () => Date;
}

/**
 * Records who launched into which course with which roles — upserts the person, the course and
 * the membership — and enqueues one xAPI `launched` statement, all in one transaction: the
 * statement exists exactly when the records were written. The statement's id derives from the
 * launch id, so recording the same launch again (a reloaded landing page, a retried
 * transaction) adds no second statement.
 * @throws LaunchRefusedError `no-course-role` when none of the person's roles gives access
 *   (nothing is written then).
 */
export async function recordLaunch(deps: RecordLaunchDeps, launch: LaunchContext): Promise<LaunchRecordIds> {
  if (launch.roles.course.length === 0)
    throw new LaunchRefusedError('no-course-role', launch.roles.lti.join(' '));
  const at = deps.now();
  const settings = await deps.xapi.platformSettings.get(launch.platform.issuer);
  const { context, person } = xapiContextFromLaunch(launch, {
    toolUrl: deps.xapi.toolUrl,
    pseudonymizer: deps.xapi.pseudonymizer,
    privacy: settings.privacy,
  });
  const statement = launched(context, { person, eventId: launch.launchId, occurredAt: at });
  return deps.inTransaction(async (session) => {
    await deps.xapi.outbox.enqueueNew([statement], session);
    return deps.launchRecords.record(
      {
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
        at,
        clientId: launch.platform.clientId,
        services: {
          membershipsUrl: launch.services?.namesRoles?.membershipsUrl,
          lineItemsUrl: launch.services?.grades?.lineItemsUrl,
          agsScopes: launch.services?.grades?.scopes,
        },
      },
      session,
    );
  });
}
