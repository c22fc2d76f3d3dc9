/**
 * Learning events: the plain facts a use case reports about what a person (or the schedule) did,
 * with domain ids only — no xAPI, no LTI. A service passes them to the `LearningEventSink` inside
 * the same transaction as the domain write, so an event exists exactly when its change was
 * committed. The xAPI adapter (`src/xapi/learning-event-statements.ts`) turns the events it has
 * statements for into xAPI statements in the outbox; events without a statement yet are part of
 * the port all the same, so wiring a new statement later never touches a service.
 *
 * Every event identifies the change it describes (the standard's or task's revision after the
 * change, a frozen version, …), so recording the same event twice — a retried transaction —
 * adds nothing twice.
 */
import type {
  CommentId,
  CourseId,
  CriterionId,
  ObjectionId,
  StandardId,
  TeamId,
  TeamTaskId,
  UserId,
} from '../../domain/shared/ids.js';
import type { TaskPhase } from '../../domain/team-task/phases.js';
import type { FormationMode } from '../../domain/team/team.js';
import type { Tx } from '../../store/mongo/transactions.js';

/** What every event carries. */
export interface EventBase {
  /** When it happened (the service's clock; for scheduled phase changes, the date that was due). */
  readonly at: Date;
  readonly courseId: CourseId;
  readonly taskId: TeamTaskId;
}

/** Something a person did (a learner or a facilitator of the course). */
export interface PersonEventBase extends EventBase {
  readonly userId: UserId;
}

/** Something a person did to their team's standard. */
export interface StandardEventBase extends PersonEventBase {
  readonly teamId: TeamId;
  readonly standardId: StandardId;
  /** The standard's revision after the change (identifies the change). */
  readonly revision: number;
}

export interface CriterionFacts {
  readonly id: CriterionId;
  readonly name: string;
}

/**
 * Something a person did to a story. Stories may stand alone (no task): then there is no task
 * and no team; views and helpful marks are in the reader's course, outside any task.
 */
export interface StoryEventBase {
  readonly at: Date;
  readonly courseId: CourseId;
  readonly userId: UserId;
  readonly taskId?: TeamTaskId;
  readonly teamId?: TeamId;
  readonly storyId: string;
  /** The story's title (free text: sent only under the platform's privacy choice). */
  readonly title: string;
}

