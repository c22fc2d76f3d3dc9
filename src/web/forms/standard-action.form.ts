/** Forms that carry only what the person saw: agreeing and approving name the content revision. */
import { z } from 'zod';
import { revisionField } from './form-fields.js';

export const contentRevisionForm = z.object({ contentRevision: revisionField });
