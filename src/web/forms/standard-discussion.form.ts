/** Comments (on the standard, on a criterion, or a reply) and objections (with a reason). */
import { z } from 'zod';
import { idField, optionalIdField, textField } from './form-fields.js';

export const commentForm = z.object({
  body: textField(40_000),
  criterionId: optionalIdField,
  replyTo: optionalIdField,
});

export const objectionForm = z.object({
  reason: textField(10_000),
  criterionId: optionalIdField,
});

export const objectionParams = z.object({ objectionId: idField });
