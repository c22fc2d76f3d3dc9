/**
 * The library and its stories, under `/lti/app/library`: search with filters (text, criterion,
 * kind, course, recency) with the featured strip and the library's standards (provenance,
 * adoptions, agreement); a story's page (markdown rendered only through `renderMarkdown`),
 * "helpful" marks and view counts; writing a story (from a team's task page, or a person's own);
 * the authors' retract/resubmit and the curators' publish / feature / return with comment; and
 * the facilitators' curation queue.
 *
 * Who may see what is decided by the services (visibility, curation rules) on every request:
 * a story nobody may see is "not found", whoever asks. Actions are POST → 303 → GET.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { RECENCIES, type LibraryQuery } from '../../domain/library/library-query.js';
import type { LibraryStandard } from '../../domain/library/library-standard.js';
import { InvalidInputError, VersionConflictError } from '../../domain/shared/errors.js';
import { asStandardId, asTeamTaskId, type CourseId, type UserId } from '../../domain/shared/ids.js';
import { tenantKeyOf } from '../../domain/shared/tenant.js';
import {
  asStoryId,
  STORY_KINDS,
  STORY_VISIBILITIES,
  type Story,
  type StoryContent,
} from '../../domain/story/story.js';
import { addStandardToLibrary, libraryStandards } from '../../services/library/library-standards.js';
import { requireFacilitator } from '../../services/shared/access.js';
import { searchLibrary } from '../../services/library/search-library.js';
import type { LibraryActor, LibraryDeps } from '../../services/shared/library-deps.js';
import { changeStory, type StoryChange } from '../../services/stories/change-story.js';
import { markHelpful } from '../../services/stories/mark-helpful.js';
import { readStory } from '../../services/stories/read-story.js';
import { curationQueue, myStories } from '../../services/stories/story-lists.js';
import { ratifiedVersionsOfTeam, storyStandardFor } from '../../services/stories/story-standard.js';
import { submitStory } from '../../services/stories/submit-story.js';
import { localeOf } from '../middleware/locale.js';
import { asyncRoute } from '../async-route.js';
import { parseRequest } from '../forms/bad-request.js';
import { idField, revisionField, textField } from '../forms/form-fields.js';
import { translate, type Locale } from '../i18n/translate.js';
import { courseActorOf, launchOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';
import { renderMarkdown } from '../markdown.js';
import { standardPath } from '../view-models/standard-paths.js';

export const LIBRARY_PATH = '/lti/app/library';
export const CURATION_PATH = `${LIBRARY_PATH}/curation`;
export const NEW_STORY_PATH = `${LIBRARY_PATH}/stories/new`;
export const storyPath = (id: string): string => `${LIBRARY_PATH}/stories/${id}`;
export const LIBRARY_STANDARDS_PATH = `${LIBRARY_PATH}/standards`; // = TASK_PATHS.addToLibrary
export const startFromLibraryPath = (id: string): string =>
  `/lti/app/tasks/new?fromLibrary=${encodeURIComponent(id)}`;
export const newStoryPathFor = (taskId: string): string =>
  `${NEW_STORY_PATH}?task=${encodeURIComponent(taskId)}`;

export interface LibraryRouterDeps {
  readonly library: () => LibraryDeps;
  readonly people: (
    ids: readonly UserId[],
  ) => Promise<ReadonlyMap<UserId, { readonly name: string | undefined }>>;
}

/** Who acts, with the tenant of the launch (the LMS registration it came through). */
export function libraryActorOf(res: Response): LibraryActor {
  return { ...courseActorOf(res), tenant: tenantKeyOf(launchOf(res).platform) };
}

const searchQuery = z
  .object({
    text: textField(200).optional(),
    criterion: textField(120).optional(),
    kind: z.union([z.literal(''), z.enum(STORY_KINDS)]).optional(),
    course: z.enum(['', 'all', 'this']).optional(),
    recency: z.enum(RECENCIES).optional(),
    before: z
      .string()
      .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/)
      .optional(),
    ltik: z.string().optional(),
  })
  .strict();

