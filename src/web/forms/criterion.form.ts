/**
 * Proposing or editing a criterion: name, description and up to six level rows (label and
 * descriptor, lowest first). Rows left entirely empty are dropped, so a form can offer six rows
 * and a team use three of them.
 */
import { z } from 'zod';
import type { CriterionContent } from '../../domain/standard/criterion.js';
import { idField, listField, revisionField, textField } from './form-fields.js';

/** Level rows a criterion form shows (the domain allows 2–6). */
export const LEVEL_ROWS = 6;

const criterionFields = {
  name: textField(2_000),
  description: textField(20_000),
  levelLabel: listField(textField(2_000), LEVEL_ROWS),
  levelDescriptor: listField(textField(20_000), LEVEL_ROWS),
};

function toContent(form: {
  name: string;
  description: string;
  levelLabel: string[];
  levelDescriptor: string[];
}): CriterionContent {
  const levels = form.levelLabel
    .map((label, i) => ({ label, descriptor: form.levelDescriptor[i] ?? '' }))
    .filter((level) => level.label.trim() !== '' || level.descriptor.trim() !== '');
  return { name: form.name, description: form.description, levels };
}

const sameRowCount = (form: { levelLabel: string[]; levelDescriptor: string[] }): boolean =>
  form.levelLabel.length === form.levelDescriptor.length;

export const proposeCriterionForm = z
  .object(criterionFields)
  .refine(sameRowCount)
  .transform((form) => ({ content: toContent(form) }));

export const editCriterionForm = z
  .object({ ...criterionFields, baseRevision: revisionField })
  .refine(sameRowCount)
  .transform((form) => ({ baseRevision: form.baseRevision, content: toContent(form) }));

export const criterionParams = z.object({ criterionId: idField });
