/**
 * The grade-publishing worker: takes due scores from the queue one at a time (leased, so several
 * processes never send the same one), makes sure the placement has its line item on the platform
 * (finds it by resource link, else creates it; kept on the placement), and posts the score.
 * A busy or failing platform (5xx, 429, network) gets the score again later with exponential
 * backoff — longer when it says `Retry-After` — until `maxAttempts`; then, or at once for a refusal
 * (other 4xx), the publication is `failed`, shown to the facilitator, who may retry it.
 */
import type { Logger } from '../../logger.js';
import type { GradeQueueRepo, GradePublication } from '../../store/grades/grade-queue-repo.js';
import type { PlacementRepo } from '../../store/lti/placement-repo.js';
import type { RosterRepo } from '../../store/lti/roster-repo.js';

/** A failed call to the platform, as the LTI layer reports it. */
export interface PlatformCallFailure {
  readonly message: string;
  readonly status?: number | undefined;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number | undefined;
}

/** The platform's grade service (adapter over `lti/advantage/ags-client.ts`). */
export interface GradeServicePort {
  findLineItem(
    platform: { issuer: string; clientId: string },
    lineItemsUrl: string,
    match: { resourceLinkId: string },
  ): Promise<string | undefined>;
  createLineItem(
    platform: { issuer: string; clientId: string },
    lineItemsUrl: string,
    spec: { label: string; scoreMaximum: number; resourceLinkId: string; resourceId: string; tag: string },
  ): Promise<string>;
  postScore(
    platform: { issuer: string; clientId: string },
    lineItemUrl: string,
    score: {
      userId: string;
      scoreGiven: number;
      scoreMaximum: number;
      comment?: string;
      activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
      gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
      timestamp: Date;
    },
  ): Promise<void>;
}

export interface PublishWorkerDeps {
  readonly queue: GradeQueueRepo;
  readonly placements: PlacementRepo;
  readonly rosters: Pick<RosterRepo, 'courseServices'>;
  readonly grades: GradeServicePort;
  readonly now: () => Date;
  readonly pollIntervalMs: number;
  readonly retryBaseMs: number;
  readonly maxAttempts: number;
  readonly logger: Logger;
}

export interface PublishWorker {
  start(): void;
  stop(): Promise<void>;
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Processes one due publication; false when there was none. */
  runOnce(): Promise<boolean>;
}

/** Lease while one publication is being sent (longer than any request timeout). */
const LEASE_MS = 5 * 60_000;
const MAX_DELAY_MS = 24 * 60 * 60_000;

class Permanent extends Error {}

function describe(err: unknown): PlatformCallFailure {
  if (err instanceof Permanent) return { message: err.message, retryable: false };
  const e = err as Partial<PlatformCallFailure> & { details?: { retryAfterMs?: number } };
  return {
    message: String(e.message ?? err).slice(0, 300),
    status: typeof e.status === 'number' ? e.status : undefined,
    // Unknown errors (a bug, the database) are retried: the score must not be lost.
    retryable: e.retryable ?? true,
    retryAfterMs: e.retryAfterMs ?? e.details?.retryAfterMs,
  };
}

/** Delay before attempt `attempt + 1`, after `attempt` failures (1-based). */
export function retryDelay(attempt: number, baseMs: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
  return Math.min(MAX_DELAY_MS, Math.max(exponential, retryAfterMs ?? 0));
}

export function createPublishWorker(deps: PublishWorkerDeps): PublishWorker {
  const log = deps.logger.child({ module: 'grade-publishing' });
  let running = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;

  async function send(item: GradePublication): Promise<void> {
    const placement = await deps.placements.findById(item.placementId);
    if (placement?.resourceLinkId === undefined)
      throw new Permanent('the placement is no longer in the course');
    const course = await deps.rosters.courseServices(placement.courseId);
    if (course?.clientId === undefined) throw new Permanent('the course has no platform registration');
    const platform = { issuer: course.issuer, clientId: course.clientId };
    let lineItemUrl = placement.lineItemUrl;
    if (lineItemUrl === undefined) {
      if (course.lineItemsUrl === undefined) throw new Permanent('the platform offers no grade service here');
      lineItemUrl =
        (await deps.grades.findLineItem(platform, course.lineItemsUrl, {
          resourceLinkId: placement.resourceLinkId,
        })) ??
        (await deps.grades.createLineItem(platform, course.lineItemsUrl, {
          label: placement.title,
          scoreMaximum: placement.scoreMaximum ?? item.scoreMaximum,
          resourceLinkId: placement.resourceLinkId,
          resourceId: placement.id,
          tag: 'teamloop',
        }));
      await deps.placements.setLineItemUrl(placement.id, lineItemUrl);
    }
    try {
      await deps.grades.postScore(platform, lineItemUrl, {
        userId: item.subject,
        scoreGiven: item.scoreGiven,
        scoreMaximum: item.scoreMaximum,
        ...(item.comment === undefined ? {} : { comment: item.comment }),
        activityProgress: item.activityProgress as 'Completed',
        gradingProgress: item.gradingProgress as 'FullyGraded',
        timestamp: item.timestamp,
      });
    } catch (err) {
      // CASE: the line item was deleted on the platform: find or create it again next time.
      if ((err as { status?: unknown }).status === 404) {
        await deps.placements.setLineItemUrl(placement.id, undefined);
        throw Object.assign(new Error('the line item is gone; it will be made again'), { retryable: true });
      }
      throw err;
    }
  }

  async function runOnce(): Promise<boolean> {
    const now = deps.now();
    const item = await deps.queue.claimDue(now, new Date(now.getTime() + LEASE_MS));
    if (item === undefined) return false;
    try {
      await send(item);
      await deps.queue.markSent(item.id, item.version, deps.now());
      log.debug({ publication: item.id }, 'score sent');
    } catch (err) {
      const failure = describe(err);
      const attempt = item.attempts + 1;
      if (failure.retryable === true && attempt < deps.maxAttempts) {
        const delay = retryDelay(attempt, deps.retryBaseMs, failure.retryAfterMs);
        await deps.queue.scheduleRetry(
          item.id,
          item.version,
          new Date(deps.now().getTime() + delay),
          failure.message,
          failure.status,
        );
        log.warn(
          { publication: item.id, attempt, delay, status: failure.status },
          'score not sent; will retry',
        );
      } else {
        await deps.queue.markFailed(item.id, item.version, failure.message, failure.status);
        log.warn({ publication: item.id, attempt, status: failure.status }, 'score could not be sent');
      }
    }
    return true;
  }

  async function run(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await runOnce();
      } catch (err) {
        log.error({ err }, 'grade publishing failed');
      }
      if (!worked && running) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          timer = setTimeout(resolve, deps.pollIntervalMs);
        });
        wakeUp = undefined;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      wakeUp?.();
      await loop;
      loop = undefined;
    },
    wake() {
      if (timer !== undefined) clearTimeout(timer);
      wakeUp?.();
    },
    runOnce,
  };
}
