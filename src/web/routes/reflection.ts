/**
 * A learner's reflection and a team's retrospective on a task:
 * `/lti/app/tasks/:taskId/reflection` (guided prompts, self vs peer median per criterion with the
 * gaps highlighted, private until the author shares it with the team and/or facilitators) and
 * `/lti/app/tasks/:taskId/retrospective` (per criterion the team's own rating vs peers and
 * facilitator as an HTML bar chart with text values; went well / to improve; agreed actions with
 * owner and due date; open actions carried in from the members' earlier tasks). Facilitators
 * open a team's retrospective with `?team=<teamId>` (read-only, with the reflections shared with
 * facilitators). Members set the team's own rating per criterion of the pinned standard version
 * (`POST …/retrospective/ratings`); a criterion not rated yet is preselected with the median of
 * the members' self-assessments (`suggestedTeamLevel`), labelled as a suggestion. A stale save
 * (ratings or notes) is answered with the page as it is now, status 409, the input kept.
 * A facilitator rates the team on its facilitator view (`POST …/retrospective/facilitator-rating`
 * with a hidden `team`): a level per criterion and a short comment, stored on the retrospective
 * (same revision check, 409 keeps the input); the team sees those levels and the comment in the
 * chart, with the gap to its own rating highlighted.
 *
 * The peer figures come from issue 7's feedback read model (`feedbackPage`): per criterion the
 * self-assessment median and the peers' median of the team's released feedback; none before
 * release. They are read on every page load (never stored), for members and facilitators alike.
 * The services check every request (membership, course, phase, revision).
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { criterionGaps, type CriterionRatings } from '../../domain/reflection/criterion-gaps.js';
import type { ReflectionAudience } from '../../domain/reflection/reflection.js';
import { asActionId, asRetrospectiveId } from '../../domain/retrospective/retrospective.js';
import {
  levelsOfDistribution,
  suggestedTeamLevel,
} from '../../domain/retrospective/team-rating-suggestion.js';
import {
  DomainError,
  NotFoundError,
  NotPermittedError,
  VersionConflictError,
} from '../../domain/shared/errors.js';
import {
  asTeamId,
  asTeamTaskId,
  asUserId,
  type TeamId,
  type TeamTaskId,
  type UserId,
} from '../../domain/shared/ids.js';
import { saveReflection } from '../../services/reflection/save-reflection.js';
import { shareReflection } from '../../services/reflection/share-reflection.js';
import { teamReflections } from '../../services/reflection/team-reflections.js';
import { changeRetrospective } from '../../services/retrospectives/change-retrospective.js';
import { loadRetrospectiveTeam } from '../../services/retrospectives/load-retrospective.js';
import { markActionDone } from '../../services/retrospectives/mark-action-done.js';
import { openRetrospective } from '../../services/retrospectives/open-retrospective.js';
import { rateRetrospective } from '../../services/retrospectives/rate-retrospective.js';
import { retrospectivePage } from '../../services/retrospectives/retrospective-page.js';
import { teamPeerFigures } from '../../services/retrospectives/team-peer-figures.js';
import { teamStandardCriteria } from '../../services/retrospectives/team-standard-criteria.js';
import { feedbackPage } from '../../services/reviews/feedback-page.js';
import type { CourseActor } from '../../services/shared/access.js';
import type { LibraryDeps } from '../../services/shared/library-deps.js';
import type { ReviewDeps } from '../../services/shared/review-deps.js';
import { localeOf } from '../middleware/locale.js';
import { asyncRoute } from '../async-route.js';
import { BadRequestError, parseRequest } from '../forms/bad-request.js';
import { idField, listField, revisionField, textField } from '../forms/form-fields.js';
import { translate, type Locale } from '../i18n/translate.js';
import { courseActorOf } from '../launch/course-actor.js';
import { reflectionPathOf, retrospectivePathOf } from '../view-models/to-do-links.js';
import { redirectWithLtik } from '../launch/with-ltik.js';

/** One criterion of the team's released feedback, as the reflection and retrospective pages use it. */
interface FeedbackCriterion {
  readonly ratings: CriterionRatings;
  /** Level names, lowest first. */
  readonly levels: readonly string[];
  /** The members' self-assessment levels, one per self-assessment. */
  readonly selfLevels: readonly number[];
}

