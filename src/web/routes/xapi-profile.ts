/**
 * Our xAPI Profile at stable IRIs under PUBLIC_URL: `/xapi/profile` and its version IRI
 * `/xapi/profile/v<version>` serve the JSON-LD document; every concept IRI we mint
 * (`/xapi/verbs/<name>`, `/xapi/activity-types/<name>`, `/xapi/extensions/<name>`) resolves to
 * its concept, so an L&D analyst who follows an IRI in the LRS finds its definition.
 */
import { Router } from 'express';
import { buildProfile } from '../../xapi/profile.js';
import { PROFILE_VERSION, ownIris } from '../../xapi/vocabulary.js';

const JSON_LD = 'application/ld+json; charset=utf-8';

export function createXapiProfileRouter(options: { readonly publicUrl: string }): Router {
  const router = Router();
  const profile = buildProfile(options.publicUrl);
  const iris = ownIris(options.publicUrl);
  const body = JSON.stringify(profile, null, 2);
  const concepts = new Map(
    (profile['concepts'] as Array<{ id: string }>).map((c) => [
      new URL(c.id).pathname,
      JSON.stringify(c, null, 2),
    ]),
  );
  const send = (res: import('express').Response, text: string): void => {
    res.status(200).type(JSON_LD).set('Cache-Control', 'public, max-age=3600').send(text);
  };

  router.get(['/xapi/profile', `/xapi/profile/v${PROFILE_VERSION}`], (_req, res) => send(res, body));
  router.get(
    ['/xapi/verbs/:name', '/xapi/activity-types/:name', '/xapi/extensions/:name'],
    (req, res, next) => {
      const concept = concepts.get(req.path);
      if (concept === undefined) return next();
      res.set('Link', `<${iris.profile}>; rel="profile"`);
      return send(res, concept);
    },
  );
  return router;
}
