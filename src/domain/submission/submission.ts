/**
 * A submission: the work a team (or one person, as the task says) hands in for peer review.
 *
 * It has a working copy (`draft`) that its owners edit freely and, once handed in, a `submitted`
 * copy that reviewers see. Handing in again replaces the submitted copy with a new version — but
 * only while the work phase is open (before its deadline): reviews judge the version that was
 * there when the work phase closed, so it must not change under a reviewer. After the deadline
 * a task may accept late work: a first hand-in is then accepted and flagged with how late it is;
 * there is no late *re*submission.
 *
 * Content is kept as the owners wrote it: markdown source (rendering and sanitising HTML is the
 * web layer's job), links (http and https only) and references to stored files (name, size,
 * content type; the bytes live elsewhere). The size limit and the content-type allow-list are
 * configuration, passed in as `SubmissionLimits`.
 */

import type { Actor } from '../shared/actor.js';
import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { Brand, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import { checkText } from '../shared/text-rules.js';

export type SubmissionId = Brand<string, 'SubmissionId'>;
export type FileId = Brand<string, 'FileId'>;

export const asSubmissionId = (value: string): SubmissionId =>
  nonEmpty('SubmissionId', value) as SubmissionId;
export const asFileId = (value: string): FileId => nonEmpty('FileId', value) as FileId;

function nonEmpty(kind: string, value: string): string {
  if (value.length === 0) throw new TypeError(`${kind} must not be empty`);
  return value;
}

/** Task setting: one submission per team, or one per person. */
export type SubmissionMode = 'team' | 'person';

/**
 * Whose work it is. `members` are the authors: the team's members when the submission was
 * started (team mode) or the one person; nobody among them may review it. `teamId` is also set
 * for a person's submission when that person is in a team (allocation across teams needs it).
 */
export type SubmissionOwner =
  | { readonly kind: 'team'; readonly teamId: TeamId; readonly members: readonly UserId[] }
  | { readonly kind: 'person'; readonly userId: UserId; readonly teamId?: TeamId };

export type ContentPart =
  | { readonly kind: 'text'; readonly markdown: string }
  | { readonly kind: 'link'; readonly url: string; readonly title?: string }
  | {
      readonly kind: 'file';
      readonly fileId: FileId;
      readonly name: string;
      /** Bytes. */
      readonly size: number;
      readonly contentType: string;
    };

export interface Lateness {
  /** Milliseconds after the deadline the work was handed in (always > 0). */
  readonly byMs: number;
  readonly dueAt: Date;
}

export interface SubmittedVersion {
  /** 1 for the first hand-in, +1 for every resubmission. */
  readonly version: number;
  readonly parts: readonly ContentPart[];
  readonly at: Date;
  readonly by: UserId;
  /** Present when the version came in after the deadline. */
  readonly late?: Lateness;
}

export interface Submission {
  readonly id: SubmissionId;
  readonly taskId: TeamTaskId;
  readonly owner: SubmissionOwner;
  /** The working copy; what reviewers see is `submitted`. */
  readonly draft: readonly ContentPart[];
  readonly submitted?: SubmittedVersion;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: UserId;
  /** Optimistic-concurrency counter, +1 on every change. */
  readonly revision: number;
}

export interface SubmissionLimits {
  readonly maxParts: number;
  readonly maxTextLength: number;
  readonly maxUrlLength: number;
  readonly maxFileBytes: number;
  /** Lower-case MIME types, e.g. `application/pdf`. */
  readonly allowedContentTypes: readonly string[];
}

/** Defaults for tests and for configuration to start from. */
export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = {
  maxParts: 20,
  maxTextLength: 50_000,
  maxUrlLength: 2_000,
  maxFileBytes: 10 * 1024 * 1024,
  allowedContentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'],
};

/** Where the task is, in the phase names of `team-task/phases.ts`. */
export type TaskPhaseName =
  'setup' | 'standard-setting' | 'work' | 'peer-review' | 'reflection' | 'share' | 'closed';

/**
 * The facts about the task a submission rule needs, computed by the service from the team task:
 * the current phase, the work deadline, and whether (and until when) late work is accepted.
 */
export interface WorkWindow {
  readonly phase: TaskPhaseName;
  /** The work phase's close date; without one, work is on time until the phase ends. */
  readonly dueAt?: Date;
  readonly lateSubmissions: { readonly allowed: false } | { readonly allowed: true; readonly until?: Date };
}

/** What a hand-in at `now` would be. */
export type SubmissionTiming =
  | { readonly kind: 'on-time' }
  | { readonly kind: 'late'; readonly lateness: Lateness }
  | {
      readonly kind: 'closed';
      readonly reason: 'not-started' | 'deadline-passed' | 'late-window-over' | 'phase-over';
    };

/**
 * On time: the task is in the work phase and its deadline (if any) has not passed. Late: the
 * deadline has passed (the task may still be in work or already in peer review — pull
 * allocation gives late work reviewers) and the task accepts late work until `until`.
 */
export function submissionTiming(window: WorkWindow, now: Date): SubmissionTiming {
  const { phase, dueAt } = window;
  if (phase === 'setup' || phase === 'standard-setting') return { kind: 'closed', reason: 'not-started' };
  const pastDue = dueAt !== undefined && now >= dueAt;
  if (phase === 'work' && !pastDue) return { kind: 'on-time' };
  const lateWindow = window.lateSubmissions;
  const latePhase = phase === 'work' || phase === 'peer-review';
  if (!lateWindow.allowed || dueAt === undefined) {
    return { kind: 'closed', reason: phase === 'work' ? 'deadline-passed' : 'phase-over' };
  }
  if (!latePhase) return { kind: 'closed', reason: 'phase-over' };
  if (lateWindow.until !== undefined && now >= lateWindow.until)
    return { kind: 'closed', reason: 'late-window-over' };
  return { kind: 'late', lateness: { byMs: now.getTime() - dueAt.getTime(), dueAt } };
}

/** Whether `userId` is one of the submission's authors. */
export function isAuthor(owner: SubmissionOwner, userId: UserId): boolean {
  return owner.kind === 'team' ? owner.members.includes(userId) : owner.userId === userId;
}

export function authorsOf(owner: SubmissionOwner): readonly UserId[] {
  return owner.kind === 'team' ? owner.members : [owner.userId];
}

/** The team the work belongs to, if any (a person's submission carries the person's team). */
export function teamOfOwner(owner: SubmissionOwner): TeamId | undefined {
  return owner.teamId;
}

/**
 * A new, empty submission. Learners start their own (or their team's); facilitators may start
 * one on behalf of anyone.
 * @throws NotPermittedError when a learner starts a submission they are not an author of.
 * @throws PhaseConflictError when no hand-in is possible now (not started, or closed for good).
 */
export function startSubmission(
  input: { readonly id: SubmissionId; readonly taskId: TeamTaskId; readonly owner: SubmissionOwner },
  actor: Actor,
  window: WorkWindow,
  now: Date,
): Submission {
  assertMayEdit(input.owner, actor, 'start-submission');
  assertCanHandIn(window, now, 'start-submission', input.taskId);
  if (input.owner.kind === 'team' && input.owner.members.length === 0) {
    throw new InvalidInputError([{ field: 'owner.members', code: 'required' }]);
  }
  return {
    id: input.id,
    taskId: input.taskId,
    owner: input.owner,
    draft: [],
    createdAt: now,
    updatedAt: now,
    updatedBy: actor.userId,
    revision: 1,
  };
}

/**
 * Replaces the working copy. Allowed whenever a hand-in is possible: on time, and after the
 * deadline only for work never handed in (a late first hand-in).
 * @throws NotPermittedError when the actor is not an author (facilitators may not edit work).
 * @throws PhaseConflictError when the work can no longer change.
 * @throws InvalidInputError listing every part that breaks a rule.
 */
export function saveDraft(
  submission: Submission,
  parts: readonly ContentPart[],
  actor: Actor,
  window: WorkWindow,
  now: Date,
  limits: SubmissionLimits = DEFAULT_SUBMISSION_LIMITS,
): Submission {
  assertAuthor(submission.owner, actor, 'save-submission-draft');
  assertMayChange(submission, window, now, 'save-submission-draft');
  const normalised = assertValidParts(parts, limits);
  return {
    ...submission,
    draft: normalised,
    updatedAt: now,
    updatedBy: actor.userId,
    revision: submission.revision + 1,
  };
}

/**
 * Hands in the working copy: the first time as version 1, again (while on time) as the next
 * version. A late hand-in is accepted when the task allows it and carries how late it was.
 * @throws NotPermittedError when the actor is not an author.
 * @throws PhaseConflictError when hand-in is closed, or (code `reason: resubmit-after-deadline`)
 *   when work already handed in would be replaced after the deadline.
 * @throws InvalidInputError when the working copy is empty or breaks a rule.
 */
export function submitSubmission(
  submission: Submission,
  actor: Actor,
  window: WorkWindow,
  now: Date,
  limits: SubmissionLimits = DEFAULT_SUBMISSION_LIMITS,
): Submission {
  assertAuthor(submission.owner, actor, 'submit-submission');
  const timing = assertMayChange(submission, window, now, 'submit-submission');
  if (submission.draft.length === 0) throw new InvalidInputError([{ field: 'parts', code: 'required' }]);
  const parts = assertValidParts(submission.draft, limits);
  const version: SubmittedVersion = {
    version: (submission.submitted?.version ?? 0) + 1,
    parts,
    at: now,
    by: actor.userId,
    ...(timing.kind === 'late' ? { late: timing.lateness } : {}),
  };
  return {
    ...submission,
    submitted: version,
    updatedAt: now,
    updatedBy: actor.userId,
    revision: submission.revision + 1,
  };
}

/** Whether the submission was handed in (and so can be reviewed). */
export function isSubmitted(
  submission: Submission,
): submission is Submission & { submitted: SubmittedVersion } {
  return submission.submitted !== undefined;
}

/** Field issues of the parts (paths `parts.<i>.<field>`); empty when all are valid. */
export function contentPartIssues(parts: readonly ContentPart[], limits: SubmissionLimits): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (parts.length > limits.maxParts) issues.push({ field: 'parts', code: 'too-many' });
  parts.forEach((part, i) => {
    const field = `parts.${i}`;
    switch (part.kind) {
      case 'text': {
        const issue = checkText(`${field}.markdown`, part.markdown, { min: 1, max: limits.maxTextLength });
        if (issue !== undefined) issues.push(issue);
        break;
      }
      case 'link': {
        if (part.url.trim().length > limits.maxUrlLength)
          issues.push({ field: `${field}.url`, code: 'too-long' });
        else if (!isWebUrl(part.url.trim())) issues.push({ field: `${field}.url`, code: 'invalid-url' });
        if (part.title !== undefined && part.title.trim().length > 200) {
          issues.push({ field: `${field}.title`, code: 'too-long' });
        }
        break;
      }
      case 'file': {
        const name = checkText(`${field}.name`, part.name, { min: 1, max: 255 });
        if (name !== undefined) issues.push(name);
        if (!Number.isInteger(part.size) || part.size < 0)
          issues.push({ field: `${field}.size`, code: 'invalid' });
        else if (part.size > limits.maxFileBytes) issues.push({ field: `${field}.size`, code: 'too-large' });
        if (!limits.allowedContentTypes.includes(normaliseContentType(part.contentType))) {
          issues.push({ field: `${field}.contentType`, code: 'not-allowed' });
        }
        break;
      }
      default:
        issues.push({ field: `${field}.kind`, code: 'unknown' });
    }
  });
  return issues;
}

