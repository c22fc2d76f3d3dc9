/**
 * The learner's peer-review pages as templates need them: their (team's) submission, the list of
 * reviews they write, the review form and the feedback on their work. Input is always a service
 * read model that went through the anonymity projections, so nothing here can name a hidden
 * person; labels come from `personLabel`.
 */
import type { AuthorFeedbackView, LevelAggregate } from '../../domain/review/feedback-view.js';
import type { FieldIssue } from '../../domain/shared/errors.js';
import type { ContentPart } from '../../domain/submission/submission.js';
import type { MySubmissionView } from '../../services/submissions/my-submission.js';
import type { MyReviewsView } from '../../services/reviews/my-reviews.js';
import type { ReviewFormPage } from '../../services/reviews/open-review-form.js';
import { translate, type Locale } from '../i18n/translate.js';
import { renderMarkdown } from '../markdown.js';
import { dateText, fileSize, issueText, personLabel, type IssueView } from './review-labels.js';
import { REVIEW_PATHS } from './review-paths.js';

export interface PageFrame {
  readonly taskId: string;
  readonly taskTitle: string;
  readonly done?: string;
  readonly issues?: readonly FieldIssue[];
  /** Whether the task asks members for a contribution split (adds the link). */
  readonly contribution?: boolean;
}

const LINK_ROWS = 3;

/** Values the forms post (kept out of the templates, which hold no literal text). */
const INTENTS = { save: 'save', submit: 'submit' } as const;

export function frame(locale: Locale, f: PageFrame, issues: readonly IssueView[]) {
  return {
    taskTitle: f.taskTitle,
    taskPath: REVIEW_PATHS.task(f.taskId),
    nav: {
      submissionPath: REVIEW_PATHS.submission(f.taskId),
      reviewsPath: REVIEW_PATHS.mine(f.taskId),
      feedbackPath: REVIEW_PATHS.feedback(f.taskId),
      ...(f.contribution === true ? { contributionPath: REVIEW_PATHS.contribution(f.taskId) } : {}),
    },
    ...(f.done !== undefined ? { doneText: translate(locale, `review.done.${f.done}`) } : {}),
    hasIssues: issues.length > 0,
    issues,
  };
}

/** The handed-in parts as HTML-safe pieces: markdown rendered and sanitised, links, file downloads. */
export function partsView(
  locale: Locale,
  taskId: string,
  submissionId: string | undefined,
  parts: readonly ContentPart[],
) {
  return parts.map((part) => {
    if (part.kind === 'text') return { text: true, html: renderMarkdown(part.markdown) };
    if (part.kind === 'link') {
      const safe = /^https?:\/\//i.test(part.url);
      return { link: true, url: safe ? part.url : undefined, title: part.title ?? part.url };
    }
    return {
      file: true,
      path: submissionId === undefined ? undefined : REVIEW_PATHS.file(taskId, submissionId, part.fileId),
      label: translate(locale, 'review.submission.download', { name: part.name, size: fileSize(part.size) }),
    };
  });
}

export interface SubmissionInput {
  readonly text: string;
  readonly links: readonly { readonly url: string; readonly title: string }[];
  readonly keep: readonly string[];
}