export type LearningEvent =
  // Team tasks
  | (PersonEventBase & { readonly type: 'task-created' })
  | (EventBase & {
      readonly type: 'phase-changed';
      readonly from: TaskPhase;
      readonly to: TaskPhase;
      /** The facilitator who moved it; undefined when the schedule did. */
      readonly userId: UserId | undefined;
      /** The task's revision after the change (with `to`, identifies the change). */
      readonly revision: number;
    })
  // Teams
  | (PersonEventBase & {
      readonly type: 'teams-formed';
      readonly mode: FormationMode;
      readonly teamIds: readonly TeamId[];
      readonly revision: number;
    })
  | (PersonEventBase & { readonly type: 'team-joined'; readonly teamId: TeamId; readonly revision: number })
  | (PersonEventBase & { readonly type: 'team-left'; readonly teamId: TeamId; readonly revision: number })
  // Standard setting
  | (StandardEventBase & {
      readonly type: 'standard-started';
      /** The library version the team started from, when it did. */
      readonly from?: { readonly standardId: StandardId; readonly version: number };
    })
  | (StandardEventBase & { readonly type: 'criterion-proposed'; readonly criterion: CriterionFacts })
  | (StandardEventBase & {
      readonly type: 'criterion-edited';
      readonly criterion: CriterionFacts;
      /** The criterion's revision number the edit made. */
      readonly criterionRevision: number;
    })
  | (StandardEventBase & { readonly type: 'criterion-withdrawn'; readonly criterion: CriterionFacts })
  | (StandardEventBase & {
      readonly type: 'comment-added';
      readonly commentId: CommentId;
      /** The criterion discussed; none for the standard as a whole. */
      readonly criterion?: CriterionFacts;
      readonly text: string;
    })
  | (StandardEventBase & {
      readonly type: 'objection-raised';
      readonly objectionId: ObjectionId;
      readonly criterion?: CriterionFacts;
      readonly text: string;
    })
  | (StandardEventBase & { readonly type: 'objection-withdrawn'; readonly objectionId: ObjectionId })
  | (StandardEventBase & {
      readonly type: 'weights-given';
      /** The budget every member distributes. */
      readonly budget: number;
      readonly points: readonly { readonly criterionId: CriterionId; readonly points: number }[];
    })
  | (StandardEventBase & {
      readonly type: 'standard-agreed';
      /** The version the agreement is for: the next one to be frozen. */
      readonly version: number;
    })
  | (StandardEventBase & { readonly type: 'agreement-withdrawn' })
  | (StandardEventBase & {
      /** The team's standard was ratified (the team is the actor); `userId` completed it. */
      readonly type: 'standard-ratified';
      readonly version: number;
    })
  | (StandardEventBase & { readonly type: 'standard-approved'; readonly version: number })
  | (StandardEventBase & { readonly type: 'standard-locked' })
  | (StandardEventBase & { readonly type: 'standard-unlocked' })
  | (StandardEventBase & { readonly type: 'amendment-opened' })
  // Peer review
  | (PersonEventBase & {
      /** `userId` handed in; the team's work (team mode) or their own (person mode). */
      readonly type: 'work-submitted';
      readonly submissionId: string;
      /** The owning team (team mode; and a person's team in person mode). */
      readonly teamId?: TeamId;
      readonly byTeam: boolean;
      /** 1 for the first hand-in, +1 per resubmission (identifies the event). */
      readonly version: number;
      readonly late: boolean;
      /** The owning team's latest ratified standard version, when there is one. */
      readonly standard?: { readonly standardId: StandardId; readonly version: number };
    })
  | (PersonEventBase & {
      /** A peer review or self-assessment was submitted (or revised before release). */
      readonly type: 'review-submitted';
      /** The reviewer's team in the task. */
      readonly teamId?: TeamId;
      readonly reviewId: string;
      readonly submissionId: string;
      readonly kind: 'peer' | 'self';
      /** The review's revision after submitting (identifies the event). */
      readonly revision: number;
      /** The pinned standard version (its team's standard). */
      readonly standard: { readonly standardId: StandardId; readonly version: number };
      /** What this review alone gives the work, 0–100 (weighted levels). */
      readonly score: number;
      readonly ratings: readonly {
        readonly criterion: CriterionFacts & {
          /** Lowest first. */
          readonly levels: readonly { readonly id: string; readonly label: string }[];
        };
        readonly levelId: string;
        readonly comment: string;
      }[];
    })
  | (PersonEventBase & {
      /** An author rated how helpful a peer review was (1–5). */
      readonly type: 'review-rated';
      /** The rater's team in the task. */
      readonly teamId?: TeamId;
      readonly reviewId: string;
      /** The rated review's revision when it was submitted (points at its `reviewed` statement). */
      readonly reviewRevision: number;
      readonly stars: number;
      /** The rating's revision (identifies the event). */
      readonly revision: number;
    })
  | (PersonEventBase & {
      /** A team member gave their contribution split (no statement: operational for grading). */
      readonly type: 'contribution-split-given';
      readonly teamId: TeamId;
      readonly revision: number;
    })
  // Reflection and retrospectives
  | (PersonEventBase & {
      /** A member wrote or revised their individual reflection. */
      readonly type: 'reflection-saved';
      readonly teamId: TeamId;
      readonly reflectionId: string;
      /** The reflection's revision after saving (identifies the event). */
      readonly revision: number;
      readonly standard?: { readonly standardId: StandardId; readonly version: number };
      /** The answers (free text: sent only under the platform's privacy choice). */
      readonly text: string;
    })
  | (PersonEventBase & {
      /** The author changed who sees their reflection (no statement: an audience, not learning). */
      readonly type: 'reflection-shared';
      readonly teamId: TeamId;
      readonly reflectionId: string;
      readonly revision: number;
      readonly sharedWith: readonly string[];
    })
  | (PersonEventBase & {
      /** `userId` saved the team's retrospective (ratings and notes); the team is the actor. */
      readonly type: 'retrospective-saved';
      readonly teamId: TeamId;
      readonly retrospectiveId: string;
      /** The retrospective's revision after saving (identifies the event). */
      readonly revision: number;
      readonly standard?: { readonly standardId: StandardId; readonly version: number };
      /** What went well and what to improve (free text: privacy rules apply). */
      readonly text: string;
    })
  | (PersonEventBase & {
      /**
       * A facilitator (`userId`) rated the team's work per criterion on its retrospective; the
       * team is the context. Only criteria given a level; none without a pinned standard version.
       */
      readonly type: 'retrospective-rated';
      readonly teamId: TeamId;
      readonly retrospectiveId: string;
      /** The retrospective's revision after the rating (identifies the event). */
      readonly revision: number;
      /** The pinned standard version the levels belong to. */
      readonly standard: { readonly standardId: StandardId; readonly version: number };
      readonly ratings: readonly {
        readonly criterion: CriterionFacts & {
          /** Lowest first. */
          readonly levels: readonly { readonly id: string; readonly label: string }[];
        };
        readonly levelId: string;
      }[];
    })
  // Stories
  | (StoryEventBase & {
      /** A story was submitted to the curators (authored). */
      readonly type: 'story-submitted';
      readonly revision: number;
    })
  | (StoryEventBase & {
      /** The author shared the story with an audience (on submit, and when an edit changes it). */
      readonly type: 'story-shared';
      readonly visibility: 'team' | 'course' | 'platform';
      readonly revision: number;
    })
  | (StoryEventBase & {
      /** A curator published (or featured) the story in the library. */
      readonly type: 'story-published';
      readonly featured: boolean;
      readonly revision: number;
    })
  | (StoryEventBase & {
      /** A reader opened a listed story; one event per reader, story and UTC day (`day`). */
      readonly type: 'story-viewed';
      /** `YYYY-MM-DD` (UTC) of the view (identifies the event). */
      readonly day: string;
    })
  | (StoryEventBase & {
      /** A reader marked the story helpful (taking the mark back is no event). */
      readonly type: 'story-marked-helpful';
    });

export type LearningEventType = LearningEvent['type'];

/** Where services report learning events; implemented by the xAPI layer. */
export interface LearningEventSink {
  /**
   * Records the events in the caller's transaction (`tx` must be the transaction that saves the
   * change they describe). Recording an event that was recorded before adds nothing.
   */
  record(events: readonly LearningEvent[], tx: Tx): Promise<void>;
}
