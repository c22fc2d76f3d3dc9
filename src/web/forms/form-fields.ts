/**
 * Building blocks of the zod form schemas. Forms arrive as `application/x-www-form-urlencoded`
 * parsed without nesting (ltijs's body parser): a field sent once is a string, a field sent
 * several times an array of strings. Anything else (objects, JSON bodies of the wrong shape) is
 * refused by the schemas, which the routes turn into 400 before anything changes.
 *
 * The schemas check shape and hard size caps only; the rules people must see explained (names
 * too long, too few levels, points not adding up) are the domain's, reported with messages.
 */
import { z } from 'zod';

/** Ids in paths and forms: what `newId()` makes (UUIDs), never anything with path or query syntax. */
export const idField = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** A revision counter posted back by a form. */
export const revisionField = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** Free text with a cap far above every domain limit (the domain explains its own limits). */
export const textField = (cap: number) => z.string().max(cap);

/** A field that may be sent once (string) or several times (array); always an array after parsing. */
export const listField = <T extends z.ZodTypeAny>(item: T, maxItems: number) =>
  z.union([item.transform((v: z.infer<T>) => [v]), z.array(item).max(maxItems)]);

/** An optional id where an empty value (an unselected `<select>`) means none. */
export const optionalIdField = z
  .union([z.literal(''), idField])
  .optional()
  .transform((v) => (v === '' || v === undefined ? undefined : v));

/** Path parameters of every standard route. */
export const standardParams = z.object({ taskId: idField, teamId: idField });
