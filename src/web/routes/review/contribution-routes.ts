/**
 * The learner's contribution split page (WebPA): GET shows their team with a points field each,
 * the budget and what they saved; POST hands the split to the use case (which authorises: a
 * learner in a team of this task, the task asks for a split, the phase is open). A wrong total
 * is 422 with the input kept; a closed phase is 409; nothing is saved on a refusal.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { FieldIssue } from '../../../domain/shared/errors.js';
import type { TeamTaskId } from '../../../domain/shared/ids.js';
import { myContributionSplit } from '../../../services/grades/my-contribution-split.js';
import { submitContributionSplit } from '../../../services/grades/submit-contribution-split.js';
import type { CourseActor } from '../../../services/shared/access.js';
import { asyncRoute } from '../../async-route.js';
import { BadRequestError } from '../../forms/bad-request.js';
import { fields } from '../../forms/form-body.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import { contributionPageView, type ContributionInput } from '../../view-models/contribution-page.js';
import { REVIEW_PATHS, REVIEW_ROUTES } from '../../view-models/review-paths.js';
import { localeOf, taskIdOf } from '../tasks/task-route-deps.js';
import { bodyOf, doneOf, refusalIssues, taskTitleOf, type ReviewRouteDeps } from './learner-routes.js';

/** The posted split: one member id and one points text per row, as many of each. */
const splitForm = z
  .object({
    member: z.array(z.string().min(1).max(100)).min(1).max(100),
    points: z.array(z.string().max(20)).min(1).max(100),
  })
  .refine((form) => form.member.length === form.points.length);

/** Whole points, or NaN (which the domain refuses as `invalid` for that row). */
const pointsOf = (text: string): number => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN);

export function addContributionRoutes(router: Router, deps: ReviewRouteDeps): void {
  const d = () => deps.reviews();
  const target = (req: Request, res: Response): CourseActor & { taskId: TeamTaskId } => ({
    ...courseActorOf(res),
    taskId: taskIdOf(req),
  });

  async function render(
    req: Request,
    res: Response,
    options: { status?: number; issues?: FieldIssue[]; input?: ContributionInput } = {},
  ): Promise<void> {
    const who = target(req, res);
    const view = await myContributionSplit(d(), who);
    const done = doneOf(req);
    res.status(options.status ?? 200).render(
      'pages/review/contribution',
      contributionPageView(
        localeOf(res),
        {
          taskId: who.taskId,
          taskTitle: await taskTitleOf(d(), who.taskId),
          contribution: true,
          ...(done !== undefined && options.issues === undefined ? { done } : {}),
          ...(options.issues !== undefined ? { issues: options.issues } : {}),
        },
        view,
        options.input,
      ),
    );
  }

  router.get(
    REVIEW_ROUTES.contribution,
    asyncRoute(async (req, res) => render(req, res)),
  );

  router.post(
    REVIEW_ROUTES.contribution,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      await myContributionSplit(d(), who); // access before the body is looked at
      const body = bodyOf(req);
      const parsed = splitForm.safeParse({ member: fields(body, 'member'), points: fields(body, 'points') });
      if (!parsed.success) throw new BadRequestError('points');
      const { member, points } = parsed.data;
      try {
        await submitContributionSplit(d(), {
          ...who,
          points: member.map((userId, i) => ({ userId, points: pointsOf(points[i]!) })),
        });
        redirectWithLtik(res, `${REVIEW_PATHS.contribution(who.taskId)}?done=contribution-saved`);
      } catch (error) {
        const refusal = refusalIssues(error);
        if (refusal === undefined) throw error;
        await render(req, res, { ...refusal, input: new Map(member.map((m, i) => [m, points[i]!])) });
      }
    }),
  );
}
