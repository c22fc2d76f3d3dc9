/**
 * A team's standard while the team works on it: its criteria (each with its edit history), the
 * discussion, objections, members' weightings and agreements, and the frozen versions it has
 * produced so far.
 *
 * Lifecycle: `drafting` (never ratified) → ratified by the task's consensus rule → `ratified`
 * (version n frozen) → a member opens an amendment → `amending` → ratified again → version n+1.
 *
 * Two counters: `revision` changes with every change (optimistic concurrency for saving), and
 * `contentRevision` only when what would be frozen changes — criteria or weights. An agreement
 * is to one `contentRevision`; any later content change makes it stale, so nobody is counted as
 * agreeing to something they have not seen.
 */

import type { ActorRole } from '../shared/actor.js';
import { InvalidInputError } from '../shared/errors.js';
import type {
  CommentId,
  CriterionId,
  ObjectionId,
  StandardId,
  TeamId,
  TeamTaskId,
  UserId,
} from '../shared/ids.js';
import type { TeamTask } from '../team-task/team-task.js';
import type { Team } from '../team/team.js';
import type { CriterionContent } from './criterion.js';
import { sameStandardRef, type StandardRef } from './standard-ref.js';
import type { StandardVersion } from './standard-version.js';

export type StandardStatus = 'drafting' | 'ratified' | 'amending';

export interface CriterionRevision {
  /** 1 for the proposal, +1 per edit. */
  readonly number: number;
  readonly content: CriterionContent;
  readonly author: UserId;
  readonly at: Date;
}

export interface Criterion {
  readonly id: CriterionId;
  /** Where it came from: proposed by a member, the facilitator's template, or a library standard. */
  readonly origin: 'proposal' | 'template' | 'library';
  /** Oldest first; never empty. The last one is the current content. */
  readonly revisions: readonly CriterionRevision[];
  readonly withdrawn?: { readonly by: UserId; readonly at: Date };
}

export interface Comment {
  readonly id: CommentId;
  /** The criterion discussed, or none for the standard as a whole. */
  readonly criterionId?: CriterionId;
  /** The first comment of the thread this one answers; none for a thread's first comment. */
  readonly replyTo?: CommentId;
  readonly author: UserId;
  readonly authorRole: ActorRole;
  readonly body: string;
  readonly at: Date;
}

export type ObjectionStatus = 'open' | 'withdrawn' | 'overruled';

export interface Objection {
  readonly id: ObjectionId;
  readonly by: UserId;
  /** The criterion objected to, or none for the standard as a whole. */
  readonly criterionId?: CriterionId;
  readonly reason: string;
  readonly at: Date;
  readonly status: ObjectionStatus;
  /** When it was withdrawn or overruled. */
  readonly closedAt?: Date;
}

export interface PointsAllocation {
  readonly criterionId: CriterionId;
  readonly points: number;
}

export interface Weighting {
  readonly member: UserId;
  readonly points: readonly PointsAllocation[];
  readonly at: Date;
}

export interface Agreement {
  readonly member: UserId;
  readonly contentRevision: number;
  readonly at: Date;
}

/** Where a standard copied from the library came from. */
export interface Provenance {
  readonly source: StandardRef;
  readonly copiedBy: UserId;
  readonly copiedAt: Date;
}

export interface TeamStandard {
  readonly id: StandardId;
  readonly taskId: TeamTaskId;
  readonly teamId: TeamId;
  readonly status: StandardStatus;
  readonly locked?: { readonly by: UserId; readonly at: Date };
  readonly criteria: readonly Criterion[];
  readonly comments: readonly Comment[];
  readonly objections: readonly Objection[];
  readonly weightings: readonly Weighting[];
  readonly agreements: readonly Agreement[];
  /** Frozen, oldest first; `versions[i].version === i + 1`. */
  readonly versions: readonly StandardVersion[];
  readonly provenance?: Provenance;
  readonly contentRevision: number;
  readonly revision: number;
  readonly createdAt: Date;
  readonly lastActivityAt: Date;
}

/** The content a criterion has now. */
export function criterionContent(criterion: Criterion): CriterionContent {
  return currentRevision(criterion).content;
}

export function currentRevision(criterion: Criterion): CriterionRevision {
  const last = criterion.revisions.at(-1);
  if (last === undefined) throw new TypeError(`criterion ${criterion.id} has no revisions`);
  return last;
}

/** Criteria not withdrawn, in the order they were added. */
export function activeCriteria(standard: TeamStandard): readonly Criterion[] {
  return standard.criteria.filter((c) => c.withdrawn === undefined);
}

export function latestVersion(standard: TeamStandard): StandardVersion | undefined {
  return standard.versions.at(-1);
}

/**
 * A team's new standard, set up from the task's starting point. For a library start the caller
 * loads the source version named by the task and passes it in; its criteria are copied (not
 * its weights — the team weighs for itself; `origin-weights.ts` offers them to a member only as
 * a starting point to change) and the copy records where it came from.
 * @throws InvalidInputError when a library start has no (or the wrong) source version.
 */
export function startTeamStandard(input: {
  readonly id: StandardId;
  readonly task: TeamTask;
  readonly team: Team;
  /** Makes the ids of copied criteria. */
  readonly newCriterionId: () => CriterionId;
  readonly librarySource?: StandardVersion;
  /** Who sets it up (the facilitator, or the member who opens it first). */
  readonly by: UserId;
  readonly now: Date;
}): TeamStandard {
  const { task, now, by } = input;
  const start = task.standardStart;
  let criteria: Criterion[] = [];
  let provenance: Provenance | undefined;
  const copy = (content: CriterionContent, origin: Criterion['origin'], author: UserId): Criterion => ({
    id: input.newCriterionId(),
    origin,
    revisions: [{ number: 1, content, author, at: now }],
  });
  if (start.kind === 'template') {
    criteria = start.criteria.map((content) => copy(content, 'template', task.createdBy));
  } else if (start.kind === 'library') {
    const source = input.librarySource;
    if (source === undefined || !sameStandardRef(source, start.source)) {
      throw new InvalidInputError([{ field: 'librarySource', code: 'source-mismatch' }]);
    }
    criteria = source.criteria.map(({ name, description, levels }) =>
      copy({ name, description, levels }, 'library', by),
    );
    provenance = {
      source: { standardId: source.standardId, version: source.version },
      copiedBy: by,
      copiedAt: now,
    };
  }
  return {
    id: input.id,
    taskId: task.id,
    teamId: input.team.id,
    status: 'drafting',
    criteria,
    comments: [],
    objections: [],
    weightings: [],
    agreements: [],
    versions: [],
    ...(provenance !== undefined ? { provenance } : {}),
    contentRevision: 1,
    revision: 1,
    createdAt: now,
    lastActivityAt: now,
  };
}

/** The standard after a change at `now`; `content` says whether criteria or weights changed. */
export function touched(standard: TeamStandard, now: Date, content: boolean): TeamStandard {
  return {
    ...standard,
    revision: standard.revision + 1,
    contentRevision: standard.contentRevision + (content ? 1 : 0),
    lastActivityAt: now,
  };
}
