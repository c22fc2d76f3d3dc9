/**
 * Proposing, editing and withdrawing criteria. Any member may do each (the history records who
 * did what; members who disagree object). An edit names the revision it was based on, so two
 * members editing at once cannot overwrite each other: the second gets a VersionConflictError
 * carrying the current revision and redoes the edit on top of it.
 */

import type { FieldIssue } from '../shared/errors.js';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../shared/errors.js';
import type { CriterionId } from '../shared/ids.js';
import { assertValidCriterionContent, sameCriterionContent, type CriterionContent } from './criterion.js';
import { assertContentWindow, assertMember, type StandardContext } from './standard-access.js';
import {
  activeCriteria,
  criterionContent,
  currentRevision,
  touched,
  type Criterion,
  type TeamStandard,
} from './team-standard.js';

export const STANDARD_LIMITS = {
  /** Active criteria per standard. */
  maxCriteria: 12,
  /** At ratification. */
  minCriteria: 2,
} as const;

/**
 * A member proposes a new criterion.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window (see `standard-access.ts`).
 * @throws InvalidInputError for field issues, a name already used, too many criteria, a taken id.
 */
export function proposeCriterion(
  standard: TeamStandard,
  input: { readonly criterionId: CriterionId; readonly content: CriterionContent },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'propose-criterion');
  assertContentWindow(standard, ctx, 'propose-criterion');
  const content = assertValidCriterionContent(input.content);
  const issues: FieldIssue[] = [...nameClash(standard, content.name, undefined)];
  if (activeCriteria(standard).length >= STANDARD_LIMITS.maxCriteria)
    issues.push({ field: 'criteria', code: 'too-many' });
  if (standard.criteria.some((c) => c.id === input.criterionId))
    issues.push({ field: 'criterionId', code: 'duplicate' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const criterion: Criterion = {
    id: input.criterionId,
    origin: 'proposal',
    revisions: [{ number: 1, content, author: member, at: ctx.now }],
  };
  return { ...touched(standard, ctx.now, true), criteria: [...standard.criteria, criterion] };
}

/**
 * A member edits a criterion; the edit becomes a new revision with its author and time. An edit
 * that changes nothing returns the standard as it was.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window.
 * @throws NotFoundError for an unknown or withdrawn criterion.
 * @throws VersionConflictError when the criterion changed since `baseRevision`.
 * @throws InvalidInputError for field issues or a name already used.
 */
export function editCriterion(
  standard: TeamStandard,
  input: {
    readonly criterionId: CriterionId;
    readonly baseRevision: number;
    readonly content: CriterionContent;
  },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'edit-criterion');
  assertContentWindow(standard, ctx, 'edit-criterion');
  const criterion = activeCriterion(standard, input.criterionId);
  const current = currentRevision(criterion);
  if (current.number !== input.baseRevision) {
    throw new VersionConflictError({
      entity: 'criterion',
      id: criterion.id,
      expected: input.baseRevision,
      actual: current.number,
    });
  }
  const content = assertValidCriterionContent(input.content);
  const issues = nameClash(standard, content.name, criterion.id);
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (sameCriterionContent(content, current.content)) return standard;
  const revised: Criterion = {
    ...criterion,
    revisions: [...criterion.revisions, { number: current.number + 1, content, author: member, at: ctx.now }],
  };
  return { ...touched(standard, ctx.now, true), criteria: replaceCriterion(standard, revised) };
}

/**
 * A member withdraws a criterion. It stays in the history (with its comments) but no longer
 * counts: it leaves the weighting, and objections to it lapse.
 * @throws NotPermittedError unless the actor is a member of the team.
 * @throws PhaseConflictError outside the content window.
 * @throws NotFoundError for an unknown or already withdrawn criterion.
 */
export function withdrawCriterion(
  standard: TeamStandard,
  input: { readonly criterionId: CriterionId },
  ctx: StandardContext,
): TeamStandard {
  const member = assertMember(standard, ctx, 'withdraw-criterion');
  assertContentWindow(standard, ctx, 'withdraw-criterion');
  const criterion = activeCriterion(standard, input.criterionId);
  const withdrawn: Criterion = { ...criterion, withdrawn: { by: member, at: ctx.now } };
  return { ...touched(standard, ctx.now, true), criteria: replaceCriterion(standard, withdrawn) };
}

/** @throws NotFoundError when the standard has no active criterion with this id. */
export function activeCriterion(standard: TeamStandard, criterionId: CriterionId): Criterion {
  const criterion = activeCriteria(standard).find((c) => c.id === criterionId);
  if (criterion === undefined) throw new NotFoundError('criterion', criterionId);
  return criterion;
}

function nameClash(standard: TeamStandard, name: string, except: CriterionId | undefined): FieldIssue[] {
  const key = name.toLowerCase();
  const clash = activeCriteria(standard).some(
    (c) => c.id !== except && criterionContent(c).name.toLowerCase() === key,
  );
  return clash ? [{ field: 'name', code: 'duplicate' }] : [];
}

function replaceCriterion(standard: TeamStandard, criterion: Criterion): readonly Criterion[] {
  return standard.criteria.map((c) => (c.id === criterion.id ? criterion : c));
}
