/**
 * The standard page as templates need it: the read model (`services/standards/standard-page.ts`)
 * turned into display values — names instead of ids, texts from the catalogue, what this viewer
 * may do now, and the forms with their values (the person's unsaved input after a refused save,
 * so nothing they typed is lost). Pure: people, locale and the notice come in as arguments.
 */
import { libraryStandardPath } from './library-paths.js';
import type { FieldIssue } from '../../domain/shared/errors.js';
import type { UserId } from '../../domain/shared/ids.js';
import type { CriterionDispersion } from '../../domain/standard/alignment.js';
import { CRITERION_LIMITS, type CriterionContent } from '../../domain/standard/criterion.js';
import { STANDARD_LIMITS } from '../../domain/standard/criteria.js';
import { DISCUSSION_LIMITS, type CommentThread } from '../../domain/standard/discussion.js';
import type { Comment, Objection } from '../../domain/standard/team-standard.js';
import { POINT_BUDGET, weightPercentages } from '../../domain/standard/weighting.js';
import type { CourseActor } from '../../services/shared/access.js';
import type { StandardPage } from '../../services/standards/standard-page.js';
import { LEVEL_ROWS } from '../forms/criterion.form.js';
import { translate, type Locale, type MessageParams } from '../i18n/translate.js';
import { formatDateTime } from './format.js';
import { criterionPath, standardPaths, type StandardPaths } from './standard-paths.js';

/** Display names of people, by id (unknown people are shown as a role). */
export type PeopleNames = ReadonlyMap<UserId, { readonly name: string | undefined }>;

export interface CriterionFormValues {
  readonly name: string;
  readonly description: string;
  readonly levels: readonly { readonly label: string; readonly descriptor: string }[];
}

/** What the person submitted, shown again after a refused save. */
export type FormInput =
  | { readonly form: 'propose'; readonly values: CriterionFormValues }
  | { readonly form: 'edit'; readonly criterionId: string; readonly values: CriterionFormValues }
  | { readonly form: 'weigh'; readonly points: Readonly<Record<string, string>> }
  | {
      readonly form: 'comment';
      readonly criterionId?: string;
      readonly replyTo?: string;
      readonly body: string;
    }
  | { readonly form: 'object'; readonly criterionId?: string; readonly reason: string };

/** Why a save was refused, shown above the page with the person's input kept in its form. */
export type Refusal =
  | { readonly kind: 'invalid'; readonly issues: readonly FieldIssue[] }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface StandardViewInput {
  readonly page: StandardPage;
  readonly viewer: CourseActor;
  readonly people: PeopleNames;
  readonly locale: Locale;
  readonly refusal?: Refusal;
  readonly input?: FormInput;
  /** What the last save did (from the redirect), announced politely. */
  readonly done?: DoneCode;
}

export const DONE_CODES = [
  'proposed',
  'edited',
  'withdrawn',
  'commented',
  'objected',
  'objection-withdrawn',
  'weighed',
  'agreed',
  'ratified',
  'agreement-withdrawn',
  'amendment-opened',
  'approved',
  'locked',
  'unlocked',
] as const;
export type DoneCode = (typeof DONE_CODES)[number];

export function isDoneCode(value: unknown): value is DoneCode {
  return typeof value === 'string' && (DONE_CODES as readonly string[]).includes(value);
}

/** Kendall's W bands for the plain-words reading (Schmidt 1997's guide for W, rounded). */
export function agreementBand(w: number): 'strong' | 'moderate' | 'weak' | 'none' {
  if (w >= 0.7) return 'strong';
  if (w >= 0.5) return 'moderate';
  if (w >= 0.3) return 'weak';
  return 'none';
}

/** How far apart members are on one criterion, from the standard deviation of their points. */
function spreadBand(sd: number): 'close' | 'some' | 'wide' {
  if (sd <= 5) return 'close';
  if (sd <= 15) return 'some';
  return 'wide';
}

