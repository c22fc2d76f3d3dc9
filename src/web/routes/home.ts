import { Router } from 'express';

/** Where an administrator finds the registration steps for Moodle and Canvas. */
export const LTI_SETUP_DOC = 'lti-config/README.md';

/** The public home page: what Teamloop is, how to start, where the health endpoints are. */
export function createHomeRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('pages/home', {
      titleKey: 'app.tagline',
      setupDoc: LTI_SETUP_DOC,
      liveUrl: '/health/live',
      readyUrl: '/health/ready',
    });
  });
  return router;
}
