/**
 * A member's 100 points: one row per criterion they saw, with the criterion's revision (the
 * basis: a criterion changed since is reported, never silently weighed). A blank row counts as
 * 0; anything not a whole number reaches the domain as NaN and is explained there.
 */
import { z } from 'zod';
import { idField, listField, revisionField } from './form-fields.js';

const MAX_ROWS = 50;

export const weightingForm = z
  .object({
    criterion: listField(idField, MAX_ROWS),
    basis: listField(revisionField, MAX_ROWS),
    points: listField(z.string().max(20), MAX_ROWS),
  })
  .refine((f) => f.criterion.length === f.basis.length && f.criterion.length === f.points.length)
  .transform((f) => ({
    rows: f.criterion.map((criterionId, i) => ({
      criterionId,
      revision: f.basis[i] as number,
      raw: f.points[i] as string,
      points: pointsOf(f.points[i] as string),
    })),
  }));

function pointsOf(raw: string): number {
  const text = raw.trim();
  if (text === '') return 0;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
