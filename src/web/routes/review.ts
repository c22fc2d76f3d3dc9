/**
 * Peer review pages under `/lti/app/tasks/:taskId/review/...` (learners: submission, my reviews,
 * review form, feedback; facilitators: dashboard, settings and their actions). Mounted inside
 * the LTI chain, after the course actor is resolved.
 */
import { Router } from 'express';
import { addContributionRoutes } from './review/contribution-routes.js';
import { addFacilitatorReviewRoutes } from './review/facilitator-routes.js';
import { addLearnerReviewRoutes, type ReviewRouteDeps } from './review/learner-routes.js';

export function createReviewRouter(deps: ReviewRouteDeps): Router {
  const router = Router();
  // Facilitator routes first: `/review` and `/review/settings` are theirs.
  addFacilitatorReviewRoutes(router, deps);
  addLearnerReviewRoutes(router, deps);
  addContributionRoutes(router, deps);
  return router;
}
