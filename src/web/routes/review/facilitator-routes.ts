/**
 * The facilitator's peer-review pages: settings, the dashboard, allocation, hand adjustments,
 * grade overrides (reason required) and releasing grades to the gradebook (through the
 * `GradebookPort`). Only facilitators of the task's course get past the use cases' checks.
 */
import type { Request, Response, Router } from 'express';
import { asReviewId } from '../../../domain/review/review.js';
import {
  asksForContributionSplit,
  type ReviewSettingsValues,
} from '../../../domain/review/review-settings.js';
import { InvalidInputError, type FieldIssue } from '../../../domain/shared/errors.js';
import { asUserId, type TeamTaskId } from '../../../domain/shared/ids.js';
import { asSubmissionId } from '../../../domain/submission/submission.js';
import { computeGrades } from '../../../services/grades/compute-grades.js';
import { overrideGrade } from '../../../services/grades/override-grade.js';
import { releaseGrades } from '../../../services/grades/release-grades.js';
import { requireFacilitator, type CourseActor } from '../../../services/shared/access.js';
import { allocateReviews } from '../../../services/reviews/allocate-reviews.js';
import { assignReviewer } from '../../../services/reviews/assign-reviewer.js';
import { configureReview } from '../../../services/reviews/configure-review.js';
import { feedbackPage } from '../../../services/reviews/feedback-page.js';
import { contributionStatusView } from '../../view-models/contribution-page.js';
import { reviewDashboard } from '../../../services/reviews/review-dashboard.js';
import { unassignReviewer } from '../../../services/reviews/unassign-reviewer.js';
import { asyncRoute } from '../../async-route.js';
import { BadRequestError } from '../../forms/bad-request.js';
import { field, idParam, wholeNumber, type FormBody } from '../../forms/form-body.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import {
  dashboardView,
  settingsView,
  type FacilitatorFrame,
} from '../../view-models/review-facilitator-pages.js';
import { feedbackView } from '../../view-models/review-learner-pages.js';
import { REVIEW_PATHS, REVIEW_ROUTES } from '../../view-models/review-paths.js';
import { localeOf, taskIdOf } from '../tasks/task-route-deps.js';
import { bodyOf, doneOf, refusalIssues, taskTitleOf, type ReviewRouteDeps } from './learner-routes.js';

const param = (req: Request, name: string): string => {
  const parsed = idParam.safeParse(req.params[name]);
  if (!parsed.success) throw new BadRequestError('path');
  return parsed.data;
};

function settingsChanges(body: FormBody, current: ReviewSettingsValues): Partial<ReviewSettingsValues> {
  const checked = (name: string) => field(body, name) === '1';
  const oneOf = <T extends string>(name: string, values: readonly T[]): T => {
    const value = field(body, name);
    if (!(values as readonly string[]).includes(value)) throw new BadRequestError(name);
    return value as T;
  };
  const count = (name: string): number => {
    const n = wholeNumber(body, name);
    if (n === undefined) throw new InvalidInputError([{ field: name, code: 'invalid' }]);
    return n;
  };
  const graded = oneOf('grading', ['formative', 'graded'] as const) === 'graded';
  const releaseKind = oneOf('release', ['phase-close', 'min-reviews'] as const);
  const formula = current.grading.mode === 'graded' ? current.grading.formula : undefined;
  return {
    submissionMode: oneOf('submissionMode', ['team', 'person'] as const),
    scope: oneOf('scope', ['across-teams', 'within-team'] as const),
    allocation: oneOf('allocation', ['push', 'pull'] as const),
    reviewsPerSubmission: count('reviewsPerSubmission'),
    leaseMinutes: count('leaseMinutes'),
    anonymity: {
      hideReviewersFromAuthors: checked('hideReviewers'),
      hideAuthorsFromReviewers: checked('hideAuthors'),
    },
    release:
      releaseKind === 'phase-close'
        ? { kind: 'phase-close' }
        : { kind: 'min-reviews', minReviews: count('minReviews') },
    selfAssessment: checked('selfAssessment'),
    lateSubmissions: checked('lateAllowed') ? { allowed: true } : { allowed: false },
    requireCriterionComments: checked('requireComments'),
    contributionSplit: checked('contributionSplit'),
    grading: graded
      ? {
          mode: 'graded',
          formula: {
            submissionWeight: count('submissionWeight'),
            reviewWeight: count('reviewWeight'),
            contributionWeighting: formula?.contributionWeighting ?? 0.5,
            scoreMaximum: count('scoreMaximum'),
          },
        }
      : { mode: 'formative' },
  };
}

