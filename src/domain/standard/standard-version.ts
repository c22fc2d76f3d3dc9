/**
 * Frozen versions. Ratifying a standard freezes its criteria, levels and weights, with who
 * agreed and when, as version n. A version is never changed afterwards (it is deep-frozen and
 * shares no objects with the live standard); amendments make version n+1. Whatever is judged
 * against a standard stores a `StandardRef` to the version it used.
 */

import { NotFoundError } from '../shared/errors.js';
import type { CriterionId, ObjectionId, StandardId, TeamId, TeamTaskId, UserId } from '../shared/ids.js';
import type { ConsensusRule } from '../team-task/team-task.js';
import type { LevelContent } from './criterion.js';
import type { StandardRef } from './standard-ref.js';
import type { Provenance, TeamStandard } from './team-standard.js';

export interface VersionCriterion {
  readonly id: CriterionId;
  readonly name: string;
  readonly description: string;
  /** Lowest first. */
  readonly levels: readonly LevelContent[];
  /** Share of the whole, 0–1; the weights of a version sum to 1. */
  readonly weight: number;
}

export interface StandardVersion {
  readonly standardId: StandardId;
  readonly version: number;
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly criteria: readonly VersionCriterion[];
  readonly consensusRule: ConsensusRule;
  /** Members whose agreement counted. */
  readonly agreedBy: readonly UserId[];
  /** The facilitator who approved it (facilitator-approval rule only). */
  readonly approvedBy?: UserId;
  readonly ratifiedAt: Date;
  /** Objections still open at ratification (majority or facilitator approval overrules them). */
  readonly overruledObjections: readonly {
    readonly id: ObjectionId;
    readonly by: UserId;
    readonly reason: string;
    readonly criterionId?: CriterionId;
  }[];
  /** Kendall's W over the members' weightings at ratification; null when undefined. */
  readonly agreement: number | null;
  readonly provenance?: Provenance;
}

export function refOf(version: StandardVersion): StandardRef {
  return { standardId: version.standardId, version: version.version };
}

/** The version to pin for review now: the latest ratified one, or nothing before ratification. */
export function latestVersionRef(standard: TeamStandard): StandardRef | undefined {
  const latest = standard.versions.at(-1);
  return latest === undefined ? undefined : refOf(latest);
}

/**
 * The frozen version a ref points at.
 * @throws NotFoundError when the standard has no such version.
 */
export function findVersion(standard: TeamStandard, ref: StandardRef): StandardVersion {
  const version = standard.id === ref.standardId ? standard.versions[ref.version - 1] : undefined;
  if (version === undefined || version.version !== ref.version) {
    throw new NotFoundError('standard-version', `${ref.standardId}@${ref.version}`);
  }
  return version;
}

/**
 * A deep copy of `value` with every object and array frozen. Dates are copied (a frozen `Date`
 * can still be changed with its setters, so the version must not share them).
 */
export function deepFreeze<T>(value: T): T {
  return freeze(value) as T;
}

function freeze(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return Object.freeze(value.map(freeze));
  if (value !== null && typeof value === 'object') {
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, freeze(v)])));
  }
  return value;
}
