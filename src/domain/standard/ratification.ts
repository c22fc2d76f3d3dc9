/**
 * Agreeing, ratifying, approving, amending, locking.
 *
 * Under consent or majority the agreement that completes the rule ratifies the standard at once
 * (and `ratifyStandard` lets a member ratify when the rule became satisfied another way, e.g.
 * after someone left the team). Under facilitator approval a facilitator's approval ratifies.
 * Ratifying freezes version n+1 (see `standard-version.ts`), overrules objections still open,
 * and leaves the standard `ratified` until a member opens an amendment.
 */

import { PhaseConflictError, VersionConflictError } from '../shared/errors.js';
import type { UserId } from '../shared/ids.js';
import { currentPhase } from '../team-task/team-task.js';
import { evaluateConsensus, readinessIssues } from './consensus.js';
import { openObjections } from './discussion.js';
import { kendallW } from './kendall-w.js';
import {
  assertContentWindow,
  assertFacilitatorWindow,
  assertMember,
  assertStandardFacilitator,
  type StandardContext,
} from './standard-access.js';
import { deepFreeze, type StandardVersion } from './standard-version.js';
import { activeCriteria, criterionContent, touched, type TeamStandard } from './team-standard.js';
import { pointsMatrix, standardWeights } from './weighting.js';

/** The standard after an action that may have ratified it, and the version frozen if it did. */
export interface RatificationOutcome {
  readonly standard: TeamStandard;
  readonly ratified?: StandardVersion;
}

/**
 * A member agrees to the standard as they saw it (`contentRevision`). If that completes the
 * consensus rule, the standard is ratified.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window, while the member has an open
 *   objection (`own-objection-open`), or when the standard is not complete (`not-ready`).
 * @throws VersionConflictError when the content changed since the member saw it.
 */
export function agreeToStandard(
  standard: TeamStandard,
  input: { readonly contentRevision: number },
  ctx: StandardContext,
): RatificationOutcome {
  const member = assertMember(standard, ctx, 'agree');
  assertContentWindow(standard, ctx, 'agree');
  if (input.contentRevision !== standard.contentRevision) {
    throw new VersionConflictError({
      entity: 'standard',
      id: standard.id,
      expected: input.contentRevision,
      actual: standard.contentRevision,
    });
  }
  const members = ctx.team.members;
  if (openObjections(standard, members).some((o) => o.by === member))
    throw conflict(standard, ctx, 'agree', 'own-objection-open');
  assertReady(standard, ctx, 'agree');
  const agreed: TeamStandard = {
    ...touched(standard, ctx.now, false),
    agreements: [
      ...standard.agreements.filter((a) => a.member !== member),
      { member, contentRevision: standard.contentRevision, at: ctx.now },
    ],
  };
  const consensus = evaluateConsensus(agreed, ctx.task.consensusRule, members);
  return consensus.satisfied ? ratify(agreed, ctx, consensus.agreed, undefined) : { standard: agreed };
}

/**
 * A member takes back their agreement (nothing changes when they had none).
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window.
 */
export function withdrawAgreement(standard: TeamStandard, ctx: StandardContext): TeamStandard {
  const member = assertMember(standard, ctx, 'withdraw-agreement');
  assertContentWindow(standard, ctx, 'withdraw-agreement');
  if (!standard.agreements.some((a) => a.member === member)) return standard;
  return {
    ...touched(standard, ctx.now, false),
    agreements: standard.agreements.filter((a) => a.member !== member),
  };
}

/**
 * A member ratifies a standard whose members' agreement already satisfies the rule.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window, under facilitator approval
 *   (`rule-facilitator-approval`), when incomplete (`not-ready`) or without consensus (`no-consensus`).
 */
export function ratifyStandard(standard: TeamStandard, ctx: StandardContext): RatificationOutcome {
  assertMember(standard, ctx, 'ratify');
  assertContentWindow(standard, ctx, 'ratify');
  if (ctx.task.consensusRule === 'facilitator-approval')
    throw conflict(standard, ctx, 'ratify', 'rule-facilitator-approval');
  assertReady(standard, ctx, 'ratify');
  const consensus = evaluateConsensus(standard, ctx.task.consensusRule, ctx.team.members);
  if (!consensus.satisfied) throw conflict(standard, ctx, 'ratify', 'no-consensus');
  return ratify(standard, ctx, consensus.agreed, undefined);
}

/**
 * A facilitator approves the standard as it is, which ratifies it (facilitator-approval rule).
 * Possible during standard-setting, also after its deadline, and during work; a locked
 * standard may be approved.
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError in other phases, under another rule (`rule-<rule>`), when already
 *   ratified (`already-ratified`) or incomplete (`not-ready`).
 */
