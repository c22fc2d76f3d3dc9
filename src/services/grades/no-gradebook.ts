/**
 * A `GradebookPort` that queues nothing (`queued: 0`), as for a task without a graded placement.
 * `compose.ts` uses it until the AGS adapter (`createGradebook`, LTI Advantage branch) is wired
 * in its place; releasing grades then records "no graded placement" for every learner.
 */
import type { GradebookPort } from '../shared/gradebook.js';

export const noGradebook: GradebookPort = {
  publish: async () => ({ queued: 0 }),
};
