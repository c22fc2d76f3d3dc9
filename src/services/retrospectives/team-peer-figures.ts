/**
 * The peers' figures of a team's released feedback, per criterion — read every time the
 * retrospective is shown, from the same read model as the feedback and reflection pages
 * (`feedbackPage`), so a retrospective opened before release shows the peers once released.
 * Medians and counts only: no reviewer ids leave here.
 *
 * A member gets their own (team's) submission's feedback; a facilitator the team's submission
 * (team submission mode) — and only once released, as the team sees it. In individual
 * submission mode there is no team submission, so a facilitator sees no peer figures there.
 */
import type { PeerFigure } from '../../domain/retrospective/retrospective.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { TeamId, TeamTaskId } from '../../domain/shared/ids.js';
import type { AuthorFeedbackView } from '../../domain/review/feedback-view.js';
import type { CourseActor } from '../shared/access.js';
import type { ReviewDeps } from '../shared/review-deps.js';
import { feedbackPage } from '../reviews/feedback-page.js';

/** The released feedback criteria a viewer may compare against; none before release. */
export async function releasedFeedbackOf(
  deps: ReviewDeps,
  who: CourseActor,
  input: { readonly taskId: TeamTaskId; readonly teamId: TeamId },
): Promise<Extract<AuthorFeedbackView, { criteria: unknown }>['criteria']> {
  try {
    let view: AuthorFeedbackView;
    if (who.actor.role === 'facilitator') {
      const submission = (await deps.submissions.listByTask(input.taskId)).find(
        (s) => s.owner.kind === 'team' && s.owner.teamId === input.teamId,
      );
      if (submission === undefined) return [];
      view = await feedbackPage(deps, { ...who, taskId: input.taskId, submissionId: submission.id });
    } else {
      view = await feedbackPage(deps, { ...who, taskId: input.taskId });
    }
    return 'criteria' in view && view.release.released ? view.criteria : [];
  } catch (error) {
    // CASE: no peer review in this task (or another course's task), or nothing handed in yet.
    if (error instanceof DomainError) return [];
    throw error;
  }
}

export async function teamPeerFigures(
  deps: ReviewDeps,
  who: CourseActor,
  input: { readonly taskId: TeamTaskId; readonly teamId: TeamId },
): Promise<PeerFigure[]> {
  return (await releasedFeedbackOf(deps, who, input)).map((c) => ({
    criterionId: c.criterionId,
    ...(c.peer.median !== undefined ? { median: c.peer.median } : {}),
    count: c.peer.count,
  }));
}
