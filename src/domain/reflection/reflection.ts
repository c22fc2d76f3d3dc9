/**
 * An individual reflection: after peer review each member looks back at their own work and
 * contribution against the standard, guided by three prompts (what happened, what it means,
 * what next), beside their self-assessment and the peers' median per criterion.
 *
 * Private by default: only the author reads it. The author may share it with their team, with
 * the course's facilitators, or both, and take that back. Facilitators have no way around it.
 * The answers are markdown source, kept as written; the web layer sanitises what it renders.
 */
import type { Actor } from '../shared/actor.js';
import { InvalidInputError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { Brand, CourseId, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import { checkText, issuesOf } from '../shared/text-rules.js';
import type { StandardRef } from '../standard/standard-ref.js';
import type { TaskPhase } from '../team-task/phases.js';
import type { CriterionGap } from './criterion-gaps.js';

export type ReflectionId = Brand<string, 'ReflectionId'>;
export const asReflectionId = (value: string): ReflectionId => {
  if (value.length === 0) throw new TypeError('ReflectionId must not be empty');
  return value as ReflectionId;
};

export interface ReflectionAnswers {
  /** What happened. */
  readonly happened: string;
  /** What it means. */
  readonly means: string;
  /** What next. */
  readonly next: string;
}

export const REFLECTION_PROMPTS = ['happened', 'means', 'next'] as const;

export type ReflectionAudience = 'team' | 'facilitator';

export interface Reflection {
  readonly id: ReflectionId;
  readonly courseId: CourseId;
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly author: UserId;
  readonly answers: ReflectionAnswers;
  /** Self vs peers per criterion as it stood when the learner last saved (a snapshot). */
  readonly gaps: readonly CriterionGap[];
  readonly standard?: StandardRef;
  /** Empty: private. */
  readonly sharedWith: readonly ReflectionAudience[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly revision: number;
}

export const REFLECTION_LIMITS = { answer: { min: 0, max: 5000 } } as const;

/** Reflection and retrospectives are written once peer review is over: in reflection or share. */
export function assertReflectionWindow(phase: TaskPhase, action: string): void {
  if (phase !== 'reflection' && phase !== 'share') throw new PhaseConflictError({ action, phase });
}

function assertValidAnswers(answers: ReflectionAnswers): ReflectionAnswers {
  const issues = issuesOf(
    ...REFLECTION_PROMPTS.map((p) => checkText(`answers.${p}`, answers[p], REFLECTION_LIMITS.answer)),
  );
  if (REFLECTION_PROMPTS.every((p) => answers[p].trim().length === 0)) {
    issues.push({ field: 'answers', code: 'required' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  return { happened: answers.happened.trim(), means: answers.means.trim(), next: answers.next.trim() };
}

/**
 * A new reflection by a member of the team, private.
 * @throws NotPermittedError when the author is not a learner in the team.
 * @throws PhaseConflictError outside the reflection and share phases.
 * @throws InvalidInputError when every answer is empty or one is too long.
 */
export function writeReflection(
  input: {
    readonly id: ReflectionId;
    readonly courseId: CourseId;
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
    readonly teamMembers: readonly UserId[];
    readonly phase: TaskPhase;
    readonly answers: ReflectionAnswers;
    readonly gaps: readonly CriterionGap[];
    readonly standard?: StandardRef;
  },
  actor: Actor,
  now: Date,
): Reflection {
  if (actor.role !== 'learner' || !input.teamMembers.includes(actor.userId)) {
    throw new NotPermittedError('write-reflection');
  }
  assertReflectionWindow(input.phase, 'write-reflection');
  return {
    id: input.id,
    courseId: input.courseId,
    taskId: input.taskId,
    teamId: input.teamId,
    author: actor.userId,
    answers: assertValidAnswers(input.answers),
    gaps: input.gaps,
    ...(input.standard !== undefined ? { standard: input.standard } : {}),
    sharedWith: [],
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

/**
 * New answers (and a fresh gap snapshot) by the author.
 * @throws NotPermittedError for anyone but the author.
 * @throws PhaseConflictError outside the reflection and share phases.
 */
export function reviseReflection(
  reflection: Reflection,
  change: { readonly answers: ReflectionAnswers; readonly gaps?: readonly CriterionGap[] },
  phase: TaskPhase,
  actor: Actor,
  now: Date,
): Reflection {
  if (actor.userId !== reflection.author) throw new NotPermittedError('revise-reflection');
  assertReflectionWindow(phase, 'revise-reflection');
  return {
    ...reflection,
    answers: assertValidAnswers(change.answers),
    gaps: change.gaps ?? reflection.gaps,
    updatedAt: now,
    revision: reflection.revision + 1,
  };
}

/**
 * Sets who besides the author may read it (empty = private again). Allowed in any phase: taking
 * a reflection back must always be possible.
 * @throws NotPermittedError for anyone but the author.
 */
export function shareReflection(
  reflection: Reflection,
  audiences: readonly ReflectionAudience[],
  actor: Actor,
  now: Date,
): Reflection {
  if (actor.userId !== reflection.author) throw new NotPermittedError('share-reflection');
  const unknown = audiences.findIndex((a) => a !== 'team' && a !== 'facilitator');
  if (unknown >= 0) throw new InvalidInputError([{ field: `sharedWith.${unknown}`, code: 'unknown' }]);
  const sharedWith = (['team', 'facilitator'] as const).filter((a) => audiences.includes(a));
  return { ...reflection, sharedWith, updatedAt: now, revision: reflection.revision + 1 };
}

/** Who is looking: their role in the course they launched from, and their team in the task. */
export interface ReflectionViewer {
  readonly actor: Actor;
  readonly courseId: CourseId;
  /** The viewer's team in the reflection's task, if any. */
  readonly teamId?: TeamId;
}

/**
 * Whether `viewer` may read the reflection: the author always; team mates only when shared with
 * the team; facilitators of the course only when shared with a facilitator; nobody else.
 */
export function canReadReflection(reflection: Reflection, viewer: ReflectionViewer): boolean {
  if (viewer.actor.userId === reflection.author) return true;
  if (viewer.courseId !== reflection.courseId) return false;
  if (viewer.actor.role === 'facilitator') return reflection.sharedWith.includes('facilitator');
  return reflection.sharedWith.includes('team') && viewer.teamId === reflection.teamId;
}
