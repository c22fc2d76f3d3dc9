/**
 * What a learner has done in the later phases of their tasks, for the "what to do next" lists:
 * work handed in, peer reviews still open, the contribution split given, feedback released. One
 * query per collection for all the tasks of a page (never one per task); the to-do rules
 * (`domain/team-task/to-do.ts`) decide what the facts mean.
 */
import { releaseState } from '../../domain/review/release.js';
import {
  asksForContributionSplit,
  defaultReviewSettings,
  type ReviewSettings,
} from '../../domain/review/review-settings.js';
import type { TeamTaskId, UserId } from '../../domain/shared/ids.js';
import type { SubmissionOwner } from '../../domain/submission/submission.js';
import { isPhaseOpen } from '../../domain/team-task/phase-transitions.js';
import { currentPhase, type TeamTask } from '../../domain/team-task/team-task.js';
import type { LearnerProgress } from '../../domain/team-task/to-do.js';
import type { Team } from '../../domain/team/team.js';
import type { ReviewStore } from '../../store/review-store.js';

export type ProgressStore = Pick<ReviewStore, 'reviewSettings' | 'reviews' | 'contributions' | 'submissions'>;

/** The phases whose to-do items depend on progress. */
const PROGRESS_PHASES: readonly string[] = ['work', 'peer-review', 'reflection'];

export async function loadLearnerProgress(
  store: ProgressStore,
  userId: UserId,
  entries: readonly { readonly task: TeamTask; readonly team: Team }[],
  now: Date,
): Promise<ReadonlyMap<TeamTaskId, LearnerProgress>> {
  const relevant = entries.filter((e) => PROGRESS_PHASES.includes(currentPhase(e.task)));
  const result = new Map<TeamTaskId, LearnerProgress>();
  if (relevant.length === 0) return result;
  const ids = relevant.map((e) => e.task.id);
  const [stored, mine, splits] = await Promise.all([
    store.reviewSettings.listByTasks(ids),
    store.reviews.listByReviewerInTasks(ids, userId),
    store.contributions.listByRater(ids, userId),
  ]);
  const settingsOf = (task: TeamTask): ReviewSettings =>
    stored.find((s) => s.taskId === task.id) ??
    defaultReviewSettings(task.id, task.createdBy, task.createdAt);
  const ownerOf = (task: TeamTask, team: Team): SubmissionOwner =>
    settingsOf(task).submissionMode === 'team'
      ? { kind: 'team', teamId: team.id, members: [...team.members] }
      : { kind: 'person', userId, teamId: team.id };
  const submissions = await store.submissions.listByOwners(
    relevant.map(({ task, team }) => ({ taskId: task.id, owner: ownerOf(task, team) })),
  );
  const handedIn = submissions.filter((s) => s.submitted !== undefined);
  // Feedback exists only once peer review has begun.
  const afterWork = new Set(relevant.filter((e) => currentPhase(e.task) !== 'work').map((e) => e.task.id));
  const reviewsOfMine = await store.reviews.listBySubmissions(
    handedIn.filter((s) => afterWork.has(s.taskId)).map((s) => s.id),
  );
  for (const { task } of relevant) {
    const settings = settingsOf(task);
    const phase = currentPhase(task);
    const submission = handedIn.find((s) => s.taskId === task.id);
    const submittedPeer =
      submission === undefined
        ? 0
        : reviewsOfMine.filter(
            (r) => r.submissionId === submission.id && r.kind === 'peer' && r.status === 'submitted',
          ).length;
    const release = releaseState(
      settings.release,
      { phase, open: phase === 'peer-review' && isPhaseOpen(task, 'peer-review', now) },
      submittedPeer,
    );
    result.set(task.id, {
      workSubmitted: submission !== undefined,
      openReviews: mine.filter((r) => r.taskId === task.id && r.kind === 'peer' && r.status === 'draft')
        .length,
      mayTakeMore: settings.allocation === 'pull',
      contributionSplitDue: asksForContributionSplit(settings) && !splits.some((s) => s.taskId === task.id),
      feedbackReleased: submittedPeer > 0 && release.released,
    });
  }
  return result;
}

/** The review repositories when the caller's deps have them (pages without them show plain items). */
export function progressStoreOf(deps: Partial<ProgressStore>): ProgressStore | undefined {
  const { reviewSettings, reviews, contributions, submissions } = deps;
  return reviewSettings && reviews && contributions && submissions
    ? { reviewSettings, reviews, contributions, submissions }
    : undefined;
}