export function addFacilitatorReviewRoutes(router: Router, deps: ReviewRouteDeps): void {
  const d = () => deps.reviews();
  const target = (req: Request, res: Response): CourseActor & { taskId: TeamTaskId } => {
    const who = courseActorOf(res);
    requireFacilitator(who.actor, 'view-review-dashboard');
    return { ...who, taskId: taskIdOf(req) };
  };
  const frameOf = async (
    req: Request,
    who: { taskId: TeamTaskId },
    issues?: FieldIssue[],
  ): Promise<FacilitatorFrame> => ({
    taskId: who.taskId,
    taskTitle: await taskTitleOf(d(), who.taskId),
    ...(doneOf(req) !== undefined && issues === undefined ? { done: doneOf(req)! } : {}),
    ...(issues !== undefined ? { issues } : {}),
  });

  async function renderDashboard(
    req: Request,
    res: Response,
    status = 200,
    issues?: FieldIssue[],
  ): Promise<void> {
    const who = target(req, res);
    const view = await reviewDashboard(d(), who);
    const teamSet = await d().teamSets.findByTask(who.taskId);
    const teams = new Map(
      (teamSet?.teams ?? []).map((t) => [
        t.id as string,
        { number: t.number, ...(t.name !== undefined ? { name: t.name } : {}) },
      ]),
    );
    const settings = await d().reviewSettings.findByTask(who.taskId);
    let contributionStatus: ReturnType<typeof contributionStatusView> | undefined;
    if (settings !== undefined && asksForContributionSplit(settings) && teamSet !== undefined) {
      const splits = await d().contributions.listByTask(who.taskId);
      const members = teamSet.teams.flatMap((t) => t.members);
      contributionStatus = contributionStatusView(
        localeOf(res),
        teamSet.teams,
        new Set(splits.map((s) => s.raterId as string)),
        await d().directory.people(members),
      );
    }
    res.status(status).render('pages/review/dashboard', {
      ...dashboardView(localeOf(res), await frameOf(req, who, issues), view, teams),
      ...(contributionStatus !== undefined ? { contributionStatus } : {}),
    });
  }

  router.get(
    REVIEW_ROUTES.dashboard,
    asyncRoute(async (req, res) => renderDashboard(req, res)),
  );

  async function renderSettings(
    req: Request,
    res: Response,
    status = 200,
    issues?: FieldIssue[],
  ): Promise<void> {
    const who = target(req, res);
    const view = await reviewDashboard(d(), who);
    res
      .status(status)
      .render(
        'pages/review/settings',
        settingsView(localeOf(res), await frameOf(req, who, issues), view.settings, view.settings.revision),
      );
  }

  router.get(
    REVIEW_ROUTES.settings,
    asyncRoute(async (req, res) => renderSettings(req, res)),
  );

  router.post(
    REVIEW_ROUTES.settings,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const current = (await reviewDashboard(d(), who)).settings;
      const body = bodyOf(req);
      const expected = wholeNumber(body, 'expectedRevision');
      try {
        await configureReview(d(), {
          ...who,
          changes: settingsChanges(body, current),
          ...(expected !== undefined ? { expectedRevision: expected } : {}),
        });
        redirectWithLtik(res, `${REVIEW_PATHS.settings(who.taskId)}?done=configured`);
      } catch (error) {
        const refusal = refusalIssues(error);
        if (refusal === undefined) throw error;
        await renderSettings(req, res, refusal.status, refusal.issues);
      }
    }),
  );

  /** A dashboard action: run it, 303 back with what was done, or show the dashboard with the reason. */
  function action(
    path: string,
    done: string,
    run: (who: CourseActor & { taskId: TeamTaskId }, body: FormBody, req: Request) => Promise<void>,
  ): void {
    router.post(
      path,
      asyncRoute(async (req, res) => {
        const who = target(req, res);
        await reviewDashboard(d(), who); // access before the body is read
        const body = bodyOf(req);
        try {
          await run(who, body, req);
          redirectWithLtik(res, `${REVIEW_PATHS.dashboard(who.taskId)}?done=${done}`);
        } catch (error) {
          const refusal = refusalIssues(error);
          if (refusal === undefined) throw error;
          await renderDashboard(req, res, refusal.status, refusal.issues);
        }
      }),
    );
  }

  action(REVIEW_ROUTES.allocate, 'allocated', async (who) => {
    await allocateReviews(d(), who);
  });

  action(REVIEW_ROUTES.assign, 'assigned', async (who, body) => {
    const submissionId = idParam.safeParse(field(body, 'submissionId'));
    const reviewerId = idParam.safeParse(field(body, 'reviewerId'));
    if (!submissionId.success || !reviewerId.success) throw new BadRequestError('form');
    const note = field(body, 'note').trim();
    await assignReviewer(d(), {
      ...who,
      submissionId: asSubmissionId(submissionId.data),
      reviewerId: asUserId(reviewerId.data),
      ...(note !== '' ? { note } : {}),
    });
  });

  action(REVIEW_ROUTES.unassign, 'unassigned', async (who, _body, req) => {
    await unassignReviewer(d(), { ...who, reviewId: asReviewId(param(req, 'reviewId')) });
  });

  action(REVIEW_ROUTES.override, 'overridden', async (who, body, req) => {
    const score = Number(field(body, 'score').trim().replace(',', '.'));
    const reason = field(body, 'reason');
    if (field(body, 'score').trim() === '' || !Number.isFinite(score))
      throw new InvalidInputError([{ field: 'score', code: 'invalid' }]);
    await overrideGrade(d(), { ...who, userId: asUserId(param(req, 'userId')), score, reason });
  });

  action(REVIEW_ROUTES.compute, 'computed', async (who) => {
    await computeGrades(d(), who);
  });

  action(REVIEW_ROUTES.release, 'released', async (who) => {
    await releaseGrades(d(), who);
  });

  router.get(
    REVIEW_ROUTES.submissionFeedback,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const view = await feedbackPage(d(), {
        ...who,
        submissionId: asSubmissionId(param(req, 'submissionId')),
      });
      const f = await frameOf(req, who);
      res.render('pages/review/feedback', {
        ...feedbackView(localeOf(res), f, view, { canRate: false }),
        facilitator: true,
        dashboardPath: REVIEW_PATHS.dashboard(who.taskId),
        settingsPath: REVIEW_PATHS.settings(who.taskId),
      });
    }),
  );
}
