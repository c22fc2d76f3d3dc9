/**
 * A team's standard page and its actions, under `/lti/app/tasks/:taskId/teams/:teamId/standard`.
 *
 * Every request first passes the access check (a member of that team, or a facilitator of the
 * course the task belongs to; anyone else 403/404) — before its body is even read, so an outsider
 * learns nothing from a malformed request either. Actions are POST → 303 back to the page. A save
 * the rules refuse (invalid input 422, someone changed it meanwhile 409, not possible now 409)
 * renders the page as it is now, with the reason on top and the person's input still in its form.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  InvalidInputError,
  NotFoundError,
  PhaseConflictError,
  VersionConflictError,
} from '../../domain/shared/errors.js';
import {
  asCommentId,
  asCriterionId,
  asObjectionId,
  asTeamId,
  asTeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import { tenantKeyOf } from '../../domain/shared/tenant.js';
import type { LibraryStandardRepo } from '../../store/library/library-standard-repo.js';
import type { CourseActor } from '../../services/shared/access.js';
import { loadTeamForActor } from '../../services/shared/access.js';
import type { TeamworkDeps } from '../../services/shared/deps.js';
import { addComment } from '../../services/standards/add-comment.js';
import { agreeToStandard } from '../../services/standards/agree-to-standard.js';
import { approveStandard } from '../../services/standards/approve-standard.js';
import { editCriterion } from '../../services/standards/edit-criterion.js';
import { lockStandard } from '../../services/standards/lock-standard.js';
import { openAmendment } from '../../services/standards/open-amendment.js';
import { proposeCriterion } from '../../services/standards/propose-criterion.js';
import { raiseObjection } from '../../services/standards/raise-objection.js';
import { ratifyStandard } from '../../services/standards/ratify-standard.js';
import { standardPage } from '../../services/standards/standard-page.js';
import { startTeamStandard } from '../../services/standards/start-team-standard.js';
import { submitWeighting } from '../../services/standards/submit-weighting.js';
import { unlockStandard } from '../../services/standards/unlock-standard.js';
import { withdrawAgreement } from '../../services/standards/withdraw-agreement.js';
import { withdrawCriterion } from '../../services/standards/withdraw-criterion.js';
import { withdrawObjection } from '../../services/standards/withdraw-objection.js';
import { asyncRoute } from '../async-route.js';
import { parseRequest } from '../forms/bad-request.js';
import { criterionParams, editCriterionForm, proposeCriterionForm } from '../forms/criterion.form.js';
import { standardParams } from '../forms/form-fields.js';
import { contentRevisionForm } from '../forms/standard-action.form.js';
import { commentForm, objectionForm, objectionParams } from '../forms/standard-discussion.form.js';
import { weightingForm } from '../forms/weighting.form.js';
import { localeOf } from '../middleware/locale.js';
import { courseActorOf, launchOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';
import {
  buildStandardView,
  isDoneCode,
  type DoneCode,
  type FormInput,
  type PeopleNames,
  type Refusal,
} from '../view-models/standard-page.js';
import { STANDARD_ROUTE, standardPath } from '../view-models/standard-paths.js';

/** Display names for people ids (the course directory). */
export interface PeopleDirectory {
  people(ids: readonly UserId[]): Promise<PeopleNames>;
}

export interface StandardRouterDeps {
  readonly teamwork: () => TeamworkDeps;
  readonly directory: () => PeopleDirectory;
  /** The library's entries, to name the one a standard came from (without it: no name). */
  readonly libraryStandards?: () => Pick<LibraryStandardRepo, 'findBySource'>;
}

interface Target {
  readonly who: CourseActor;
  readonly taskId: ReturnType<typeof asTeamTaskId>;
  readonly teamId: ReturnType<typeof asTeamId>;
}

function targetOf(req: Request, res: Response): Target {
  const params = parseRequest(standardParams, req.params, 'path');
  return { who: courseActorOf(res), taskId: asTeamTaskId(params.taskId), teamId: asTeamId(params.teamId) };
}

/** What an action did: where to send the person back and what to tell them. */
interface Outcome {
  readonly done: DoneCode;
  readonly anchor: string;
}

