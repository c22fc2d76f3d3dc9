/**
 * Library search without a text index: every listed story carries a small array of normalised
 * terms (a multikey index serves it on MongoDB and on our embedded server alike), and a query
 * becomes "all of these terms" plus filters.
 *
 * Normalising: Unicode NFKD with combining marks removed (é → e), lower case, split on anything
 * that is not a letter or a digit, common English and Dutch words dropped, words of one
 * character dropped.
 *
 * What a story is found by (at most {@link MAX_TERMS} terms, in this priority):
 * - every word of the title and of the criteria it illustrates, and their prefixes of
 *   {@link MIN_PREFIX}–{@link MAX_PREFIX} characters (so "collab" finds "Collaboration");
 * - the narrative's words, whole, the most frequent first (ties: first seen first).
 * A query word matches a story when it equals one of its terms. Query words are ordered
 * longest first: the first is the one the index scans, and longer words are usually rarer.
 */

export const MAX_TERMS = 48;
export const MIN_PREFIX = 3;
export const MAX_PREFIX = 7;
export const MAX_QUERY_WORDS = 6;
const MAX_WORD = 40;

const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for from has have he her his i in is it its of on or our she so ' +
    'that the their them they this to was we were what when which who will with you your ' +
    'de het een en van in is op te dat die voor met zijn niet aan er maar om ook als bij of ' +
    'naar dan nog wel wat was we wij ze zij hij ik je jij hun ons onze door over uit tot'
  ).split(' '),
);

/** Lower-case words of `text` without diacritics or stop words, in order (duplicates kept). */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w))
    .map((w) => w.slice(0, MAX_WORD));
}

function withPrefixes(word: string): string[] {
  const out = [word];
  for (let n = Math.min(MAX_PREFIX, word.length - 1); n >= MIN_PREFIX; n--) out.push(word.slice(0, n));
  return out;
}

/** The search terms of a story's readable content. */
export function storyTerms(content: {
  readonly title: string;
  readonly narrative: string;
  readonly criteria: readonly { readonly name: string }[];
}): string[] {
  const terms = new Set<string>();
  const add = (t: string): boolean => {
    if (terms.size >= MAX_TERMS) return false;
    terms.add(t);
    return true;
  };
  for (const w of [...wordsOf(content.title), ...content.criteria.flatMap((c) => wordsOf(c.name))]) {
    for (const t of withPrefixes(w)) if (!add(t)) return [...terms];
  }
  const counts = new Map<string, number>();
  for (const w of wordsOf(content.narrative)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]); // stable: ties keep first-seen order
  for (const [w] of ranked) if (!add(w)) break;
  return [...terms];
}

/** The terms a query asks for: distinct words, longest first, at most {@link MAX_QUERY_WORDS}. */
export function queryTerms(text: string): string[] {
  const distinct = [...new Set(wordsOf(text))];
  return distinct
    .map((w, i) => ({ w, i }))
    .sort((a, b) => b.w.length - a.w.length || a.i - b.i)
    .slice(0, MAX_QUERY_WORDS)
    .map(({ w }) => w);
}

/** A criterion's name as the library filters on it: its words joined by one space. */
export function criterionKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .join(' ');
}