export function approveStandard(standard: TeamStandard, ctx: StandardContext): RatificationOutcome {
  const facilitator = assertStandardFacilitator(standard, ctx, 'approve');
  assertFacilitatorWindow(standard, ctx, 'approve');
  const rule = ctx.task.consensusRule;
  if (rule !== 'facilitator-approval') throw conflict(standard, ctx, 'approve', `rule-${rule}`);
  if (standard.status === 'ratified') throw conflict(standard, ctx, 'approve', 'already-ratified');
  assertReady(standard, ctx, 'approve');
  const consensus = evaluateConsensus(standard, rule, ctx.team.members);
  return ratify(standard, ctx, consensus.agreed, facilitator);
}

/**
 * A member opens an amendment to the ratified standard; once ratified again it becomes the
 * next version. Possible until peer review opens.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError when the standard is not ratified (`not-ratified` /
 *   `already-amending`), is locked, or peer review has opened.
 */
export function openAmendment(standard: TeamStandard, ctx: StandardContext): TeamStandard {
  assertMember(standard, ctx, 'open-amendment');
  if (standard.status !== 'ratified') {
    throw conflict(
      standard,
      ctx,
      'open-amendment',
      standard.status === 'amending' ? 'already-amending' : 'not-ratified',
    );
  }
  // The content window of an amendment is the one that matters from here on.
  assertContentWindow({ ...standard, status: 'amending' }, ctx, 'open-amendment');
  return { ...touched(standard, ctx.now, false), status: 'amending' };
}

/**
 * A facilitator locks the standard: members can still comment but not change it.
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError outside standard-setting and work, or when already locked.
 */
export function lockStandard(standard: TeamStandard, ctx: StandardContext): TeamStandard {
  const facilitator = assertStandardFacilitator(standard, ctx, 'lock');
  assertFacilitatorWindow(standard, ctx, 'lock');
  if (standard.locked !== undefined) throw conflict(standard, ctx, 'lock', 'already-locked');
  return { ...touched(standard, ctx.now, false), locked: { by: facilitator, at: ctx.now } };
}

/**
 * A facilitator unlocks the standard.
 * @throws NotPermittedError unless a facilitator acts.
 * @throws PhaseConflictError outside standard-setting and work, or when not locked.
 */
export function unlockStandard(standard: TeamStandard, ctx: StandardContext): TeamStandard {
  assertStandardFacilitator(standard, ctx, 'unlock');
  assertFacilitatorWindow(standard, ctx, 'unlock');
  if (standard.locked === undefined) throw conflict(standard, ctx, 'unlock', 'not-locked');
  const { locked: _locked, ...rest } = standard;
  return touched(rest, ctx.now, false);
}

function ratify(
  standard: TeamStandard,
  ctx: StandardContext,
  agreedBy: readonly UserId[],
  approvedBy: UserId | undefined,
): RatificationOutcome {
  const members = ctx.team.members;
  const weights = standardWeights(standard, members) ?? [];
  const overruled = openObjections(standard, members);
  const version: StandardVersion = deepFreeze({
    standardId: standard.id,
    version: standard.versions.length + 1,
    taskId: standard.taskId,
    teamId: standard.teamId,
    criteria: activeCriteria(standard).map((c, i) => ({
      id: c.id,
      ...criterionContent(c),
      weight: weights[i]?.weight ?? 0,
    })),
    consensusRule: ctx.task.consensusRule,
    agreedBy: [...agreedBy],
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    ratifiedAt: ctx.now,
    overruledObjections: overruled.map((o) => ({
      id: o.id,
      by: o.by,
      reason: o.reason,
      ...(o.criterionId !== undefined ? { criterionId: o.criterionId } : {}),
    })),
    agreement: kendallW(pointsMatrix(standard, members)).value,
    ...(standard.provenance !== undefined ? { provenance: standard.provenance } : {}),
  });
  const overruledIds = new Set(overruled.map((o) => o.id));
  const ratified: TeamStandard = {
    ...touched(standard, ctx.now, false),
    status: 'ratified',
    versions: [...standard.versions, version],
    objections: standard.objections.map((o) =>
      overruledIds.has(o.id) ? { ...o, status: 'overruled', closedAt: ctx.now } : o,
    ),
  };
  return { standard: ratified, ratified: version };
}

function assertReady(standard: TeamStandard, ctx: StandardContext, action: string): void {
  const issues = readinessIssues(standard, ctx.team.members);
  if (issues.length > 0) throw conflict(standard, ctx, action, 'not-ready', { issues: issues.join(',') });
}

function conflict(
  standard: TeamStandard,
  ctx: StandardContext,
  action: string,
  reason: string,
  extra: Readonly<Record<string, string>> = {},
): PhaseConflictError {
  return new PhaseConflictError({
    action,
    phase: currentPhase(ctx.task),
    standardId: standard.id,
    status: standard.status,
    reason,
    ...extra,
  });
}