const storyParams = z.object({ storyId: idField });

const storyForm = z
  .object({
    ltik: z.string().optional(),
    task: z.union([z.literal(''), idField]).optional(),
    title: textField(1000),
    narrative: textField(40000),
    kind: textField(40),
    criteria: textField(5000).optional(),
    visibility: textField(40),
    standardVersion: z.union([z.literal(''), z.string().regex(/^[1-9]\d{0,5}$/)]).optional(),
  })
  .strict();

const addStandardForm = z
  .object({
    ltik: z.string().optional(),
    task: idField,
    standardId: idField,
    version: z.string().regex(/^[1-9]\d{0,5}$/),
    title: textField(1000),
    summary: textField(5000).optional(),
    visibility: z.enum(['course', 'platform']),
  })
  .strict();

const helpfulForm = z.object({ ltik: z.string().optional(), helpful: z.enum(['0', '1']) }).strict();

const changeForm = z
  .object({
    ltik: z.string().optional(),
    revision: revisionField,
    action: z.enum(['retract', 'resubmit', 'publish', 'feature', 'unfeature', 'return']),
    comment: textField(5000).optional(),
  })
  .strict();

/** The values of the story action buttons (kept out of the template, which holds no literal values). */
const STORY_ACTIONS = {
  resubmit: 'resubmit',
  retract: 'retract',
  publish: 'publish',
  feature: 'feature',
  unfeature: 'unfeature',
  return: 'return',
} as const;

const DONE = ['submitted', 'helpful', 'changed'] as const;
type Done = (typeof DONE)[number];
const isDone = (v: unknown): v is Done => typeof v === 'string' && (DONE as readonly string[]).includes(v);

const dateText = (date: Date, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);

/** What readers see: the published snapshot once there is one, else the draft. */
const contentOf = (story: Story): StoryContent => story.published ?? story.draft;