export function buildStandardView(input: StandardViewInput) {
  const { page, viewer, people, locale } = input;
  const t = (key: string, params: MessageParams = {}): string => translate(locale, key, params);
  const me = viewer.actor.userId;
  const isMember = viewer.actor.role === 'learner' && page.team.members.includes(me);
  const isFacilitator = viewer.actor.role === 'facilitator';
  const nameOf = (id: UserId, role: 'learner' | 'facilitator' = 'learner'): string => {
    if (id === me) return t('standard.people.you');
    const name = people.get(id)?.name;
    if (name !== undefined) return name;
    return t(role === 'facilitator' ? 'standard.people.facilitator' : 'standard.people.member');
  };
  const when = (date: Date) => ({ iso: date.toISOString(), text: formatDateTime(date, locale) });
  const paths: StandardPaths = standardPaths(page.taskId, page.team.id);
  const canChange = isMember && page.contentOpen;
  const canDiscuss = (isMember && page.discussionOpen) || (isFacilitator && page.facilitatorOpen);
  const latest = page.versions.at(-1);
  const refusal = input.refusal;
  const formInput = input.input;

  const dispersionOf = (id: string): CriterionDispersion | undefined =>
    page.alignment.criteria.find((c) => c.criterionId === id);
  const myPoints = new Map(page.myWeighting?.map((p) => [p.criterionId as string, p.points]) ?? []);
  const objectionView = (o: Objection) => ({
    id: o.id,
    by: nameOf(o.by),
    reason: o.reason,
    at: when(o.at),
    mine: o.by === me && isMember,
    withdrawPath: `${paths.objections}/${encodeURIComponent(o.id)}/withdraw`,
    canWithdraw: o.by === me && canChange,
    criterionName: page.criteria.find((c) => c.id === o.criterionId)?.content.name,
  });
  const commentView = (c: Comment) => ({
    id: c.id,
    author: nameOf(c.author, c.authorRole),
    byFacilitator: c.authorRole === 'facilitator',
    body: c.body,
    at: when(c.at),
  });
  // A reply belongs to its thread (whatever criterion it is on); a new thread to its criterion.
  const commentDraft = (criterionId: string | undefined, replyTo: string | undefined): string =>
    formInput?.form === 'comment' &&
    formInput.replyTo === replyTo &&
    (replyTo !== undefined || formInput.criterionId === criterionId)
      ? formInput.body
      : '';
  const threadView = (thread: CommentThread, criterionId: string | undefined) => ({
    first: commentView(thread.first),
    replies: thread.replies.map(commentView),
    replyDraft: commentDraft(criterionId, thread.first.id),
    replyFieldId: `reply-${thread.first.id}`,
  });
  const criterionForm = (values: CriterionFormValues, idPrefix: string) => ({
    name: values.name,
    description: values.description,
    levels: Array.from({ length: LEVEL_ROWS }, (_, i) => ({
      number: i + 1,
      label: values.levels[i]?.label ?? '',
      descriptor: values.levels[i]?.descriptor ?? '',
      labelId: `${idPrefix}-level-${i + 1}-label`,
      descriptorId: `${idPrefix}-level-${i + 1}-descriptor`,
      required: i < CRITERION_LIMITS.minLevels,
    })),
    nameId: `${idPrefix}-name`,
    descriptionId: `${idPrefix}-description`,
  });
  const valuesOf = (content: CriterionContent): CriterionFormValues => ({
    name: content.name,
    description: content.description,
    levels: content.levels,
  });

  const criteria = page.criteria.map((c, index) => {
    const dispersion = dispersionOf(c.id);
    const editing = formInput?.form === 'edit' && formInput.criterionId === c.id ? formInput : undefined;
    const conflicted = editing !== undefined && refusal?.kind === 'conflict';
    return {
      id: c.id,
      anchor: `criterion-${c.id}`,
      editPath: criterionPath(page.taskId, page.team.id, c.id),
      withdrawPath: `${criterionPath(page.taskId, page.team.id, c.id)}/withdraw`,
      number: index + 1,
      name: c.content.name,
      description: c.content.description,
      originKey: `standard.criteria.origin.${c.origin}`,
      levels: c.content.levels.map((l, i) => ({ number: i + 1, label: l.label, descriptor: l.descriptor })),
      revision: c.revision,
      edited: c.history.length > 1,
      history: [...c.history].reverse().map((r) => ({
        number: r.number,
        author: nameOf(r.author),
        at: when(r.at),
        name: r.content.name,
        description: r.content.description,
        levels: r.content.levels.map((l) => ({ label: l.label, descriptor: l.descriptor })),
        current: r.number === c.revision,
      })),
      percent: c.percent,
      hasWeight: c.percent !== undefined,
      dispersion:
        dispersion === undefined
          ? undefined
          : {
              mean: round(dispersion.mean, 1),
              min: dispersion.min,
              max: dispersion.max,
              sd: round(dispersion.standardDeviation, 1),
              bandKey: `standard.weights.spread.${spreadBand(dispersion.standardDeviation)}`,
            },
      myPoints: myPoints.get(c.id),
      objections: c.openObjections.map(objectionView),
      threads: c.threads.map((thread) => threadView(thread, c.id)),
      commentDraft: commentDraft(c.id, undefined),
      commentFieldId: `comment-${c.id}`,
      objectDraft: formInput?.form === 'object' && formInput.criterionId === c.id ? formInput.reason : '',
      objectFieldId: `object-${c.id}`,
      editOpen: editing !== undefined,
      editConflict: conflicted,
      editForm: criterionForm(editing?.values ?? valuesOf(c.content), `edit-${c.id}`),
    };
  });

  const consensus = page.consensus;
  const members = page.team.members.length;
  const agreedByMe = consensus.agreed.includes(me);
  const myObjection = page.objections.some((o) => o.by === me && o.status === 'open');
  const ratified = page.status === 'ratified';
  const ready = page.readiness.length === 0;
  const weighInput = formInput?.form === 'weigh' ? formInput.points : undefined;
  // A member who has not weighed a standard from the library starts from the origin's weights.
  const suggestion = weighInput === undefined && isMember ? page.originSuggestion : undefined;
  const suggested = new Map(suggestion?.points.map((p) => [p.criterionId as string, p.points]) ?? []);
  const fallback = (id: string): string => {
    const points = myPoints.get(id) ?? suggested.get(id);
    return points === undefined ? '' : String(points);
  };
  const weightRows = page.criteria.map((c, i) => ({
    criterionId: c.id,
    revision: c.revision,
    name: c.content.name,
    fieldId: `points-${i + 1}`,
    value: weighInput?.[c.id] ?? fallback(c.id),
  }));
  const agreement = page.alignment.agreement;

  return {
    titleKey: 'standard.title',
    taskTitle: page.taskTitle,
    teamName: page.team.name ?? t('standard.teamNumber', { number: page.team.number }),
    paths,
    revision: page.revision,
    contentRevision: page.contentRevision,
    isMember,
    isFacilitator,
    canChange,
    canDiscuss,
    locked: page.locked,
    status: {
      key: `standard.status.${page.status}`,
      version: latest?.version ?? 0,
      nextVersion: (latest?.version ?? 0) + 1,
      phaseKey: `standard.phase.${page.phase}`,
      closedForMembers: !page.contentOpen && !ratified,
    },
    done: input.done === undefined ? undefined : t(`standard.done.${input.done}`),
    notice: noticeOf(refusal, t),
    // CASE: the refused form is gone (locked, phase over): show what they typed so it is not lost.
    unsaved:
      refusal !== undefined &&
      formInput !== undefined &&
      ((formInput.form === 'comment' && !canDiscuss) || (formInput.form !== 'comment' && !canChange))
        ? unsavedLines(formInput)
        : [],
    consensus: {
      ruleKey: `standard.consensus.rule.${page.consensusRule}`,
      progress: progressLine(page, t),
      needed: page.consensusRule === 'majority' ? consensus.needed : undefined,
      agreed: consensus.agreed.map((id) => nameOf(id)),
      pending: consensus.pending.map((id) => nameOf(id)),
      objecting: consensus.objecting.map((id) => nameOf(id)),
      // A ratified standard waits for an amendment; "nothing changed" is no news then.
      readiness: (ratified ? [] : page.readiness).map((issue) =>
        t(`standard.readiness.${issue}`, {
          min: STANDARD_LIMITS.minCriteria,
          version: latest?.version ?? 0,
        }),
      ),
    },
    actions: {
      agree:
        canChange && !agreedByMe && !myObjection && ready && page.consensusRule !== 'facilitator-approval',
      agreeApproval:
        canChange && !agreedByMe && !myObjection && ready && page.consensusRule === 'facilitator-approval',
      withdrawAgreement: canChange && agreedByMe,
      agreedByMe,
      ratify: canChange && ready && consensus.satisfied && page.consensusRule !== 'facilitator-approval',
      amend: isMember && ratified && !page.locked && page.phase !== 'setup' && page.facilitatorOpen,
      approve:
        isFacilitator &&
        page.facilitatorOpen &&
        page.consensusRule === 'facilitator-approval' &&
        !ratified &&
        ready,
      lock: isFacilitator && page.facilitatorOpen && !page.locked,
      unlock: isFacilitator && page.facilitatorOpen && page.locked,
    },
    criteria,
    hasCriteria: criteria.length > 0,
    withdrawnCriteria: page.withdrawnCriteria,
    proposeForm: criterionForm(
      formInput?.form === 'propose' ? formInput.values : { name: '', description: '', levels: [] },
      'propose',
    ),
    // An empty standard invites the first proposal with the form already open.
    proposeOpen: formInput?.form === 'propose' || page.criteria.length === 0,
    limits: {
      name: CRITERION_LIMITS.name.max,
      description: CRITERION_LIMITS.description.max,
      levelLabel: CRITERION_LIMITS.levelLabel.max,
      levelDescriptor: CRITERION_LIMITS.levelDescriptor.max,
      comment: DISCUSSION_LIMITS.comment.max,
      reason: DISCUSSION_LIMITS.reason.max,
      minLevels: CRITERION_LIMITS.minLevels,
      maxLevels: CRITERION_LIMITS.maxLevels,
      maxCriteria: STANDARD_LIMITS.maxCriteria,
      minCriteria: STANDARD_LIMITS.minCriteria,
    },
    weights: {
      budget: POINT_BUDGET,
      rows: weightRows,
      weighed: page.alignment.weighed,
      members,
      myWeighed: page.myWeighting !== undefined && page.criteria.every((c) => myPoints.has(c.id)),
      agreementValue: agreement.value === null ? undefined : round(agreement.value, 2).toFixed(2),
      agreementBandKey:
        agreement.value === null
          ? `standard.weights.agreement.undefined.${agreement.reason ?? 'too-few-raters'}`
          : `standard.weights.agreement.band.${agreementBand(agreement.value)}`,
      conflict: formInput?.form === 'weigh' && refusal?.kind === 'conflict',
      prefilledNote:
        suggestion === undefined
          ? undefined
          : suggestion.originTitle === undefined
            ? t('standard.weights.prefilledFromLibrary')
            : t('standard.weights.prefilledFrom', { origin: suggestion.originTitle }),
    },
    general: {
      threads: page.generalThreads.map((thread) => threadView(thread, undefined)),
      commentDraft: commentDraft(undefined, undefined),
      objectDraft:
        formInput?.form === 'object' && formInput.criterionId === undefined ? formInput.reason : '',
      objections: page.objections
        .filter((o) => o.status === 'open' && o.criterionId === undefined && page.team.members.includes(o.by))
        .map(objectionView),
    },
    versions: [...page.versions].reverse().map((v) => {
      const percents = weightPercentages(v.criteria.map((c) => c.weight));
      return {
        number: v.version,
        anchor: `version-${v.version}`,
        latest: v.version === latest?.version,
        ratifiedAt: when(v.ratifiedAt),
        ruleKey: `standard.versions.rule.${v.consensusRule}`,
        agreedBy: v.agreedBy.map((id) => nameOf(id)),
        approvedBy: v.approvedBy === undefined ? undefined : nameOf(v.approvedBy, 'facilitator'),
        agreement: v.agreement === null ? undefined : round(v.agreement, 2).toFixed(2),
        criteria: v.criteria.map((c, i) => ({
          name: c.name,
          description: c.description,
          percent: percents[i],
          levels: c.levels.map((l, j) => ({ number: j + 1, label: l.label, descriptor: l.descriptor })),
        })),
        overruled: v.overruledObjections.map((o) => ({ by: nameOf(o.by), reason: o.reason })),
      };
    }),
    provenance:
      page.provenance === undefined
        ? undefined
        : {
            version: page.provenance.source.version,
            ...(page.libraryOrigin !== undefined
              ? { title: page.libraryOrigin.title, path: libraryStandardPath(page.libraryOrigin.id) }
              : {}),
          },
  };
}