/** What a member posted when the save was refused as stale: shown again, not lost. */
interface KeptInput {
  readonly ratings?: Readonly<Record<string, number | null>>;
  readonly notes?: { readonly wentWell: string; readonly toImprove: string };
  readonly facilitator?: {
    readonly levels: Readonly<Record<string, number | null>>;
    readonly comment: string;
  };
}

export interface ReflectionRouterDeps {
  readonly library: () => LibraryDeps;
  readonly reviews: () => ReviewDeps;
  readonly people: (
    ids: readonly UserId[],
  ) => Promise<ReadonlyMap<UserId, { readonly name: string | undefined }>>;
}

const taskParams = z.object({ taskId: idField });
const ltik = z.string().optional();
const reflectionForm = z
  .object({
    ltik,
    revision: revisionField.optional(),
    happened: textField(20000),
    means: textField(20000),
    next: textField(20000),
  })
  .strict();
const shareForm = z
  .object({ ltik, share: listField(z.enum(['team', 'facilitator']), 2).optional() })
  .strict();
const retroForm = z
  .object({ ltik, revision: revisionField, wentWell: textField(20000), toImprove: textField(20000) })
  .strict();
const actionForm = z
  .object({
    ltik,
    revision: revisionField,
    text: textField(5000),
    owner: idField,
    due: z.string().regex(/^\d{4}-\d\d-\d\d$/),
  })
  .strict();
/** The team's own rating per criterion: `rating.<criterionId>` = level position, or '' for "not rated". */
const RATING_PREFIX = 'rating.';
const ratingsForm = z
  .object({ ltik, revision: revisionField })
  .catchall(z.string().max(100))
  .refine((form) => Object.keys(form).some((key) => key.startsWith(RATING_PREFIX)));
const ratingValue = z.union([z.literal(''), z.string().regex(/^\d{1,2}$/)]);
const ratingKey = z.string().regex(/^rating\.[A-Za-z0-9_-]{1,100}$/);

/**
 * criterionId → level (null: not rated) from the fields `<prefix><criterionId>` of a form; every
 * field but `known` must be one of them (a BadRequestError for fields no form of ours sends).
 */
function levelsByCriterion(
  form: Readonly<Record<string, unknown>>,
  prefix: string,
  keyPattern: z.ZodType<string>,
  known: readonly string[],
): Record<string, number | null> {
  const levels: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(form)) {
    if (known.includes(key)) continue;
    parseRequest(keyPattern, key, 'form');
    const level = parseRequest(ratingValue, value, 'form');
    levels[key.slice(prefix.length)] = level === '' ? null : Number(level);
  }
  return levels;
}

/** The facilitator's rating: `level.<criterionId>` = level position or '', plus `comment` and `team`. */
const LEVEL_PREFIX = 'level.';
const facilitatorRatingForm = z
  .object({ ltik, revision: revisionField, team: idField, comment: textField(5000) })
  .catchall(z.string().max(100));
const levelKey = z.string().regex(/^level\.[A-Za-z0-9_-]{1,100}$/);

const doneForm = z
  .object({ ltik, retrospective: idField, action: idField, done: z.enum(['0', '1']) })
  .strict();
const retroQuery = z.object({ ltik, team: idField.optional(), done: z.string().optional() }).strict();

const dateText = (date: Date, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);

/** A level as text: "3 of 4" style (1-based position over the number of levels). */
const levelText = (level: number | undefined, levelCount: number): string | undefined =>
  level === undefined ? undefined : `${Number((level + 1).toFixed(1))} / ${levelCount}`;

