/**
 * The peers' figures for a team's retrospective, per criterion — read every time the
 * retrospective is shown, so a retrospective opened before release shows the peers once
 * released. The team's work is one submission (team mode) or one per member (individual mode);
 * either way the figures pool the submitted peer reviews of every submission of the team whose
 * feedback is released, so every member and the facilitator see the same numbers. Medians and
 * counts only: no reviewer ids leave here.
 */
import type { PeerFigure } from '../../domain/retrospective/retrospective.js';
import { summariseFeedback } from '../../domain/review/feedback-view.js';
import type { Review } from '../../domain/review/review.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import { teamOfOwner } from '../../domain/submission/submission.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { loadReviewContext, pinnedByRef, releaseOf } from '../reviews/review-context.js';

export async function teamPeerFigures(
  deps: ReviewDeps,
  who: CourseActor,
  input: { readonly taskId: TeamTaskId; readonly teamId: TeamId },
): Promise<PeerFigure[]> {
  let released: Review[];
  try {
    const ctx = await loadReviewContext(deps, who, input.taskId, 'view-feedback');
    const submissions = (await deps.submissions.listByTask(input.taskId)).filter(
      (s) => teamOfOwner(s.owner) === input.teamId,
    );
    const reviews = await deps.reviews.listBySubmissions(submissions.map((s) => s.id));
    released = submissions.flatMap((s) => {
      const ofSubmission = reviews.filter((r) => r.submissionId === s.id);
      return releaseOf(ctx, ofSubmission).released ? ofSubmission : [];
    });
  } catch (error) {
    // CASE: no peer review in this task (or another course's task): no peers to show.
    if (error instanceof DomainError) return [];
    throw error;
  }
  const peer = released.filter((r) => r.kind === 'peer' && r.status === 'submitted');
  const ref = peer[0]?.standard;
  if (ref === undefined) return [];
  // CASE: reviews pinned to another version of the standard (an amendment between reviews) are
  // judged on other levels; only those of the first version found are pooled.
  const sameVersion = peer.filter(
    (r) => r.standard.standardId === ref.standardId && r.standard.version === ref.version,
  );
  return summariseFeedback(await pinnedByRef(deps, ref), sameVersion).criteria.map((c) => ({
    criterionId: c.criterionId,
    ...(c.peer.median !== undefined ? { median: c.peer.median } : {}),
    count: c.peer.count,
  }));
}
