/**
 * A library search as the learner asks it (free text, criterion, kind, course, recency, page)
 * turned into what the store looks up. Results come newest first (by publication), featured
 * stories are flagged (the page shows them in their own strip); the next page continues before
 * the last publication date shown.
 */
import { InvalidInputError, type FieldIssue } from '../shared/errors.js';
import type { CourseId } from '../shared/ids.js';
import { STORY_KINDS, type StoryKind } from '../story/story.js';
import { criterionKey, queryTerms } from './search-terms.js';

export const RECENCIES = ['any', 'week', 'month', 'quarter', 'year'] as const;
export type Recency = (typeof RECENCIES)[number];

const RECENCY_DAYS: Readonly<Record<Exclude<Recency, 'any'>, number>> = {
  week: 7,
  month: 31,
  quarter: 92,
  year: 366,
};

export const LIBRARY_PAGE = { default: 20, max: 50 } as const;

export interface LibraryQuery {
  readonly text?: string;
  readonly criterion?: string;
  readonly kind?: StoryKind;
  readonly courseId?: CourseId;
  readonly recency?: Recency;
  /** Continue after a page: only stories published before this. */
  readonly before?: Date;
  readonly limit?: number;
  /** Only featured stories (the featured strip). */
  readonly featuredOnly?: boolean;
}

export interface LibraryLookup {
  /** All must match; the first is the one to scan the index by. */
  readonly terms: readonly string[];
  readonly criterionKey?: string;
  readonly kind?: StoryKind;
  readonly courseId?: CourseId;
  readonly since?: Date;
  readonly before?: Date;
  readonly featuredOnly: boolean;
  readonly limit: number;
}

/**
 * @throws InvalidInputError for an unknown kind or recency, a bad page size or date, or text
 *   that is too long.
 */
export function toLibraryLookup(query: LibraryQuery, now: Date): LibraryLookup {
  const issues: FieldIssue[] = [];
  if ((query.text ?? '').length > 200) issues.push({ field: 'text', code: 'too-long' });
  if ((query.criterion ?? '').length > 120) issues.push({ field: 'criterion', code: 'too-long' });
  if (query.kind !== undefined && !(STORY_KINDS as readonly string[]).includes(query.kind)) {
    issues.push({ field: 'kind', code: 'unknown' });
  }
  const recency = query.recency ?? 'any';
  if (!(RECENCIES as readonly string[]).includes(recency)) issues.push({ field: 'recency', code: 'unknown' });
  const limit = query.limit ?? LIBRARY_PAGE.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIBRARY_PAGE.max) {
    issues.push({ field: 'limit', code: 'out-of-range' });
  }
  if (query.before !== undefined && Number.isNaN(query.before.getTime())) {
    issues.push({ field: 'before', code: 'invalid-date' });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const key = query.criterion === undefined ? '' : criterionKey(query.criterion);
  return {
    terms: query.text === undefined ? [] : queryTerms(query.text),
    ...(key !== '' ? { criterionKey: key } : {}),
    ...(query.kind !== undefined ? { kind: query.kind } : {}),
    ...(query.courseId !== undefined ? { courseId: query.courseId } : {}),
    ...(recency !== 'any' ? { since: new Date(now.getTime() - RECENCY_DAYS[recency] * 86_400_000) } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
    featuredOnly: query.featuredOnly === true,
    limit,
  };
}
