/**
 * The xAPI side of learning events: turns the events services record (`LearningEventSink`, see
 * `src/services/shared/learning-events.ts`) into statements with the pure builders and enqueues
 * them in the caller's transaction.
 *
 * The statement context comes from stored records, not from a request: the person (platform
 * subject, e-mail, locale) from the people of recorded launches, the course (issuer, deployment,
 * context id, title) from the courses, the platform's client id from its registration and its
 * privacy choices from `xapiPlatformSettings`; the registration is the task's cycle
 * (`registrationFor(issuer, taskId, 1)`: one cycle per task today), the team is `context.team`
 * (and the actor of a ratification). Look-ups are cached for a short while (`cacheTtlMs`), so a
 * busy team costs a handful of reads per minute, and a changed privacy setting applies within
 * that time.
 *
 * Statement ids derive from the event (the standard's revision after the change, the frozen
 * version, …) and `enqueueNew` skips ids already in the outbox, so a retried transaction or a
 * replayed event adds nothing twice.
 *
 * Events with no statement yet (recorded as nothing, on purpose — no registered verb fits, or
 * they are operational rather than learning events): task created, phase changed, teams formed,
 * team joined/left, standard started from blank or a template, objection withdrawn, agreement
 * withdrawn, facilitator approval (the team's ratification it causes is sent), lock/unlock,
 * amendment opened, contribution split, reflection shared (who may read it, not learning).
 *
 * Stories need not belong to a task: then the statement has no registration and no team; views
 * and helpful marks are in the reader's course without a task. A view statement is one per
 * reader, story and UTC day; a helpful mark is one per mark (its time).
 */
import type { CriterionFacts, LearningEvent, LearningEventSink } from '../services/shared/learning-events.js';
import type { Tx } from '../store/mongo/transactions.js';
import type { Outbox } from './outbox/outbox.js';
import type { PlatformSettingsRepo } from './platform-settings.js';
import type { XapiStatement } from './statement-types.js';
import type { StandardRef } from './statements/common.js';
import {
  commented,
  criterionEdited,
  criterionProposed,
  criterionWithdrawn,
  objectionRaised,
  standardAdopted,
  standardAgreed,
  standardRatified,
  weightsGiven,
  type DiscussionTarget,
} from './statements/standard-setting.js';
import {
  reflectionWritten,
  retrospectiveCriterionRated,
  retrospectiveHeld,
} from './statements/reflection.js';
import { criterionRated, helpfulnessRated, reviewCompleted, workSubmitted } from './statements/review.js';
import {
  storyAuthored,
  storyMarkedHelpful,
  storyPublished,
  storyShared,
  storyViewed,
} from './statements/story.js';
import {
  registrationFor,
  type ActorPseudonymizer,
  type XapiContext,
  type XapiPerson,
  type XapiPrivacy,
} from './xapi-context.js';

/** The cycle of a team task in its registration (a task runs one cycle today). */
export const TASK_CYCLE = 1;

/** What the adapter looks up (implemented over the store by `createStatementDirectory`). */
export interface LearningEventDirectory {
  person(userId: string): Promise<
    | {
        readonly issuer: string;
        readonly subject: string;
        readonly email: string | undefined;
        readonly locale: string | undefined;
      }
    | undefined
  >;
  course(courseId: string): Promise<
    | {
        readonly issuer: string;
        readonly deploymentId: string;
        readonly contextId: string;
        readonly title: string | undefined;
      }
    | undefined
  >;
  clientId(issuer: string, deploymentId: string): Promise<string | undefined>;
  taskTitle(taskId: string): Promise<string | undefined>;
  teamName(taskId: string, teamId: string): Promise<string | undefined>;
}

export interface LearningEventStatementsOptions {
  readonly outbox: Pick<Outbox, 'enqueueNew'>;
  readonly platformSettings: Pick<PlatformSettingsRepo, 'get'>;
  readonly pseudonymizer: ActorPseudonymizer;
  /** The tool's public URL (our IRIs live under it). */
  readonly toolUrl: string;
  readonly directory: LearningEventDirectory;
  /** How long looked-up records stay cached (default 60 s). */
  readonly cacheTtlMs?: number;
  /** Most entries per cache (default 1,000; the oldest goes first). */
  readonly cacheSize?: number;
  /** For cache expiry (default: the system clock). */
  readonly clock?: () => number;
}

export interface LearningEventStatements extends LearningEventSink {
  /** The statements the events make (none for events without a statement). */
  statementsFor(events: readonly LearningEvent[]): Promise<XapiStatement[]>;
}