/**
 * The parts with text trimmed and content types normalised.
 * @throws InvalidInputError listing every part that breaks a rule.
 */
export function assertValidParts(
  parts: readonly ContentPart[],
  limits: SubmissionLimits,
): readonly ContentPart[] {
  const issues = contentPartIssues(parts, limits);
  if (issues.length > 0) throw new InvalidInputError(issues);
  return parts.map((part): ContentPart => {
    switch (part.kind) {
      case 'text':
        return { kind: 'text', markdown: part.markdown.trim() };
      case 'link': {
        const title = part.title?.trim();
        return { kind: 'link', url: part.url.trim(), ...(title ? { title } : {}) };
      }
      case 'file':
        return { ...part, name: part.name.trim(), contentType: normaliseContentType(part.contentType) };
    }
  });
}

/** `Text/Plain; charset=utf-8` → `text/plain`: parameters do not change what the file is. */
export function normaliseContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isWebUrl(value: string): boolean {
  // CASE: `javascript:`, `data:` and relative URLs would run or resolve inside our pages.
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function assertMayEdit(owner: SubmissionOwner, actor: Actor, action: string): void {
  if (actor.role === 'facilitator') return;
  if (!isAuthor(owner, actor.userId)) throw new NotPermittedError(action);
}

function assertAuthor(owner: SubmissionOwner, actor: Actor, action: string): void {
  if (!isAuthor(owner, actor.userId)) throw new NotPermittedError(action);
}

function assertCanHandIn(
  window: WorkWindow,
  now: Date,
  action: string,
  taskId: TeamTaskId,
): SubmissionTiming {
  const timing = submissionTiming(window, now);
  if (timing.kind === 'closed') {
    throw new PhaseConflictError({ action, phase: window.phase, taskId, reason: timing.reason });
  }
  return timing;
}

function assertMayChange(
  submission: Submission,
  window: WorkWindow,
  now: Date,
  action: string,
): SubmissionTiming {
  const timing = assertCanHandIn(window, now, action, submission.taskId);
  // CASE: reviewers judge what was there at the deadline; replacing it late would move the target.
  if (timing.kind === 'late' && submission.submitted !== undefined) {
    throw new PhaseConflictError({
      action,
      phase: window.phase,
      taskId: submission.taskId,
      reason: 'resubmit-after-deadline',
    });
  }
  return timing;
}
