/**
 * Talking about the standard: comment threads (on a criterion or on the standard as a whole,
 * one level of replies) and objections. An objection carries a reason and blocks consent until
 * its author withdraws it; raising one takes back the author's own agreement. Objections by
 * people who left the team, and objections to withdrawn criteria, no longer count.
 */

import { InvalidInputError, NotFoundError, NotPermittedError, PhaseConflictError } from '../shared/errors.js';
import type { CommentId, CriterionId, ObjectionId, UserId } from '../shared/ids.js';
import { checkText } from '../shared/text-rules.js';
import { currentPhase } from '../team-task/team-task.js';
import { activeCriterion } from './criteria.js';
import {
  assertContentWindow,
  assertDiscussionWindow,
  assertFacilitatorWindow,
  assertMember,
  assertStandardFacilitator,
  type StandardContext,
} from './standard-access.js';
import { activeCriteria, touched, type Comment, type Objection, type TeamStandard } from './team-standard.js';

export const DISCUSSION_LIMITS = {
  comment: { min: 1, max: 4000 },
  reason: { min: 1, max: 1000 },
} as const;

export interface CommentThread {
  readonly first: Comment;
  /** Oldest first. */
  readonly replies: readonly Comment[];
}

/**
 * A member (or a facilitator) comments, starting a thread or replying to one. A reply joins the
 * thread of the comment it answers and takes that thread's criterion.
 * @throws NotPermittedError unless the actor is a member of the team or a facilitator.
 * @throws PhaseConflictError outside the discussion window (facilitators: standard-setting and work).
 * @throws InvalidInputError for an empty or long body, an unknown criterion or comment, a taken id.
 */
export function addComment(
  standard: TeamStandard,
  input: {
    readonly commentId: CommentId;
    readonly body: string;
    readonly criterionId?: CriterionId;
    readonly replyTo?: CommentId;
  },
  ctx: StandardContext,
): TeamStandard {
  if (ctx.actor.role === 'facilitator') {
    assertStandardFacilitator(standard, ctx, 'comment');
    assertFacilitatorWindow(standard, ctx, 'comment');
  } else {
    assertMember(standard, ctx, 'comment');
    assertDiscussionWindow(standard, ctx, 'comment');
  }
  const issue = checkText('body', input.body, DISCUSSION_LIMITS.comment);
  if (issue !== undefined) throw new InvalidInputError([issue]);
  if (standard.comments.some((c) => c.id === input.commentId)) {
    throw new InvalidInputError([{ field: 'commentId', code: 'duplicate' }]);
  }
  let criterionId = input.criterionId;
  let replyTo: CommentId | undefined;
  if (input.replyTo !== undefined) {
    const answered = standard.comments.find((c) => c.id === input.replyTo);
    if (answered === undefined) throw new InvalidInputError([{ field: 'replyTo', code: 'unknown' }]);
    replyTo = answered.replyTo ?? answered.id;
    criterionId = answered.criterionId;
  } else if (criterionId !== undefined && !standard.criteria.some((c) => c.id === criterionId)) {
    throw new InvalidInputError([{ field: 'criterionId', code: 'unknown' }]);
  }
  const comment: Comment = {
    id: input.commentId,
    ...(criterionId !== undefined ? { criterionId } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    author: ctx.actor.userId,
    authorRole: ctx.actor.role,
    body: input.body.trim(),
    at: ctx.now,
  };
  return { ...touched(standard, ctx.now, false), comments: [...standard.comments, comment] };
}

/**
 * The threads on one criterion, or with `undefined` on the standard as a whole, oldest first.
 */
export function commentThreads(
  standard: TeamStandard,
  criterionId: CriterionId | undefined,
): readonly CommentThread[] {
  return standard.comments
    .filter((c) => c.replyTo === undefined && c.criterionId === criterionId)
    .map((first) => ({ first, replies: standard.comments.filter((c) => c.replyTo === first.id) }));
}

/**
 * A member objects, with a reason, to a criterion or to the standard as a whole. Their own
 * agreement, if any, is taken back.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window.
 * @throws NotFoundError for an unknown or withdrawn criterion.
 * @throws InvalidInputError for a missing or long reason, or a taken id.
 */
export function raiseObjection(
  standard: TeamStandard,
  input: { readonly objectionId: ObjectionId; readonly reason: string; readonly criterionId?: CriterionId },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'object');
  assertContentWindow(standard, ctx, 'object');
  if (input.criterionId !== undefined) activeCriterion(standard, input.criterionId);
  const issue = checkText('reason', input.reason, DISCUSSION_LIMITS.reason);
  if (issue !== undefined) throw new InvalidInputError([issue]);
  if (standard.objections.some((o) => o.id === input.objectionId)) {
    throw new InvalidInputError([{ field: 'objectionId', code: 'duplicate' }]);
  }
  const objection: Objection = {
    id: input.objectionId,
    by: member,
    ...(input.criterionId !== undefined ? { criterionId: input.criterionId } : {}),
    reason: input.reason.trim(),
    at: ctx.now,
    status: 'open',
  };
  return {
    ...touched(standard, ctx.now, false),
    objections: [...standard.objections, objection],
    agreements: standard.agreements.filter((a) => a.member !== member),
  };
}

/**
 * The author withdraws their objection.
 * @throws NotPermittedError unless the actor is the member who raised it.
 * @throws PhaseConflictError outside the content window.
 * @throws NotFoundError for an unknown objection.
 * @throws PhaseConflictError when the objection is no longer open (withdrawn or overruled).
 */
export function withdrawObjection(
  standard: TeamStandard,
  input: { readonly objectionId: ObjectionId },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'withdraw-objection');
  assertContentWindow(standard, ctx, 'withdraw-objection');
  const objection = standard.objections.find((o) => o.id === input.objectionId);
  if (objection === undefined) throw new NotFoundError('objection', input.objectionId);
  if (objection.by !== member) throw new NotPermittedError('withdraw-objection');
  if (objection.status !== 'open') {
    throw new PhaseConflictError({
      action: 'withdraw-objection',
      phase: currentPhase(ctx.task),
      objectionId: objection.id,
      reason: `objection-${objection.status}`,
    });
  }
  return {
    ...touched(standard, ctx.now, false),
    objections: standard.objections.map((o) =>
      o.id === objection.id ? { ...o, status: 'withdrawn', closedAt: ctx.now } : o,
    ),
  };
}

/** Objections that still count: open, by a current member, not about a withdrawn criterion. */
export function openObjections(standard: TeamStandard, members: readonly UserId[]): readonly Objection[] {
  const active = new Set(activeCriteria(standard).map((c) => c.id));
  return standard.objections.filter(
    (o) =>
      o.status === 'open' &&
      members.includes(o.by) &&
      (o.criterionId === undefined || active.has(o.criterionId)),
  );
}
