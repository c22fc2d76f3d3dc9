/**
 * Teamloop's xAPI Profile (xAPI Profiles 1.0, JSON-LD): the verbs, activity types and extensions
 * we mint, with their relation to registered concepts. Served at `<PUBLIC_URL>/xapi/profile`
 * (and its version IRI); statements name the version IRI in `contextActivities.category`.
 */
import {
  OWN_ACTIVITY_TYPES,
  OWN_EXTENSIONS,
  OWN_VERBS,
  PROFILE_VERSION,
  ownIris,
  type OwnConceptDef,
} from './vocabulary.js';

/** When this profile version was generated; bump with PROFILE_VERSION. */
const GENERATED_AT = '2026-11-28T00:00:00Z';

type Concept = Record<string, unknown>;

function concept(type: string, id: string, scheme: string, def: OwnConceptDef): Concept {
  return {
    id,
    type,
    inScheme: scheme,
    prefLabel: { en: def.prefLabel },
    definition: { en: def.definition },
    ...(def.relatedMatch === undefined ? {} : { relatedMatch: [...def.relatedMatch] }),
    ...(def.broadMatch === undefined ? {} : { broadMatch: [...def.broadMatch] }),
  };
}

export function buildProfile(toolUrl: string): Record<string, unknown> {
  const iris = ownIris(toolUrl);
  const scheme = iris.profileVersion;
  const extensionTypes: Record<string, string> = {
    lti: 'ContextExtension',
    phase: 'ContextExtension',
  };
  return {
    '@context': 'https://w3id.org/xapi/profiles/context',
    id: iris.profile,
    type: 'Profile',
    conformsTo: 'https://w3id.org/xapi/profiles#1.0',
    prefLabel: { en: 'Teamloop' },
    definition: {
      en: 'Vocabulary for team learning in short cycles: team-agreed standards, peer review against them, individual and team reflection, and a shared library of stories. Teamloop reuses registered verbs and activity types where they fit; this profile lists only the concepts it mints.',
    },
    versions: [{ id: scheme, generatedAtTime: GENERATED_AT }],
    author: { type: 'Organization', name: 'Teamloop' },
    concepts: [
      ...Object.entries(OWN_VERBS).map(([key, def]) =>
        concept('Verb', iris.verb(key as keyof typeof OWN_VERBS), scheme, def),
      ),
      ...Object.entries(OWN_ACTIVITY_TYPES).map(([key, def]) =>
        concept('ActivityType', iris.activityType(key as keyof typeof OWN_ACTIVITY_TYPES), scheme, def),
      ),
      ...Object.entries(OWN_EXTENSIONS).map(([key, def]) =>
        concept(
          extensionTypes[key] ?? 'ResultExtension',
          iris.extension(key as keyof typeof OWN_EXTENSIONS),
          scheme,
          def,
        ),
      ),
    ],
  };
}

export { PROFILE_VERSION };
