/**
 * What a urlencoded form posts, as zod sees it: every field a short string (repeated fields,
 * e.g. checkboxes, an array of them). Anything else — nested objects, huge values, too many
 * fields — is refused before a route looks at it.
 */
import { z } from 'zod';

export const MAX_FIELD_LENGTH = 50_000;
const MAX_FIELDS = 1000;

const fieldValue = z.union([
  z.string().max(MAX_FIELD_LENGTH),
  z.array(z.string().max(MAX_FIELD_LENGTH)).max(200),
]);

export const formBody = z
  .record(z.string().max(200), fieldValue)
  .refine((body) => Object.keys(body).length <= MAX_FIELDS);

export type FormBody = z.infer<typeof formBody>;

/** The single value of a field ('' when absent; the last one when repeated). */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? (value.at(-1) ?? '') : value;
}

/** Every value of a repeated field. */
export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A whole number in `field`, or undefined when it is not one. */
export function wholeNumber(body: FormBody, name: string): number | undefined {
  const text = field(body, name).trim();
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** Ids in URLs and forms: what `newId()` makes (UUIDs) and similar, nothing else. */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