export type StandardView = ReturnType<typeof buildStandardView>;

/** "3 of 4 agreed, 1 objection". */
function progressLine(page: StandardPage, t: (key: string, params?: MessageParams) => string): string {
  const { agreed, objecting } = page.consensus;
  const members = page.team.members.length;
  const progress =
    page.consensusRule === 'facilitator-approval'
      ? t('standard.consensus.progressApproval', { agreed: agreed.length, members })
      : t('standard.consensus.progress', { agreed: agreed.length, members });
  if (objecting.length === 0) return progress;
  const objections = t(
    objecting.length === 1 ? 'standard.consensus.objectionsOne' : 'standard.consensus.objectionsMany',
    { count: objecting.length },
  );
  return t('standard.consensus.withObjections', { progress, objections });
}

/** The person's input as lines of text, for when its form is not on the page any more. */
function unsavedLines(input: FormInput): string[] {
  switch (input.form) {
    case 'propose':
    case 'edit':
      return [
        input.values.name,
        input.values.description,
        ...input.values.levels.map((l) => `${l.label}: ${l.descriptor}`),
      ].filter((line) => line.trim() !== '');
    case 'weigh':
      return [];
    case 'comment':
      return [input.body];
    case 'object':
      return [input.reason];
  }
}

function noticeOf(refusal: Refusal | undefined, t: (key: string, params?: MessageParams) => string) {
  if (refusal === undefined) return undefined;
  switch (refusal.kind) {
    case 'conflict':
      return {
        kind: 'conflict',
        title: t('standard.notice.conflict.title'),
        message: t('standard.notice.conflict.message'),
        issues: [],
      };
    case 'refused':
      return {
        kind: 'refused',
        title: t('standard.notice.refused.title'),
        message: t(
          refusalKeys.has(refusal.reason)
            ? `standard.notice.refused.reasons.${refusal.reason}`
            : 'standard.notice.refused.reasons.other',
        ),
        issues: [],
      };
    case 'invalid':
      return {
        kind: 'invalid',
        title: t('standard.notice.invalid.title'),
        message: t('standard.notice.invalid.message'),
        issues: refusal.issues.map((issue) => issueText(issue, t)),
      };
  }
}