export function submissionPageView(
  locale: Locale,
  f: PageFrame,
  view: MySubmissionView,
  options: { readonly input?: SubmissionInput; readonly selfAssessment: boolean },
) {
  const issues = (f.issues ?? []).map((issue) => ({
    href: issue.field === 'file' || issue.field === 'name' ? '#file' : '#text',
    text: issueText(locale, issue, { maxFileBytes: view.maxFileBytes, types: view.allowedContentTypes }),
  }));
  const draftText = view.draft
    .filter((p) => p.kind === 'text')
    .map((p) => (p.kind === 'text' ? p.markdown : ''))
    .join('\n\n');
  const draftLinks = view.draft.flatMap((p) =>
    p.kind === 'link' ? [{ url: p.url, title: p.title ?? '' }] : [],
  );
  const links = options.input?.links ?? draftLinks;
  const rows = Math.max(LINK_ROWS, links.length + 1);
  const files = view.draft.flatMap((p) => (p.kind === 'file' ? [p] : []));
  const keep = options.input?.keep;
  const timing = view.timing.kind;
  return {
    ...frame(locale, f, issues),
    pageTitle: translate(locale, 'review.submission.title'),
    titleKey: 'review.submission.title',
    v: INTENTS,
    modeText: translate(
      locale,
      view.mode === 'team' ? 'review.submission.teamMode' : 'review.submission.personMode',
    ),
    dueText:
      view.dueAt === undefined
        ? undefined
        : translate(locale, 'review.submission.dueAt', { date: dateText(locale, view.dueAt) }),
    timingText: translate(locale, `review.submission.timing.${timing}`),
    open: timing !== 'closed',
    late: timing === 'late',
    submitted:
      view.submitted === undefined
        ? undefined
        : {
            text: translate(locale, 'review.submission.submittedVersion', {
              version: view.submitted.version,
              date: dateText(locale, view.submitted.at),
            }),
            late: view.submitted.late !== undefined,
            parts: partsView(locale, view.taskId, view.submissionId, view.submitted.parts),
          },
    form: {
      action: REVIEW_PATHS.submission(view.taskId),
      revision: view.revision ?? '',
      text: options.input?.text ?? draftText,
      links: Array.from({ length: rows }, (_, i) => ({
        number: i + 1,
        urlId: `link-url-${i + 1}`,
        titleId: `link-title-${i + 1}`,
        url: links[i]?.url ?? '',
        title: links[i]?.title ?? '',
      })),
      files: files.map((file, i) => ({
        id: `keep-file-${i + 1}`,
        fileId: file.fileId,
        label: translate(locale, 'review.submission.keepFile', {
          name: file.name,
          size: fileSize(file.size),
        }),
        checked: keep === undefined || keep.includes(file.fileId),
      })),
      submitLabel: translate(
        locale,
        view.submitted === undefined ? 'review.submission.submit' : 'review.submission.resubmit',
      ),
    },
    upload: {
      action: REVIEW_PATHS.upload(view.taskId),
      revision: view.revision ?? '',
      hint: translate(locale, 'review.submission.fileHint', {
        max: fileSize(view.maxFileBytes),
        types: view.allowedContentTypes.join(', '),
      }),
      accept: view.allowedContentTypes.join(','),
    },
    selfAssessmentAction:
      options.selfAssessment && view.submitted !== undefined ? REVIEW_PATHS.self(view.taskId) : undefined,
  };
}

export function myReviewsView(
  locale: Locale,
  f: PageFrame,
  view: MyReviewsView,
  options: { readonly selfAssessmentOffered: boolean; readonly nothingLeft: boolean },
) {
  return {
    ...frame(locale, f, []),
    pageTitle: translate(locale, 'review.mine.title'),
    titleKey: 'review.mine.title',
    reviewOpen: view.reviewOpen,
    pull: view.allocation === 'pull' && view.reviewOpen,
    takeNextAction: REVIEW_PATHS.takeNext(view.taskId),
    nothingLeft: options.nothingLeft,
    reviews: view.reviews.map((r) => {
      const author = personLabel(locale, r.author);
      return {
        path: REVIEW_PATHS.review(view.taskId, r.reviewId),
        linkText: translate(locale, 'review.mine.open', { author }),
        statusText: translate(locale, `review.mine.status.${r.status}`),
        leaseText:
          r.leaseExpiresAt === undefined
            ? undefined
            : translate(locale, 'review.mine.leaseUntil', { date: dateText(locale, r.leaseExpiresAt) }),
        released: r.ratings.released,
        ratings: r.ratings.released
          ? r.ratings.ratings.map((x) => ({
              text: translate(locale, 'review.mine.rating', {
                by: personLabel(locale, x.by),
                stars: x.stars,
              }),
              reply: x.reply,
            }))
          : [],
      };
    }),
    self:
      view.selfAssessment !== undefined
        ? {
            path: REVIEW_PATHS.review(view.taskId, view.selfAssessment.reviewId),
            statusText: translate(locale, `review.mine.status.${view.selfAssessment.status}`),
          }
        : undefined,
    selfStartAction:
      view.selfAssessment === undefined && options.selfAssessmentOffered
        ? REVIEW_PATHS.self(view.taskId)
        : undefined,
  };
}

/** What the reviewer posted, to show again when the save is refused. */
export interface ReviewInputView {
  readonly levels: ReadonlyMap<string, string>;
  readonly comments: ReadonlyMap<string, string>;
  readonly overall: string;
}

