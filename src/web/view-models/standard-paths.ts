/** The URLs of a team's standard page and of its actions (all POST back to 303 → the page). */

export const STANDARD_ROUTE = '/lti/app/tasks/:taskId/teams/:teamId/standard';

export function standardPath(taskId: string, teamId: string): string {
  return `/lti/app/tasks/${encodeURIComponent(taskId)}/teams/${encodeURIComponent(teamId)}/standard`;
}

export function standardPaths(taskId: string, teamId: string) {
  const base = standardPath(taskId, teamId);
  return {
    page: base,
    task: `/lti/app/tasks/${encodeURIComponent(taskId)}`,
    myTeams: '/lti/app/my-teams',
    course: '/lti/app/course',
    criteria: `${base}/criteria`,
    comments: `${base}/comments`,
    objections: `${base}/objections`,
    weights: `${base}/weights`,
    agreement: `${base}/agreement`,
    withdrawAgreement: `${base}/agreement/withdraw`,
    ratify: `${base}/ratify`,
    amendment: `${base}/amendment`,
    approve: `${base}/approve`,
    lock: `${base}/lock`,
    unlock: `${base}/unlock`,
  };
}

export type StandardPaths = ReturnType<typeof standardPaths>;

/** Paths of the actions on one criterion or objection. */
export function criterionPath(taskId: string, teamId: string, criterionId: string): string {
  return `${standardPath(taskId, teamId)}/criteria/${encodeURIComponent(criterionId)}`;
}
