/**
 * Everything the standard page shows, for a member of the team or a facilitator of the course:
 * the criteria with their levels and edit history, discussion threads, objections, the weights
 * with the team's alignment, consensus progress and the frozen versions. Plain data; the web
 * layer turns it into a view.
 */
import type { UserId } from '../../domain/shared/ids.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { alignmentOf, type Alignment } from '../../domain/standard/alignment.js';
import {
  evaluateConsensus,
  readinessIssues,
  type ConsensusState,
  type ReadinessIssue,
} from '../../domain/standard/consensus.js';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import { commentThreads, openObjections, type CommentThread } from '../../domain/standard/discussion.js';
import { PhaseConflictError } from '../../domain/shared/errors.js';
import {
  assertContentWindow,
  assertDiscussionWindow,
  assertFacilitatorWindow,
  type StandardContext,
} from '../../domain/standard/standard-access.js';
import type { StandardVersion } from '../../domain/standard/standard-version.js';
import { originWeightingSuggestion } from '../../domain/standard/origin-weights.js';
import type { TenantKey } from '../../domain/shared/tenant.js';
import {
  canSeeLibraryStandard,
  type LibraryStandard,
  type LibraryStandardId,
} from '../../domain/library/library-standard.js';
import type { LibraryStandardRepo } from '../../store/library/library-standard-repo.js';
import {
  activeCriteria,
  criterionContent,
  currentRevision,
  type CriterionRevision,
  type Objection,
  type PointsAllocation,
  type Provenance,
  type StandardStatus,
  type TeamStandard,
} from '../../domain/standard/team-standard.js';
import { standardWeights, weightPercentages } from '../../domain/standard/weighting.js';
import type { TaskPhase } from '../../domain/team-task/phases.js';
import { currentPhase, type ConsensusRule } from '../../domain/team-task/team-task.js';
import type { Team } from '../../domain/team/team.js';
import { loadStandardForActor, type CourseActor } from '../shared/access.js';
import type { TeamworkDeps } from '../shared/deps.js';

export interface CriterionView {
  readonly id: string;
  readonly origin: 'proposal' | 'template' | 'library';
  readonly content: CriterionContent;
  /** The revision an edit form must post as `baseRevision`. */
  readonly revision: number;
  readonly history: readonly CriterionRevision[];
  readonly threads: readonly CommentThread[];
  readonly openObjections: readonly Objection[];
  /** 0–1, undefined before anyone's weighting counts. */
  readonly weight?: number;
  /** Whole percentages summing to 100 over the criteria. */
  readonly percent?: number;
}

export interface StandardPage {
  readonly taskId: TeamTaskId;
  readonly taskTitle: string;
  readonly team: Team;
  readonly standardId: string;
  readonly phase: TaskPhase;
  readonly status: StandardStatus;
  readonly locked: boolean;
  /** Whether members may change criteria, weights, objections and agreement now. */
  readonly contentOpen: boolean;
  /** Whether members may comment now. */
  readonly discussionOpen: boolean;
  /** Whether facilitators may comment, approve, lock and unlock now. */
  readonly facilitatorOpen: boolean;
  /** Post back as `expectedRevision`. */
  readonly revision: number;
  /** Post back when agreeing. */
  readonly contentRevision: number;
  readonly consensusRule: ConsensusRule;
  readonly criteria: readonly CriterionView[];
  readonly withdrawnCriteria: readonly { readonly id: string; readonly name: string }[];
  /** Threads on the standard as a whole. */
  readonly generalThreads: readonly CommentThread[];
  readonly objections: readonly Objection[];
  readonly alignment: Alignment;
  readonly consensus: ConsensusState;
  readonly readiness: readonly ReadinessIssue[];
  /** The viewer's own points (members only). */
  readonly myWeighting?: readonly PointsAllocation[];
  readonly versions: readonly StandardVersion[];
  readonly provenance?: Provenance;
  /** The library entry the standard came from, when the viewer may still see it (not withdrawn). */
  readonly libraryOrigin?: { readonly id: LibraryStandardId; readonly title: string };
  /**
   * For a member who has not weighed a standard copied from the library: the origin's weights as
   * whole points per current criterion (a starting point only; nothing is saved), and the title
   * of the library entry it came from when known.
   */
  readonly originSuggestion?: {
    readonly points: readonly PointsAllocation[];
    readonly originTitle?: string;
  };
}

/** Where the origin's weights and title come from (without them the page suggests nothing). */
export interface OriginLookup {
  readonly standardVersions?: Pick<TeamworkDeps['standardVersions'], 'find'>;
  readonly libraryStandards?: Pick<LibraryStandardRepo, 'findBySource'>;
}

