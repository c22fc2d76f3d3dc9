import { Router } from 'express';

/**
 * A router to hand to the web app before its real routes exist, e.g. the demo platform, which
 * needs the server's URL and so can only be created once the server listens. Until `bind` is
 * called requests pass through.
 */
export function lateBoundRouter(mountPath: string): { router: Router; bind(inner: Router): void } {
  const state: { inner?: Router } = {};
  const router = Router();
  router.use(mountPath, (req, res, next) => (state.inner ? state.inner(req, res, next) : next()));
  return {
    router,
    bind(inner) {
      state.inner = inner;
    },
  };
}