export function reviewFormView(
  locale: Locale,
  f: PageFrame,
  page: ReviewFormPage,
  input: ReviewInputView | undefined,
) {
  const names = new Map(page.form.criteria.map((c) => [c.criterionId as string, c.name]));
  const issues = (f.issues ?? []).map((issue) => {
    const criterionId = /^ratings\.([^.]+)\./.exec(issue.field)?.[1];
    const index = page.form.criteria.findIndex((c) => c.criterionId === criterionId);
    return {
      href: index < 0 ? '#overall' : `#criterion-${index + 1}`,
      text: issueText(locale, issue, { names }),
    };
  });
  const self = page.work.kind === 'self';
  const author = page.work.kind === 'peer' ? personLabel(locale, page.work.submission.author) : '';
  const submissionId = page.work.kind === 'peer' ? page.work.submission.submissionId : undefined;
  const parts = page.work.kind === 'peer' ? page.work.submission.parts : page.work.parts;
  const version = page.work.kind === 'peer' ? page.work.submission.version : page.work.version;
  return {
    ...frame(locale, f, issues),
    pageTitle: translate(locale, self ? 'review.form.selfTitle' : 'review.form.title'),
    titleKey: self ? 'review.form.selfTitle' : 'review.form.title',
    v: INTENTS,
    introText: self
      ? translate(locale, 'review.form.selfIntro')
      : translate(locale, 'review.form.intro', { author }),
    versionText: translate(locale, 'review.form.version', { version }),
    parts: partsView(locale, f.taskId, submissionId, parts),
    editable: page.form.editable,
    submittedNote: page.form.status === 'submitted' && page.form.editable,
    action: REVIEW_PATHS.review(f.taskId, page.form.reviewId),
    revision: page.revision,
    criteria: page.form.criteria.map((c, i) => {
      const posted = input?.levels.get(c.criterionId);
      return {
        id: `criterion-${i + 1}`,
        criterionId: c.criterionId,
        legend: translate(locale, 'review.form.levelLegend', { criterion: c.name }),
        weightText: translate(locale, 'review.form.weight', { weight: Math.round(c.weight * 10) / 10 }),
        missing: (f.issues ?? []).some((x) => x.field === `ratings.${c.criterionId}.level`),
        levels: c.levels.map((l, j) => ({
          id: `criterion-${i + 1}-level-${j + 1}`,
          levelId: l.id,
          label: l.label,
          checked: input === undefined ? l.selected : posted === l.id,
        })),
        commentId: `criterion-${i + 1}-comment`,
        commentLabel: translate(
          locale,
          c.commentRequired ? 'review.form.commentRequired' : 'review.form.comment',
          {
            criterion: c.name,
          },
        ),
        comment: input?.comments.get(c.criterionId) ?? c.comment,
      };
    }),
    overall: input?.overall ?? page.form.overallComment,
  };
}

function levelText(
  locale: Locale,
  aggregate: LevelAggregate,
  levels: readonly { readonly id: string; readonly label: string }[],
): string {
  const labels = aggregate.medianLevelIds.map((id) => levels.find((l) => l.id === id)?.label ?? id);
  if (labels.length === 0) return translate(locale, 'review.feedback.none');
  if (labels.length === 1) return labels[0]!;
  return translate(locale, 'review.feedback.between', { a: labels[0]!, b: labels[1]! });
}

export function feedbackView(
  locale: Locale,
  f: PageFrame,
  view: AuthorFeedbackView,
  options: { readonly canRate: boolean; readonly minReviews?: number },
) {
  const base = {
    ...frame(locale, f, []),
    pageTitle: translate(locale, 'review.feedback.title'),
    titleKey: 'review.feedback.title',
  };
  if (!('criteria' in view)) {
    const waiting = view.release.waitingFor;
    return {
      ...base,
      released: false,
      waitingText:
        waiting.kind === 'phase-close'
          ? translate(locale, 'review.feedback.releaseAtClose')
          : translate(locale, 'review.feedback.releaseAtCount', {
              min: options.minReviews ?? waiting.missing,
              count: Math.max(0, (options.minReviews ?? waiting.missing) - waiting.missing),
            }),
    };
  }
  const comment = (c: { by: Parameters<typeof personLabel>[1]; kind: 'peer' | 'self'; comment: string }) => ({
    by: personLabel(locale, c.by),
    self: c.kind === 'self',
    text: c.comment,
  });
  return {
    ...base,
    released: true,
    criteria: view.criteria.map((c, i) => ({
      id: `feedback-criterion-${i + 1}`,
      name: c.name,
      peer: levelText(locale, c.peer, c.levels),
      self: levelText(locale, c.self, c.levels),
      count: c.peer.count,
      commentsHeading: translate(locale, 'review.feedback.commentsHeading', { criterion: c.name }),
      comments: c.comments.filter((x) => x.comment.trim() !== '').map(comment),
    })),
    overall: view.overall.filter((x) => x.comment.trim() !== '').map(comment),
    reviews: options.canRate
      ? view.reviews.map((r, i) => {
          const by = personLabel(locale, r.by);
          return {
            id: `rate-${i + 1}`,
            action: REVIEW_PATHS.rate(f.taskId, r.reviewId),
            legend: translate(locale, 'review.feedback.rateLegend', { by }),
            replyLabel: translate(locale, 'review.feedback.reply', { by }),
            reply: r.myRating?.reply ?? '',
            current:
              r.myRating === undefined
                ? undefined
                : translate(locale, 'review.feedback.yourRating', { stars: r.myRating.stars }),
            stars: [1, 2, 3, 4, 5].map((stars) => ({
              id: `rate-${i + 1}-stars-${stars}`,
              value: stars,
              label: translate(locale, 'review.feedback.stars', { stars }),
              checked: r.myRating?.stars === stars,
            })),
          };
        })
      : [],
  };
}