export function createReflectionRouter(deps: ReflectionRouterDeps): Router {
  const router = Router();

  /**
   * Per criterion of the team's released feedback: the self and peer medians, the level names and
   * the individual self-assessment levels; none when there is none (or for facilitators).
   */
  async function feedbackOf(who: CourseActor, taskId: TeamTaskId): Promise<readonly FeedbackCriterion[]> {
    if (who.actor.role !== 'learner') return [];
    try {
      const view = await feedbackPage(deps.reviews(), { ...who, taskId });
      if (!('criteria' in view)) return [];
      return view.criteria.map((c) => ({
        ratings: {
          criterionId: c.criterionId,
          name: c.name,
          levelCount: c.levels.length,
          ...(c.self.median !== undefined ? { self: c.self.median } : {}),
          ...(c.peer.median !== undefined ? { peerMedian: c.peer.median } : {}),
          peerCount: c.peer.count,
        },
        levels: c.levels.map((l) => l.label),
        selfLevels: levelsOfDistribution(c.self.distribution),
      }));
    } catch (error) {
      // CASE: no peer review in this task, or nothing submitted yet: nothing to compare.
      if (error instanceof DomainError) return [];
      throw error;
    }
  }

  /** Per criterion the self and peer medians of the team's released feedback; none when there is none. */
  async function ratingsOf(who: CourseActor, taskId: TeamTaskId): Promise<readonly CriterionRatings[]> {
    return (await feedbackOf(who, taskId)).map((c) => c.ratings);
  }

  router.get(
    '/lti/app/tasks/:taskId/reflection',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      if (who.actor.role !== 'learner') throw new NotPermittedError('write-reflection');
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const query = parseRequest(retroQuery, req.query, 'query');
      const library = deps.library();
      const { task, team } = await loadRetrospectiveTeam(library, { ...who, taskId }, 'read-reflections');
      const readable = await teamReflections(library, { ...who, taskId, teamId: team.id });
      const own = readable.find((r) => r.author === who.actor.userId);
      const others = readable.filter((r) => r.author !== who.actor.userId);
      const ratings = await ratingsOf(who, taskId);
      const gaps = ratings.length > 0 ? criterionGaps(ratings) : (own?.gaps ?? []);
      const names = await deps.people(others.map((r) => r.author));
      const locale = localeOf(res);
      const none = translate(locale, 'reflection.noRating');
      res.render('pages/reflection/reflection', {
        titleKey: 'reflection.title',
        taskTitle: task.title,
        taskPath: `/lti/app/tasks/${taskId}`,
        action: reflectionPathOf(taskId),
        shareAction: `${reflectionPathOf(taskId)}/share`,
        saved: query.done === 'saved',
        gaps: gaps.map((g) => ({
          name: g.name,
          self: levelText(g.self, g.levelCount) ?? none,
          peers: levelText(g.peerMedian, g.levelCount) ?? none,
          gap: g.gap === undefined ? none : (g.gap > 0 ? '+' : '') + String(Number(g.gap.toFixed(1))),
          highlighted: g.highlighted,
        })),
        answers: own?.answers ?? { happened: '', means: '', next: '' },
        revision: own?.revision,
        hasReflection: own !== undefined,
        sharedTeam: own?.sharedWith.includes('team') ?? false,
        sharedFacilitator: own?.sharedWith.includes('facilitator') ?? false,
        shareValues: { team: 'team', facilitator: 'facilitator' },
        others: others.map((r) => ({
          author: names.get(r.author)?.name ?? '',
          answers: r.answers,
          updated: dateText(r.updatedAt, locale),
        })),
      });
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/reflection',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(reflectionForm, req.body ?? {}, 'form');
      await saveReflection(deps.library(), {
        ...who,
        taskId,
        answers: { happened: form.happened, means: form.means, next: form.next },
        ratings: await ratingsOf(who, taskId),
        ...(form.revision !== undefined ? { expectedRevision: form.revision } : {}),
      });
      redirectWithLtik(res, `${reflectionPathOf(taskId)}?done=saved`);
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/reflection/share',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(shareForm, req.body ?? {}, 'form');
      await shareReflection(deps.library(), {
        ...who,
        taskId,
        sharedWith: (form.share ?? []) as readonly ReflectionAudience[],
      });
      redirectWithLtik(res, `${reflectionPathOf(taskId)}?done=saved`);
    }),
  );

  async function renderRetrospective(
    res: Response,
    who: CourseActor,
    taskId: TeamTaskId,
    query: { readonly teamId?: TeamId; readonly saved: boolean },
    options: { readonly status?: number; readonly kept?: KeptInput } = {},
  ): Promise<void> {
    const { teamId } = query;
    const library = deps.library();
    const target = { ...who, taskId, ...(teamId !== undefined ? { teamId } : {}) };
    const { task, team } = await loadRetrospectiveTeam(library, target, 'read-retrospective');
    const feedback = await feedbackOf(who, taskId);
    if (who.actor.role === 'learner') {
      // The criteria of the team's pinned standard version; the peers' figures once released.
      const pinned = await teamStandardCriteria(library, { taskId, teamId: team.id });
      const ratings =
        feedback.length > 0
          ? feedback.map((c) => c.ratings)
          : (pinned?.criteria ?? []).map((c) => ({
              criterionId: c.criterionId,
              name: c.name,
              levelCount: c.levels.length,
              peerCount: 0,
            }));
      try {
        await openRetrospective(library, {
          ...who,
          taskId,
          ratings,
          ...(pinned !== undefined ? { standard: pinned.ref } : {}),
        });
      } catch (error) {
        // CASE: not the phase for a retrospective yet; the page says so by having none.
        if (!(error instanceof DomainError) || error instanceof NotPermittedError) throw error;
      }
    }
    // The peers' figures, read now from the released feedback (never a stored copy).
    const peers = await teamPeerFigures(deps.reviews(), who, { taskId, teamId: team.id });
    const page = await retrospectivePage(library, { ...target, peers });
    const retro = page.retrospective;
    // Facilitators read here the members' reflections shared with a facilitator.
    const sharedReflections =
      who.actor.role === 'facilitator'
        ? await teamReflections(library, { ...who, taskId, teamId: team.id })
        : [];
    const locale = localeOf(res);
    const ids = new Set<UserId>(team.members);
    for (const c of page.carriedIn) ids.add(c.action.owner);
    for (const r of sharedReflections) ids.add(r.author);
    const names = await deps.people([...ids]);
    const nameOf = (id: UserId) => names.get(id)?.name ?? '';
    const none = translate(locale, 'reflection.noRating');
    const bar = (label: string, level: number | undefined, levelCount: number, modifier: string) => ({
      label,
      text: levelText(level, levelCount) ?? none,
      value: level === undefined ? undefined : level + 1,
      max: levelCount,
      modifier,
    });
    const isMember = team.members.includes(who.actor.userId);
    const editable = isMember && retro !== undefined;
    const facilitatorRates = who.actor.role === 'facilitator' && retro !== undefined && page.rows.length > 0;
    // Level names of the pinned version (or of the feedback) for the team's or facilitator's form.
    const pinned =
      (editable || facilitatorRates) && retro !== undefined
        ? await teamStandardCriteria(library, {
            taskId,
            teamId: team.id,
            ...(retro.standard !== undefined ? { pinned: retro.standard } : {}),
          })
        : undefined;
    const levelNames = (criterionId: string, levelCount: number): readonly string[] => {
      const names =
        pinned?.criteria.find((c) => c.criterionId === criterionId)?.levels ??
        feedback.find((c) => c.ratings.criterionId === criterionId)?.levels;
      return names !== undefined && names.length === levelCount
        ? names
        : Array.from({ length: levelCount }, (_, i) => levelText(i, levelCount) as string);
    };
    const kept = options.kept;
    const levelOptions = (key: string, names: readonly string[], levelCount: number, chosen?: number) => [
      {
        id: `${key}-none`,
        value: '',
        label: translate(locale, 'retrospective.notRated'),
        checked: chosen === undefined,
      },
      ...names.map((name, level) => ({
        id: `${key}-${level}`,
        value: String(level),
        label: `${name} (${levelText(level, levelCount) ?? ''})`,
        checked: chosen === level,
      })),
    ];
    // A facilitator of the course rates the team here (their only form on this page).
    const facilitatorForm =
      facilitatorRates && retro !== undefined
        ? {
            action: `${retrospectivePathOf(taskId)}/facilitator-rating`,
            team: team.id,
            comment: kept?.facilitator?.comment ?? retro.facilitatorRating?.comment ?? '',
            criteria: page.rows.map((r) => {
              const names = levelNames(r.criterionId, r.levelCount);
              const chosen =
                kept?.facilitator !== undefined && r.criterionId in kept.facilitator.levels
                  ? (kept.facilitator.levels[r.criterionId] ?? undefined)
                  : r.facilitator;
              return {
                field: `${LEVEL_PREFIX}${r.criterionId}`,
                legend: r.name,
                options: levelOptions(`facilitator-${r.criterionId}`, names, r.levelCount, chosen),
              };
            }),
          }
        : undefined;
    const ratingForm =
      editable && page.rows.length > 0
        ? {
            action: `${retrospectivePathOf(taskId)}/ratings`,
            criteria: page.rows.map((r) => {
              const names = levelNames(r.criterionId, r.levelCount);
              const self = feedback.find((c) => c.ratings.criterionId === r.criterionId)?.selfLevels ?? [];
              const suggested = r.team === undefined ? suggestedTeamLevel(self, r.levelCount) : undefined;
              const chosen =
                kept?.ratings !== undefined && r.criterionId in kept.ratings
                  ? (kept.ratings[r.criterionId] ?? undefined)
                  : (r.team ?? suggested);
              const key = r.criterionId;
              return {
                key,
                field: `${RATING_PREFIX}${key}`,
                legend: r.name,
                suggestion:
                  suggested === undefined
                    ? undefined
                    : translate(locale, 'retrospective.suggested', {
                        level: names[suggested] ?? '',
                        count: self.length,
                      }),
                options: [
                  {
                    id: `rating-${key}-none`,
                    value: '',
                    label: translate(locale, 'retrospective.notRated'),
                    checked: chosen === undefined,
                  },
                  ...names.map((name, level) => ({
                    id: `rating-${key}-${level}`,
                    value: String(level),
                    label: `${name} (${levelText(level, r.levelCount) ?? ''})`,
                    checked: chosen === level,
                    suggested: level === suggested,
                  })),
                ],
              };
            }),
          }
        : undefined;
    res.status(options.status ?? 200).render('pages/reflection/retrospective', {
      titleKey: 'retrospective.title',
      taskTitle: task.title,
      taskPath: `/lti/app/tasks/${taskId}`,
      saved: query.saved && options.status === undefined,
      conflict: options.status === 409,
      retro:
        retro === undefined
          ? undefined
          : {
              revision: retro.revision,
              wentWell: kept?.notes?.wentWell ?? retro.wentWell,
              toImprove: kept?.notes?.toImprove ?? retro.toImprove,
              actions: retro.actions.map((a) => ({
                id: a.id,
                text: a.text,
                owner: nameOf(a.owner),
                due: dateText(a.due, locale),
                done: a.done !== undefined,
              })),
              id: retro.id,
            },
      rows: page.rows.map((r) => ({
        name: r.name,
        highlighted: r.highlighted,
        bars: [
          bar(translate(locale, 'retrospective.own'), r.team, r.levelCount, 'team'),
          bar(translate(locale, 'retrospective.peers'), r.peerMedian, r.levelCount, 'peers'),
          ...(r.facilitator !== undefined
            ? [
                bar(
                  translate(locale, 'retrospective.facilitator'),
                  r.facilitator,
                  r.levelCount,
                  'facilitator',
                ),
              ]
            : []),
        ],
      })),
      ratingForm,
      facilitatorForm,
      facilitatorComment:
        retro?.facilitatorRating !== undefined && retro.facilitatorRating.comment !== ''
          ? retro.facilitatorRating.comment
          : undefined,
      carriedIn: page.carriedIn.map((c) => ({
        text: c.action.text,
        owner: nameOf(c.action.owner),
        due: dateText(c.action.due, locale),
        mine: c.action.owner === who.actor.userId,
        retrospectiveId: c.from.retrospectiveId,
        actionId: c.action.id,
      })),
      editable,
      members: team.members.map((id) => ({ id, name: nameOf(id) })),
      action: retrospectivePathOf(taskId),
      actionsAction: `${retrospectivePathOf(taskId)}/actions`,
      doneAction: `${retrospectivePathOf(taskId)}/actions/done`,
      doneValue: '1',
      reflections: sharedReflections.map((r) => ({
        author: nameOf(r.author),
        answers: r.answers,
        updated: dateText(r.updatedAt, locale),
      })),
    });
  }

  /**
   * Runs a revision-checked save; true when it was saved. When someone saved meanwhile (stale
   * revision) it answers 409 with the page as it is now and the person's input kept, and is false.
   */
  async function savedOrConflictPage(
    res: Response,
    who: CourseActor,
    taskId: TeamTaskId,
    query: { readonly teamId?: TeamId },
    kept: KeptInput,
    save: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await save();
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      await renderRetrospective(res, who, taskId, { ...query, saved: false }, { status: 409, kept });
      return false;
    }
  }

  router.get(
    '/lti/app/tasks/:taskId/retrospective',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const query = parseRequest(retroQuery, req.query, 'query');
      const teamId = query.team !== undefined ? asTeamId(query.team) : undefined;
      if (who.actor.role === 'facilitator' && teamId === undefined) throw new NotFoundError('team', '');
      await renderRetrospective(res, who, taskId, {
        ...(teamId !== undefined ? { teamId } : {}),
        saved: query.done === 'saved',
      });
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/retrospective/ratings',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(ratingsForm, req.body ?? {}, 'form');
      const teamRatings = levelsByCriterion(form, RATING_PREFIX, ratingKey, ['ltik', 'revision']);
      // CASE: a teammate saved meanwhile: the page as it is now, with this member's choices kept.
      const saved = await savedOrConflictPage(res, who, taskId, {}, { ratings: teamRatings }, () =>
        changeRetrospective(deps.library(), {
          ...who,
          taskId,
          expectedRevision: form.revision,
          change: { kind: 'update', changes: { teamRatings } },
        }),
      );
      if (saved) redirectWithLtik(res, `${retrospectivePathOf(taskId)}?done=saved`);
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/retrospective/facilitator-rating',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(facilitatorRatingForm, req.body ?? {}, 'form');
      const levels = levelsByCriterion(form, LEVEL_PREFIX, levelKey, ['ltik', 'revision', 'team', 'comment']);
      const teamId = asTeamId(form.team);
      // CASE: the team (or another facilitator) saved meanwhile: the page as it is now, input kept.
      const kept = { facilitator: { levels, comment: form.comment } };
      const saved = await savedOrConflictPage(res, who, taskId, { teamId }, kept, () =>
        rateRetrospective(deps.library(), {
          ...who,
          taskId,
          teamId,
          expectedRevision: form.revision,
          levels,
          comment: form.comment,
        }),
      );
      if (saved)
        redirectWithLtik(res, `${retrospectivePathOf(taskId)}?team=${encodeURIComponent(teamId)}&done=saved`);
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/retrospective',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(retroForm, req.body ?? {}, 'form');
      const notes = { wentWell: form.wentWell, toImprove: form.toImprove };
      // CASE: a teammate saved meanwhile: the page as it is now, with this member's notes kept.
      const saved = await savedOrConflictPage(res, who, taskId, {}, { notes }, () =>
        changeRetrospective(deps.library(), {
          ...who,
          taskId,
          expectedRevision: form.revision,
          change: { kind: 'update', changes: notes },
        }),
      );
      if (saved) redirectWithLtik(res, `${retrospectivePathOf(taskId)}?done=saved`);
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/retrospective/actions',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(actionForm, req.body ?? {}, 'form');
      const due = new Date(`${form.due}T23:59:59Z`);
      if (Number.isNaN(due.getTime())) throw new BadRequestError('due');
      await changeRetrospective(deps.library(), {
        ...who,
        taskId,
        expectedRevision: form.revision,
        change: { kind: 'agree-action', text: form.text, owner: asUserId(form.owner), due },
      });
      redirectWithLtik(res, `${retrospectivePathOf(taskId)}?done=saved`);
    }),
  );

  router.post(
    '/lti/app/tasks/:taskId/retrospective/actions/done',
    asyncRoute(async (req, res) => {
      const who = courseActorOf(res);
      const taskId = asTeamTaskId(parseRequest(taskParams, req.params, 'path').taskId);
      const form = parseRequest(doneForm, req.body ?? {}, 'form');
      await markActionDone(deps.library(), {
        ...who,
        retrospectiveId: asRetrospectiveId(form.retrospective),
        actionId: asActionId(form.action),
        done: form.done === '1',
      });
      redirectWithLtik(res, `${retrospectivePathOf(taskId)}?done=saved`);
    }),
  );

  return router;
}
