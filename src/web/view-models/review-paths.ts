/** The peer-review pages' paths, under the task: `/lti/app/tasks/:taskId/review/...`. */
const base = (taskId: string) => `/lti/app/tasks/${encodeURIComponent(taskId)}/review`;

export const REVIEW_ROUTES = {
  submission: '/lti/app/tasks/:taskId/review/submission',
  upload: '/lti/app/tasks/:taskId/review/submission/files',
  mine: '/lti/app/tasks/:taskId/review/mine',
  takeNext: '/lti/app/tasks/:taskId/review/mine/next',
  self: '/lti/app/tasks/:taskId/review/mine/self',
  review: '/lti/app/tasks/:taskId/review/reviews/:reviewId',
  feedback: '/lti/app/tasks/:taskId/review/feedback',
  contribution: '/lti/app/tasks/:taskId/review/contribution',
  rate: '/lti/app/tasks/:taskId/review/feedback/:reviewId/rating',
  dashboard: '/lti/app/tasks/:taskId/review',
  settings: '/lti/app/tasks/:taskId/review/settings',
  allocate: '/lti/app/tasks/:taskId/review/allocate',
  assign: '/lti/app/tasks/:taskId/review/assign',
  unassign: '/lti/app/tasks/:taskId/review/reviews/:reviewId/unassign',
  override: '/lti/app/tasks/:taskId/review/grades/:userId/override',
  release: '/lti/app/tasks/:taskId/review/grades/release',
  compute: '/lti/app/tasks/:taskId/review/grades/compute',
  submissionFeedback: '/lti/app/tasks/:taskId/review/submissions/:submissionId/feedback',
} as const;

export const REVIEW_PATHS = {
  task: (taskId: string) => `/lti/app/tasks/${encodeURIComponent(taskId)}`,
  submission: (taskId: string) => `${base(taskId)}/submission`,
  upload: (taskId: string) => `${base(taskId)}/submission/files`,
  mine: (taskId: string) => `${base(taskId)}/mine`,
  takeNext: (taskId: string) => `${base(taskId)}/mine/next`,
  self: (taskId: string) => `${base(taskId)}/mine/self`,
  review: (taskId: string, reviewId: string) => `${base(taskId)}/reviews/${encodeURIComponent(reviewId)}`,
  feedback: (taskId: string) => `${base(taskId)}/feedback`,
  contribution: (taskId: string) => `${base(taskId)}/contribution`,
  rate: (taskId: string, reviewId: string) =>
    `${base(taskId)}/feedback/${encodeURIComponent(reviewId)}/rating`,
  dashboard: (taskId: string) => base(taskId),
  settings: (taskId: string) => `${base(taskId)}/settings`,
  allocate: (taskId: string) => `${base(taskId)}/allocate`,
  assign: (taskId: string) => `${base(taskId)}/assign`,
  unassign: (taskId: string, reviewId: string) =>
    `${base(taskId)}/reviews/${encodeURIComponent(reviewId)}/unassign`,
  override: (taskId: string, userId: string) =>
    `${base(taskId)}/grades/${encodeURIComponent(userId)}/override`,
  release: (taskId: string) => `${base(taskId)}/grades/release`,
  compute: (taskId: string) => `${base(taskId)}/grades/compute`,
  submissionFeedback: (taskId: string, submissionId: string) =>
    `${base(taskId)}/submissions/${encodeURIComponent(submissionId)}/feedback`,
  file: (taskId: string, submissionId: string, fileId: string) =>
    `/lti/app/tasks/${encodeURIComponent(taskId)}/submissions/${encodeURIComponent(submissionId)}/files/${encodeURIComponent(fileId)}`,
} as const;

/** Links to the peer-review pages for the task page and the learner home. */
export function reviewLinks(taskId: string, role: 'facilitator' | 'learner') {
  return role === 'facilitator'
    ? { dashboardPath: REVIEW_PATHS.dashboard(taskId), settingsPath: REVIEW_PATHS.settings(taskId) }
    : {
        submissionPath: REVIEW_PATHS.submission(taskId),
        reviewsPath: REVIEW_PATHS.mine(taskId),
        feedbackPath: REVIEW_PATHS.feedback(taskId),
      };
}