const refusalKeys = new Set([
  'deadline-passed',
  'not-standard-setting',
  'ratified-open-an-amendment',
  'peer-review-opened',
  'locked',
  'own-objection-open',
  'not-ready',
  'no-consensus',
  'rule-facilitator-approval',
  'rule-consent',
  'rule-majority',
  'already-ratified',
  'already-amending',
  'not-ratified',
  'already-locked',
  'not-locked',
  'objection-withdrawn',
  'objection-overruled',
]);

/** A field issue in words: "Level 3 label: at most 60 characters." */
export function issueText(issue: FieldIssue, t: (key: string, params?: MessageParams) => string): string {
  const parts = issue.field.split('.');
  const [head, index, sub] = parts;
  let field: string;
  let limit: number | undefined;
  if (head === 'levels' && index !== undefined && sub !== undefined) {
    field = t(`standard.fields.level.${sub === 'label' ? 'label' : 'descriptor'}`, {
      number: Number(index) + 1,
    });
    limit = sub === 'label' ? CRITERION_LIMITS.levelLabel.max : CRITERION_LIMITS.levelDescriptor.max;
  } else if (head === 'points' && index !== undefined) {
    field = t('standard.fields.pointsRow', { number: Number(index) + 1 });
  } else {
    const known = [
      'name',
      'description',
      'levels',
      'criteria',
      'points',
      'body',
      'reason',
      'replyTo',
      'criterionId',
    ];
    field = t(`standard.fields.${known.includes(head ?? '') ? head : 'other'}`);
    limit =
      head === 'name'
        ? CRITERION_LIMITS.name.max
        : head === 'description'
          ? CRITERION_LIMITS.description.max
          : head === 'body'
            ? DISCUSSION_LIMITS.comment.max
            : head === 'reason'
              ? DISCUSSION_LIMITS.reason.max
              : undefined;
  }
  const codes = [
    'required',
    'too-long',
    'too-short',
    'too-few',
    'too-many',
    'duplicate',
    'unknown',
    'total-not-100',
    'not-whole',
    'missing-criterion',
    'no-criteria',
  ];
  const problemKey =
    head === 'criteria' && issue.code === 'too-many'
      ? 'standard.problems.tooManyCriteria'
      : `standard.problems.${codes.includes(issue.code) ? issue.code : 'invalid'}`;
  const problem = t(problemKey, {
    max: limit ?? 0,
    minLevels: CRITERION_LIMITS.minLevels,
    maxLevels: CRITERION_LIMITS.maxLevels,
    maxCriteria: STANDARD_LIMITS.maxCriteria,
    budget: POINT_BUDGET,
  });
  return t('standard.issue', { field, problem });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
