/**
 * The library and its stories, under `/lti/app/library`: search with filters (text, criterion,
 * kind, course, recency) with the featured strip and the library's standards (provenance,
 * adoptions, agreement); a story's page (markdown rendered only through `renderMarkdown`),
 * "helpful" marks and view counts; writing a story (from a team's task page, or a person's own);
 * the authors' edit (save and resubmit a returned story) and retract, and the curators' publish /
 * feature / return with comment; the facilitators' curation queue; a library standard's own page
 * and its withdrawal (with a confirmation step). Course names come from the course directory,
 * for the reader's tenant only.
 *
 * Who may see what is decided by the services (visibility, curation rules) on every request:
 * a story nobody may see is "not found", whoever asks. Actions are POST → 303 → GET.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { RECENCIES, type LibraryQuery } from '../../domain/library/library-query.js';
import { asLibraryStandardId, type LibraryStandard } from '../../domain/library/library-standard.js';
import {
  InvalidInputError,
  NotPermittedError,
  PhaseConflictError,
  VersionConflictError,
} from '../../domain/shared/errors.js';
import { asStandardId, asTeamTaskId, type CourseId, type UserId } from '../../domain/shared/ids.js';
import { tenantKeyOf, type TenantKey } from '../../domain/shared/tenant.js';
import {
  assertMayEditStory,
  asStoryId,
  STORY_KINDS,
  STORY_VISIBILITIES,
  type Story,
  type StoryContent,
} from '../../domain/story/story.js';
import {
  addStandardToLibrary,
  libraryStandardPage,
  libraryStandards,
  visibleLibraryEntryOf,
  withdrawLibraryStandard,
} from '../../services/library/library-standards.js';
import { requireFacilitator } from '../../services/shared/access.js';
import { searchLibrary } from '../../services/library/search-library.js';
import type { LibraryActor, LibraryDeps } from '../../services/shared/library-deps.js';
import { changeStory, type StoryChange } from '../../services/stories/change-story.js';
import { markHelpful } from '../../services/stories/mark-helpful.js';
import { readStory } from '../../services/stories/read-story.js';
import { curationQueue, myStories } from '../../services/stories/story-lists.js';
import { ratifiedVersionsOfTeam, storyStandardFor } from '../../services/stories/story-standard.js';
import { reviseStory } from '../../services/stories/revise-story.js';
import { submitStory, writingTeamOf } from '../../services/stories/submit-story.js';
import { localeOf } from '../middleware/locale.js';
import { asyncRoute } from '../async-route.js';
import { parseRequest } from '../forms/bad-request.js';
import { idField, revisionField, textField } from '../forms/form-fields.js';
import { translate, type Locale } from '../i18n/translate.js';
import { courseActorOf, launchOf } from '../launch/course-actor.js';
import { redirectWithLtik } from '../launch/with-ltik.js';
import { renderMarkdown } from '../markdown.js';
import {
  CURATION_PATH,
  LIBRARY_PATH,
  LIBRARY_STANDARDS_PATH,
  NEW_STORY_PATH,
  libraryStandardPath,
  startFromLibraryPath,
  storyEditPath,
  storyPath,
  withdrawLibraryStandardPath,
} from '../view-models/library-paths.js';
import { standardPath } from '../view-models/standard-paths.js';
import { agreementBand } from '../view-models/standard-page.js';

export interface LibraryRouterDeps {
  readonly library: () => LibraryDeps;
  readonly people: (
    ids: readonly UserId[],
  ) => Promise<ReadonlyMap<UserId, { readonly name: string | undefined }>>;
  /** Names of courses of the reader's tenant (`CourseDirectory.courseNames`); others left out. */
  readonly courseNames: (
    ids: readonly CourseId[],
    tenant: TenantKey,
  ) => Promise<ReadonlyMap<CourseId, string>>;
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

/** The fields a story's author writes (new story and edit). */
const storyFields = {
  ltik: z.string().optional(),
  title: textField(1000),
  narrative: textField(40000),
  kind: textField(40),
  criteria: textField(5000).optional(),
  visibility: textField(40),
  standardVersion: z.union([z.literal(''), z.string().regex(/^[1-9]\d{0,5}$/)]).optional(),
};