export function createStandardRouter(deps: StandardRouterDeps): Router {
  const router = Router();

  // The access check for every method and every sub-path, before any body is parsed.
  router.use(
    STANDARD_ROUTE,
    asyncRoute(async (req, res, next) => {
      const { who, taskId, teamId } = targetOf(req, res);
      await loadTeamForActor(deps.teamwork(), who, taskId, teamId, 'view-standard');
      next();
    }),
  );

  async function render(
    res: Response,
    target: Target,
    options: { status?: number; refusal?: Refusal; input?: FormInput; done?: DoneCode } = {},
  ): Promise<void> {
    const teamwork = deps.teamwork();
    const page = await standardPage(
      {
        ...teamwork,
        ...(deps.libraryStandards !== undefined ? { libraryStandards: deps.libraryStandards() } : {}),
      },
      {
        ...target.who,
        taskId: target.taskId,
        teamId: target.teamId,
        tenant: tenantKeyOf(launchOf(res).platform),
      },
    );
    const ids = new Set<UserId>(page.team.members);
    for (const c of page.criteria) for (const r of c.history) ids.add(r.author);
    const threads = [...page.generalThreads, ...page.criteria.flatMap((c) => c.threads)];
    for (const thread of threads) for (const c of [thread.first, ...thread.replies]) ids.add(c.author);
    for (const o of page.objections) ids.add(o.by);
    for (const v of page.versions) {
      for (const id of v.agreedBy) ids.add(id);
      if (v.approvedBy !== undefined) ids.add(v.approvedBy);
    }
    const people = await deps.directory().people([...ids]);
    const view = buildStandardView({
      page,
      viewer: target.who,
      people,
      locale: localeOf(res),
      ...(options.refusal !== undefined ? { refusal: options.refusal } : {}),
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.done !== undefined ? { done: options.done } : {}),
    });
    res.status(options.status ?? 200).render('pages/standards/standard', view);
  }

  /** The first visit (or action) sets the team's standard up from the task's starting point. */
  async function ensureStarted(target: Target): Promise<void> {
    try {
      await startTeamStandard(deps.teamwork(), {
        ...target.who,
        taskId: target.taskId,
        teamId: target.teamId,
      });
    } catch (error) {
      // CASE: a task without standard-setting has no standard to show.
      if (error instanceof InvalidInputError) throw new NotFoundError('standard', target.teamId);
      throw error;
    }
  }

  router.get(
    STANDARD_ROUTE,
    asyncRoute(async (req, res) => {
      const target = targetOf(req, res);
      await ensureStarted(target);
      const done = req.query['done'];
      await render(res, target, isDoneCode(done) ? { done } : {});
    }),
  );

  /**
   * An action: parse the body (400 when it is not one of our forms), run it, 303 back. Refusals
   * by the rules re-render the page with the person's input (`inputOf`) in its form.
   */
  function action<S extends z.ZodTypeAny>(
    path: string,
    schema: S,
    run: (target: Target, form: z.infer<S>, req: Request) => Promise<Outcome>,
    inputOf?: (form: z.infer<S>, req: Request) => FormInput,
  ): void {
    router.post(
      `${STANDARD_ROUTE}${path}`,
      asyncRoute(async (req, res) => {
        const target = targetOf(req, res);
        const form = parseRequest(schema, req.body ?? {}, 'form');
        await ensureStarted(target);
        try {
          const outcome = await run(target, form, req);
          const back = `${standardPath(target.taskId, target.teamId)}?done=${outcome.done}#${outcome.anchor}`;
          redirectWithLtik(res, back);
        } catch (error) {
          const refusal = refusalOf(error);
          if (refusal === undefined) throw error;
          const input = inputOf?.(form, req);
          await render(res, target, {
            status: refusal.kind === 'invalid' ? 422 : 409,
            refusal,
            ...(input !== undefined ? { input } : {}),
          });
        }
      }),
    );
  }

  const on = (t: Target) => ({ ...t.who, taskId: t.taskId, teamId: t.teamId });

  action(
    '/criteria',
    proposeCriterionForm,
    async (t, form) => {
      await proposeCriterion(deps.teamwork(), { ...on(t), content: form.content });
      return { done: 'proposed', anchor: 'criteria' };
    },
    (form) => ({ form: 'propose', values: form.content }),
  );

  action(
    '/criteria/:criterionId',
    editCriterionForm,
    async (t, form, req) => {
      const { criterionId } = parseRequest(criterionParams, req.params, 'path');
      await editCriterion(deps.teamwork(), {
        ...on(t),
        criterionId: asCriterionId(criterionId),
        baseRevision: form.baseRevision,
        content: form.content,
      });
      return { done: 'edited', anchor: `criterion-${criterionId}` };
    },
    (form, req) => ({
      form: 'edit',
      criterionId: parseRequest(criterionParams, req.params, 'path').criterionId,
      values: form.content,
    }),
  );

  action('/criteria/:criterionId/withdraw', sessionOnlyForm, async (t, _form, req) => {
    const { criterionId } = parseRequest(criterionParams, req.params, 'path');
    await withdrawCriterion(deps.teamwork(), { ...on(t), criterionId: asCriterionId(criterionId) });
    return { done: 'withdrawn', anchor: 'criteria' };
  });

  action(
    '/comments',
    commentForm,
    async (t, form) => {
      await addComment(deps.teamwork(), {
        ...on(t),
        body: form.body,
        ...(form.criterionId !== undefined ? { criterionId: asCriterionId(form.criterionId) } : {}),
        ...(form.replyTo !== undefined ? { replyTo: asCommentId(form.replyTo) } : {}),
      });
      return {
        done: 'commented',
        anchor: form.criterionId !== undefined ? `criterion-${form.criterionId}` : 'discussion',
      };
    },
    (form) => ({
      form: 'comment',
      ...(form.criterionId !== undefined ? { criterionId: form.criterionId } : {}),
      ...(form.replyTo !== undefined ? { replyTo: form.replyTo } : {}),
      body: form.body,
    }),
  );

  action(
    '/objections',
    objectionForm,
    async (t, form) => {
      await raiseObjection(deps.teamwork(), {
        ...on(t),
        reason: form.reason,
        ...(form.criterionId !== undefined ? { criterionId: asCriterionId(form.criterionId) } : {}),
      });
      return { done: 'objected', anchor: 'agreement' };
    },
    (form) => ({
      form: 'object',
      ...(form.criterionId !== undefined ? { criterionId: form.criterionId } : {}),
      reason: form.reason,
    }),
  );

  action('/objections/:objectionId/withdraw', sessionOnlyForm, async (t, _form, req) => {
    const { objectionId } = parseRequest(objectionParams, req.params, 'path');
    await withdrawObjection(deps.teamwork(), { ...on(t), objectionId: asObjectionId(objectionId) });
    return { done: 'objection-withdrawn', anchor: 'agreement' };
  });

  action(
    '/weights',
    weightingForm,
    async (t, form) => {
      await submitWeighting(deps.teamwork(), {
        ...on(t),
        points: form.rows.map((r) => ({ criterionId: asCriterionId(r.criterionId), points: r.points })),
        basis: form.rows.map((r) => ({ criterionId: asCriterionId(r.criterionId), revision: r.revision })),
      });
      return { done: 'weighed', anchor: 'weights' };
    },
    (form) => ({
      form: 'weigh',
      points: Object.fromEntries(form.rows.map((r) => [r.criterionId, r.raw])),
    }),
  );

  action('/agreement', contentRevisionForm, async (t, form) => {
    const outcome = await agreeToStandard(deps.teamwork(), {
      ...on(t),
      contentRevision: form.contentRevision,
    });
    return { done: outcome.ratified !== undefined ? 'ratified' : 'agreed', anchor: 'agreement' };
  });

  action('/agreement/withdraw', sessionOnlyForm, async (t) => {
    await withdrawAgreement(deps.teamwork(), on(t));
    return { done: 'agreement-withdrawn', anchor: 'agreement' };
  });

  action('/ratify', contentRevisionForm, async (t, form) => {
    await ratifyStandard(deps.teamwork(), { ...on(t), expectedContentRevision: form.contentRevision });
    return { done: 'ratified', anchor: 'agreement' };
  });

  action('/amendment', sessionOnlyForm, async (t) => {
    await openAmendment(deps.teamwork(), on(t));
    return { done: 'amendment-opened', anchor: 'agreement' };
  });

  action('/approve', contentRevisionForm, async (t, form) => {
    await approveStandard(deps.teamwork(), { ...on(t), expectedContentRevision: form.contentRevision });
    return { done: 'approved', anchor: 'agreement' };
  });

  action('/lock', sessionOnlyForm, async (t) => {
    await lockStandard(deps.teamwork(), on(t));
    return { done: 'locked', anchor: 'agreement' };
  });

  action('/unlock', sessionOnlyForm, async (t) => {
    await unlockStandard(deps.teamwork(), on(t));
    return { done: 'unlocked', anchor: 'agreement' };
  });

  return router;
}

/** Forms with nothing to say but the session (`ltik`): any urlencoded body of ours will do. */
const sessionOnlyForm = z.object({});

function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof InvalidInputError) return { kind: 'invalid', issues: error.issues };
  if (error instanceof VersionConflictError) return { kind: 'conflict' };
  if (error instanceof PhaseConflictError) return { kind: 'refused', reason: error.details['reason'] ?? '' };
  return undefined;
}
