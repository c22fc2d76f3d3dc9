/**
 * The learner's peer-review pages: the (team's) submission with draft, hand-in and file upload;
 * the reviews they write (and "take next" in pull mode, and their self-assessment); the review
 * form; the feedback on their work with helpfulness ratings. Every request is authorised by the
 * use case it calls (a member of the task's course with a team, the reviewer of that review, an
 * author of that submission); actions are POST → 303 back; a refused save re-renders the page
 * with the reason and the person's input kept.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { asReviewId } from '../../../domain/review/review.js';
import {
  InvalidInputError,
  PhaseConflictError,
  VersionConflictError,
} from '../../../domain/shared/errors.js';
import type { FieldIssue } from '../../../domain/shared/errors.js';
import type { TeamTaskId } from '../../../domain/shared/ids.js';
import type { CourseActor } from '../../../services/shared/access.js';
import type { ReviewDeps } from '../../../services/shared/review-deps.js';
import { feedbackPage } from '../../../services/reviews/feedback-page.js';
import { myReviews } from '../../../services/reviews/my-reviews.js';
import { openReviewForm } from '../../../services/reviews/open-review-form.js';
import { rateReview } from '../../../services/reviews/rate-review.js';
import { saveReviewDraft } from '../../../services/reviews/save-review-draft.js';
import { startSelfAssessment } from '../../../services/reviews/start-self-assessment.js';
import { submitReview } from '../../../services/reviews/submit-review.js';
import { takeNextReview } from '../../../services/reviews/take-next-review.js';
import { asksContributionSplit } from '../../../services/grades/my-contribution-split.js';
import { mySubmission } from '../../../services/submissions/my-submission.js';
import { saveSubmissionDraft, type PostedPart } from '../../../services/submissions/save-submission-draft.js';
import { submitWork } from '../../../services/submissions/submit-work.js';
import { uploadSubmissionFile } from '../../../services/submissions/upload-submission-file.js';
import { asyncRoute } from '../../async-route.js';
import { readUpload, UploadTooLargeError } from '../../files/read-upload.js';
import { BadRequestError } from '../../forms/bad-request.js';
import { field, fields, formBody, idParam, type FormBody } from '../../forms/form-body.js';
import { courseActorOf } from '../../launch/course-actor.js';
import { redirectWithLtik } from '../../launch/with-ltik.js';
import { REVIEW_PATHS, REVIEW_ROUTES } from '../../view-models/review-paths.js';
import {
  feedbackView,
  myReviewsView,
  reviewFormView,
  submissionPageView,
  type PageFrame,
  type ReviewInputView,
  type SubmissionInput,
} from '../../view-models/review-learner-pages.js';
import { localeOf, taskIdOf } from '../tasks/task-route-deps.js';

export interface ReviewRouteDeps {
  readonly reviews: () => ReviewDeps;
}

const DONE = new Set([
  'saved',
  'submitted',
  'uploaded',
  'review-saved',
  'review-submitted',
  'rated',
  'configured',
  'allocated',
  'assigned',
  'unassigned',
  'overridden',
  'released',
  'computed',
  'contribution-saved',
]);

export function doneOf(req: Request): string | undefined {
  const done = req.query['done'];
  return typeof done === 'string' && DONE.has(done) ? done : undefined;
}

export function bodyOf(req: Request): FormBody {
  const parsed = formBody.safeParse(req.body ?? {});
  if (!parsed.success) throw new BadRequestError('form');
  return parsed.data;
}

const revisionOf = (body: FormBody | Readonly<Record<string, string>>): number | undefined => {
  const value = body['expectedRevision'];
  const text = typeof value === 'string' ? value : '';
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
};

export async function taskTitleOf(deps: ReviewDeps, taskId: TeamTaskId): Promise<string> {
  return (await deps.teamTasks.findById(taskId))?.title ?? '';
}

/** The issues of a refusal the page can explain, or undefined for errors that stay errors. */
export function refusalIssues(error: unknown): { status: number; issues: FieldIssue[] } | undefined {
  if (error instanceof InvalidInputError) return { status: 422, issues: [...error.issues] };
  if (error instanceof VersionConflictError)
    return { status: 409, issues: [{ field: 'form', code: 'conflict' }] };
  if (error instanceof PhaseConflictError)
    return { status: 409, issues: [{ field: 'form', code: `refused:${error.details['reason'] ?? ''}` }] };
  return undefined;
}

const reviewIdParam = z.object({ reviewId: idParam });