/** A small cache of looked-up values (misses and failures are not cached). */
function cache<V>(ttlMs: number, size: number, clock: () => number) {
  const entries = new Map<string, { value: V; until: number }>();
  return async (key: string, load: () => Promise<V | undefined>): Promise<V | undefined> => {
    const hit = entries.get(key);
    const now = clock();
    if (hit !== undefined && hit.until > now) return hit.value;
    const value = await load();
    entries.delete(key);
    if (value === undefined) return undefined;
    entries.set(key, { value, until: now + ttlMs });
    if (entries.size > size) entries.delete(entries.keys().next().value as string);
    return value;
  };
}

/** An event that needs a record which is not stored: a bug (services act on recorded launches). */
export class LearningEventContextError extends Error {
  constructor(what: string, id: string) {
    super(`learning event: no stored ${what} "${id}" to describe it in a statement`);
    this.name = 'LearningEventContextError';
  }
}

export function createLearningEventStatements(
  options: LearningEventStatementsOptions,
): LearningEventStatements {
  const ttl = options.cacheTtlMs ?? 60_000;
  const size = options.cacheSize ?? 1_000;
  const clock = options.clock ?? Date.now;
  const { directory } = options;
  const people = cache<NonNullable<Awaited<ReturnType<LearningEventDirectory['person']>>>>(ttl, size, clock);
  const courses = cache<NonNullable<Awaited<ReturnType<LearningEventDirectory['course']>>>>(ttl, size, clock);
  const clientIds = cache<string>(ttl, size, clock);
  const privacies = cache<XapiPrivacy>(ttl, size, clock);
  const titles = cache<string>(ttl, size, clock);
  const teamNames = cache<string>(ttl, size, clock);
  const toolUrl = options.toolUrl.replace(/\/+$/, '');

  async function personOf(userId: string): Promise<XapiPerson & { locale: string | undefined }> {
    const person = await people(userId, () => directory.person(userId));
    if (person === undefined) throw new LearningEventContextError('person', userId);
    return { id: person.subject, email: person.email, locale: person.locale };
  }

  /** The statement context of an event: course, platform, privacy, registration and team. */
  async function contextOf(
    event: LearningEvent,
    locale: string | undefined,
  ): Promise<{ ctx: XapiContext; standardName: string | undefined }> {
    const course = await courses(event.courseId, () => directory.course(event.courseId));
    if (course === undefined) throw new LearningEventContextError('course', event.courseId);
    const { issuer, deploymentId } = course;
    const teamId = 'teamId' in event ? event.teamId : undefined;
    // Stories may stand alone (no task, no team) and views are outside any task.
    const taskId = event.taskId;
    const [clientId, privacy, standardName, teamName] = await Promise.all([
      clientIds(`${issuer}\n${deploymentId}`, () => directory.clientId(issuer, deploymentId)),
      privacies(issuer, async () => (await options.platformSettings.get(issuer)).privacy),
      taskId !== undefined ? titles(taskId, () => directory.taskTitle(taskId)) : Promise.resolve(undefined),
      teamId !== undefined && taskId !== undefined
        ? teamNames(`${taskId}\n${teamId}`, () => directory.teamName(taskId, teamId))
        : Promise.resolve(undefined),
    ]);
    if (privacy === undefined) throw new LearningEventContextError('privacy setting', issuer);
    const ctx: XapiContext = {
      toolUrl,
      // CASE: a course from a platform whose registration was removed since: no client id to name.
      platform: { issuer, clientId: clientId ?? '' },
      deploymentId,
      course: { id: course.contextId, title: course.title },
      // Team tasks do not know their LTI placement (resource link) yet: the course is the parent.
      placement: undefined,
      registration: taskId !== undefined ? registrationFor(issuer, taskId, TASK_CYCLE) : undefined,
      team: teamId !== undefined ? { id: teamId, name: teamName } : undefined,
      locale,
      privacy,
      pseudonymizer: options.pseudonymizer,
    };
    return { ctx, standardName };
  }

  async function statementsOf(event: LearningEvent): Promise<XapiStatement[]> {
    switch (event.type) {
      case 'task-created':
      case 'phase-changed':
      case 'teams-formed':
      case 'team-joined':
      case 'team-left':
      case 'objection-withdrawn':
      case 'agreement-withdrawn':
      case 'standard-approved':
      case 'standard-locked':
      case 'standard-unlocked':
      case 'amendment-opened':
      case 'contribution-split-given':
      case 'reflection-shared':
        return [];
      case 'work-submitted':
      case 'review-submitted':
      case 'review-rated':
        return reviewStatementsOf(event);
      case 'reflection-saved':
      case 'retrospective-saved':
        return reflectionStatementsOf(event);
      case 'retrospective-rated':
        return retrospectiveRatingStatementsOf(event);
      case 'story-submitted':
      case 'story-shared':
      case 'story-published':
      case 'story-viewed':
      case 'story-marked-helpful':
        return storyStatementsOf(event);
      case 'standard-started':
        if (event.from === undefined) return [];
        break;
      default:
        break;
    }
    const person = await personOf(event.userId);
    const { ctx, standardName } = await contextOf(event, person.locale);
    const facts = { eventId: `${event.standardId}@${event.revision}`, occurredAt: event.at };
    const draft: StandardRef = { id: event.standardId, name: standardName };
    const target = (criterion: { id: string; name: string } | undefined): DiscussionTarget =>
      criterion === undefined
        ? { kind: 'standard', standard: draft }
        : { kind: 'criterion-proposal', criterion };
    switch (event.type) {
      case 'standard-started':
        return event.from === undefined
          ? []
          : [
              standardAdopted(ctx, {
                ...facts,
                by: 'team',
                from: { id: event.from.standardId, version: event.from.version },
                as: draft,
              }),
            ];
      case 'criterion-proposed':
        return [criterionProposed(ctx, { ...facts, person, criterion: event.criterion, standard: draft })];
      case 'criterion-edited':
        return [criterionEdited(ctx, { ...facts, person, criterion: event.criterion, standard: draft })];
      case 'criterion-withdrawn':
        return [criterionWithdrawn(ctx, { ...facts, person, criterion: event.criterion, standard: draft })];
      case 'comment-added':
        return [commented(ctx, { ...facts, person, target: target(event.criterion), text: event.text })];
      case 'objection-raised':
        return [
          objectionRaised(ctx, { ...facts, person, target: target(event.criterion), text: event.text }),
        ];
      case 'weights-given':
        return [
          weightsGiven(ctx, {
            ...facts,
            person,
            standard: draft,
            budget: event.budget,
            weights: event.points,
          }),
        ];
      case 'standard-agreed':
        return [standardAgreed(ctx, { ...facts, person, standard: { ...draft, version: event.version } })];
      case 'standard-ratified':
        return [
          standardRatified(ctx, {
            // One ratification per version, whichever change completed it.
            eventId: `${event.standardId}/v${event.version}`,
            occurredAt: event.at,
            standard: { ...draft, version: event.version },
          }),
        ];
      default:
        return [];
    }
  }

  /** Peer review: hand-ins, submitted reviews with one rating per criterion, helpfulness. */
  async function reviewStatementsOf(
    event: Extract<LearningEvent, { type: 'work-submitted' | 'review-submitted' | 'review-rated' }>,
  ): Promise<XapiStatement[]> {
    const person = await personOf(event.userId);
    const { ctx } = await contextOf(event, person.locale);
    switch (event.type) {
      case 'work-submitted':
        return [
          workSubmitted(ctx, {
            eventId: `${event.submissionId}@v${event.version}`,
            occurredAt: event.at,
            by: event.byTeam ? 'team' : person,
            submissionId: event.submissionId,
            ...(event.standard !== undefined
              ? { standard: { id: event.standard.standardId, version: event.standard.version } }
              : {}),
          }),
        ];
      case 'review-submitted': {
        const eventId = `${event.reviewId}@${event.revision}`;
        const standard = { id: event.standard.standardId, version: event.standard.version };
        return [
          reviewCompleted(ctx, {
            eventId,
            occurredAt: event.at,
            reviewer: person,
            reviewId: event.reviewId,
            submissionId: event.submissionId,
            standard,
            score: { raw: event.score, min: 0, max: 100 },
          }),
          ...event.ratings.map((rating) =>
            criterionRated(ctx, {
              eventId,
              occurredAt: event.at,
              reviewer: person,
              submissionId: event.submissionId,
              standard,
              criterion: criterionScale(rating.criterion),
              levelId: rating.levelId,
              ...(rating.comment.length > 0 ? { comment: rating.comment } : {}),
            }),
          ),
        ];
      }
      case 'review-rated':
        return [
          helpfulnessRated(ctx, {
            eventId: `${event.reviewId}/${event.userId}@${event.revision}`,
            occurredAt: event.at,
            person,
            reviewId: event.reviewId,
            reviewEventId: `${event.reviewId}@${event.reviewRevision}`,
            rating: { raw: event.stars, min: 1, max: 5 },
          }),
        ];
    }
  }

  /** An individual reflection (the person) and the team's retrospective (the team acts). */
  async function reflectionStatementsOf(
    event: Extract<LearningEvent, { type: 'reflection-saved' | 'retrospective-saved' }>,
  ): Promise<XapiStatement[]> {
    const person = await personOf(event.userId);
    const { ctx, standardName } = await contextOf(event, person.locale);
    const standard =
      event.standard === undefined
        ? undefined
        : { id: event.standard.standardId, version: event.standard.version, name: standardName };
    const text = event.text.trim() === '' ? undefined : event.text;
    if (event.type === 'reflection-saved')
      return [
        reflectionWritten(ctx, {
          eventId: `${event.reflectionId}@${event.revision}`,
          occurredAt: event.at,
          person,
          reflectionId: event.reflectionId,
          standard,
          text,
        }),
      ];
    return [
      retrospectiveHeld(ctx, {
        eventId: `${event.retrospectiveId}@${event.revision}`,
        occurredAt: event.at,
        retrospectiveId: event.retrospectiveId,
        standard,
        text,
      }),
    ];
  }

  /** A facilitator's rating of the team on its retrospective: one `rated` per criterion given a level. */
  async function retrospectiveRatingStatementsOf(
    event: Extract<LearningEvent, { type: 'retrospective-rated' }>,
  ): Promise<XapiStatement[]> {
    const person = await personOf(event.userId);
    const { ctx, standardName } = await contextOf(event, person.locale);
    const standard = { id: event.standard.standardId, version: event.standard.version, name: standardName };
    return event.ratings.map((rating) =>
      retrospectiveCriterionRated(ctx, {
        eventId: `${event.retrospectiveId}@${event.revision}`,
        occurredAt: event.at,
        facilitator: person,
        retrospectiveId: event.retrospectiveId,
        standard,
        criterion: criterionScale(rating.criterion),
        levelId: rating.levelId,
      }),
    );
  }

  /** Stories: authored and shared by their author, published by a curator, viewed, liked. */
  async function storyStatementsOf(
    event: Extract<
      LearningEvent,
      {
        type:
          'story-submitted' | 'story-shared' | 'story-published' | 'story-viewed' | 'story-marked-helpful';
      }
    >,
  ): Promise<XapiStatement[]> {
    const person = await personOf(event.userId);
    const { ctx } = await contextOf(event, person.locale);
    const story = { id: event.storyId, title: event.title };
    const by = person;
    switch (event.type) {
      case 'story-submitted':
        return [
          storyAuthored(ctx, {
            eventId: `${event.storyId}@${event.revision}`,
            occurredAt: event.at,
            by,
            story,
          }),
        ];
      case 'story-shared':
        return [
          storyShared(ctx, {
            eventId: `${event.storyId}@${event.revision}/${event.visibility}`,
            occurredAt: event.at,
            by,
            story,
          }),
        ];
      case 'story-published':
        return [
          storyPublished(ctx, {
            eventId: `${event.storyId}@${event.revision}`,
            occurredAt: event.at,
            by,
            story,
          }),
        ];
      case 'story-viewed':
        return [
          storyViewed(ctx, {
            eventId: `${event.storyId}/${event.userId}/${event.day}`,
            occurredAt: event.at,
            by,
            story,
          }),
        ];
      case 'story-marked-helpful':
        return [
          storyMarkedHelpful(ctx, {
            eventId: `${event.storyId}/${event.userId}@${event.at.toISOString()}`,
            occurredAt: event.at,
            by,
            story,
          }),
        ];
    }
  }

  const adapter: LearningEventStatements = {
    async statementsFor(events) {
      const out: XapiStatement[] = [];
      for (const event of events) out.push(...(await statementsOf(event)));
      return out;
    },
    async record(events, tx: Tx) {
      const statements = await adapter.statementsFor(events);
      await options.outbox.enqueueNew(statements, tx.session);
    },
  };
  return adapter;
}

/** A rated criterion with its levels as the statements' likert scale (the n-th level scores n). */
function criterionScale(
  criterion: CriterionFacts & { readonly levels: readonly { readonly id: string; readonly label: string }[] },
) {
  return {
    id: criterion.id,
    name: criterion.name,
    levels: criterion.levels.map((level, i) => ({ id: level.id, name: level.label, score: i + 1 })),
  };
}