export function createLibraryRouter(deps: LibraryRouterDeps): Router {
  const router = Router();

  const storySummary = (story: Story, who: LibraryActor, locale: Locale) => {
    const content = contentOf(story);
    return {
      path: storyPath(story.id),
      title: content.title,
      kind: translate(locale, `stories.kinds.${content.kind}`),
      criteria: content.criteria.map((c) => c.name),
      from: translate(
        locale,
        story.courseId === who.courseId ? 'library.fromThisCourse' : 'library.fromOtherCourse',
      ),
      published: story.published !== undefined ? dateText(story.published.at, locale) : undefined,
      status: translate(locale, `stories.statuses.${story.status}`),
      featured: story.status === 'featured',
      views: story.viewCount,
      helpful: story.helpfulCount,
    };
  };

  const standardSummary = (entry: LibraryStandard, who: LibraryActor, locale: Locale) => ({
    id: entry.id,
    title: entry.title,
    summary: entry.summary,
    criteria: entry.criteria.map((c) => c.name),
    where: translate(
      locale,
      entry.origin.courseId === who.courseId
        ? 'library.provenanceThisCourse'
        : 'library.provenanceOtherCourse',
    ),
    ratified: dateText(entry.origin.ratifiedAt, locale),
    adoptions: entry.adoptionCount,
    agreement: entry.agreement === null ? undefined : entry.agreement.toFixed(2),
    // Only facilitators set up team tasks; the form asks the library again on submit.
    startPath: who.actor.role === 'facilitator' ? startFromLibraryPath(entry.id) : undefined,
    startLabel: translate(locale, 'library.startFromLink', { title: entry.title }),
  });

  router.get(
    LIBRARY_PATH,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const form = parseRequest(searchQuery, req.query, 'query');
      const locale = localeOf(res);
      const query: LibraryQuery = {
        ...(form.text !== undefined && form.text.trim() !== '' ? { text: form.text } : {}),
        ...(form.criterion !== undefined && form.criterion.trim() !== ''
          ? { criterion: form.criterion }
          : {}),
        ...(form.kind !== undefined && form.kind !== '' ? { kind: form.kind } : {}),
        ...(form.course === 'this' ? { courseId: who.courseId as CourseId } : {}),
        ...(form.recency !== undefined ? { recency: form.recency } : {}),
        ...(form.before !== undefined ? { before: new Date(form.before) } : {}),
      };
      const library = deps.library();
      const [page, featured, standards, mine] = await Promise.all([
        searchLibrary(library, { ...who, query }),
        form.before === undefined
          ? searchLibrary(library, { ...who, query: { featuredOnly: true, limit: 5 } })
          : Promise.resolve({ stories: [] as readonly Story[] }),
        libraryStandards(library, {
          ...who,
          ...(query.criterion !== undefined ? { criterion: query.criterion } : {}),
        }),
        myStories(library, who),
      ]);
      let nextPath: string | undefined;
      if (page.nextBefore !== undefined) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(form)) if (k !== 'ltik' && k !== 'before' && v) params.set(k, v);
        params.set('before', page.nextBefore.toISOString());
        nextPath = `${LIBRARY_PATH}?${params.toString()}`;
      }
      res.render('pages/library/search', {
        titleKey: 'library.title',
        facilitator: who.actor.role === 'facilitator',
        curationPath: CURATION_PATH,
        form: {
          text: form.text ?? '',
          criterion: form.criterion ?? '',
          kinds: STORY_KINDS.map((k) => ({
            value: k,
            label: translate(locale, `stories.kinds.${k}`),
            selected: form.kind === k,
          })),
          courses: (['all', 'this'] as const).map((c) => ({
            value: c,
            label: translate(locale, c === 'all' ? 'library.anyCourse' : 'library.thisCourse'),
            selected: (form.course === 'this' ? 'this' : 'all') === c,
          })),
          recencies: RECENCIES.map((r) => ({
            value: r,
            label: translate(locale, `library.recencies.${r}`),
            selected: (form.recency ?? 'any') === r,
          })),
        },
        featured: featured.stories.map((s) => storySummary(s, who, locale)),
        results: page.stories.map((s) => storySummary(s, who, locale)),
        nextPath,
        standards: standards.map((e) => standardSummary(e, who, locale)),
        mine: mine.map((s) => storySummary(s, who, locale)),
      });
    }),
  );

  // "Add to library" (from the facilitator's task page): a team's ratified version, with its
  // provenance. The service checks the version exists and the facilitator is of its course.
  router.post(
    LIBRARY_STANDARDS_PATH,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      requireFacilitator(who.actor, 'add-standard-to-library');
      const form = parseRequest(addStandardForm, req.body, 'body');
      await addStandardToLibrary(deps.library(), {
        ...who,
        source: { standardId: asStandardId(form.standardId), version: Number(form.version) },
        title: form.title,
        summary: form.summary ?? '',
        visibility: form.visibility,
      });
      redirectWithLtik(res, LIBRARY_PATH);
    }),
  );

  router.get(
    CURATION_PATH,
    asyncRoute(async (_req, res) => {
      const who = libraryActorOf(res);
      const queue = await curationQueue(deps.library(), who);
      const locale = localeOf(res);
      res.render('pages/library/curation', {
        titleKey: 'stories.curationTitle',
        stories: queue.map((s) => storySummary(s, who, locale)),
      });
    }),
  );

  interface StoryFormInput {
    readonly task?: string;
    readonly title: string;
    readonly narrative: string;
    readonly kind: string;
    readonly criteria: string;
    readonly visibility: string;
    readonly standardVersion?: string;
  }

  async function renderStoryForm(
    res: Response,
    input: StoryFormInput,
    options: { status?: number; issues?: readonly string[] } = {},
  ): Promise<void> {
    const locale = localeOf(res);
    const who = courseActorOf(res);
    // Written from a team task: offer the ratified versions of the writer's team's standard.
    const versions =
      input.task === undefined
        ? []
        : await ratifiedVersionsOfTeam(deps.library(), {
            taskId: asTeamTaskId(input.task),
            userId: who.actor.userId,
          });
    res.status(options.status ?? 200).render('pages/library/story-form', {
      titleKey: 'stories.newTitle',
      action: `${LIBRARY_PATH}/stories`,
      input,
      ...(options.issues !== undefined && options.issues.length > 0
        ? { refusal: translate(locale, 'stories.refused.invalid', { fields: options.issues.join(', ') }) }
        : {}),
      kinds: STORY_KINDS.map((k) => ({
        value: k,
        label: translate(locale, `stories.kinds.${k}`),
        checked: input.kind === k,
      })),
      visibilities: STORY_VISIBILITIES.map((v) => ({
        value: v,
        label: translate(locale, `stories.visibilities.${v}`),
        checked: input.visibility === v,
      })),
      standardChoices:
        versions.length === 0
          ? undefined
          : [
              {
                value: '',
                label: translate(locale, 'stories.standardNone'),
                checked: !input.standardVersion,
              },
              ...versions.map((c) => ({
                value: String(c.ref.version),
                label: translate(locale, 'stories.standardChoice', {
                  version: String(c.ref.version),
                  date: dateText(c.ratifiedAt, locale),
                }),
                checked: input.standardVersion === String(c.ref.version),
              })),
            ],
    });
  }

  router.get(
    NEW_STORY_PATH,
    asyncRoute(async (req, res) => {
      libraryActorOf(res);
      const q = parseRequest(
        z.object({ task: idField.optional(), ltik: z.string().optional() }).strict(),
        req.query,
        'query',
      );
      await renderStoryForm(res, {
        ...(q.task !== undefined ? { task: q.task } : {}),
        title: '',
        narrative: '',
        kind: 'success',
        criteria: '',
        visibility: 'course',
      });
    }),
  );

  router.post(
    `${LIBRARY_PATH}/stories`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const form = parseRequest(storyForm, req.body ?? {}, 'form');
      const criteria = (form.criteria ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      const input: StoryFormInput = {
        ...(form.task ? { task: form.task } : {}),
        title: form.title,
        narrative: form.narrative,
        kind: form.kind,
        criteria: form.criteria ?? '',
        visibility: form.visibility,
        ...(form.standardVersion ? { standardVersion: form.standardVersion } : {}),
      };
      try {
        const story = await submitStory(deps.library(), {
          ...who,
          ...(form.task ? { taskId: asTeamTaskId(form.task) } : {}),
          ...(form.standardVersion ? { standardVersion: Number(form.standardVersion) } : {}),
          content: {
            title: form.title,
            narrative: form.narrative,
            kind: form.kind as StoryContent['kind'],
            criteria: criteria.map((name) => ({ name })),
            visibility: form.visibility as StoryContent['visibility'],
          },
        });
        redirectWithLtik(res, `${storyPath(story.id)}?done=submitted`);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        const fields = [...new Set(error.issues.map((i) => i.field.split('.')[0] ?? i.field))];
        await renderStoryForm(res, input, { status: 422, issues: fields });
      }
    }),
  );

  async function renderStory(
    req: Request,
    res: Response,
    options: { status?: number; refusal?: string } = {},
  ): Promise<void> {
    const who = libraryActorOf(res);
    const { storyId } = parseRequest(storyParams, req.params, 'path');
    const locale = localeOf(res);
    const page = await readStory(deps.library(), { ...who, storyId: asStoryId(storyId) });
    const { story } = page;
    // Authors and curators read the draft they work on; everyone else the published snapshot.
    const content = page.isAuthor || page.mayCurate ? story.draft : contentOf(story);
    const names = await deps.people(story.authors);
    const linked =
      content.standard === undefined
        ? undefined
        : await storyStandardFor(deps.library(), who, content.standard);
    const done = req.query['done'];
    const listed = story.status === 'published' || story.status === 'featured';
    res.status(options.status ?? 200).render('pages/library/story', {
      titleKey: 'stories.documentTitle',
      title: content.title,
      narrativeHtml: renderMarkdown(content.narrative),
      kind: translate(locale, `stories.kinds.${content.kind}`),
      criteria: content.criteria.map((c) => c.name),
      standard:
        linked === undefined
          ? undefined
          : {
              name: translate(locale, 'stories.standardName', {
                task: linked.taskTitle,
                version: String(linked.version),
              }),
              // Only those who may open the team's standard get a link; others read its name.
              path: linked.readerMaySee ? standardPath(linked.taskId, linked.teamId) : undefined,
            },
      authors: story.authors.map((id) => names.get(id)?.name ?? id).join(', '),
      status: translate(locale, `stories.statuses.${story.status}`),
      visibility: translate(locale, `stories.visibilities.${content.visibility}`),
      published: story.published !== undefined ? dateText(story.published.at, locale) : undefined,
      returnComment: story.status === 'returned' ? story.returnComment : undefined,
      views: story.viewCount,
      helpful: story.helpfulCount,
      done: isDone(done) ? translate(locale, `stories.done.${done}`) : undefined,
      refusal: options.refusal,
      helpfulForm:
        listed && !page.isAuthor
          ? {
              action: `${storyPath(story.id)}/helpful`,
              value: page.helpfulByMe ? '0' : '1',
              marked: page.helpfulByMe,
            }
          : undefined,
      changeAction: `${storyPath(story.id)}/change`,
      act: STORY_ACTIONS,
      revision: story.revision,
      mayRetract: page.isAuthor && story.status !== 'retracted',
      mayResubmit: page.isAuthor && story.status === 'returned',
      curate:
        page.mayCurate && story.status !== 'retracted'
          ? {
              publish: story.status === 'submitted',
              feature: story.status === 'submitted' || story.status === 'published',
              unfeature: story.status === 'featured',
              returnIt: story.status === 'submitted',
            }
          : undefined,
    });
  }

  router.get(
    `${LIBRARY_PATH}/stories/:storyId`,
    asyncRoute(async (req, res) => renderStory(req, res)),
  );

  router.post(
    `${LIBRARY_PATH}/stories/:storyId/helpful`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { storyId } = parseRequest(storyParams, req.params, 'path');
      const form = parseRequest(helpfulForm, req.body ?? {}, 'form');
      await markHelpful(deps.library(), {
        ...who,
        storyId: asStoryId(storyId),
        helpful: form.helpful === '1',
      });
      redirectWithLtik(res, `${storyPath(storyId)}?done=helpful`);
    }),
  );

  router.post(
    `${LIBRARY_PATH}/stories/:storyId/change`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { storyId } = parseRequest(storyParams, req.params, 'path');
      const form = parseRequest(changeForm, req.body ?? {}, 'form');
      const change: StoryChange =
        form.action === 'return' ? { kind: 'return', comment: form.comment ?? '' } : { kind: form.action };
      try {
        await changeStory(deps.library(), {
          ...who,
          storyId: asStoryId(storyId),
          expectedRevision: form.revision,
          change,
        });
      } catch (error) {
        const locale = localeOf(res);
        if (error instanceof VersionConflictError) {
          await renderStory(req, res, {
            status: 409,
            refusal: translate(locale, 'stories.refused.conflict'),
          });
          return;
        }
        if (error instanceof InvalidInputError) {
          const fields = [...new Set(error.issues.map((i) => i.field))].join(', ');
          await renderStory(req, res, {
            status: 422,
            refusal: translate(locale, 'stories.refused.invalid', { fields }),
          });
          return;
        }
        throw error;
      }
      redirectWithLtik(res, `${storyPath(storyId)}?done=changed`);
    }),
  );

  return router;
}