export async function standardPage(
  deps: Pick<TeamworkDeps, 'teamTasks' | 'teamSets' | 'standards' | 'now'> & OriginLookup,
  input: CourseActor & {
    readonly taskId: TeamTaskId;
    readonly teamId: TeamId;
    /** The launch's tenant, to name the library entry the standard came from. */
    readonly tenant?: TenantKey;
  },
): Promise<StandardPage> {
  const { task, team, standard, ctx } = await loadStandardForActor(
    deps,
    input,
    input.taskId,
    input.teamId,
    'view-standard',
  );
  const members: readonly UserId[] = team.members;
  const weights = standardWeights(standard, members);
  const percents = weights === undefined ? undefined : weightPercentages(weights.map((w) => w.weight));
  const open = openObjections(standard, members);
  const mine = standard.weightings.find((w) => w.member === input.actor.userId);
  const isMember = input.actor.role === 'learner' && members.includes(input.actor.userId);
  const libraryEntry = await visibleOrigin(deps, standard, input);
  const originSuggestion =
    isMember && mine === undefined ? await suggestionFromOrigin(deps, standard, libraryEntry) : undefined;
  return {
    taskId: task.id,
    taskTitle: task.title,
    team,
    standardId: standard.id,
    phase: currentPhase(task),
    status: standard.status,
    locked: standard.locked !== undefined,
    contentOpen: allows(assertContentWindow, standard, ctx),
    discussionOpen: allows(assertDiscussionWindow, standard, ctx),
    facilitatorOpen: allows(assertFacilitatorWindow, standard, ctx),
    revision: standard.revision,
    contentRevision: standard.contentRevision,
    consensusRule: task.consensusRule,
    criteria: activeCriteria(standard).map((c, i): CriterionView => {
      const weight = weights?.[i]?.weight;
      const percent = percents?.[i];
      return {
        id: c.id,
        origin: c.origin,
        content: criterionContent(c),
        revision: currentRevision(c).number,
        history: c.revisions,
        threads: commentThreads(standard, c.id),
        openObjections: open.filter((o) => o.criterionId === c.id),
        ...(weight !== undefined ? { weight } : {}),
        ...(percent !== undefined ? { percent } : {}),
      };
    }),
    withdrawnCriteria: standard.criteria
      .filter((c) => c.withdrawn !== undefined)
      .map((c) => ({ id: c.id, name: criterionContent(c).name })),
    generalThreads: commentThreads(standard, undefined),
    objections: standard.objections,
    alignment: alignmentOf(standard, members),
    consensus: evaluateConsensus(standard, task.consensusRule, members),
    readiness: readinessIssues(standard, members),
    ...(mine !== undefined && input.actor.role === 'learner' ? { myWeighting: mine.points } : {}),
    versions: standard.versions,
    ...(standard.provenance !== undefined ? { provenance: standard.provenance } : {}),
    ...(libraryEntry !== undefined
      ? { libraryOrigin: { id: libraryEntry.id, title: libraryEntry.title } }
      : {}),
    ...(originSuggestion !== undefined ? { originSuggestion } : {}),
  };
}

/** The library entry a standard was copied from, if the viewer may see it (same rule as the library). */
async function visibleOrigin(
  deps: OriginLookup,
  standard: TeamStandard,
  viewer: { readonly tenant?: TenantKey; readonly courseId: CourseActor['courseId'] },
): Promise<LibraryStandard | undefined> {
  const from = standard.provenance?.source;
  if (from === undefined || viewer.tenant === undefined || deps.libraryStandards === undefined)
    return undefined;
  const entry = await deps.libraryStandards.findBySource(viewer.tenant, from);
  return entry !== undefined &&
    canSeeLibraryStandard(entry, { tenant: viewer.tenant, courseId: viewer.courseId })
    ? entry
    : undefined;
}

/** The origin's weights for a standard copied from the library (see `domain/standard/origin-weights.ts`). */
async function suggestionFromOrigin(
  deps: OriginLookup,
  standard: TeamStandard,
  entry: LibraryStandard | undefined,
): Promise<StandardPage['originSuggestion']> {
  const from = standard.provenance?.source;
  if (from === undefined || deps.standardVersions === undefined) return undefined;
  const source = await deps.standardVersions.find(from);
  const points = source === undefined ? undefined : originWeightingSuggestion(standard, source);
  if (points === undefined) return undefined;
  return { points, ...(entry !== undefined ? { originTitle: entry.title } : {}) };
}

/** Whether a window guard lets the standard through now (the guards are the one source of the rules). */
function allows(
  guard: (standard: TeamStandard, ctx: StandardContext, action: string) => void,
  standard: TeamStandard,
  ctx: StandardContext,
): boolean {
  try {
    guard(standard, ctx, 'view-standard');
    return true;
  } catch (error) {
    if (error instanceof PhaseConflictError) return false;
    throw error;
  }
}
