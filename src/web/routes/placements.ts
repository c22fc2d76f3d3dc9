/**
 * Putting Teamloop into a course from the LMS (facilitators only):
 * - `GET|POST /lti/app/deep-linking` — the selection page of a deep-linking request: a new team
 *   task, a copy of one in the course, or a new one starting from a library standard the
 *   facilitator may see (any other id: 400, nothing created), title, graded and maximum points; the answer is our
 *   signed deep-linking response, posted by the browser to the platform's return URL;
 * - `GET|POST /lti/app/placement/setup` — the same choice for a link launched before it opens a
 *   task (an activity added by hand in the LMS): the link is bound to the new task at once.
 * After either, launches of the link land on `/lti/app/tasks/:taskId`.
 */
import type { ResourceLinkItem } from '../../lti/deep-linking-response.js';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { InvalidInputError, NotPermittedError } from '../../domain/shared/errors.js';
import { asLibraryStandardId } from '../../domain/library/library-standard.js';
import { asTeamTaskId } from '../../domain/shared/ids.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import {
  placeTeamTask,
  type PlaceTeamTaskDeps,
  type PlacementChoice,
} from '../../services/placements/place-team-task.js';
import { PLACEMENT_PARAM, TASK_PARAM } from '../../services/placements/resolve-placement.js';
import { libraryStandards } from '../../services/library/library-standards.js';
import { idField } from '../forms/form-fields.js';
import { libraryActorOf } from './library.js';
import { asyncRoute } from '../async-route.js';
import { courseActorOf, launchOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';

export const PLACEMENT_PATHS = {
  deepLinking: '/lti/app/deep-linking',
  setup: '/lti/app/placement/setup',
  task: (taskId: string) => `/lti/app/tasks/${encodeURIComponent(taskId)}`,
} as const;

/** One activity placed in the course by the deep-linking response. */
export type DeepLinkItem = ResourceLinkItem;

export interface PlacementsRouterDeps {
  readonly place: () => PlaceTeamTaskDeps;
  /** The tool's launch URL (what placed links open). */
  readonly launchUrl: () => string;
  readonly deepLinkingResponse: (
    launch: LaunchContext,
    items: readonly DeepLinkItem[],
  ) => Promise<{ readonly returnUrl: string; readonly jwt: string }>;
  /** Whether the launch's resource link already opens a task (then no setup is offered). */
  readonly isConfigured: (launch: LaunchContext, courseId: string) => Promise<boolean>;
}

const form = z.object({
  choice: z.enum(['new', 'copy', 'library']).optional(),
  fromLibrary: z.string().max(100).optional(),
  title: z.string().max(1000).optional(),
  graded: z.string().max(10).optional(),
  maxPoints: z.string().max(20).optional(),
  source: z.string().max(100).optional(),
});

type FormValues = z.infer<typeof form>;

const ERROR_KEYS: Record<string, string> = {
  title: 'advantage.deepLinking.errors.title',
  maxPoints: 'advantage.deepLinking.errors.maxPoints',
  source: 'advantage.deepLinking.errors.source',
  fromLibrary: 'advantage.deepLinking.errors.fromLibrary',
  choice: 'advantage.deepLinking.errors.choice',
};

/** Allows this response's form to post to `origin` (the platform's return URL), besides 'self'. */
function allowFormActionTo(res: Response, origin: string): void {
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy !== 'string') return;
  const directives = policy.split(';').map((d) => d.trim());
  const index = directives.findIndex((d) => d.startsWith('form-action'));
  if (index === -1 || directives[index]!.split(/\s+/).includes(origin)) return;
  directives[index] = `${directives[index]!} ${origin}`;
  res.setHeader('Content-Security-Policy', directives.join('; '));
}

/** A deep-linking request that takes LTI resource links (what we place); empty accept_types: any. */
function acceptsResourceLinks(launch: LaunchContext): boolean {
  const settings = launch.services?.deepLinking;
  return (
    settings !== undefined &&
    (settings.acceptTypes.length === 0 || settings.acceptTypes.includes('ltiResourceLink'))
  );
}