export function addLearnerReviewRoutes(router: Router, deps: ReviewRouteDeps): void {
  const d = () => deps.reviews();
  const target = (req: Request, res: Response): CourseActor & { taskId: TeamTaskId } => ({
    ...courseActorOf(res),
    taskId: taskIdOf(req),
  });

  // --- Submission ---------------------------------------------------------------------------

  async function renderSubmission(
    req: Request,
    res: Response,
    options: { status?: number; issues?: FieldIssue[]; input?: SubmissionInput } = {},
  ): Promise<void> {
    const who = target(req, res);
    const view = await mySubmission(d(), who);
    const settings = await d().reviewSettings.findByTask(who.taskId);
    const f: PageFrame = {
      taskId: who.taskId,
      taskTitle: await taskTitleOf(d(), who.taskId),
      contribution: await asksContributionSplit(d(), who.taskId),
      ...(doneOf(req) !== undefined && options.issues === undefined ? { done: doneOf(req)! } : {}),
      ...(options.issues !== undefined ? { issues: options.issues } : {}),
    };
    res.status(options.status ?? 200).render(
      'pages/review/submission',
      submissionPageView(localeOf(res), f, view, {
        ...(options.input !== undefined ? { input: options.input } : {}),
        selfAssessment: settings?.selfAssessment ?? true,
      }),
    );
  }

  router.get(
    REVIEW_ROUTES.submission,
    asyncRoute(async (req, res) => renderSubmission(req, res)),
  );

  router.post(
    REVIEW_ROUTES.submission,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      await mySubmission(d(), who); // access before the body is looked at
      const body = bodyOf(req);
      const text = field(body, 'text');
      const urls = fields(body, 'linkUrl');
      const titles = fields(body, 'linkTitle');
      const keep = fields(body, 'keepFile');
      const intent = field(body, 'intent');
      if (intent !== 'save' && intent !== 'submit') throw new BadRequestError('intent');
      const links = urls.map((url, i) => ({ url: url.trim(), title: (titles[i] ?? '').trim() }));
      const parts: PostedPart[] = [
        ...(text.trim() !== '' ? [{ kind: 'text' as const, markdown: text }] : []),
        ...links
          .filter((l) => l.url !== '')
          .map((l) => ({ kind: 'link' as const, url: l.url, ...(l.title !== '' ? { title: l.title } : {}) })),
        ...keep.map((fileId) => ({ kind: 'file' as const, fileId })),
      ];
      const expectedRevision = revisionOf(body);
      try {
        const saved = await saveSubmissionDraft(d(), {
          ...who,
          parts,
          ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        });
        if (intent === 'submit') await submitWork(d(), { ...who, expectedRevision: saved.revision });
        redirectWithLtik(
          res,
          `${REVIEW_PATHS.submission(who.taskId)}?done=${intent === 'submit' ? 'submitted' : 'saved'}`,
        );
      } catch (error) {
        const refusal = refusalIssues(error);
        if (refusal === undefined) throw error;
        await renderSubmission(req, res, { ...refusal, input: { text, links, keep } });
      }
    }),
  );

  router.post(
    REVIEW_ROUTES.upload,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const limits = d().submissionLimits;
      await mySubmission(d(), who); // access before a byte of the body is read
      try {
        let upload;
        try {
          upload = await readUpload(req, limits.maxFileBytes);
        } catch (error) {
          if (error instanceof UploadTooLargeError) {
            res.setHeader('Connection', 'close');
            throw new InvalidInputError([{ field: 'file', code: 'too-large' }]);
          }
          throw error;
        }
        if (upload.file === undefined) throw new InvalidInputError([{ field: 'file', code: 'no-file' }]);
        const expectedRevision = revisionOf(upload.fields);
        await uploadSubmissionFile(d(), {
          ...who,
          name: upload.file.name,
          declaredType: upload.file.declaredType,
          content: upload.file.content,
          ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        });
        redirectWithLtik(res, `${REVIEW_PATHS.submission(who.taskId)}?done=uploaded`);
      } catch (error) {
        const refusal = refusalIssues(error);
        if (refusal === undefined) throw error;
        const status = refusal.issues.some((i) => i.code === 'too-large') ? 413 : refusal.status;
        await renderSubmission(req, res, { status, issues: refusal.issues });
      }
    }),
  );

  // --- My reviews, take next, self-assessment ------------------------------------------------

  async function renderMine(req: Request, res: Response, nothingLeft = false): Promise<void> {
    const who = target(req, res);
    const view = await myReviews(d(), who);
    const settings = await d().reviewSettings.findByTask(who.taskId);
    const own = await mySubmission(d(), who).catch(() => undefined);
    const f: PageFrame = {
      taskId: who.taskId,
      taskTitle: await taskTitleOf(d(), who.taskId),
      contribution: await asksContributionSplit(d(), who.taskId),
      ...(doneOf(req) !== undefined ? { done: doneOf(req)! } : {}),
    };
    res.render(
      'pages/review/my-reviews',
      myReviewsView(localeOf(res), f, view, {
        selfAssessmentOffered: (settings?.selfAssessment ?? true) && own?.submitted !== undefined,
        nothingLeft,
      }),
    );
  }

  router.get(
    REVIEW_ROUTES.mine,
    asyncRoute(async (req, res) => renderMine(req, res, req.query['next'] === 'none')),
  );

  router.post(
    REVIEW_ROUTES.takeNext,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      bodyOf(req);
      const outcome = await takeNextReview(d(), who);
      if (outcome.kind === 'review')
        return redirectWithLtik(res, REVIEW_PATHS.review(who.taskId, outcome.reviewId));
      redirectWithLtik(res, `${REVIEW_PATHS.mine(who.taskId)}?next=none`);
    }),
  );

  router.post(
    REVIEW_ROUTES.self,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      bodyOf(req);
      const { reviewId } = await startSelfAssessment(d(), who);
      redirectWithLtik(res, REVIEW_PATHS.review(who.taskId, reviewId));
    }),
  );

  // --- The review form -----------------------------------------------------------------------

  const reviewIdOf = (req: Request) => {
    const parsed = reviewIdParam.safeParse(req.params);
    if (!parsed.success) throw new BadRequestError('path');
    return asReviewId(parsed.data.reviewId);
  };

  async function renderReview(
    req: Request,
    res: Response,
    options: { status?: number; issues?: FieldIssue[]; input?: ReviewInputView } = {},
  ): Promise<void> {
    const who = target(req, res);
    const page = await openReviewForm(d(), { ...who, reviewId: reviewIdOf(req) });
    const f: PageFrame = {
      taskId: who.taskId,
      taskTitle: await taskTitleOf(d(), who.taskId),
      contribution: await asksContributionSplit(d(), who.taskId),
      ...(doneOf(req) !== undefined && options.issues === undefined ? { done: doneOf(req)! } : {}),
      ...(options.issues !== undefined ? { issues: options.issues } : {}),
    };
    res
      .status(options.status ?? 200)
      .render('pages/review/review-form', reviewFormView(localeOf(res), f, page, options.input));
  }

  router.get(
    REVIEW_ROUTES.review,
    asyncRoute(async (req, res) => renderReview(req, res)),
  );

  router.post(
    REVIEW_ROUTES.review,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const reviewId = reviewIdOf(req);
      const page = await openReviewForm(d(), { ...who, reviewId }); // access first
      const body = bodyOf(req);
      const intent = field(body, 'intent');
      if (intent !== 'save' && intent !== 'submit') throw new BadRequestError('intent');
      const input: ReviewInputView = {
        levels: new Map(
          page.form.criteria.flatMap((c) => {
            const level = field(body, `level.${c.criterionId}`);
            return level === '' ? [] : [[c.criterionId as string, level] as const];
          }),
        ),
        comments: new Map(
          page.form.criteria.map((c) => [c.criterionId as string, field(body, `comment.${c.criterionId}`)]),
        ),
        overall: field(body, 'overallComment'),
      };
      const values = {
        ratings: page.form.criteria.map((c) => ({
          criterionId: c.criterionId as string,
          ...(input.levels.has(c.criterionId) ? { levelId: input.levels.get(c.criterionId)! } : {}),
          comment: input.comments.get(c.criterionId) ?? '',
        })),
        overallComment: input.overall,
      };
      const expectedRevision = revisionOf(body);
      try {
        const common = {
          ...who,
          reviewId,
          values,
          ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        };
        if (intent === 'save') await saveReviewDraft(d(), common);
        else await submitReview(d(), common);
        redirectWithLtik(
          res,
          `${REVIEW_PATHS.review(who.taskId, reviewId)}?done=${intent === 'save' ? 'review-saved' : 'review-submitted'}`,
        );
      } catch (error) {
        const refusal = refusalIssues(error);
        if (refusal === undefined) throw error;
        await renderReview(req, res, { ...refusal, input });
      }
    }),
  );

  // --- Feedback ------------------------------------------------------------------------------

  router.get(
    REVIEW_ROUTES.feedback,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const view = await feedbackPage(d(), who);
      const settings = await d().reviewSettings.findByTask(who.taskId);
      const f: PageFrame = {
        taskId: who.taskId,
        taskTitle: await taskTitleOf(d(), who.taskId),
        contribution: await asksContributionSplit(d(), who.taskId),
        ...(doneOf(req) !== undefined ? { done: doneOf(req)! } : {}),
      };
      const minReviews = settings?.release.kind === 'min-reviews' ? settings.release.minReviews : undefined;
      res.render(
        'pages/review/feedback',
        feedbackView(localeOf(res), f, view, {
          canRate: who.actor.role === 'learner',
          ...(minReviews !== undefined ? { minReviews } : {}),
        }),
      );
    }),
  );

  router.post(
    REVIEW_ROUTES.rate,
    asyncRoute(async (req, res) => {
      const who = target(req, res);
      const reviewId = reviewIdOf(req);
      const body = bodyOf(req);
      const stars = Number(field(body, 'stars'));
      if (!Number.isInteger(stars) || stars < 1 || stars > 5)
        throw new InvalidInputError([{ field: 'stars', code: 'required' }]);
      const reply = field(body, 'reply');
      await rateReview(d(), { ...who, reviewId, stars, ...(reply.trim() !== '' ? { reply } : {}) });
      redirectWithLtik(res, `${REVIEW_PATHS.feedback(who.taskId)}?done=rated`);
    }),
  );
}
