/**
 * LTI roles → what a person may do in Teamloop. Platforms send full LIS role URIs
 * (`http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor`, sub-roles such as
 * `…/membership/Instructor#TeachingAssistant`, institution and system roles) and some send short
 * names (`Instructor`, `Learner`). Instructor-like roles make a facilitator; Learner makes a
 * learner; the L&D viewer role is whatever the operator configured (`LTI_VIEWER_ROLES`).
 */

export type CourseRole = 'facilitator' | 'learner' | 'viewer';

/** Short role names that make someone a facilitator of the course. */
const FACILITATOR_NAMES = new Set([
  'Instructor',
  'TeachingAssistant',
  'ContentDeveloper',
  'Administrator',
  'Mentor',
]);
const LEARNER_NAMES = new Set(['Learner', 'Student']);

/** Roles that count as facilitator only at course (membership) level or as system/institution admin. */
const LIS_PREFIXES = [
  'http://purl.imsglobal.org/vocab/lis/v2/membership#',
  'http://purl.imsglobal.org/vocab/lis/v2/membership/',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#',
];

/**
 * The short name of a role: `Instructor` for the full membership URI, `TeachingAssistant` for the
 * sub-role URI `…/membership/Instructor#TeachingAssistant`, the input itself for short names.
 * Unknown vocabularies return undefined.
 */
export function shortRoleName(role: string): string | undefined {
  const value = role.trim();
  if (/^[A-Za-z]+$/.test(value)) return value;
  for (const prefix of LIS_PREFIXES) {
    if (value.startsWith(prefix)) {
      const rest = value.slice(prefix.length);
      // Sub-role: `Instructor#TeachingAssistant` → the sub-role decides.
      const hash = rest.lastIndexOf('#');
      const name = hash === -1 ? rest : rest.slice(hash + 1);
      return /^[A-Za-z]+$/.test(name) ? name : undefined;
    }
  }
  return undefined;
}

export interface RoleMappingOptions {
  /** Role names or URIs (compared as given and by short name) that make an L&D viewer. */
  readonly viewerRoles: readonly string[];
}

/**
 * The Teamloop course roles for a set of LTI roles, strongest first (facilitator, learner, viewer).
 * Empty when none applies (e.g. only `Guest`): such a person cannot use the tool in this course.
 */
export function mapLtiRoles(roles: readonly string[], options: RoleMappingOptions): readonly CourseRole[] {
  const names = new Set<string>();
  for (const role of roles) {
    const name = shortRoleName(role);
    if (name !== undefined) names.add(name);
  }
  const viewerNames = new Set(options.viewerRoles.map((r) => shortRoleName(r) ?? r));
  const result: CourseRole[] = [];
  if ([...names].some((n) => FACILITATOR_NAMES.has(n))) result.push('facilitator');
  if ([...names].some((n) => LEARNER_NAMES.has(n))) result.push('learner');
  if (roles.some((r) => options.viewerRoles.includes(r)) || [...names].some((n) => viewerNames.has(n))) {
    result.push('viewer');
  }
  return result;
}

/** The role that decides where the person lands after launch. */
export function primaryRole(roles: readonly CourseRole[]): CourseRole | undefined {
  return roles[0];
}