export function createPlacementsRouter(deps: PlacementsRouterDeps): Router {
  const router = Router();
  const body = express.urlencoded({ extended: false, limit: '16kb' });

  async function renderForm(
    res: Response,
    mode: 'deep-linking' | 'setup',
    values: FormValues,
    errors: readonly string[] = [],
  ): Promise<void> {
    const who = courseActorOf(res);
    const tasks = await deps.place().teamwork.teamTasks.listByCourse(who.courseId);
    const library = deps.place().library;
    const standards = library === undefined ? [] : await libraryStandards(library, libraryActorOf(res));
    const choice = values.choice ?? 'new';
    // A library standard this facilitator may not use is a request no form of ours makes: 400.
    const status = errors.includes('fromLibrary') ? 400 : errors.length > 0 ? 422 : 200;
    res.status(status).render('pages/advantage/placement-form', {
      titleKey: mode === 'setup' ? 'advantage.placement.setupTitle' : 'advantage.deepLinking.title',
      introKey: mode === 'setup' ? 'advantage.placement.setupIntro' : 'advantage.deepLinking.intro',
      submitKey: mode === 'setup' ? 'advantage.deepLinking.submitSetup' : 'advantage.deepLinking.submit',
      action: mode === 'setup' ? PLACEMENT_PATHS.setup : PLACEMENT_PATHS.deepLinking,
      errors: errors.map((field) => ({ field, key: ERROR_KEYS[field] ?? ERROR_KEYS['choice'] })),
      hasErrors: errors.length > 0,
      titleError: errors.includes('title'),
      maxPointsError: errors.includes('maxPoints'),
      choices: { new: 'new', copy: 'copy', library: 'library' },
      newChecked: choice === 'new',
      copyChecked: choice === 'copy',
      libraryChecked: choice === 'library',
      title: values.title ?? '',
      graded: values.graded === 'on',
      maxPoints: values.maxPoints ?? '100',
      tasks: tasks.map((t) => ({ id: t.id, title: t.title, selected: t.id === values.source })),
      hasTasks: tasks.length > 0,
      libraryStandards: standards.map((e) => ({
        id: e.id,
        title: e.title,
        selected: e.id === values.fromLibrary,
      })),
      hasLibraryStandards: standards.length > 0,
      fromLibraryError: errors.includes('fromLibrary'),
    });
  }

  function requireFacilitatorLaunch(res: Response, action: string): LaunchContext {
    const launch = launchOf(res);
    if (courseActorOf(res).actor.role !== 'facilitator') throw new NotPermittedError(action);
    return launch;
  }

  function choiceOf(values: FormValues): PlacementChoice {
    if (values.choice === 'copy') {
      if (values.source === undefined || values.source === '') {
        throw new InvalidInputError([{ field: 'source', code: 'required' }]);
      }
      return { kind: 'copy', sourceTaskId: asTeamTaskId(values.source) };
    }
    if (values.choice === 'library') {
      const id = idField.safeParse(values.fromLibrary);
      if (!id.success) throw new InvalidInputError([{ field: 'fromLibrary', code: 'unknown' }]);
      return { kind: 'library', libraryStandardId: asLibraryStandardId(id.data) };
    }
    return { kind: 'new' };
  }

  async function place(req: Request, res: Response, mode: 'deep-linking' | 'setup') {
    const launch = launchOf(res);
    const parsed = form.safeParse(req.body);
    const values: FormValues = parsed.success ? parsed.data : {};
    const graded = values.graded === 'on';
    const points =
      values.maxPoints !== undefined && /^\d{1,6}$/.test(values.maxPoints.trim())
        ? Number(values.maxPoints.trim())
        : undefined;
    try {
      if (!parsed.success) throw new InvalidInputError([{ field: 'choice', code: 'invalid' }]);
      return await placeTeamTask(deps.place(), {
        ...libraryActorOf(res),
        choice: choiceOf(values),
        title: values.title ?? '',
        graded,
        maxPoints: graded ? points : undefined,
        platform: {
          issuer: launch.platform.issuer,
          deploymentId: launch.deployment.id,
          contextId: launch.course.id,
        },
        ...(mode === 'setup'
          ? { resourceLinkId: launch.placement?.id, lineItemUrl: launch.services?.grades?.lineItemUrl }
          : {}),
      });
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      await renderForm(res, mode, values, [...new Set(err.issues.map((i) => i.field))]);
      return undefined;
    }
  }

  router.get(
    PLACEMENT_PATHS.deepLinking,
    asyncRoute(async (_req, res) => {
      const launch = requireFacilitatorLaunch(res, 'deep-linking');
      if (!acceptsResourceLinks(launch)) throw new NotPermittedError('deep-linking');
      await renderForm(res, 'deep-linking', {});
    }),
  );

  router.post(
    PLACEMENT_PATHS.deepLinking,
    body,
    asyncRoute(async (req, res) => {
      const launch = requireFacilitatorLaunch(res, 'deep-linking');
      if (!acceptsResourceLinks(launch)) throw new NotPermittedError('deep-linking');
      const placed = await place(req, res, 'deep-linking');
      if (placed === undefined) return;
      const { task, placement } = placed;
      const response = await deps.deepLinkingResponse(launch, [
        {
          title: placement.title,
          url: deps.launchUrl(),
          custom: { [PLACEMENT_PARAM]: placement.id, [TASK_PARAM]: task.id },
          ...(placement.graded && placement.scoreMaximum !== undefined
            ? {
                lineItem: {
                  label: placement.title,
                  scoreMaximum: placement.scoreMaximum,
                  resourceId: placement.id,
                  tag: 'teamloop',
                },
              }
            : {}),
        },
      ]);
      res.setHeader('Cache-Control', 'no-store');
      allowFormActionTo(res, new URL(response.returnUrl).origin);
      res.render('pages/advantage/deep-linking-return', {
        titleKey: 'advantage.deepLinking.title',
        autoSubmit: true,
        action: response.returnUrl,
        jwt: response.jwt,
      });
    }),
  );

  router.get(
    PLACEMENT_PATHS.setup,
    asyncRoute(async (_req, res) => {
      const launch = requireFacilitatorLaunch(res, 'set-up-placement');
      if (launch.placement === undefined || (await deps.isConfigured(launch, courseActorOf(res).courseId))) {
        throw new NotPermittedError('set-up-placement');
      }
      await renderForm(res, 'setup', { title: launch.placement.title ?? '' });
    }),
  );

  router.post(
    PLACEMENT_PATHS.setup,
    body,
    asyncRoute(async (req, res) => {
      const launch = requireFacilitatorLaunch(res, 'set-up-placement');
      if (launch.placement === undefined || (await deps.isConfigured(launch, courseActorOf(res).courseId))) {
        throw new NotPermittedError('set-up-placement');
      }
      const placed = await place(req, res, 'setup');
      if (placed === undefined) return;
      redirectWithLtik(res, PLACEMENT_PATHS.task(placed.task.id));
    }),
  );
  return router;
}