const storyForm = z.object({ ...storyFields, task: z.union([z.literal(''), idField]).optional() }).strict();

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

const libraryStandardParams = z.object({ libraryId: idField });
const withdrawForm = z.object({ ltik: z.string().optional(), revision: revisionField }).strict();

const editStoryForm = z.object({ ...storyFields, revision: revisionField }).strict();

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

const DONE = ['submitted', 'helpful', 'changed', 'resubmitted'] as const;
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

  /** Names of the courses stories or standards came from, for the reader's tenant only. */
  const namesOf = (
    courseIds: readonly CourseId[],
    who: LibraryActor,
  ): Promise<ReadonlyMap<CourseId, string>> =>
    courseIds.length === 0
      ? Promise.resolve(new Map())
      : deps.courseNames([...new Set(courseIds)], who.tenant);

  /**
   * Where something came from: the course's name (marked when it is the reader's own course), or
   * "this course" / "another course" when the LMS gave no name.
   */
  const courseText = (
    courseId: CourseId,
    who: LibraryActor,
    names: ReadonlyMap<CourseId, string>,
    locale: Locale,
  ): string => {
    const mine = courseId === who.courseId;
    const name = names.get(courseId);
    if (name === undefined)
      return translate(locale, mine ? 'library.fromThisCourse' : 'library.fromOtherCourse');
    return mine ? translate(locale, 'library.courseNameThis', { course: name }) : name;
  };

  const storySummary = (
    story: Story,
    who: LibraryActor,
    locale: Locale,
    names: ReadonlyMap<CourseId, string>,
  ) => {
    const content = contentOf(story);
    return {
      path: storyPath(story.id),
      title: content.title,
      kind: translate(locale, `stories.kinds.${content.kind}`),
      criteria: content.criteria.map((c) => c.name),
      from: courseText(story.courseId, who, names, locale),
      published: story.published !== undefined ? dateText(story.published.at, locale) : undefined,
      status: translate(locale, `stories.statuses.${story.status}`),
      featured: story.status === 'featured',
      views: story.viewCount,
      helpful: story.helpfulCount,
    };
  };

  const standardSummary = (
    entry: LibraryStandard,
    who: LibraryActor,
    locale: Locale,
    names: ReadonlyMap<CourseId, string>,
  ) => ({
    id: entry.id,
    path: libraryStandardPath(entry.id),
    title: entry.title,
    summary: entry.summary,
    criteria: entry.criteria.map((c) => c.name),
    where: names.has(entry.origin.courseId)
      ? courseText(entry.origin.courseId, who, names, locale)
      : translate(
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
      const names = await namesOf(
        [
          ...[...featured.stories, ...page.stories, ...mine].map((s) => s.courseId),
          ...standards.map((e) => e.origin.courseId),
        ],
        who,
      );
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
        featured: featured.stories.map((s) => storySummary(s, who, locale, names)),
        results: page.stories.map((s) => storySummary(s, who, locale, names)),
        nextPath,
        standards: standards.map((e) => standardSummary(e, who, locale, names)),
        mine: mine.map((s) => storySummary(s, who, locale, names)),
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

  const percent = (share: number, locale: Locale): string =>
    new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      style: 'percent',
      maximumFractionDigits: 1,
    }).format(share);

  // A library standard's own page: provenance, criteria with levels, the origin's weights,
  // adoptions and agreement; "start a team task from it" for facilitators; withdraw for those
  // who may. Withdrawn entries open only for those who could withdraw them (marked withdrawn).
  router.get(
    `${LIBRARY_STANDARDS_PATH}/:libraryId`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { libraryId } = parseRequest(libraryStandardParams, req.params, 'path');
      parseRequest(
        z.object({ ltik: z.string().optional(), done: z.literal('withdrawn').optional() }).strict(),
        req.query,
        'query',
      );
      const locale = localeOf(res);
      const page = await libraryStandardPage(deps.library(), {
        ...who,
        libraryStandardId: asLibraryStandardId(libraryId),
      });
      const { entry, version } = page;
      const names = await namesOf([entry.origin.courseId], who);
      // Who added it is shown to readers of its own course only (they know their facilitators).
      const sameCourse = entry.origin.courseId === who.courseId;
      const adder = sameCourse ? (await deps.people([entry.addedBy])).get(entry.addedBy)?.name : undefined;
      const criteria =
        version?.criteria.map((c) => ({
          name: c.name,
          description: c.description,
          weight: percent(c.weight, locale),
          levels: c.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
        })) ??
        entry.criteria.map((c) => ({
          name: c.name,
          description: '',
          weight: percent(c.weight, locale),
          levels: [],
        }));
      res.render('pages/library/standard', {
        titleKey: 'library.standardPageTitle',
        title: entry.title,
        summary: entry.summary,
        withdrawn:
          entry.withdrawn === undefined
            ? undefined
            : translate(locale, 'library.withdrawnNotice', { date: dateText(entry.withdrawn.at, locale) }),
        done: req.query['done'] === 'withdrawn' ? translate(locale, 'library.withdrawDone') : undefined,
        course: courseText(entry.origin.courseId, who, names, locale),
        version: translate(locale, 'library.originVersion', {
          version: String(entry.source.version),
          date: dateText(entry.origin.ratifiedAt, locale),
        }),
        added:
          adder !== undefined
            ? translate(locale, 'library.addedByOn', { name: adder, date: dateText(entry.addedAt, locale) })
            : translate(locale, 'library.addedOn', { date: dateText(entry.addedAt, locale) }),
        copied: entry.origin.copiedFrom !== undefined,
        visibility: translate(locale, `library.addVisibilities.${entry.visibility}`),
        criteria,
        adoptions: entry.adoptionCount,
        agreement:
          entry.agreement === null
            ? undefined
            : {
                value: entry.agreement.toFixed(2),
                words: translate(locale, `standard.weights.agreement.band.${agreementBand(entry.agreement)}`),
              },
        startPath: page.mayStart ? startFromLibraryPath(entry.id) : undefined,
        withdrawPath: page.mayWithdraw ? withdrawLibraryStandardPath(entry.id) : undefined,
      });
    }),
  );

  async function renderWithdrawConfirmation(
    req: Request,
    res: Response,
    options: { status?: number; refusal?: string } = {},
  ): Promise<void> {
    const who = libraryActorOf(res);
    const { libraryId } = parseRequest(libraryStandardParams, req.params, 'path');
    const page = await libraryStandardPage(deps.library(), {
      ...who,
      libraryStandardId: asLibraryStandardId(libraryId),
    });
    if (page.entry.withdrawn !== undefined)
      throw new PhaseConflictError({ action: 'withdraw-library-standard', phase: 'withdrawn' });
    if (!page.mayWithdraw) throw new NotPermittedError('withdraw-library-standard');
    res.status(options.status ?? 200).render('pages/library/standard-withdraw', {
      titleKey: 'library.withdrawTitle',
      title: page.entry.title,
      adoptions: page.entry.adoptionCount,
      action: withdrawLibraryStandardPath(page.entry.id),
      cancelPath: libraryStandardPath(page.entry.id),
      revision: page.entry.revision,
      refusal: options.refusal,
    });
  }

  router.get(
    `${LIBRARY_STANDARDS_PATH}/:libraryId/withdraw`,
    asyncRoute(async (req, res) => renderWithdrawConfirmation(req, res)),
  );

  router.post(
    `${LIBRARY_STANDARDS_PATH}/:libraryId/withdraw`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { libraryId } = parseRequest(libraryStandardParams, req.params, 'path');
      const form = parseRequest(withdrawForm, req.body ?? {}, 'form');
      try {
        await withdrawLibraryStandard(deps.library(), {
          ...who,
          libraryStandardId: asLibraryStandardId(libraryId),
          expectedRevision: form.revision,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // CASE: it changed since the confirmation was shown: show it again as it is now.
        await renderWithdrawConfirmation(req, res, {
          status: 409,
          refusal: translate(localeOf(res), 'library.withdrawConflict'),
        });
        return;
      }
      redirectWithLtik(res, `${libraryStandardPath(libraryId)}?done=withdrawn`);
    }),
  );

  router.get(
    CURATION_PATH,
    asyncRoute(async (_req, res) => {
      const who = libraryActorOf(res);
      const queue = await curationQueue(deps.library(), who);
      const locale = localeOf(res);
      const names = await namesOf(
        queue.map((s) => s.courseId),
        who,
      );
      res.render('pages/library/curation', {
        titleKey: 'stories.curationTitle',
        stories: queue.map((s) => storySummary(s, who, locale, names)),
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

  /** An author's revision of a submitted or returned story (the edit form's own fields). */
  interface StoryEdit {
    readonly storyId: string;
    /** The team task the story came from: its team's ratified versions may be linked. */
    readonly taskId?: string;
    readonly revision: number;
    /** Returned stories go back to the curators on save. */
    readonly resubmit: boolean;
    readonly returnComment?: string;
  }

  async function renderStoryForm(
    res: Response,
    input: StoryFormInput,
    options: { status?: number; issues?: readonly string[]; refusal?: string; edit?: StoryEdit } = {},
  ): Promise<void> {
    const locale = localeOf(res);
    const who = courseActorOf(res);
    const edit = options.edit;
    const taskId = edit !== undefined ? edit.taskId : input.task;
    // Written from a team task: offer the ratified versions of the writer's team's standard.
    const versions =
      taskId === undefined
        ? []
        : await ratifiedVersionsOfTeam(deps.library(), {
            taskId: asTeamTaskId(taskId),
            userId: who.actor.userId,
          });
    let refusal = options.refusal;
    if (options.issues !== undefined && options.issues.length > 0)
      refusal = translate(locale, 'stories.refused.invalid', { fields: options.issues.join(', ') });
    res.status(options.status ?? 200).render('pages/library/story-form', {
      titleKey: edit === undefined ? 'stories.newTitle' : 'stories.editTitle',
      headingKey: edit === undefined ? 'stories.newTitle' : 'stories.editTitle',
      introKey:
        edit === undefined
          ? 'stories.newIntro'
          : edit.resubmit
            ? 'stories.editIntroReturned'
            : 'stories.editIntro',
      submitKey:
        edit === undefined ? 'stories.submit' : edit.resubmit ? 'stories.saveAndResubmit' : 'stories.save',
      action: edit === undefined ? `${LIBRARY_PATH}/stories` : storyEditPath(edit.storyId),
      cancelPath: edit === undefined ? undefined : storyPath(edit.storyId),
      revision: edit?.revision,
      returnComment: edit?.returnComment,
      input: edit === undefined ? input : { ...input, task: undefined },
      ...(refusal !== undefined ? { refusal } : {}),
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
      const who = libraryActorOf(res);
      const q = parseRequest(
        z.object({ task: idField.optional(), ltik: z.string().optional() }).strict(),
        req.query,
        'query',
      );
      // A story about a task: only for a member of a team of it, in its course (as the POST decides).
      if (q.task !== undefined) await writingTeamOf(deps.library(), { ...who, taskId: asTeamTaskId(q.task) });
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
    // Shown again after a refused change, it is the same reader's view of the day: not counted again.
    const page = await readStory(deps.library(), { ...who, storyId: asStoryId(storyId) });
    const { story } = page;
    // Authors and curators read the draft they work on; everyone else the published snapshot.
    const content = page.isAuthor || page.mayCurate ? story.draft : contentOf(story);
    const names = await deps.people(story.authors);
    const linked =
      content.standard === undefined
        ? undefined
        : await storyStandardFor(deps.library(), who, content.standard);
    // Readers who may not open the team's standard follow it to the library, when it is there.
    const inLibrary =
      linked === undefined || linked.readerMaySee || content.standard === undefined
        ? undefined
        : await visibleLibraryEntryOf(deps.library(), { ...who, source: content.standard });
    const courseNames = await namesOf([story.courseId], who);
    const done = req.query['done'];
    const listed = story.status === 'published' || story.status === 'featured';
    res.status(options.status ?? 200).render('pages/library/story', {
      titleKey: 'stories.documentTitle',
      title: content.title,
      narrativeHtml: renderMarkdown(content.narrative),
      kind: translate(locale, `stories.kinds.${content.kind}`),
      from: courseText(story.courseId, who, courseNames, locale),
      criteria: content.criteria.map((c) => c.name),
      standard:
        linked === undefined
          ? undefined
          : {
              name: translate(locale, 'stories.standardName', {
                task: linked.taskTitle,
                version: String(linked.version),
              }),
              // Only those who may open the team's standard get a link to it; others get the
              // library's page of that version when it is there and visible to them.
              path: linked.readerMaySee
                ? standardPath(linked.taskId, linked.teamId)
                : inLibrary !== undefined
                  ? libraryStandardPath(inLibrary.id)
                  : undefined,
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
      // Authors revise a returned story on the edit form, which saves and resubmits in one step.
      editLink:
        page.isAuthor && (story.status === 'returned' || story.status === 'submitted')
          ? {
              path: storyEditPath(story.id),
              labelKey: story.status === 'returned' ? 'stories.editAndResubmit' : 'stories.editLink',
            }
          : undefined,
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

  const criteriaLines = (text: string): string[] =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0);

  /** The authors' edit form of a submitted or returned story (published ones are snapshots). */
  router.get(
    `${LIBRARY_PATH}/stories/:storyId/edit`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { storyId } = parseRequest(storyParams, req.params, 'path');
      parseRequest(z.object({ ltik: z.string().optional() }).strict(), req.query, 'query');
      const { story } = await readStory(deps.library(), { ...who, storyId: asStoryId(storyId) });
      assertMayEditStory(story, who.actor);
      const d = story.draft;
      await renderStoryForm(
        res,
        {
          title: d.title,
          narrative: d.narrative,
          kind: d.kind,
          criteria: d.criteria.map((c) => c.name).join('\n'),
          visibility: d.visibility,
          ...(d.standard !== undefined ? { standardVersion: String(d.standard.version) } : {}),
        },
        { edit: editOf(story) },
      );
    }),
  );

  const editOf = (story: Story): StoryEdit => ({
    storyId: story.id,
    ...(story.taskId !== undefined ? { taskId: story.taskId } : {}),
    revision: story.revision,
    resubmit: story.status === 'returned',
    ...(story.status === 'returned' && story.returnComment !== undefined
      ? { returnComment: story.returnComment }
      : {}),
  });

  router.post(
    `${LIBRARY_PATH}/stories/:storyId/edit`,
    asyncRoute(async (req, res) => {
      const who = libraryActorOf(res);
      const { storyId } = parseRequest(storyParams, req.params, 'path');
      const form = parseRequest(editStoryForm, req.body ?? {}, 'form');
      const input: StoryFormInput = {
        title: form.title,
        narrative: form.narrative,
        kind: form.kind,
        criteria: form.criteria ?? '',
        visibility: form.visibility,
        ...(form.standardVersion ? { standardVersion: form.standardVersion } : {}),
      };
      const library = deps.library();
      let saved: Story;
      try {
        saved = await reviseStory(library, {
          ...who,
          storyId: asStoryId(storyId),
          expectedRevision: form.revision,
          content: {
            title: form.title,
            narrative: form.narrative,
            kind: form.kind as StoryContent['kind'],
            criteria: criteriaLines(form.criteria ?? '').map((name) => ({ name })),
            visibility: form.visibility as StoryContent['visibility'],
          },
          standardVersion:
            form.standardVersion === undefined
              ? undefined
              : form.standardVersion === ''
                ? null
                : Number(form.standardVersion),
        });
      } catch (error) {
        if (!(error instanceof InvalidInputError) && !(error instanceof VersionConflictError)) throw error;
        // Shown again with what the author typed, against the story as it is now.
        const { story } = await readStory(library, { ...who, storyId: asStoryId(storyId) });
        assertMayEditStory(story, who.actor);
        if (error instanceof VersionConflictError) {
          await renderStoryForm(res, input, {
            status: 409,
            refusal: translate(localeOf(res), 'stories.refused.editConflict'),
            edit: editOf(story),
          });
          return;
        }
        const fields = [...new Set(error.issues.map((i) => i.field.split('.')[0] ?? i.field))];
        await renderStoryForm(res, input, { status: 422, issues: fields, edit: editOf(story) });
        return;
      }
      redirectWithLtik(
        res,
        `${storyPath(storyId)}?done=${saved.status === 'submitted' && saved.history.at(-1)?.action === 'resubmit' ? 'resubmitted' : 'changed'}`,
      );
    }),
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
